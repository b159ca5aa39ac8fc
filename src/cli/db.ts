import type { Command } from 'commander'
import type { Run } from './main.ts'

export function declareDb(program: Command, run: Run): void {
  const db = program
    .command('db')
    .description('create, fill or empty the database (embedded, or DATABASE_URL)')

  db.command('migrate')
    .description('bring the schema up to date')
    .action(run(async (context) => (await import('./commands/db.ts')).migrate(context)))

  db.command('seed')
    .description(
      'add the example company: Jane, Peter and Luke on Main Office, Sales and Support (safe to run twice)',
    )
    .action(run(async (context) => (await import('./commands/db.ts')).seed(context)))

  db.command('reset')
    .description('delete every row and table, then create the schema again')
    .option('-y, --yes', 'do not ask for confirmation (needed when not on a terminal)')
    .option('--seed', 'add the example company afterwards')
    .action(
      run(async (context, options: { yes?: boolean; seed?: boolean }) =>
        (await import('./commands/db.ts')).reset(context, options),
      ),
    )
}
