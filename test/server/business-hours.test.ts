import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { type Company, insertCompany } from './company.ts'
import { startCallServer } from './harness.ts'

// Sales opens 09:00-18:00 Paris time on weekdays and closes on Christmas Day. The call's
// instants are UTC; Paris is UTC+1 until 29 March 2026 and UTC+2 from then on, so an
// opening computed with a fixed offset would be an hour off on one side of the change.

const FRIDAY_BEFORE_DST = {
  at0859: '2026-03-27T07:59:00Z',
  at0900: '2026-03-27T08:00:00Z',
}
const MONDAY_AFTER_DST = {
  at0859: '2026-03-30T06:59:00Z',
  at0900: '2026-03-30T07:00:00Z',
}

for (const backend of testBackends()) {
  describe(`business hours (${backend})`, () => {
    let db: TestDatabase
    let company: Company
    let server: Awaited<ReturnType<typeof startCallServer>>

    before(async () => {
      db = await createTestDatabase(backend)
      company = await insertCompany(db.knex)
      server = await startCallServer(db.database)
      const set = await runCli(
        [
          'lines',
          'hours',
          'Sales',
          '--zone',
          'Europe/Paris',
          '--weekdays',
          '09:00-18:00',
          '--closed',
          '2026-12-25',
          '--closed-greeting',
          'Sales is closed. Leave a message.',
        ],
        { env: db.env },
      )
      assert.equal(set.code, 0, set.stderr)
    })
    after(async () => {
      await server?.close()
      await db?.destroy()
    })

    async function callAt(instant: string) {
      const call = await server.placeCall(
        company.lines.sales.sipUri,
        { callerHangsUpAfterSeconds: 30 },
        { startAt: new Date(instant) },
      )
      assert.equal(call.ok, true, call.error)
      const row = await db.knex('calls').where('call_uuid', call.callUuid).first()
      return {
        dialled: server.dialledGroups().length,
        reason: row.missed_reason,
        greeting: call.steps.find((step) => step.kind === 'audio')?.text ?? null,
      }
    }

    for (const [side, times] of [
      ['before', FRIDAY_BEFORE_DST],
      ['after', MONDAY_AFTER_DST],
    ] as const) {
      it(`${side} the daylight-saving change, a call at 08:59 Paris time gets the closed greeting`, async () => {
        assert.deepEqual(await callAt(times.at0859), {
          dialled: 0,
          reason: 'out-of-hours',
          greeting: 'the caller hears “Sales is closed. Leave a message.”',
        })
      })

      it(`${side} the daylight-saving change, a call at 09:00 Paris time rings the apps`, async () => {
        const call = await callAt(times.at0900)
        assert.equal(call.dialled, 1)
        assert.equal(call.reason, 'caller-hung-up-greeting')
      })
    }

    it('on a holiday, a call in the usual hours gets the closed greeting and leaves a voicemail', async () => {
      const call = await server.placeCall(
        company.lines.sales.sipUri,
        { messageSeconds: 5 },
        { startAt: new Date('2026-12-25T10:00:00Z') },
      )

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(server.dialledGroups(), [])
      const row = await db.knex('calls').where('call_uuid', call.callUuid).first()
      assert.equal(row.status, 'voicemail')
      assert.equal(row.voicemail_seconds, 5)
      assert.equal(row.missed_reason, 'out-of-hours')
    })

    it('the day after the holiday, the line rings again', async () => {
      await server.placeCall(
        company.lines.sales.sipUri,
        { callerHangsUpAfterSeconds: 5 },
        { startAt: new Date('2026-12-28T10:00:00Z') },
      )
      assert.equal(server.dialledGroups().length, 1)
    })

    it('a line without hours rings at any time', async () => {
      await server.placeCall(
        company.lines.support.sipUri,
        { callerHangsUpAfterSeconds: 5 },
        { startAt: new Date('2026-12-25T03:00:00Z') },
      )
      assert.equal(server.dialledGroups().length, 1)
    })
  })
}
