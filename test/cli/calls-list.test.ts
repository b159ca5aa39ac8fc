import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { stripVTControlCharacters } from 'node:util'
import { main } from '../../src/cli/main.ts'
import { insertCalls, minutesAgo } from '../support/call-fixtures.ts'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { fakeTerminal } from '../support/terminal.ts'

const ESC = '\u001b'
const RECORDING = 'https://media.plivo.com/v1/Account/MA123/Recording/0e4f-77aa-9c31.mp3'

for (const backend of testBackends()) {
  describe(`aircall calls list (${backend})`, () => {
    let test: TestDatabase
    const aircall = (...args: string[]) => runCli(args, { env: test.env })
    const listIds = async (...args: string[]) => {
      const result = await aircall('calls', 'list', '--json', ...args)
      assert.equal(result.code, 0, result.stderr)
      return JSON.parse(result.stdout).map((call: { id: number }) => call.id)
    }
    const insertExampleCalls = () =>
      insertCalls(test.knex, [
        {
          startedAt: minutesAgo(300),
          line: 'Sales',
          from: '+15551234567',
          callerName: 'Alice Smith',
          answeredBy: { user: 'Jane', app: 'desktop' },
          durationSeconds: 83,
        },
        {
          startedAt: minutesAgo(200),
          line: 'Support',
          from: '+15557654321',
          status: 'voicemail',
          voicemail: { url: RECORDING, seconds: 42 },
          durationSeconds: 50,
        },
        {
          startedAt: minutesAgo(100),
          line: 'Main Office',
          from: 'sip:bob@example.com',
          callerName: 'Bob, "the builder"',
          status: 'missed',
          durationSeconds: 12,
        },
      ])

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(() => test.destroy())
    beforeEach(() => test.reset({ seed: true }))

    it('says so when there are no calls yet, in every format', async () => {
      const table = await aircall('calls', 'list')
      assert.equal(table.code, 0, table.stderr)
      assert.equal(
        table.stdout,
        'No calls yet. They appear here once the server answers one.\n',
      )

      assert.equal((await aircall('calls', 'list', '--json')).stdout, '[]\n')
      assert.equal((await aircall('calls', 'list', '--csv')).stdout.split('\r\n')[1], '')
    })

    it('prints a table, newest first, without colour when not on a terminal', async () => {
      await insertExampleCalls()
      const result = await aircall('calls', 'list')

      assert.equal(result.code, 0, result.stderr)
      assert.equal(result.stderr, '')
      assert.ok(!result.stdout.includes(ESC))
      const lines = result.stdout.trimEnd().split('\n')
      assert.match(
        lines[0],
        /^ID\s+WHEN\s+LINE\s+CALLER\s+OUTCOME\s+ANSWERED BY \/ VOICEMAIL\s+DURATION$/,
      )
      assert.match(
        lines[1],
        /^3 +\d{4}-\d\d-\d\d \d\d:\d\d \(1h ago\) +Main Office +sip:bob@example\.com \(Bob, "the builder"\) +missed +0:12$/,
      )
      assert.match(
        lines[2],
        new RegExp(
          `^2 .* \\(3h ago\\) +Support +\\+15557654321 +voicemail +0:42 ${RECORDING} +0:50$`,
        ),
      )
      assert.match(
        lines[3],
        /^1 .* \(5h ago\) +Sales +\+15551234567 \(Alice Smith\) +answered +Jane — desktop +1:23$/,
      )
      assert.equal(lines.length, 4)
    })

    it('shows control characters in a caller name instead of sending them to the terminal', async () => {
      await insertCalls(test.knex, [
        {
          startedAt: minutesAgo(1),
          from: '+15550001111',
          callerName: `${ESC}[2JEvil\nCorp`,
        },
      ])
      const result = await aircall('calls', 'list')
      assert.equal(result.code, 0, result.stderr)
      assert.ok(!result.stdout.includes(ESC))
      assert.match(result.stdout, /\+15550001111 \(\\u001b\[2JEvil\\u000aCorp\) +missed/)

      const json = await aircall('calls', 'list', '--json')
      assert.equal(JSON.parse(json.stdout)[0].callerName, `${ESC}[2JEvil\nCorp`)
    })

    it('cuts a caller’s long From and name to 64 characters in the table, and shows them whole in calls show', async () => {
      const from = `sip:${'x'.repeat(20_000)}@example.com`
      const [long] = await insertCalls(test.knex, [
        { startedAt: minutesAgo(2), line: 'Sales', from, callerName: 'N'.repeat(20_000) },
        { startedAt: minutesAgo(1), line: 'Sales', from: '+15551234567' },
      ])

      const result = await aircall('calls', 'list')
      const shown = await aircall('calls', 'show', String(long))

      assert.equal(result.code, 0, result.stderr)
      const lines = result.stdout.trimEnd().split('\n')
      assert.equal(lines.length, 3)
      assert.match(lines[2], / Sales {2}sip:x{59}… \(N{63}…\) {2}missed /)
      assert.ok(lines.every((line) => line.length < 250))
      assert.ok(shown.stdout.includes(from))
    })

    it('colours the outcome on a terminal, and not with NO_COLOR', async () => {
      await insertExampleCalls()
      const coloured = fakeTerminal({ env: test.env, tty: true, columns: 200 })
      assert.equal(await main(['calls', 'list'], coloured.io), 0)
      assert.ok(coloured.stdout().includes(`${ESC}[32manswered${ESC}[39m`))
      assert.ok(coloured.stdout().includes(`${ESC}[31mmissed${ESC}[39m`))

      const plain = fakeTerminal({
        env: { ...test.env, NO_COLOR: '1' },
        tty: true,
        columns: 200,
      })
      assert.equal(await main(['calls', 'list'], plain.io), 0)
      assert.match(plain.stdout(), /answered/)
      assert.ok(!plain.stdout().includes(ESC))
    })

    it('stacks the details in a table that fits a 60-column terminal', async () => {
      await insertExampleCalls()
      const terminal = fakeTerminal({ env: test.env, tty: true, columns: 60 })
      assert.equal(await main(['calls', 'list'], terminal.io), 0)

      const output = stripVTControlCharacters(terminal.stdout())
      const widths = output
        .trimEnd()
        .split('\n')
        .map((line) => [...line].length)
      assert.ok(Math.max(...widths) <= 60, output)
      assert.match(output, /CALL\s+│ LINE \/ CALLER\s+│ OUTCOME/)
      assert.match(output, /│ #1\s+│ Sales\s+│ answered\s+│/)
      assert.match(output, /│ 5h ago\s+│ Alice Smith\s+│ 1:23\s+│/)
      const outcomeColumn = output
        .split('\n')
        .map((line) => line.split('│')[3]?.trim() ?? '')
        .join('')
      assert.ok(outcomeColumn.includes(RECORDING), output)
    })

    it('keeps one row per call on a terminal a little narrow, wrapping the recording URL', async () => {
      await insertExampleCalls()
      const terminal = fakeTerminal({
        env: { ...test.env, NO_COLOR: '1' },
        tty: true,
        columns: 140,
      })
      assert.equal(await main(['calls', 'list'], terminal.io), 0)

      const lines = terminal.stdout().trimEnd().split('\n')
      assert.ok(Math.max(...lines.map((line) => [...line].length)) <= 140)
      assert.match(
        lines[0],
        /^ID +WHEN +LINE +CALLER +OUTCOME +ANSWERED BY \/ VOICEMAIL +DURATION$/,
      )
      assert.deepEqual(lines.map((line) => line.slice(0, 2).trim()).filter(Boolean), [
        'ID',
        '3',
        '2',
        '1',
      ])
      const detailsColumn = lines[0].indexOf('ANSWERED BY')
      const details = lines
        .map((line) => line.slice(detailsColumn).split('  ')[0])
        .join('')
      assert.ok(details.includes(RECORDING), details)
    })

    it('prints JSON with stable camelCase fields', async () => {
      const [id] = await insertExampleCalls()
      const call = await test.knex('calls').where({ id }).first()
      const result = await aircall('calls', 'list', '--json', '--line', 'Sales')

      assert.equal(result.code, 0, result.stderr)
      assert.deepEqual(JSON.parse(result.stdout), [
        {
          id,
          callUuid: call.call_uuid,
          line: 'Sales',
          from: '+15551234567',
          callerName: 'Alice Smith',
          status: 'answered',
          answeredBy: { user: 'Jane', app: 'desktop' },
          voicemailUrl: null,
          voicemailSeconds: null,
          startedAt: call.started_at.toISOString(),
          answeredAt: call.answered_at.toISOString(),
          endedAt: call.ended_at.toISOString(),
          durationSeconds: 83,
          hangupCause: 'NORMAL_CLEARING',
          testCall: false,
          missedReason: null,
          missedAfterSeconds: null,
        },
      ])
    })

    it('prints CSV quoted as RFC 4180 asks', async () => {
      const [, , id] = await insertExampleCalls()
      const call = await test.knex('calls').where({ id }).first()
      const result = await aircall('calls', 'list', '--csv', '--status', 'missed')

      assert.equal(result.code, 0, result.stderr)
      assert.equal(
        result.stdout,
        'id,callUuid,line,from,callerName,status,answeredByUser,answeredByApp,voicemailUrl,' +
          'voicemailSeconds,startedAt,answeredAt,endedAt,durationSeconds,hangupCause,testCall\r\n' +
          `${id},${call.call_uuid},Main Office,sip:bob@example.com,"Bob, ""the builder""",missed,,,,,` +
          `${call.started_at.toISOString()},,${call.ended_at.toISOString()},12,NORMAL_CLEARING,false\r\n`,
      )
    })

    it('defuses CSV cells a spreadsheet would run as formulas, and leaves phone numbers be', async () => {
      const attacks = [
        ['=HYPERLINK("http://evil.example","click")', '+1+cmd|calc'],
        ['-2+3', '@SUM(A1:A9)'],
        ['\t=1+1', '\r=1+1'],
        ['+14155550100', 'Alice -the- Smith'],
      ]
      await insertCalls(
        test.knex,
        attacks.map(([from, callerName], index) => ({
          startedAt: minutesAgo(10 - index),
          line: 'Sales',
          from,
          callerName,
          status: 'missed',
        })),
      )

      const result = await aircall('calls', 'list', '--csv')
      // Line, From, caller name and status of each row, oldest first.
      const rows = result.stdout
        .split('\r\n')
        .slice(1, -1)
        .reverse()
        .map((row) => row.replace(/^\d+,[^,]+,/, '').replace(/,missed,.*$/, ''))

      assert.equal(result.code, 0, result.stderr)
      assert.deepEqual(rows, [
        `Sales,"'=HYPERLINK(""http://evil.example"",""click"")",'+1+cmd|calc`,
        "Sales,'-2+3,'@SUM(A1:A9)",
        `Sales,'\t=1+1,"'\r=1+1"`,
        'Sales,+14155550100,Alice -the- Smith',
      ])
    })

    it('narrows by each filter, and by several at once', async () => {
      const now = new Date()
      const [salesJane, salesMissed, supportPeter, oldSales] = await insertCalls(
        test.knex,
        [
          {
            startedAt: minutesAgo(50, now),
            line: 'Sales',
            answeredBy: { user: 'Jane', app: 'mobile' },
          },
          {
            startedAt: minutesAgo(40, now),
            line: 'Sales',
            from: '+15551112222',
            status: 'missed',
          },
          {
            startedAt: minutesAgo(30, now),
            line: 'Support',
            answeredBy: { user: 'Peter', app: 'mobile' },
          },
          { startedAt: minutesAgo(60 * 24 * 3, now), line: 'Sales', status: 'missed' },
        ],
      )
      const threeDaysAgo = minutesAgo(60 * 24 * 3, now)
        .toISOString()
        .slice(0, 10)

      assert.deepEqual(await listIds('--line', 'sales'), [
        salesMissed,
        salesJane,
        oldSales,
      ])
      assert.deepEqual(await listIds('--line', 'Sales'), [
        salesMissed,
        salesJane,
        oldSales,
      ])
      assert.deepEqual(await listIds('--user', 'peter'), [supportPeter])
      assert.deepEqual(await listIds('--status', 'missed'), [salesMissed, oldSales])
      assert.deepEqual(await listIds('--from', '+1 555 111-2222'), [salesMissed])
      assert.deepEqual(await listIds('--from', '1 (555) 111-2222'), [salesMissed])
      assert.deepEqual(await listIds('--since', '2h'), [
        supportPeter,
        salesMissed,
        salesJane,
      ])
      assert.deepEqual(await listIds('--until', '1d'), [oldSales])
      assert.deepEqual(await listIds('--since', threeDaysAgo, '--until', threeDaysAgo), [
        oldSales,
      ])
      assert.deepEqual(
        await listIds('--line', 'Sales', '--status', 'missed', '--since', '1d'),
        [salesMissed],
      )
    })

    it('still finds the calls of a line and a user removed since, by the name they kept', async () => {
      const [answered, voicemail] = await insertExampleCalls()
      assert.equal((await aircall('users', 'remove', 'Jane')).code, 0)
      assert.equal((await aircall('lines', 'remove', 'Support')).code, 0)

      assert.deepEqual(await listIds('--user', 'jane'), [answered])
      assert.deepEqual(await listIds('--line', 'support'), [voicemail])
    })

    it('refuses an unknown line or user name instead of printing an empty table', async () => {
      await insertExampleCalls()
      const line = await aircall('calls', 'list', '--line', 'Marketing')
      assert.equal(line.code, 1)
      assert.equal(line.stdout, '')
      assert.equal(
        line.stderr,
        'error: no line is named "Marketing" — run `aircall lines list` to see the lines\n',
      )

      const user = await aircall('calls', 'list', '--user', 'Nobody')
      assert.equal(user.code, 1)
      assert.equal(user.stdout, '')
      assert.equal(
        user.stderr,
        'error: no user is named "Nobody" — run `aircall users list` to see the names\n',
      )
    })

    it('refuses times, statuses and flags it cannot use, naming the way out', async () => {
      const since = await aircall('calls', 'list', '--since', 'yesterday')
      assert.equal(since.code, 1)
      assert.equal(
        since.stderr,
        'error: --since takes an ISO date or time or an age, not "yesterday" — ' +
          'e.g. --since 2h, --since 7d, --since 2026-12-01 or --since 2026-12-01T09:30\n',
      )

      const ancient = await aircall('calls', 'list', '--since', '99999999d')
      assert.equal(ancient.code, 1)
      assert.equal(
        ancient.stderr,
        'error: --since "99999999d" is out of range — ' +
          'times go from 1970-01-01 to 9999-12-31, ages back to 1970\n',
      )
      const yearOne = await aircall('calls', 'list', '--until', '0001-01-01')
      assert.equal(yearOne.code, 1)
      assert.match(yearOne.stderr, /^error: --until "0001-01-01" is out of range — /)
      const lastDay = await aircall('calls', 'list', '--until', '9999-12-31')
      assert.equal(lastDay.code, 0, lastDay.stderr)

      const backwards = await aircall('calls', 'list', '--since', '1h', '--until', '2h')
      assert.equal(backwards.code, 1)
      assert.match(
        backwards.stderr,
        /^error: --since \(.+\) must come before --until \(.+\) — swap the two values\n$/,
      )

      const status = await aircall('calls', 'list', '--status', 'lost')
      assert.equal(status.code, 1)
      assert.match(status.stderr, /option '--status <status>' argument 'lost' is invalid/)

      const both = await aircall('calls', 'list', '--json', '--csv')
      assert.equal(both.code, 1)
      assert.match(both.stderr, /option '--json' cannot be used with option '--csv'/)

      const before = await aircall('calls', 'list', '--before', '424242')
      assert.equal(before.code, 1)
      assert.equal(
        before.stderr,
        'error: no call has the id 424242 — pass --before the id that the previous page named\n',
      )
    })

    it('pages through 100 calls with the command each page names, without a gap or a repeat', async () => {
      const base = Date.now() - 3_600_000
      await insertCalls(
        test.knex,
        Array.from({ length: 100 }, (_, index) => ({
          startedAt: new Date(base + Math.floor(index / 3) * 1000),
          line: index % 2 ? 'Sales' : 'Support',
        })),
      )

      const seen: number[] = []
      let args = ['calls', 'list', '--json', '--limit', '30']
      for (let page = 1; page <= 4; page += 1) {
        const result = await aircall(...args)
        assert.equal(result.code, 0, result.stderr)
        seen.push(...JSON.parse(result.stdout).map((call: { id: number }) => call.id))
        if (page === 4) {
          assert.equal(result.stderr, '')
          break
        }
        const next = /^Older calls: aircall (calls list .*)\n$/.exec(result.stderr)
        assert.ok(next, result.stderr)
        args = next[1].split(' ')
      }

      const expected = await test
        .knex('calls')
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .pluck('id')
      assert.deepEqual(seen, expected.map(Number))
    })

    it('names the next page with its filters, the times it meant, and quotes', async () => {
      const now = new Date()
      await insertCalls(test.knex, [
        { startedAt: minutesAgo(3, now), line: 'Main Office' },
        { startedAt: minutesAgo(2, now), line: 'Main Office' },
      ])
      const result = await aircall(
        'calls',
        'list',
        '--line',
        'Main Office',
        '--since',
        '1h',
        '--limit',
        '1',
      )
      assert.equal(result.code, 0, result.stderr)
      assert.match(
        result.stderr,
        /^Older calls: aircall calls list --line 'Main Office' --since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z --limit 1 --before \d+\n$/,
      )
    })
  })
}
