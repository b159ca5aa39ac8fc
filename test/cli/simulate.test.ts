import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { PlivoRestClient } from '../../src/plivo/rest-client.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import { startCallTestApp } from '../sandbox/call-test-app.ts'
import { runCli } from '../support/cli.ts'
import { type TestDatabase, createTestDatabase } from '../support/database.ts'

const authId = 'MASIMULATECLITEST001'
const authToken = 'SimulateCliToken00000000000000000000001'
const jane = 'sip:jane230101120000@phone.plivo.com'
const luke = 'sip:luke230101120000@phone.plivo.com'

// One embedded database is enough: the command only reads names and SIP URIs.
describe('aircall simulate call', () => {
  let test: TestDatabase
  let sandbox: Sandbox
  let server: Awaited<ReturnType<typeof startCallTestApp>>
  let lineUri: string
  const env = () => ({
    ...test.env,
    PLIVO_AUTH_ID: authId,
    PLIVO_AUTH_TOKEN: authToken,
    PLIVO_API_URL: sandbox.url,
  })
  const aircall = (...args: string[]) =>
    runCli(['simulate', 'call', ...args], { env: env() })

  before(async () => {
    test = await createTestDatabase('embedded')
    sandbox = await startSandbox({ authId, authToken })
    server = await startCallTestApp(authToken)

    const client = new PlivoRestClient({ apiUrl: sandbox.url, authId, authToken })
    const { appId } = await client.createApplication({
      appName: 'aircall',
      answerUrl: `${server.origin}/answer`,
      hangupUrl: `${server.origin}/hangup`,
      fallbackAnswerUrl: null,
    })
    const { endpointId } = await client.createEndpoint({
      username: 'sales',
      password: 'secret-password',
      alias: 'Sales',
      appId,
    })
    lineUri = String((await client.getEndpoint(endpointId)).sipUri)
  })
  after(async () => {
    await server.close()
    await sandbox.close()
    await test.destroy()
  })
  beforeEach(async () => {
    await test.reset({ seed: true })
    await test.knex('lines').where({ slug: 'sales' }).update({ sip_uri: lineUri })
    for (const [name, sipUri] of [
      ['Jane', jane],
      ['Luke', luke],
    ]) {
      const user = test.knex('users').select('id').where({ name })
      await test
        .knex('apps')
        .where({ label: 'mobile' })
        .whereIn('user_id', user)
        .update({ sip_uri: sipUri })
    }
    server.reset()
    server.on(
      '/answer',
      `<Response><Dial action="${server.origin}/action" timeout="20"><User>${jane}</User><User>${luke}</User></Dial></Response>`,
    )
    server.on(
      '/action',
      '<Response><Speak>Leave a message</Speak><Record maxLength="60"/></Response>',
    )
    server.on('/hangup', '')
  })

  it('finds the line’s Application through the sandbox and prints the call as it goes, naming the apps', async () => {
    const result = await aircall(
      '--line',
      'Sales',
      '--answer',
      'Jane/mobile',
      '--after',
      '4',
      '--instant',
    )

    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stderr, '')
    const answer = server.requestsTo('/answer')[0]
    assert.deepEqual(
      [answer.params.To, answer.params.From, answer.isSigned],
      [lineUri, '14155550100', true],
    )
    assert.match(result.stdout, /^\+0:00\.0 {2}call {5}14155550100 calls line Sales\n/)
    assert.match(result.stdout, /\n\+0:04\.0 {2}leg {6}Jane\/mobile picks up\n/)
    assert.match(
      result.stdout,
      /\ncall [0-9a-f-]{36} ok: 4000 Normal Hangup \(by Caller\) after 24 s\n$/,
    )
  })

  it('exits 1 when the app asked to answer never got to, its ring timing out first', async () => {
    const result = await aircall(
      '--line',
      'Sales',
      '--answer',
      'Jane/mobile',
      '--after',
      '25',
      '--instant',
    )

    assert.equal(result.code, 1)
    assert.equal(
      result.stderr,
      'error: Jane/mobile never got to answer the call — the steps above say why: give ' +
        '--after fewer seconds than the line’s timeout, or check that the app is on the ' +
        'line and its user available\n',
    )
    assert.match(result.stdout, /\n\+0:20\.0 {2}dial {5}nobody answered within 20 s\n/)
    assert.match(result.stdout, /\ncall [0-9a-f-]{36} ok: /)
  })

  it('hangs up as the caller when stopped in --instant mode (Ctrl-C, or stdout closed under `| head`), and still sends the hangup', async () => {
    const stopped = new AbortController()
    stopped.abort()
    const result = await runCli(
      ['simulate', 'call', '--line', 'Sales', '--answer', 'Jane/mobile', '--instant'],
      { env: env(), interrupt: stopped.signal },
    )

    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stderr, '')
    assert.doesNotMatch(result.stdout, /picks up/)
    const [hangup] = server.requestsTo('/hangup')
    assert.deepEqual(
      [hangup.params.CallStatus, hangup.params.HangupSource, hangup.params.HangupCause],
      ['completed', 'Caller', 'NORMAL_CLEARING'],
    )
    assert.match(result.stdout, /\(by Caller\) after 0 s\n$/)
  })

  it('takes a SIP URI for the line, busy apps and the caller, and prints JSON', async () => {
    const result = await aircall(
      '--line',
      lineUri,
      '--busy',
      'Jane/mobile',
      luke,
      '--from',
      '+442071838750',
      '--caller-name',
      'Ada',
      '--json',
      '--instant',
    )

    assert.equal(result.code, 0, result.stderr)
    const call = JSON.parse(result.stdout)
    assert.equal(call.ok, true)
    assert.equal(call.hangup.code, 4010)
    assert.equal(server.requestsTo('/action')[0].params.DialStatus, 'busy')
    assert.equal(server.requestsTo('/answer')[0].params.CallerName, 'Ada')
  })

  it('plays the call in sped-up real time unless --instant is given', async () => {
    const startedAt = performance.now()
    const result = await aircall(
      '--line',
      'Sales',
      '--no-answer',
      '--hangup-after',
      '3',
      '--speed',
      '100',
    )

    assert.equal(result.code, 0, result.stderr)
    const elapsed = performance.now() - startedAt
    assert.ok(elapsed >= 25 && elapsed < 2000, `took ${elapsed} ms`)
    assert.match(result.stdout, /\(by Caller\) after 3 s\n$/)
  })

  it('exits 1 saying why when the server answers XML Plivo would reject', async () => {
    server.on('/answer', '<Response><Dial><Person>Jane</Person></Dial></Response>')

    const result = await aircall('--line', 'Sales', '--instant')

    assert.equal(result.code, 1)
    assert.equal(
      result.stderr,
      `error: the call could not be carried out: the answer URL ${server.origin}/answer failed: <Person> cannot be inside <Dial> — check that \`aircall server\` runs at the Application’s URLs, and its log\n`,
    )
    assert.match(result.stdout, /failed: 8011 Invalid Answer XML/)
  })

  it('refuses an unknown app, a line without an endpoint and missing credentials', async () => {
    let result = await aircall('--line', 'Sales', '--answer', 'Jane/tablet', '--instant')
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error: Jane has no app labelled "tablet"/)

    result = await aircall('--line', 'Support', '--instant')
    assert.equal(result.code, 1)
    assert.equal(
      result.stderr,
      'error: the line "Support" has no SIP endpoint yet — run `aircall provision` first\n',
    )

    result = await aircall(
      '--line',
      'sip:nobody230101120000@phone.plivo.com',
      '--instant',
    )
    assert.equal(result.code, 1)
    assert.match(
      result.stderr,
      /^error: no Plivo endpoint at http:\/\/127\.0\.0\.1:\d+ has the SIP URI/,
    )

    result = await runCli(['simulate', 'call', '--line', 'Sales'], { env: test.env })
    assert.equal(result.code, 1)
    assert.match(
      result.stderr,
      /^error: aircall simulate needs PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN/,
    )
    assert.equal(server.requestsTo('/answer').length, 0)
  })

  it('names the flag when a number of seconds is not one', async () => {
    const result = await aircall('--line', 'Sales', '--after', 'soon')

    assert.equal(result.code, 1)
    assert.match(
      result.stderr,
      /--after takes a whole number from 0 to 86400, not "soon"/,
    )
  })
})
