import type { Knex } from 'knex'
import { migrateLatest, rollbackAll } from '../../db/migrate.ts'
import { runSeeds } from '../../db/seed.ts'
import { UserError } from '../../errors.ts'
import type { CliContext } from '../context.ts'
import { confirm } from '../prompt.ts'

export async function migrate(context: CliContext): Promise<void> {
  const { knex, location } = await context.database({ migrate: false })
  const applied = await migrateLatest(knex)
  context.print(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${location}: ${applied.join(', ')}`
      : `The schema in ${location} is up to date.`,
  )
}

export async function seed(context: CliContext): Promise<void> {
  const { knex, location } = await context.database()
  const counts = await runSeeds(knex)
  context.print(
    `Seeded ${location}: ${counts.users} users, ${counts.lines} lines, ${counts.apps} apps.`,
  )
}

export async function reset(
  context: CliContext,
  options: { yes?: boolean; seed?: boolean },
): Promise<void> {
  const { knex, location } = await context.database({ migrate: false })
  // A reset makes a new installation: what this one provisioned can no longer be pruned.
  const provisioned = await countProvisionedEndpoints(knex)
  if (provisioned > 0) {
    context.note(
      `Note: ${provisioned} Plivo endpoint(s) provisioned from this database stay in Plivo after a reset; run \`aircall provision --prune\` first if they should go (remove the lines and apps, then prune).`,
    )
  }
  if (!options.yes) {
    context.requireInteractive('--yes', 'resetting the database')
    const sure = await confirm(context, `Delete every row in ${location}?`)
    if (!sure) throw new UserError('nothing was reset', { exitCode: 1 })
  }

  await rollbackAll(knex)
  await migrateLatest(knex)
  context.print(`Reset ${location}: the schema is new and empty.`)
  if (options.seed) await seed(context)
}

async function countProvisionedEndpoints(knex: Knex): Promise<number> {
  if (!(await knex.schema.hasTable('apps'))) return 0
  const count = async (table: string) => {
    const row = await knex(table)
      .whereNotNull('plivo_endpoint_id')
      .count({ n: '*' })
      .first()
    return Number(row?.n ?? 0)
  }
  return (await count('lines')) + (await count('apps'))
}
