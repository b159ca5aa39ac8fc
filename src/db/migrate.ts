import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Knex } from 'knex'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations', import.meta.url))
export const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url))

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> }

// Migrations are listed from the folder and imported by name, so the same files serve
// the knex CLI (knexfile.ts) and `aircall db migrate`.
const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return readdirSync(MIGRATIONS_DIR)
      .filter((name) => /^\d+_.+\.ts$/.test(name))
      .sort()
  },
  getMigrationName: (name) => name,
  async getMigration(name) {
    return (await import(`${MIGRATIONS_DIR}/${name}`)) as Migration
  },
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]]
  return applied
}

export async function rollbackAll(knex: Knex): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback({ migrationSource }, true)) as [number, string[]]
  return reverted
}

export async function pendingMigrations(knex: Knex): Promise<string[]> {
  const [, pending] = (await knex.migrate.list({ migrationSource })) as [unknown[], { file?: string }[] | string[]]
  return pending.map((entry) => (typeof entry === 'string' ? entry : String(entry.file)))
}
