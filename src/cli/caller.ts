import type { Command } from 'commander'
import type { CallerOptions } from './commands/caller.ts'
import type { Run } from './main.ts'

export function declareCaller(program: Command, run: Run): void {
  const caller = program
    .command('caller')
    .description(
      'a test SIP endpoint to call the lines from before customers do (not a line or app)',
    )
    .addHelpText(
      'after',
      `
Going live: create the caller, register a softphone with what it prints, register each
app with \`aircall apps credentials\`, call a line's SIP URI from the softphone and watch
\`aircall calls list --follow\`, where its calls are marked [test].

Examples:
  aircall caller create
  aircall caller show --json
  aircall caller remove`,
    )
  const load = () => import('./commands/caller.ts')

  caller
    .command('create')
    .description(
      'make the test caller in Plivo and print its SIP credentials (shows it if one exists)',
    )
    .option('--name <name>', 'what to call it here', 'Test caller')
    .option('--json', 'print JSON (without the password unless --show-password)')
    .option(
      '--show-password',
      'include the SIP password in --json output, and for a caller that already exists',
    )
    .addHelpText(
      'after',
      `
Reads PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN and PLIVO_API_URL from the environment or .env; on
a terminal a missing one is asked for. The endpoint is not attached to the aircall
Application: Plivo gives it the account's default endpoint application ("Direct Dial" on
a new account), so it calls the SIP URI it dials. \`aircall provision --prune\` leaves it
alone. Safe to run again: an interrupted create is finished, never made twice.`,
    )
    .action(
      run(async (context, options: CallerOptions & { name: string }) =>
        (await load()).create(context, options),
      ),
    )

  caller
    .command('show')
    .description('print the test caller’s SIP URI, username, password and domain again')
    .option('--json', 'print JSON (without the password unless --show-password)')
    .option('--show-password', 'include the SIP password in --json output')
    .action(
      run(async (context, options: CallerOptions) =>
        (await load()).show(context, options),
      ),
    )

  caller
    .command('remove')
    .description('delete the test caller’s endpoint in Plivo, then here')
    .action(run(async (context) => (await load()).remove(context)))
}
