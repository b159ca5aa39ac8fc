import { type Command, Option } from 'commander'
import type { Run } from './main.ts'

export function declareUsers(program: Command, run: Run): void {
  const users = program.command('users').description('the people who answer the lines')
  const load = () => import('./commands/users.ts')

  users
    .command('list')
    .description('list users with their apps and availability')
    .option('--json', 'print JSON')
    .action(
      run(async (context, options: { json?: boolean }) =>
        (await load()).list(context, options),
      ),
    )

  users
    .command('add')
    .description('add a person')
    .argument('<name>', 'their name, unique without regard to case')
    .option('--title <title>', 'their job title, e.g. CTO')
    .action(
      run(async (context, name: string, options: { title?: string }) =>
        (await load()).add(context, name, options),
      ),
    )

  users
    .command('remove')
    .description(
      'remove a person, their apps and line memberships (their past calls stay)',
    )
    .argument('<name>')
    .action(run(async (context, name: string) => (await load()).remove(context, name)))

  users
    .command('set')
    .description('mark a person available (their apps ring) or away (they are skipped)')
    .argument('<name>')
    .addOption(new Option('--available', 'ring their apps').conflicts('away'))
    .addOption(new Option('--away', 'skip them when their lines ring'))
    .action(
      run(
        async (context, name: string, options: { available?: boolean; away?: boolean }) =>
          (await load()).set(context, name, options),
      ),
    )
}
