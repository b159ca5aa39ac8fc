import { readdirSync } from 'node:fs'
import type { Knex } from 'knex'
import { SEEDS_DIR } from './migrate.ts'

type SeedFile = { seed(knex: Knex): Promise<void> }

/** Runs every seed file in name order (the same files `knex seed:run` uses) and counts rows. */
export async function runSeeds(
  knex: Knex,
): Promise<{ users: number; lines: number; apps: number }> {
  const files = readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.ts'))
    .sort()
  for (const file of files) {
    const module = (await import(`${SEEDS_DIR}/${file}`)) as SeedFile
    await module.seed(knex)
  }

  const count = async (table: string) => {
    const row = (await knex(table).count({ count: '*' }).first()) as { count: string }
    return Number(row.count)
  }
  return {
    users: await count('users'),
    lines: await count('lines'),
    apps: await count('apps'),
  }
}
