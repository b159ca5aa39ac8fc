import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type Database, openDatabase } from '../../src/db/connect.ts'

describe('the embedded database shared by several connections', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aircall-embedded-'))
  let databases: Database[] = []

  before(async () => {
    // Three "processes" worth of pools on one data folder: the first serves, the others connect.
    databases = [0, 1, 2].map(() => openDatabase({ dataDir, poolSize: 4 }))
    await databases[0].knex.raw('create table tally (n integer primary key)')
  })
  after(async () => {
    for (const database of databases.reverse()) await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('names the serving process and its port in owner.json', () => {
    const owner = JSON.parse(readFileSync(join(dataDir, 'owner.json'), 'utf8'))
    assert.equal(owner.pid, process.pid)
    assert.equal(typeof owner.port, 'number')
  })

  it('never mixes one connection\'s parameterised queries with another\'s', async () => {
    const queries = Array.from({ length: 300 }, (_, n) => {
      const { knex } = databases[n % databases.length]
      // Each query text differs, so a Bind that reached another connection's Parse shows.
      const types = ['int', 'bigint', 'numeric'][n % 3]
      return knex.raw(`select ?::${types} as n_${n}, ?::text as label`, [n, `call-${n}`])
    })
    const results = await Promise.all(queries)
    results.forEach((result, n) => {
      assert.deepEqual(result.rows, [{ [`n_${n}`]: n % 3 === 0 ? n : String(n), label: `call-${n}` }])
    })
  })

  it('keeps transactions apart: a rolled-back one leaves nothing, the others all land', async () => {
    const work = Array.from({ length: 60 }, (_, n) =>
      databases[n % databases.length].knex
        .transaction(async (trx) => {
          await trx('tally').insert({ n })
          if (n % 4 === 0) throw new Error('change of mind')
        })
        .catch((error: Error) => error.message),
    )
    await Promise.all(work)
    const stored = await databases[1].knex('tally').orderBy('n').pluck('n')
    assert.deepEqual(
      stored,
      Array.from({ length: 60 }, (_, n) => n).filter((n) => n % 4 !== 0),
    )
  })
})
