import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type Database, openDatabase } from '../../src/db/connect.ts'
import type { CallStep } from '../../src/sandbox/call/simulate.ts'
import { sendWebhook } from '../../src/sandbox/call/webhook.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { type Company, insertCompany } from './company.ts'
import { startDatabaseProxy } from './database-proxy.ts'
import { AUTH_TOKEN, startCallServer } from './harness.ts'

type Delivery = NonNullable<CallStep['webhook']> & { atMs: number }

for (const backend of testBackends()) {
  describe(`webhooks delivered twice and out of order (${backend})`, () => {
    let db: TestDatabase
    let company: Company
    let server: Awaited<ReturnType<typeof startCallServer>>

    before(async () => {
      db = await createTestDatabase(backend)
      company = await insertCompany(db.knex)
      server = await startCallServer(db.database)
    })
    after(async () => {
      await server?.close()
      await db?.destroy()
    })

    async function readCall(callUuid: string) {
      const row = await db.knex('calls').where('call_uuid', callUuid).first()
      const events = await db
        .knex('call_events')
        .where('call_id', row.id)
        .orderBy(['kind', 'dedupe_key'])
        .select('kind', 'dedupe_key', 'params', 'received_at')
      const { id, created_at, updated_at, ...call } = row
      return { call, events }
    }

    /** Plays the call's webhooks again, each twice, in a shuffled order, at their own times. */
    async function replay(deliveries: Delivery[], startMs: number, seed: number) {
      for (const delivery of shuffle([...deliveries, ...deliveries], seed)) {
        server.useClock({ now: () => startMs + delivery.atMs, sleep: async () => {} })
        await sendWebhook({ ...delivery, authToken: AUTH_TOKEN })
      }
    }

    const scenarios = {
      'an answered call': () => ({ answeredBy: company.apps.bobMobile }),
      'a voicemail': () => ({ messageSeconds: 11 }),
      'a call given up while ringing': () => ({ callerHangsUpAfterSeconds: 6 }),
    }

    for (const [name, script] of Object.entries(scenarios)) {
      it(`leaves the same row for ${name} whatever the order and the repeats`, async () => {
        const call = await server.placeCall(company.lines.sales.sipUri, script())
        assert.equal(call.ok, true, call.error)
        const startMs = Date.parse((await readCall(call.callUuid)).call.started_at)
        const expected = await readCall(call.callUuid)
        const deliveries = call.steps
          .filter((step) => step.webhook)
          .map((step) => ({ ...(step.webhook as Delivery), atMs: step.atMs }))

        for (const seed of [1, 2, 3]) {
          await db.knex('calls').where('call_uuid', call.callUuid).delete()
          await replay(deliveries, startMs, seed)
          assert.deepEqual(await readCall(call.callUuid), expected, `shuffle ${seed}`)
        }

        // All at once: the row lock orders them. Receipt times then all read the call's
        // start, so only what does not depend on them is compared.
        await db.knex('calls').where('call_uuid', call.callUuid).delete()
        server.useClock({ now: () => startMs, sleep: async () => {} })
        await Promise.all(
          [...deliveries, ...deliveries].map((delivery) =>
            sendWebhook({ ...delivery, authToken: AUTH_TOKEN }),
          ),
        )
        assert.deepEqual(outcome(await readCall(call.callUuid)), outcome(expected))
      })
    }

    function outcome({ call, events }: Awaited<ReturnType<typeof readCall>>) {
      const { started_at, answered_at, ...rest } = call
      return {
        ...rest,
        events: events.map(({ kind, dedupe_key }) => `${kind} ${dedupe_key}`),
      }
    }
  })
}

describe('the database stopped in the middle of calls', () => {
  let db: TestDatabase
  let company: Company
  let proxy: Awaited<ReturnType<typeof startDatabaseProxy>>
  let proxied: Database
  let server: Awaited<ReturnType<typeof startCallServer>>

  before(async () => {
    db = await createTestDatabase('embedded')
    company = await insertCompany(db.knex)
    const owner = JSON.parse(
      readFileSync(join(db.env.AIRCALL_DATA_DIR, 'owner.json'), 'utf8'),
    )
    proxy = await startDatabaseProxy({ host: '127.0.0.1', port: owner.port })
    proxied = openDatabase({ databaseUrl: proxy.url, dataDir: '' })
    // A hung database is given up on after 300 ms instead of the production 5 s.
    server = await startCallServer(proxied, { databaseDeadlineMs: 300 })
  })
  after(async () => {
    await server?.close()
    await proxied?.knex.destroy()
    await proxy?.stop()
    await db?.destroy()
  })

  it('still gives the caller voicemail, logs the failure, and writes the call once it is back', async () => {
    const call = await server.placeCall(
      company.lines.sales.sipUri,
      { messageSeconds: 7 },
      {
        onStep: (step) => {
          if (step.webhook?.purpose === 'answer URL') void proxy.stop()
        },
      },
    )

    assert.equal(call.ok, true, call.error)
    assert.ok(call.steps.some((step) => step.text.includes('You have reached us.')))
    assert.ok(call.steps.some((step) => step.text.startsWith('recorded 7 s')))
    const health = await fetch(`${server.publicUrl}/health`)
    assert.equal(health.status, 503)
    assert.equal((await health.json()).database.state, 'down')
    assert.ok(
      server.logLines.some((line) =>
        line.includes('call log write failed; kept to retry'),
      ),
    )
    assert.equal(
      (await db.knex('calls').where('call_uuid', call.callUuid).first()).status,
      'ringing',
    )

    await proxy.restart()
    await server.writes.flush()

    assert.equal(server.writes.size, 0)
    const row = await db.knex('calls').where('call_uuid', call.callUuid).first()
    assert.equal(row.status, 'voicemail')
    assert.equal(row.voicemail_seconds, 7)
    assert.equal(row.line_name, 'Sales')
    assert.ok(row.ended_at)
  })

  it('answers within the deadline when the database hangs instead of refusing', async () => {
    proxy.freeze()
    const started = performance.now()
    const call = await server.placeCall(company.lines.sales.sipUri, { messageSeconds: 4 })
    const elapsedMs = performance.now() - started

    assert.equal(call.ok, true, call.error)
    assert.ok(call.steps.some((step) => step.text.includes('You have reached us.')))
    // Answer, Dial action, Record action and callback, hangup: each waits 300 ms at most.
    assert.ok(elapsedMs < 5000, `the call took ${Math.round(elapsedMs)} ms`)

    proxy.thaw()
    await server.writes.flush()

    const row = await db.knex('calls').where('call_uuid', call.callUuid).first()
    assert.equal(row.status, 'voicemail')
    assert.equal(row.voicemail_seconds, 4)
  })

  it('answers a call that arrives while the database is away with voicemail, and logs it later', async () => {
    await proxy.stop()
    const call = await server.placeCall(company.lines.support.sipUri, {
      messageSeconds: 5,
    })

    assert.equal(call.ok, true, call.error)
    assert.ok(call.steps.some((step) => step.text.includes('You have reached us.')))
    assert.equal(
      await db.knex('calls').where('call_uuid', call.callUuid).first(),
      undefined,
    )

    await proxy.restart()
    await server.writes.flush()

    const row = await db.knex('calls').where('call_uuid', call.callUuid).first()
    assert.equal(row.status, 'voicemail')
    assert.equal(row.line_name, 'Support')
    assert.equal(row.from_number, '+14155550100')
  })
})

/** A seeded Fisher–Yates shuffle, so that a failing order can be played again. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[items[index], items[other]] = [items[other], items[index]]
  }
  return items
}
