import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { insertCall, insertEvents, minutesAgo } from '../support/call-fixtures.ts'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'

const RECORDING = 'https://media.plivo.com/v1/Account/MA123/Recording/rec-1.mp3'

for (const backend of testBackends()) {
  describe(`aircall calls show (${backend})`, () => {
    let test: TestDatabase
    let callId: number
    const aircall = (...args: string[]) => runCli(args, { env: test.env })

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(() => test.destroy())
    beforeEach(async () => {
      await test.reset({ seed: true })
      const startedAt = minutesAgo(90)
      callId = await insertCall(test.knex, {
        startedAt,
        callUuid: '5f1c7a52-0b7e-4c1e-9b1e-2b8d3f9a6c01',
        line: 'Support',
        from: '+15557654321',
        callerName: 'Carol',
        status: 'voicemail',
        voicemail: { url: RECORDING, seconds: 42 },
        durationSeconds: 75,
      })
      await insertEvents(test.knex, callId, [
        {
          kind: 'answer',
          params: { From: '+15557654321', To: 'support' },
          receivedAt: startedAt,
        },
        {
          kind: 'record-callback',
          params: { RecordUrl: RECORDING, RecordingDuration: '42', AuthToken: 'leaked' },
          receivedAt: new Date(startedAt.getTime() + 60_000),
        },
      ])
    })

    it('shows every field of a call and the timeline of its webhooks', async () => {
      const result = await aircall('calls', 'show', String(callId))
      assert.equal(result.code, 0, result.stderr)

      const lines = result.stdout.split('\n')
      assert.equal(lines[0], `Call #${callId}`)
      assert.deepEqual(
        lines.slice(1, 15).map((line) => line.trim().split(/\s{2,}/)),
        [
          ['Call UUID', '5f1c7a52-0b7e-4c1e-9b1e-2b8d3f9a6c01'],
          ['Line', 'Support'],
          ['From', '+15557654321'],
          ['Caller name', 'Carol'],
          ['Status', 'voicemail'],
          ['Why missed', '—'],
          ['Answered by', '—'],
          ['Voicemail', RECORDING],
          ['Voicemail length', '0:42'],
          ['Started', lines[10].trim().split(/\s{2,}/)[1]],
          ['Answered', '—'],
          ['Ended', lines[12].trim().split(/\s{2,}/)[1]],
          ['Duration', '1:15'],
          ['Hangup cause', 'NORMAL_CLEARING'],
        ],
      )
      assert.match(lines[10], /Started +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(1h ago\)$/)
      assert.deepEqual(lines.slice(16, 18), ['Apps rung', '  no app rang'])
      assert.equal(lines[19], 'Timeline')
      assert.match(lines[20], /^TIME +EVENT +DETAILS$/)
      assert.match(
        lines[21],
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +answer +From=\+15557654321 To=support$/,
      )
      assert.match(
        lines[22],
        new RegExp(`record-callback +RecordUrl=${RECORDING} RecordingDuration=42$`),
      )
      assert.ok(!result.stdout.includes('leaked'), 'a secret parameter is never printed')
    })

    it('prints the parameters that every webhook repeats once, under the timeline', async () => {
      const id = await insertCall(test.knex, {
        startedAt: minutesAgo(3),
        callUuid: 'abc',
      })
      await insertEvents(test.knex, id, [
        {
          kind: 'answer',
          params: { CallUUID: 'abc', Direction: 'inbound', Event: 'StartApp' },
          receivedAt: minutesAgo(3),
        },
        {
          kind: 'hangup',
          params: { CallUUID: 'abc', Direction: 'inbound', Event: 'Hangup' },
          receivedAt: minutesAgo(2),
        },
      ])
      const result = await aircall('calls', 'show', 'abc')
      assert.equal(result.code, 0, result.stderr)
      const timeline = result.stdout.split('Timeline\n')[1].split('\n')
      assert.match(timeline[1], / answer +Event=StartApp$/)
      assert.match(timeline[2], / hangup +Event=Hangup$/)
      assert.equal(timeline[3], 'In every event: CallUUID=abc Direction=inbound')
    })

    it('finds the call by its Plivo call UUID as well', async () => {
      const byId = await aircall('calls', 'show', String(callId))
      const byUuid = await aircall(
        'calls',
        'show',
        '5f1c7a52-0b7e-4c1e-9b1e-2b8d3f9a6c01',
      )
      assert.equal(byUuid.code, 0, byUuid.stderr)
      assert.equal(byUuid.stdout, byId.stdout)
    })

    it('prints the call and its events as JSON', async () => {
      const result = await aircall('calls', 'show', String(callId), '--json')
      assert.equal(result.code, 0, result.stderr)
      const call = JSON.parse(result.stdout)
      assert.equal(call.id, callId)
      assert.equal(call.status, 'voicemail')
      assert.equal(call.voicemailSeconds, 42)
      assert.deepEqual(
        call.events.map((event: { kind: string; params: object }) => [
          event.kind,
          event.params,
        ]),
        [
          ['answer', { From: '+15557654321', To: 'support' }],
          ['record-callback', { RecordUrl: RECORDING, RecordingDuration: '42' }],
        ],
      )
    })

    it('still shows who answered after that person was removed', async () => {
      const answered = await insertCall(test.knex, {
        startedAt: minutesAgo(5),
        line: 'Sales',
        answeredBy: { user: 'Jane', app: 'mobile' },
      })
      assert.equal((await aircall('users', 'remove', 'Jane')).code, 0)

      const result = await aircall('calls', 'show', String(answered))
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /\n {2}Answered by +Jane — mobile\n/)
    })

    it('refuses an id or UUID that names no call', async () => {
      const result = await aircall('calls', 'show', 'nope-123')
      assert.equal(result.code, 1)
      assert.equal(result.stdout, '')
      assert.equal(
        result.stderr,
        'error: no call has the id or call UUID "nope-123" — run `aircall calls list` to see the calls and their ids\n',
      )
    })
  })
}
