import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { watchCalls } from '../../src/db/call-changes.ts'
import type { Call, CallFilters } from '../../src/db/call-history.ts'
import { insertCall, minutesAgo } from '../support/call-fixtures.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { PollStepper } from '../support/poll-stepper.ts'

for (const backend of testBackends()) {
  describe(`watching calls change (${backend})`, () => {
    let test: TestDatabase

    const startWatching = async (filters: CallFilters = {}) => {
      const stop = new AbortController()
      const stepper = new PollStepper()
      const seen: Pick<Call, 'id' | 'status'>[] = []
      const consuming = (async () => {
        const watch = watchCalls(test.knex, {
          filters,
          signal: stop.signal,
          pause: stepper.pause,
        })
        for await (const call of watch) seen.push({ id: call.id, status: call.status })
      })()
      await stepper.polled()
      const finish = async () => {
        stop.abort()
        await consuming
      }
      return { stepper, seen, finish }
    }

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(() => test.destroy())
    beforeEach(() => test.reset({ seed: true }))

    // The embedded database runs one transaction at a time, so only Postgres can commit
    // an older change after a newer one.
    const onPostgresOnly = { skip: backend === 'embedded' && 'Postgres only' }

    it(
      'reports a change whose transaction commits after a later one was seen',
      onPostgresOnly,
      async () => {
        const watch = await startWatching()
        const slow = await test.knex.transaction()
        try {
          const [{ id: late }] = await slow('calls')
            .insert({ call_uuid: 'late', status: 'ringing', started_at: new Date() })
            .returning('id')
          const early = await insertCall(test.knex, {
            startedAt: new Date(),
            status: 'ringing',
          })
          await watch.stepper.poll()
          assert.deepEqual(watch.seen, [{ id: early, status: 'ringing' }])

          await slow.commit()
          await watch.stepper.poll()
          assert.deepEqual(watch.seen.at(-1), { id: Number(late), status: 'ringing' })
          assert.equal(watch.seen.length, 2)
        } finally {
          if (!slow.isCompleted()) await slow.rollback()
          await watch.finish()
        }
      },
    )

    it('reports every version of a call once, through the updated_at trigger', async () => {
      const id = await insertCall(test.knex, {
        startedAt: minutesAgo(1),
        status: 'ringing',
      })
      const watch = await startWatching({ status: 'answered' })
      await test.knex('calls').where({ id }).update({ status: 'answered' })
      await watch.stepper.poll()
      await watch.stepper.poll()
      await test.knex('calls').where({ id }).update({ duration_seconds: 30 })
      await watch.stepper.poll()

      assert.deepEqual(watch.seen, [
        { id, status: 'answered' },
        { id, status: 'answered' },
      ])
      await watch.finish()
    })
  })
}
