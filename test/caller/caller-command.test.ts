import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import { loadInstallationId } from '../../src/db/installation.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'

const account = { authId: 'MACALLERCOMMAND00001', authToken: 'caller-command-token' }
const md5 = (text: string) => createHash('md5').update(text).digest('hex')

for (const backend of testBackends()) {
  describe(`aircall caller (${backend})`, () => {
    let test: TestDatabase
    let sandbox: Sandbox
    let env: Record<string, string>
    const aircall = (...args: string[]) => runCli(['caller', ...args], { env })
    const storedCaller = () => test.knex('test_callers').first()

    before(async () => {
      test = await createTestDatabase(backend)
      sandbox = await startSandbox(account)
      env = {
        ...test.env,
        PLIVO_AUTH_ID: account.authId,
        PLIVO_AUTH_TOKEN: account.authToken,
        PLIVO_API_URL: sandbox.url,
      }
    })
    after(async () => {
      await sandbox.close()
      await test.destroy()
    })
    beforeEach(async () => {
      await test.reset({ seed: true })
      for (const endpoint of sandbox.store.listEndpoints()) {
        sandbox.store.deleteEndpoint(endpoint.endpointId)
      }
    })

    it('creates an endpoint outside the Application and prints what a softphone needs', async () => {
      const result = await aircall('create')

      assert.equal(result.code, 0, result.stderr)
      const [endpoint] = sandbox.store.listEndpoints()
      const caller = await storedCaller()
      assert.equal(
        endpoint.alias,
        `aircall-${await loadInstallationId(test.knex)}-caller-${caller.id}`,
      )
      assert.match(endpoint.username, /^caller\d+testcaller\d{12}$/)
      assert.equal(endpoint.appId, null)
      assert.equal(endpoint.passwordMd5, md5(caller.sip_password))
      assert.deepEqual(
        [caller.name, caller.plivo_endpoint_id, caller.plivo_username, caller.sip_uri],
        [
          'Test caller',
          endpoint.endpointId,
          endpoint.username,
          `sip:${endpoint.username}@phone.plivo.com`,
        ],
      )
      assert.equal(
        result.stdout,
        [
          'SIP credentials of the test caller "Test caller":',
          `  SIP URI   sip:${endpoint.username}@phone.plivo.com`,
          `  Username  ${endpoint.username}`,
          `  Password  ${caller.sip_password}`,
          '  Domain    phone.plivo.com',
          '',
        ].join('\n'),
      )
      assert.equal(
        result.stderr,
        "Register a softphone with these, then call a line's SIP URI (`aircall lines list`).\n",
      )
    })

    it('shows the caller it has instead of making a second one', async () => {
      await aircall('create', '--name', 'Front desk rehearsal')
      const before = sandbox.store.listEndpoints()

      const again = await aircall('create', '--name', 'Another')

      assert.equal(again.code, 0, again.stderr)
      assert.deepEqual(sandbox.store.listEndpoints(), before)
      assert.equal(await test.knex('test_callers').count('* as n').first().then(count), 1)
      assert.match(
        again.stderr,
        /^A test caller already exists \("Front desk rehearsal"\); `aircall caller remove` first to make another\.\n/,
      )
      assert.match(
        again.stdout,
        /^SIP credentials of the test caller "Front desk rehearsal":/,
      )
      const { sip_password } = await storedCaller()
      assert.equal(again.stdout.includes(sip_password), false)
      assert.match(
        again.stdout,
        /\n {2}Password {2}\(not shown again: `aircall caller show` prints it\)\n/,
      )
      const asked = await aircall('create', '--show-password')
      assert.match(asked.stdout, new RegExp(`\\n {2}Password {2}${sip_password}\\n`))
    })

    it('keeps the password out of --json unless --show-password asks', async () => {
      const quiet = await aircall('create', '--json')
      const caller = await storedCaller()
      const loud = await aircall('show', '--json', '--show-password')

      assert.equal(quiet.code, 0, quiet.stderr)
      assert.deepEqual(JSON.parse(quiet.stdout), {
        name: 'Test caller',
        endpointId: caller.plivo_endpoint_id,
        sipUri: caller.sip_uri,
        username: caller.plivo_username,
        domain: 'phone.plivo.com',
        created: true,
      })
      assert.ok(!quiet.stdout.includes(caller.sip_password))
      assert.equal(quiet.stderr, '')
      assert.equal(JSON.parse(loud.stdout).password, caller.sip_password)
      const shown = JSON.parse((await aircall('show', '--json')).stdout)
      assert.equal('password' in shown, false)
    })

    it('shows the credentials again from the database, with no Plivo settings', async () => {
      const created = await aircall('create')

      const shown = await runCli(['caller', 'show'], { env: test.env })

      assert.equal(shown.code, 0, shown.stderr)
      assert.equal(shown.stdout, created.stdout)
      assert.equal(shown.stderr, '')
    })

    it('adopts the endpoint of a create whose answer never came back', async () => {
      // The state a crash leaves: the row and its password stored, Plivo's endpoint
      // made under the row's alias, nothing recorded.
      const [{ id }] = await test
        .knex('test_callers')
        .insert({ name: 'Test caller', sip_password: 'StoredBeforeTheCreate1' })
        .returning('id')
      const made = sandbox.store.createEndpoint({
        username: `caller${id}testcaller`,
        password: 'StoredBeforeTheCreate1',
        alias: `aircall-${await loadInstallationId(test.knex)}-caller-${id}`,
      })

      const result = await aircall('create')

      assert.equal(result.code, 0, result.stderr)
      assert.deepEqual(
        sandbox.store.listEndpoints().map((each) => each.endpointId),
        [made.endpointId],
      )
      const caller = await storedCaller()
      assert.equal(caller.plivo_endpoint_id, made.endpointId)
      assert.equal(caller.sip_uri, `sip:${made.username}@phone.plivo.com`)
      assert.match(result.stdout, /Password {2}StoredBeforeTheCreate1\n/)
    })

    it('makes a new endpoint when Plivo no longer has the recorded one', async () => {
      await aircall('create')
      const gone = (await storedCaller()).plivo_endpoint_id
      sandbox.store.deleteEndpoint(gone)

      const result = await aircall('create')

      assert.equal(result.code, 0, result.stderr)
      const [endpoint] = sandbox.store.listEndpoints()
      assert.notEqual(endpoint.endpointId, gone)
      assert.equal((await storedCaller()).plivo_endpoint_id, endpoint.endpointId)
      assert.equal(result.stderr.includes('already exists'), false)
    })

    it('says in one line that Plivo refused the credentials, and stores nothing', async () => {
      const result = await runCli(['caller', 'create'], {
        env: { ...env, PLIVO_AUTH_TOKEN: 'wrong-token' },
      })

      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        `error: Plivo refused the credentials of account ${account.authId} — check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN\n`,
      )
      assert.equal(await storedCaller(), undefined)
    })

    it('refuses a name with control characters, and stores nothing', async () => {
      const result = await runCli(['caller', 'create', '--name', 'T\u001bX'], { env })

      assert.equal(result.code, 1)
      assert.match(result.stderr, /^error: a caller name cannot contain control characters/)
      assert.equal(await storedCaller(), undefined)
    })

    it('names a missing variable when it cannot ask for it', async () => {
      const result = await runCli(['caller', 'create'], {
        env: { ...env, PLIVO_AUTH_ID: '' },
      })

      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        'error: PLIVO_AUTH_ID is not set — set it in the environment or in .env (see .env.example)\n',
      )
    })

    it('removes the endpoint in Plivo, then the caller here', async () => {
      await aircall('create')
      const caller = await storedCaller()

      const result = await aircall('remove')

      assert.equal(result.code, 0, result.stderr)
      assert.equal(
        result.stdout,
        `Removed the test caller "Test caller" and its Plivo endpoint ${caller.plivo_endpoint_id}.\n`,
      )
      assert.deepEqual(sandbox.store.listEndpoints(), [])
      assert.equal(await storedCaller(), undefined)

      const again = await aircall('remove')
      assert.equal(again.code, 1)
      assert.equal(
        again.stderr,
        'error: there is no test caller — run `aircall caller create` to make one\n',
      )
    })

    it('never adopts the caller of another database on the same account', async () => {
      assert.equal((await aircall('create')).code, 0)
      const first = await storedCaller()
      const other = await createTestDatabase(backend)
      try {
        const second = await runCli(['caller', 'create'], {
          env: { ...env, ...other.env },
        })

        assert.equal(second.code, 0, second.stderr)
        const endpoints = sandbox.store.listEndpoints()
        assert.equal(endpoints.length, 2)
        const theirs = sandbox.store.getEndpoint(first.plivo_endpoint_id)
        assert.equal(theirs?.passwordMd5, md5(first.sip_password))
        const made = await other.knex('test_callers').first()
        assert.notEqual(made.plivo_endpoint_id, first.plivo_endpoint_id)
      } finally {
        await other.destroy()
      }
    })

    it('removes a half-made caller, finding its endpoint by alias', async () => {
      const [{ id }] = await test
        .knex('test_callers')
        .insert({ name: 'Test caller', sip_password: 'StoredBeforeTheCreate1' })
        .returning('id')
      sandbox.store.createEndpoint({
        username: 'callerleftover',
        password: 'StoredBeforeTheCreate1',
        alias: `aircall-${await loadInstallationId(test.knex)}-caller-${id}`,
      })
      const foreign = sandbox.store.createEndpoint({
        username: 'frontdesk',
        password: 'secret',
        alias: 'front-desk',
      })

      const result = await aircall('remove')

      assert.equal(result.code, 0, result.stderr)
      assert.equal(result.stdout, 'Removed the test caller "Test caller".\n')
      assert.deepEqual(sandbox.store.listEndpoints(), [foreign])
      assert.equal(await storedCaller(), undefined)
    })

    it('removes the caller when its endpoint is already gone from Plivo', async () => {
      await aircall('create')
      sandbox.store.deleteEndpoint((await storedCaller()).plivo_endpoint_id)

      const result = await aircall('remove')

      assert.equal(result.code, 0, result.stderr)
      assert.equal(await storedCaller(), undefined)
    })

    it('says how to get a caller when there is none, or one was never finished', async () => {
      const none = await aircall('show')
      assert.equal(none.code, 1)
      assert.equal(
        none.stderr,
        'error: there is no test caller — run `aircall caller create` to make one\n',
      )

      await test
        .knex('test_callers')
        .insert({ name: 'Test caller', sip_password: 'StoredBeforeTheCreate1' })
      const unfinished = await aircall('show')
      assert.equal(unfinished.code, 1)
      assert.equal(
        unfinished.stderr,
        'error: the test caller was not finished: Plivo never confirmed it — run `aircall caller create` again to finish it\n',
      )
    })

    it('keeps to one caller in the database itself', async () => {
      await test.knex('test_callers').insert({ name: 'One', sip_password: 'Password1' })

      await assert.rejects(
        test.knex('test_callers').insert({ name: 'Two', sip_password: 'Password2' }),
        { code: '23505' },
      )
    })
  })
}

function count(row: { n?: string | number } | undefined): number {
  return Number(row?.n)
}
