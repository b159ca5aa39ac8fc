import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { follow } from '../../src/cli/commands/calls-follow.ts'
import { CliContext } from '../../src/cli/context.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { PollStepper } from '../support/poll-stepper.ts'
import { fakeTerminal } from '../support/terminal.ts'
import { AUTH_ID, AUTH_TOKEN, startCallServer } from '../server/harness.ts'

// Going live, rehearsed: the company provisioned in the sandbox, the real server answering,
// the test caller calling a line through `simulate call --from-caller`, and the history
// marking that call as a test call.

for (const backend of testBackends()) {
  describe(`calls from the test caller (${backend})`, () => {
    let test: TestDatabase
    let sandbox: Sandbox
    let server: Awaited<ReturnType<typeof startCallServer>>
    let env: Record<string, string>
    let callerUri: string
    const aircall = (...args: string[]) => runCli(args, { env })
    const callSales = async (...from: string[]) => {
      const result = await aircall(
        'simulate',
        'call',
        '--line',
        'Sales',
        '--answer',
        'Jane/mobile',
        '--instant',
        ...from,
      )
      assert.equal(result.code, 0, result.stderr)
      return result
    }

    before(async () => {
      test = await createTestDatabase(backend)
      sandbox = await startSandbox({ authId: AUTH_ID, authToken: AUTH_TOKEN })
      server = await startCallServer(test.database)
      env = {
        ...test.env,
        PLIVO_AUTH_ID: AUTH_ID,
        PLIVO_AUTH_TOKEN: AUTH_TOKEN,
        PLIVO_API_URL: sandbox.url,
        PUBLIC_URL: server.publicUrl,
      }
    })
    after(async () => {
      await server.close()
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
      assert.equal((await aircall('provision', '--yes')).code, 0)
      assert.equal((await aircall('caller', 'create')).code, 0)
      callerUri = (await test.knex('test_callers').first()).sip_uri
    })

    it('sends the caller’s SIP URI as From, and calls list marks the call in every format', async () => {
      const simulated = await callSales('--from-caller')
      await callSales('--from', '+14155550100')

      assert.match(simulated.stdout, new RegExp(`call {5}${callerUri} calls line Sales`))
      const calls = JSON.parse((await aircall('calls', 'list', '--json')).stdout)
      assert.deepEqual(
        calls.map((call: { from: string; testCall: boolean }) => [
          call.from,
          call.testCall,
        ]),
        [
          ['+14155550100', false],
          [callerUri, true],
        ],
      )

      const table = (await aircall('calls', 'list')).stdout.split('\n')
      assert.match(table[2], new RegExp(` Sales +\\[test\\] ${callerUri} +answered `))
      assert.match(table[1], / Sales +\+14155550100 +answered /)
      const csv = (await aircall('calls', 'list', '--csv')).stdout.split('\r\n')
      assert.match(csv[0], /,testCall$/)
      assert.deepEqual(
        csv.slice(1, 3).map((row) => row.split(',').at(-1)),
        ['false', 'true'],
      )
      const shown = await aircall('calls', 'show', String(calls[1].id))
      assert.match(shown.stdout, new RegExp(`\\n  From +\\[test\\] ${callerUri}\\n`))
    })

    it('marks the caller’s calls however the From is written', async () => {
      const username = callerUri.replace(/^sip:|@.*$/g, '')
      await callSales('--from', callerUri.toUpperCase())
      await callSales('--from', username)

      const calls = JSON.parse((await aircall('calls', 'list', '--json')).stdout)
      assert.deepEqual(
        calls.map((call: { testCall: boolean }) => call.testCall),
        [true, true],
      )
    })

    it('marks a test call as calls list --follow prints it', async () => {
      const terminal = fakeTerminal({ env })
      const context = new CliContext(terminal.io)
      const stop = new AbortController()
      const stepper = new PollStepper()
      const following = follow(context, {}, { signal: stop.signal, pause: stepper.pause })
      await stepper.polled()

      await callSales('--from-caller')
      await stepper.poll()
      stop.abort()
      await following
      await context.close()

      assert.match(terminal.stdout(), new RegExp(` Sales {2}\\[test\\] ${callerUri} {2}`))
    })

    it('keeps the caller’s past calls marked once it is removed, and --from-caller then says why it cannot call', async () => {
      await callSales('--from-caller')
      assert.equal((await aircall('caller', 'remove')).code, 0)

      const [call] = JSON.parse((await aircall('calls', 'list', '--json')).stdout)
      const table = (await aircall('calls', 'list')).stdout.split('\n')
      const refused = await aircall(
        'simulate',
        'call',
        '--line',
        'Sales',
        '--from-caller',
        '--instant',
      )

      assert.equal(call.testCall, true)
      assert.match(table[1], new RegExp(` Sales +\\[test\\] ${callerUri} +answered `))
      assert.equal(refused.code, 1)
      assert.equal(
        refused.stderr,
        'error: there is no test caller to call from — run `aircall caller create` first\n',
      )
    })

    it('refuses --from together with --from-caller', async () => {
      const result = await aircall(
        'simulate',
        'call',
        '--line',
        'Sales',
        '--from-caller',
        '--from',
        '+14155550100',
      )

      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        "error: option '--from-caller' cannot be used with option '--from <number>'\n",
      )
    })
  })
}
