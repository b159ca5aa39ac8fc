import type { Command } from 'commander'
import type { Run } from './main.ts'
import type { ProvisionOptions } from './commands/provision.ts'

export function declareProvision(program: Command, run: Run): void {
  program
    .command('provision')
    .description(
      'create or update the Plivo Application and a SIP endpoint for every line and app',
    )
    .option('--dry-run', 'print the plan and change nothing')
    .option(
      '--prune',
      'also delete endpoints this tool made for lines and apps that are gone',
    )
    .option('-y, --yes', 'apply without asking (needed when not on a terminal)')
    .option(
      '--json',
      'print the plan and the result as JSON (implies no prompt: pass --yes)',
    )
    .option(
      '--show-passwords',
      "print apps' new SIP passwords when stdout is no terminal, and in --json",
    )
    .addHelpText(
      'after',
      `
Reads PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, PUBLIC_URL and PLIVO_API_URL from the environment
or .env; on a terminal a missing one is asked for. Safe to run again at any time: a run
that was interrupted is finished by the next one, and nothing is created twice.

Examples:
  aircall provision --dry-run          see what would change
  aircall provision --yes              apply without asking
  aircall provision --prune --yes      also delete endpoints of removed apps and lines`,
    )
    .action(
      run(async (context, options: ProvisionOptions) =>
        (await import('./commands/provision.ts')).provision(context, options),
      ),
    )
}
