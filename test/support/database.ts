import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach } from 'node:test'
import knexFactory from 'knex'
import { type Database, openDatabase } from '../../src/db/connect.ts'
import { MIGRATIONS_DIR, migrateLatest } from '../../src/db/migrate.ts'
import { runSeeds } from '../../src/db/seed.ts'
import { runCli } from './cli.ts'

export type Backend = 'embedded' | 'postgres'

export type TestDatabase = {
  backend: Backend
  database: Database
  knex: Database['knex']
  /** What a child process or an in-process CLI run needs to reach this database. */
  env: Record<string, string>
  /** Empties every table (sequences restart) and, if asked, seeds the example company. */
  reset(options?: { seed?: boolean }): Promise<void>
  destroy(): Promise<void>
}

/** The embedded backend always; Postgres too when TEST_DATABASE_URL names a server. */
export function testBackends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded']
}

export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  const created = backend === 'postgres' ? await createPostgres() : await createEmbedded()
  const { database } = created
  await migrateLatest(database.knex)

  return {
    backend,
    database,
    knex: database.knex,
    env: created.env,
    async reset(options = {}) {
      const tables = await database
        .knex('pg_tables')
        .where({ schemaname: 'public' })
        .whereNotIn('tablename', ['knex_migrations', 'knex_migrations_lock'])
        .pluck('tablename')
      if (tables.length) {
        await database.knex.raw(
          `truncate ${tables.map((name) => `"${name}"`).join(', ')} restart identity cascade`,
        )
      }
      if (options.seed) await runSeeds(database.knex)
    },
    async destroy() {
      await database.close()
      await created.drop()
    },
  }
}

async function createEmbedded() {
  const dataDir = mkdtempSync(join(tmpdir(), 'aircall-test-'))
  cpSync(await migratedTemplate(), dataDir, { recursive: true })
  const database = openDatabase({ dataDir })
  return {
    database,
    env: { AIRCALL_DATA_DIR: dataDir } as Record<string, string>,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

/**
 * Creating a PGlite database takes seconds; copying one takes milliseconds. The first
 * test file of a run builds a migrated template, named after the migrations it holds.
 */
async function migratedTemplate(): Promise<string> {
  const hash = createHash('sha1')
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(name).update(readFileSync(join(MIGRATIONS_DIR, name)))
  }
  const key = hash.digest('hex').slice(0, 16)
  const template = join(tmpdir(), `aircall-template-${key}`)
  if (existsSync(template)) return template

  const building = mkdtempSync(join(tmpdir(), 'aircall-template-building-'))
  const database = openDatabase({ dataDir: building })
  await migrateLatest(database.knex)
  await database.close()
  try {
    renameSync(building, template)
  } catch {
    // Another test file finished the same template first.
    rmSync(building, { recursive: true, force: true })
  }
  return template
}

async function createPostgres() {
  const serverUrl = process.env.TEST_DATABASE_URL as string
  const name = `aircall_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = knexFactory({
    client: 'pg',
    connection: serverUrl,
    pool: { min: 0, max: 1 },
  })
  await admin.raw(`create database ${name}`)
  await admin.destroy()

  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  return {
    database,
    env: { DATABASE_URL: url.toString() } as Record<string, string>,
    drop: async () => {
      const cleanup = knexFactory({
        client: 'pg',
        connection: serverUrl,
        pool: { min: 0, max: 1 },
      })
      await cleanup.raw(`drop database if exists ${name} with (force)`)
      await cleanup.destroy()
    },
  }
}

/**
 * For a test file's describe block: one database for the block, emptied (and seeded, by
 * default) before each test, and `aircall(...)` that runs the CLI in-process on it.
 */
export function useCliDatabase(backend: Backend, options: { seed?: boolean } = {}) {
  let database: TestDatabase | undefined
  const current = () => {
    if (!database)
      throw new Error('the test database is made in before(); use it inside a test')
    return database
  }

  before(async () => {
    database = await createTestDatabase(backend)
  })
  after(() => database?.destroy())
  beforeEach(() => current().reset({ seed: options.seed ?? true }))

  return {
    get test() {
      return current()
    },
    aircall: (...args: string[]) => runCli(args, { env: current().env }),
  }
}
