import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PassThrough } from 'node:stream'
import { after, before, beforeEach, describe, it } from 'node:test'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import { main } from '../../src/cli/main.ts'
import { loadInstallationId } from '../../src/db/installation.ts'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { type Terminal, fakeTerminal } from '../support/terminal.ts'

const account = { authId: 'MAPROVISIONCLI000001', authToken: 'provision-cli-token' }
const PUBLIC_URL = 'https://calls.example.com'

for (const backend of testBackends()) {
  describe(`aircall provision (${backend})`, () => {
    let test: TestDatabase
    let sandbox: Sandbox
    let env: Record<string, string>
    const aircall = (...args: string[]) => runCli(args, { env })

    before(async () => {
      test = await createTestDatabase(backend)
      sandbox = await startSandbox(account)
      env = {
        ...test.env,
        PLIVO_AUTH_ID: account.authId,
        PLIVO_AUTH_TOKEN: account.authToken,
        PLIVO_API_URL: sandbox.url,
        PUBLIC_URL,
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
      for (const app of sandbox.store.listApplications()) {
        sandbox.store.deleteApplication(app.appId, { cascade: true })
      }
    })

    const rows = () =>
      test.knex
        .select('plivo_endpoint_id', 'plivo_username', 'sip_uri', 'sip_password')
        .from(
          test
            .knex('lines')
            .select('plivo_endpoint_id', 'plivo_username', 'sip_uri', 'sip_password')
            .unionAll(
              test
                .knex('apps')
                .select('plivo_endpoint_id', 'plivo_username', 'sip_uri', 'sip_password'),
            )
            .as('owners'),
        )

    it('creates the Application and one endpoint per line and app, and writes them back', async () => {
      const result = await aircall('provision', '--yes')

      assert.equal(result.code, 0, result.stderr)
      const [application] = sandbox.store.listApplications()
      assert.equal(application.answerUrl, `${PUBLIC_URL}/plivo/answer`)
      assert.equal(application.hangupUrl, `${PUBLIC_URL}/plivo/hangup`)
      assert.equal(application.fallbackAnswerUrl, `${PUBLIC_URL}/plivo/fallback`)

      const endpoints = sandbox.store.listEndpoints()
      assert.equal(endpoints.length, 8)
      for (const row of await rows()) {
        const endpoint = endpoints.find(
          (each) => each.endpointId === row.plivo_endpoint_id,
        )
        assert.ok(endpoint, `row points at ${row.plivo_endpoint_id}`)
        assert.equal(row.plivo_username, endpoint.username)
        assert.equal(row.sip_uri, `sip:${endpoint.username}@phone.plivo.com`)
        assert.match(row.sip_password, /^[A-Za-z0-9]{24}$/)
      }
      const lines = await test.knex('lines').pluck('plivo_endpoint_id')
      for (const id of lines) {
        assert.equal(sandbox.store.getEndpoint(id)?.appId, application.appId)
      }
      assert.match(
        result.stdout,
        /Done in \d+\.\d s: Application created, 8 endpoint\(s\) created\.\n/,
      )
      // Not a terminal: the passwords would end up in a log.
      assert.match(
        result.stdout,
        /\n5 app\(s\) got a new SIP password, not printed here as this is no terminal: `aircall apps credentials <user\/label>` prints one \(or pass --show-passwords\)\.\n$/,
      )
      for (const row of await rows()) {
        assert.equal(result.stdout.includes(row.sip_password), false)
      }
      // A pipe gets one plain line per step, in the order the steps finish.
      const steps = result.stderr.trimEnd().split('\n')
      assert.equal(steps.length, 8)
      assert.match(steps[0], /^done 1\/8: create the endpoint of (line|app) "/)
      assert.match(steps[7], /^done 8\/8: create the endpoint of (line|app) "/)
      assert.ok(
        steps.some((step) => step.endsWith('create the endpoint of app "Luke mobile"')),
      )
    })

    it('changes nothing on a second run, and says so', async () => {
      await aircall('provision', '--yes')
      const before = sandbox.store.listEndpoints()

      const again = await aircall('provision', '--yes')

      assert.equal(again.code, 0, again.stderr)
      assert.equal(
        again.stdout,
        'Nothing to change: Plivo matches the database (9 up to date).\n',
      )
      assert.deepEqual(sandbox.store.listEndpoints(), before)
    })

    it('prints the plan on a dry run and changes nothing anywhere', async () => {
      const result = await aircall('provision', '--dry-run')

      assert.equal(result.code, 0, result.stderr)
      const installation = await loadInstallationId(test.knex)
      assert.match(
        result.stdout,
        new RegExp(`^\\+ create the Application "aircall-${installation}"`),
      )
      assert.match(
        result.stdout,
        new RegExp(
          `\\+ create an endpoint for line "Sales" \\(alias aircall-${installation}-line-2-sales\\)`,
        ),
      )
      assert.match(result.stdout, /Dry run: nothing was changed\.\n$/)
      assert.equal(sandbox.store.listEndpoints().length, 0)
      assert.equal(sandbox.store.listApplications().length, 0)
      assert.deepEqual(
        (await rows()).filter((row) => row.plivo_endpoint_id || row.sip_password),
        [],
      )
    })

    it('gives a renamed app a new alias on the endpoint it already has', async () => {
      await aircall('provision', '--yes')
      const app = await test
        .knex('apps')
        .where({ label: 'desktop' })
        .orderBy('id')
        .first()
      await test.knex('apps').where({ id: app.id }).update({ label: 'laptop' })

      const result = await aircall('provision', '--yes', '--json')

      assert.equal(result.code, 0, result.stderr)
      const alias = `aircall-${await loadInstallationId(test.knex)}-app-${app.id}-jane-laptop`
      const output = JSON.parse(result.stdout)
      assert.deepEqual(output.plan.steps, [
        {
          action: 'update',
          kind: 'app',
          id: app.id,
          name: 'Jane laptop',
          endpointId: app.plivo_endpoint_id,
          alias,
        },
      ])
      assert.equal(sandbox.store.getEndpoint(app.plivo_endpoint_id)?.alias, alias)
      assert.equal(sandbox.store.listEndpoints().length, 8)
    })

    it('keeps the endpoints of a removed user until --prune, and never touches foreign ones', async () => {
      await aircall('provision', '--yes')
      const foreign = sandbox.store.createEndpoint({
        username: 'frontdesk',
        password: 'secret',
        alias: 'front-desk',
      })
      const luke = await test
        .knex('apps')
        .join('users', 'users.id', 'apps.user_id')
        .where('users.name', 'Luke')
        .first('apps.plivo_endpoint_id')
      await test.knex('users').where({ name: 'Luke' }).delete()

      const kept = await aircall('provision', '--yes')
      const pruned = await aircall('provision', '--prune', '--yes')

      assert.equal(kept.code, 0, kept.stderr)
      assert.match(
        kept.stdout,
        /! 1 endpoint\(s\) made for removed lines or apps stay in Plivo; --prune deletes them/,
      )
      assert.equal(pruned.code, 0, pruned.stderr)
      assert.match(
        pruned.stdout,
        new RegExp(
          `- delete endpoint ${luke.plivo_endpoint_id} \\(aircall-[0-9a-f]{8}-app-\\d+-luke-mobile\\), its row is gone`,
        ),
      )
      assert.equal(sandbox.store.getEndpoint(luke.plivo_endpoint_id), undefined)
      assert.ok(sandbox.store.getEndpoint(foreign.endpointId))
      assert.equal(sandbox.store.listEndpoints().length, 8)
    })

    it("never adopts, resets nor prunes another database's Application and endpoints", async () => {
      await aircall('provision', '--yes')
      const first = sandbox.store.listEndpoints()
      const [firstApplication] = sandbox.store.listApplications()
      const other = await createTestDatabase(backend)
      try {
        await other.reset({ seed: true })
        const secondEnv = { ...env, ...other.env }

        const second = await runCli(['provision', '--prune', '--yes'], { env: secondEnv })
        const again = await runCli(['provision', '--prune', '--yes'], { env: secondEnv })

        assert.equal(second.code, 0, second.stderr)
        assert.match(second.stdout, /^\+ create the Application "aircall-[0-9a-f]{8}"/)
        assert.doesNotMatch(second.stdout, /adopt|delete/)
        assert.match(
          second.stdout,
          /\n {2}8 aircall endpoint\(s\) of another installation \(another database\) left alone\n/,
        )
        assert.match(second.stdout, /Application created, 8 endpoint\(s\) created\./)
        assert.match(
          again.stdout,
          /^Nothing to change: Plivo matches the database \(9 up to date\)\./,
        )
        for (const endpoint of first) {
          assert.deepEqual(sandbox.store.getEndpoint(endpoint.endpointId), endpoint)
        }
        assert.deepEqual(
          sandbox.store.getApplication(firstApplication.appId),
          firstApplication,
        )
        assert.equal(sandbox.store.listEndpoints().length, 16)
        assert.equal(sandbox.store.listApplications().length, 2)
      } finally {
        await other.destroy()
      }
    })

    it('after db reset, makes new endpoints and leaves the old ones alone', async () => {
      await aircall('provision', '--yes')
      const old = sandbox.store.listEndpoints()

      const reset = await aircall('db', 'reset', '--yes', '--seed')
      const result = await aircall('provision', '--prune', '--yes')

      assert.equal(reset.code, 0, reset.stderr)
      assert.equal(result.code, 0, result.stderr)
      assert.doesNotMatch(result.stdout, /stopped early|adopt|delete/)
      assert.match(result.stdout, /Application created, 8 endpoint\(s\) created\./)
      for (const endpoint of old) {
        assert.deepEqual(sandbox.store.getEndpoint(endpoint.endpointId), endpoint)
      }
    })

    // The test caller of `aircall caller` is an endpoint this tool made for no line or app:
    // --prune must not take it for the endpoint of a removed one.
    it('never prunes the test caller, nor counts it among the endpoints of removed rows', async () => {
      await aircall('provision', '--yes')
      assert.equal((await aircall('caller', 'create')).code, 0)
      const caller = await test.knex('test_callers').first()
      await test.knex('users').where({ name: 'Luke' }).delete()

      const kept = await aircall('provision', '--yes')
      const pruned = await aircall('provision', '--prune', '--yes')
      const again = await aircall('provision', '--prune', '--yes')

      assert.match(kept.stdout, /! 1 endpoint\(s\) made for removed lines or apps stay/)
      assert.equal(pruned.code, 0, pruned.stderr)
      assert.equal(pruned.stdout.includes(caller.plivo_endpoint_id), false)
      assert.equal(
        sandbox.store.getEndpoint(caller.plivo_endpoint_id)?.alias,
        `aircall-${await loadInstallationId(test.knex)}-caller-${caller.id}`,
      )
      assert.equal(
        again.stdout,
        'Nothing to change: Plivo matches the database (8 up to date).\n',
      )
    })

    it('keeps SIP passwords out of --json unless --show-passwords asks', async () => {
      const quiet = JSON.parse((await aircall('provision', '--yes', '--json')).stdout)
      await test
        .knex('apps')
        .where({ label: 'mobile' })
        .orderBy('id')
        .first()
        .then((app) =>
          test.knex('apps').where({ id: app.id }).update({ sip_password: null }),
        )
      const loud = JSON.parse(
        (await aircall('provision', '--yes', '--json', '--show-passwords')).stdout,
      )

      assert.equal(quiet.result.credentials.length, 8)
      assert.equal(JSON.stringify(quiet).includes('password"'), false)
      const stored = await test
        .knex('apps')
        .where({ label: 'mobile' })
        .orderBy('id')
        .first()
      assert.deepEqual(
        loud.result.credentials.map((each: { password: string }) => each.password),
        [stored.sip_password],
      )
    })

    it("shows an app's SIP credentials on demand", async () => {
      await aircall('provision', '--yes')
      const app = await test
        .knex('apps')
        .join('users', 'users.id', 'apps.user_id')
        .where({ 'users.name': 'Jane', label: 'mobile' })
        .first('apps.*')

      const result = await aircall('apps', 'credentials', 'Jane/mobile')

      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, new RegExp(`SIP URI\\s+${app.sip_uri}`))
      assert.match(result.stdout, new RegExp(`Username\\s+${app.plivo_username}`))
      assert.match(result.stdout, new RegExp(`Password\\s+${app.sip_password}`))
    })

    it('asks for --yes when it cannot ask, and changes nothing', async () => {
      const result = await aircall('provision')

      assert.equal(result.code, 1)
      assert.match(
        result.stderr,
        /applying the plan needs a terminal to confirm — pass --yes/,
      )
      assert.equal(sandbox.store.listEndpoints().length, 0)
    })

    it('names a missing variable in one line when it cannot ask for it', async () => {
      const result = await runCli(['provision', '--yes'], {
        env: { ...env, PLIVO_AUTH_TOKEN: '' },
      })

      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        'error: PLIVO_AUTH_TOKEN is not set — set it in the environment or in .env (see .env.example)\n',
      )
    })

    it('refuses a PUBLIC_URL that is not an absolute http(s) URL', async () => {
      const result = await runCli(['provision', '--yes'], {
        env: { ...env, PUBLIC_URL: 'calls.example.com' },
      })

      assert.equal(result.code, 1)
      assert.match(
        result.stderr,
        /^error: PUBLIC_URL must be an absolute http\(s\) URL, not "calls.example.com"/,
      )
    })

    it('refuses a PUBLIC_URL with a path, query or fragment, and changes nothing', async () => {
      for (const publicUrl of [
        'https://calls.example.com/sub',
        'http://127.0.0.1:3000?x=1',
        'https://calls.example.com#top',
      ]) {
        const result = await runCli(['provision', '--yes'], {
          env: { ...env, PUBLIC_URL: publicUrl },
        })

        assert.equal(result.code, 1)
        assert.equal(
          result.stderr,
          `error: PUBLIC_URL must be the server's origin, with no path, query or fragment, not "${publicUrl}" — for example https://calls.example.com\n`,
        )
      }
      assert.equal(sandbox.store.listApplications().length, 0)
    })

    it('says in one line that Plivo refused wrong credentials, and writes nothing', async () => {
      const result = await runCli(['provision', '--yes'], {
        env: { ...env, PLIVO_AUTH_TOKEN: 'wrong-token' },
      })

      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        `error: Plivo refused the credentials of account ${account.authId} — check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN\n`,
      )
      assert.doesNotMatch(result.stderr + result.stdout, /wrong-token/)
      assert.equal(
        await test
          .knex('plivo_application')
          .count('* as n')
          .first()
          .then((row) => Number(row?.n)),
        0,
      )
    })

    it('stops a second run while another one holds the lock', async () => {
      await test
        .knex('provision_lock')
        .insert({ id: 1, holder: 'other', pid: process.pid, host: 'elsewhere' })
      try {
        const result = await aircall('provision', '--yes')

        assert.equal(result.code, 1)
        assert.match(
          result.stderr,
          new RegExp(
            `^error: another aircall provision is running \\(pid ${process.pid} on elsewhere, since \\d\\d:\\d\\d:\\d\\d UTC\\)`,
          ),
        )
        assert.equal(sandbox.store.listEndpoints().length, 0)
      } finally {
        await test.knex('provision_lock').delete()
      }
      assert.notEqual(hostname(), 'elsewhere')
    })

    function terminalWith(overrides: Record<string, string>): Terminal {
      const terminal = fakeTerminal({
        tty: true,
        env: { ...env, NO_COLOR: '1', ...overrides },
      })
      terminal.io.cwd = mkdtempSync(join(tmpdir(), 'aircall-provision-tty-'))
      return terminal
    }

    it('asks on a terminal for a missing token without echoing it, and saves it to .env', async () => {
      const terminal = terminalWith({ PLIVO_AUTH_TOKEN: '' })

      const running = main(['provision', '--dry-run'], terminal.io)
      await answer(terminal, '? Plivo Auth Token', `${account.authToken}\r`)
      await answer(terminal, '? Save these answers to .env?', 'y\r')

      assert.equal(await running, 0, terminal.stderr())
      assert.doesNotMatch(terminal.stdout(), new RegExp(account.authToken))
      assert.match(terminal.stdout(), /Dry run: nothing was changed\./)
      const envFile = join(terminal.io.cwd, '.env')
      assert.equal(
        readFileSync(envFile, 'utf8'),
        `PLIVO_AUTH_TOKEN=${account.authToken}\n`,
      )
      assert.equal(statSync(envFile).mode & 0o777, 0o600)
    })

    it('shows a progress bar on a terminal instead of one line per step', async () => {
      const terminal = terminalWith({})

      const code = await main(['provision', '--yes'], terminal.io)

      assert.equal(code, 0, terminal.stderr())
      assert.match(terminal.stderr(), /\r█{30} 8\/8 steps\n$/)
      assert.doesNotMatch(terminal.stderr(), /done 1\/8/)
    })

    it("prints apps' new passwords on a terminal, and never lines' ones", async () => {
      const terminal = terminalWith({})

      const code = await main(['provision', '--yes'], terminal.io)

      assert.equal(code, 0, terminal.stderr())
      const table = terminal.stdout().split('New SIP passwords (shown once')[1]
      const apps = await test.knex('apps').pluck('sip_password')
      const lines = await test.knex('lines').pluck('sip_password')
      for (const password of apps) assert.ok(table.includes(password))
      for (const password of lines) {
        assert.equal(terminal.stdout().includes(password), false)
      }
    })

    it('prints new passwords off a terminal only with --show-passwords', async () => {
      const result = await aircall('provision', '--yes', '--show-passwords')
      await test.knex('lines').where({ slug: 'sales' }).update({ sip_password: null })
      const json = JSON.parse(
        (await aircall('provision', '--yes', '--json', '--show-passwords')).stdout,
      )

      assert.equal(result.code, 0, result.stderr)
      for (const password of await test.knex('apps').pluck('sip_password')) {
        assert.ok(result.stdout.includes(password))
      }
      for (const password of await test.knex('lines').pluck('sip_password')) {
        assert.equal(result.stdout.includes(password), false)
      }
      assert.deepEqual(
        json.result.credentials.map((each: object) => Object.keys(each)),
        [['kind', 'id', 'name', 'endpointId', 'username']],
      )
    })

    it('changes nothing when the person at the terminal declines the plan', async () => {
      const terminal = terminalWith({})

      const running = main(['provision'], terminal.io)
      await answer(terminal, '? Apply these changes to Plivo?', 'n\r')

      assert.equal(await running, 1)
      assert.equal(
        terminal.stderr(),
        'error: nothing was changed — run again and answer yes, or pass --yes\n',
      )
      assert.equal(sandbox.store.listEndpoints().length, 0)
    })
  })
}

/**
 * Types an answer once the prompt's own question is on the screen and a prompt listens
 * for keys: inquirer attaches its keypress listener before it draws the question, and
 * keys typed while no prompt listens would be lost (and the test would wait forever).
 */
async function answer(terminal: Terminal, question: string, keys: string): Promise<void> {
  await printed(terminal, question)
  const stdin = terminal.io.stdin as PassThrough
  while (stdin.listenerCount('keypress') === 0) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  stdin.write(keys)
}

/** Resolves when the terminal's output contains `text`, checking on every write. */
function printed(terminal: Terminal, text: string): Promise<void> {
  const stream = terminal.io.stdout
  const write = stream.write
  return new Promise((resolve) => {
    const check = () => {
      if (!terminal.stdout().includes(text)) return
      stream.write = write
      resolve()
    }
    stream.write = ((...args: Parameters<typeof write>) => {
      const written = write.apply(stream, args)
      check()
      return written
    }) as typeof write
    check()
  })
}
