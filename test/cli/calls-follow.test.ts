import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { follow } from '../../src/cli/commands/calls-follow.ts'
import { CliContext } from '../../src/cli/context.ts'
import { main } from '../../src/cli/main.ts'
import { insertCall, minutesAgo } from '../support/call-fixtures.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { PollStepper } from '../support/poll-stepper.ts'
import { fakeTerminal } from '../support/terminal.ts'

for (const backend of testBackends()) {
  describe(`aircall calls list --follow (${backend})`, () => {
    let test: TestDatabase

    const startFollowing = async (options: { json?: boolean; line?: string } = {}) => {
      const terminal = fakeTerminal({ env: test.env })
      const context = new CliContext(terminal.io)
      const stop = new AbortController()
      const stepper = new PollStepper()
      const running = follow(context, options, {
        signal: stop.signal,
        pause: stepper.pause,
      })
      await stepper.polled()
      const lines = () => terminal.stdout().split('\n').filter(Boolean)
      const finish = async () => {
        stop.abort()
        await running
        await context.close()
      }
      return { terminal, stepper, lines, finish }
    }

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(() => test.destroy())
    beforeEach(() => test.reset({ seed: true }))

    it('prints each call as it starts and again when it changes, and nothing from before', async () => {
      await insertCall(test.knex, { startedAt: minutesAgo(30), line: 'Sales' })
      const watch = await startFollowing()
      assert.deepEqual(watch.lines(), [])
      assert.equal(
        watch.terminal.stderr(),
        'Following calls as they happen; Ctrl-C to stop.\n',
      )

      const id = await insertCall(test.knex, {
        startedAt: new Date(),
        line: 'Sales',
        from: '+15551234567',
        status: 'ringing',
      })
      await watch.stepper.poll()
      assert.equal(watch.lines().length, 1)
      assert.match(
        watch.lines()[0],
        new RegExp(
          `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  #${id}  Sales  \\+15551234567  ringing$`,
        ),
      )

      await watch.stepper.poll()
      assert.equal(watch.lines().length, 1, 'an unchanged call is not printed twice')

      const jane = await test.knex('users').where({ name: 'Jane' }).first('id')
      await test.knex('calls').where({ id }).update({
        status: 'answered',
        answered_by_user_id: jane.id,
        answered_by_user_name: 'Jane',
        answered_by_app_label: 'mobile',
        duration_seconds: 61,
      })
      await watch.stepper.poll()
      assert.equal(watch.lines().length, 2)
      assert.match(
        watch.lines()[1],
        new RegExp(`  #${id}  Sales  \\+15551234567  answered  Jane — mobile  1:01$`),
      )

      await watch.finish()
    })

    it('prints one JSON document per line with --json, narrowed by the filters', async () => {
      const watch = await startFollowing({ json: true, line: 'Support' })
      await insertCall(test.knex, { startedAt: new Date(), line: 'Sales' })
      const support = await insertCall(test.knex, {
        startedAt: new Date(),
        line: 'Support',
      })
      await watch.stepper.poll()

      const printed = watch.lines().map((line) => JSON.parse(line))
      assert.deepEqual(
        printed.map((call) => [call.id, call.line, call.status]),
        [[support, 'Support', 'missed']],
      )
      await watch.finish()
    })

    it('stops quietly when interrupted, leaving the exit code to the process (130)', async () => {
      const interrupt = new AbortController()
      const terminal = fakeTerminal({ env: test.env, interrupt: interrupt.signal })
      const running = main(['calls', 'list', '--follow'], terminal.io)
      interrupt.abort()

      assert.equal(await running, 0)
      assert.equal(terminal.io.interruptHandled, true)
    })

    it('refuses a time window or CSV, which a live feed cannot honour', async () => {
      const window = fakeTerminal({ env: test.env })
      assert.equal(
        await main(['calls', 'list', '--follow', '--since', '1h'], window.io),
        1,
      )
      assert.equal(
        window.stderr(),
        'error: --follow shows calls from now on — drop --since, --until and --before, or drop --follow to page through history\n',
      )

      const csv = fakeTerminal({ env: test.env })
      assert.equal(await main(['calls', 'list', '--follow', '--csv'], csv.io), 1)
      assert.equal(
        csv.stderr(),
        'error: --follow prints lines or JSON, not CSV — use --json\n',
      )
    })
  })
}
