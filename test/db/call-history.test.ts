import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import {
  type CallCursor,
  type CallFilters,
  findCall,
  findCallCursor,
  listCalls,
} from '../../src/db/call-history.ts'
import {
  insertCall,
  insertCalls,
  insertEvents,
  minutesAgo,
} from '../support/call-fixtures.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`call history queries (${backend})`, () => {
    let test: TestDatabase
    const ids = async (filters: CallFilters, limit = 50) =>
      (await listCalls(test.knex, filters, { limit })).calls.map((call) => call.id)
    const lineId = async (name: string) =>
      (await test.knex('lines').where({ name }).first('id')).id as number
    const userId = async (name: string) =>
      (await test.knex('users').where({ name }).first('id')).id as number

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(() => test.destroy())
    beforeEach(() => test.reset({ seed: true }))

    it('lists the newest call first, and the higher id first when two start together', async () => {
      const now = new Date()
      const [older, tiedLow, tiedHigh, newest] = await insertCalls(test.knex, [
        { startedAt: minutesAgo(30, now) },
        { startedAt: minutesAgo(10, now) },
        { startedAt: minutesAgo(10, now) },
        { startedAt: minutesAgo(1, now) },
      ])
      assert.deepEqual(await ids({}), [newest, tiedHigh, tiedLow, older])
    })

    it('pages through 100 calls without a gap or a repeat, even within one microsecond', async () => {
      const base = Date.now() - 3_600_000
      // Groups of four share a start time, and the ids run against time order, so that
      // neither the time nor the id alone gives the order.
      const fixtures = Array.from({ length: 100 }, (_, index) => ({
        startedAt: new Date(base - Math.floor(index / 4) * 1000),
      }))
      const inserted = await insertCalls(test.knex, fixtures)
      await test.knex.raw(
        "update calls set started_at = started_at + interval '0.000123 seconds' where id % 3 = 0",
      )

      const seen: number[] = []
      let before: CallCursor | undefined
      for (let pages = 0; pages < 20; pages += 1) {
        const page = await listCalls(test.knex, {}, { limit: 7, before })
        seen.push(...page.calls.map((call) => call.id))
        if (page.nextBefore === undefined) break
        before = await findCallCursor(test.knex, page.nextBefore)
      }

      const expected = await test
        .knex('calls')
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .pluck('id')
      assert.equal(seen.length, 100)
      assert.equal(new Set(seen).size, 100)
      assert.deepEqual(seen, expected.map(Number))
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        inserted,
      )
    })

    it('says there is no next page when the last page is exactly full', async () => {
      await insertCalls(test.knex, [
        { startedAt: minutesAgo(2) },
        { startedAt: minutesAgo(1) },
      ])
      const page = await listCalls(test.knex, {}, { limit: 2 })
      assert.equal(page.calls.length, 2)
      assert.equal(page.nextBefore, undefined)
    })

    it('narrows by line, by the user who answered, by status and by caller, combined', async () => {
      const now = new Date()
      const [salesJane, salesMissed, supportPeter, salesVoicemail, otherCaller] =
        await insertCalls(test.knex, [
          {
            startedAt: minutesAgo(5, now),
            line: 'Sales',
            answeredBy: { user: 'Jane', app: 'mobile' },
          },
          { startedAt: minutesAgo(4, now), line: 'Sales', status: 'missed' },
          {
            startedAt: minutesAgo(3, now),
            line: 'Support',
            answeredBy: { user: 'Peter', app: 'desktop' },
          },
          {
            startedAt: minutesAgo(2, now),
            line: 'Sales',
            status: 'voicemail',
            voicemail: { url: 'https://example.test/r.mp3', seconds: 12 },
          },
          {
            startedAt: minutesAgo(1, now),
            line: 'Support',
            from: '+15559999999',
            status: 'missed',
          },
        ])
      const sales = await lineId('Sales')

      assert.deepEqual(await ids({ lineId: sales }), [
        salesVoicemail,
        salesMissed,
        salesJane,
      ])
      assert.deepEqual(await ids({ userId: await userId('Peter') }), [supportPeter])
      assert.deepEqual(await ids({ status: 'missed' }), [otherCaller, salesMissed])
      assert.deepEqual(await ids({ from: '+15559999999' }), [otherCaller])
      assert.deepEqual(await ids({ lineId: sales, status: 'missed' }), [salesMissed])
      assert.deepEqual(await ids({ lineId: sales, userId: await userId('Peter') }), [])
    })

    it('takes --since inclusively and --until exclusively', async () => {
      const now = new Date()
      const [first, second, third] = await insertCalls(test.knex, [
        { startedAt: minutesAgo(30, now) },
        { startedAt: minutesAgo(20, now) },
        { startedAt: minutesAgo(10, now) },
      ])
      assert.deepEqual(await ids({ since: minutesAgo(20, now) }), [third, second])
      assert.deepEqual(await ids({ until: minutesAgo(20, now) }), [first])
      assert.deepEqual(
        await ids({ since: minutesAgo(30, now), until: minutesAgo(10, now) }),
        [second, first],
      )
    })

    it('still names who answered after the user and their app are removed', async () => {
      const id = await insertCall(test.knex, {
        startedAt: minutesAgo(1),
        line: 'Main Office',
        answeredBy: { user: 'Luke', app: 'mobile' },
      })
      await test.knex('users').where({ name: 'Luke' }).delete()
      await test.knex('lines').where({ name: 'Main Office' }).delete()

      const [call] = (await listCalls(test.knex, {}, { limit: 1 })).calls
      assert.equal(call.id, id)
      assert.equal(call.line, 'Main Office')
      assert.deepEqual(call.answeredBy, { user: 'Luke', app: 'mobile' })
    })

    it('finds a call by id or call UUID, with its events in the order they came', async () => {
      const startedAt = minutesAgo(5)
      const id = await insertCall(test.knex, { startedAt, callUuid: 'c0ffee-uuid' })
      await insertEvents(test.knex, id, [
        {
          kind: 'hangup',
          params: { HangupCause: 'NORMAL_CLEARING' },
          receivedAt: minutesAgo(1),
        },
        { kind: 'answer', params: { From: '+15550000000' }, receivedAt: startedAt },
      ])

      const byId = await findCall(test.knex, String(id))
      const byUuid = await findCall(test.knex, 'c0ffee-uuid')
      assert.equal(byId?.call.callUuid, 'c0ffee-uuid')
      assert.deepEqual(byUuid, byId)
      assert.deepEqual(
        byId?.events.map((event) => [event.kind, event.params]),
        [
          ['answer', { From: '+15550000000' }],
          ['hangup', { HangupCause: 'NORMAL_CLEARING' }],
        ],
      )
      assert.equal(await findCall(test.knex, '999999'), undefined)
      assert.equal(await findCall(test.knex, 'no-such-uuid'), undefined)
    })
  })
}
