import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Knex } from 'knex'
import { openDatabase } from '../src/db/connect.ts'
import { migrateLatest } from '../src/db/migrate.ts'
import { ProvisionSession } from '../src/provision/session.ts'
import { startSandbox } from '../src/sandbox/start.ts'

// `aircall provision` for 1,000 apps against the sandbox with Plivo's limit of 300
// Application / Endpoint requests per 5 s and 50 ms added to every answer. The limit
// sets a floor on the time: 1,000 creates at 60 a second take 16.7 s. The goal is to
// stay within 20% of it, and never to have one request refused twice in a row.

export type BenchRow = { name: string; value: number; unit: string; note?: string }

const APPS = 1000
const LATENCY_MS = 50
const RATE = { requests: 300, windowMs: 5000 }
const account = { authId: 'MABENCHPROVISION0001', authToken: 'bench-provision-token' }

export async function run(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aircall-bench-provision-'))
  const database = openDatabase({ dataDir })
  const sandbox = await startSandbox({
    ...account,
    faults: { latencyMs: LATENCY_MS, rateLimit: RATE.requests },
  })

  try {
    await migrateLatest(database.knex)
    await insertApps(database.knex, APPS)

    const startedAt = performance.now()
    const session = await ProvisionSession.open({
      knex: database.knex,
      account: { apiUrl: sandbox.url, ...account },
      publicUrl: 'https://calls.example.com',
    })
    const result = await session.apply(await session.plan())
    await session.close()
    const seconds = (performance.now() - startedAt) / 1000

    const secondRun = await ProvisionSession.open({
      knex: database.knex,
      account: { apiUrl: sandbox.url, ...account },
      publicUrl: 'https://calls.example.com',
    })
    const leftOver = (await secondRun.plan()).endpoints.length
    await secondRun.close()

    const bound = APPS / (RATE.requests / (RATE.windowMs / 1000))
    const { stats } = session
    return [
      {
        name: `provision ${APPS} apps: time taken`,
        value: round(seconds),
        unit: 's',
        note: `${result.counts.create} created, ${stats.requests} requests, ${LATENCY_MS} ms latency`,
      },
      {
        name: 'bound set by 300 requests / 5 s',
        value: round(bound),
        unit: 's',
        note: `${APPS} creates at ${RATE.requests / (RATE.windowMs / 1000)} per second`,
      },
      {
        name: 'time taken / bound',
        value: round(seconds / bound),
        unit: 'ratio',
        note: 'goal ≤ 1.20',
      },
      {
        name: 'requests refused with 429',
        value: stats.rateLimited,
        unit: 'requests',
        note: `most in a row for one request: ${stats.mostRateLimitedInARow} (goal ≤ 1)`,
      },
      {
        name: 'steps planned by a second run',
        value: leftOver,
        unit: 'steps',
        note: `${sandbox.store.listEndpoints().length} endpoints in the sandbox`,
      },
    ]
  } finally {
    await sandbox.close()
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function insertApps(knex: Knex, count: number): Promise<void> {
  const labels = ['mobile', 'desktop']
  const users = await knex('users')
    .insert(
      Array.from({ length: count / labels.length }, (_, i) => ({
        name: `Person ${i + 1}`,
      })),
    )
    .returning('id')
  const apps = users.flatMap(({ id }) => labels.map((label) => ({ user_id: id, label })))
  await knex.batchInsert('apps', apps, 500)
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await run()) {
    console.log(
      `${row.name}: ${row.value} ${row.unit}${row.note ? ` (${row.note})` : ''}`,
    )
  }
}
