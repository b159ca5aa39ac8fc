import { type Command, Option } from 'commander'
import type { Run } from './main.ts'

export function declareApps(program: Command, run: Run): void {
  const apps = program
    .command('apps')
    .description(
      'the SIP apps (mobile, desktop…) that ring for each user; written user/label',
    )
  const load = () => import('./commands/apps.ts')

  apps
    .command('list')
    .description('list apps and their SIP addresses')
    .option('--user <name>', "only this user's apps")
    .option('--json', 'print JSON')
    .action(
      run(async (context, options: { user?: string; json?: boolean }) =>
        (await load()).list(context, options),
      ),
    )

  apps
    .command('add')
    .description('give a user an app')
    .argument('<user>', 'user name')
    .argument('<label>', 'e.g. mobile, desktop; unique per user')
    .action(
      run(async (context, user: string, label: string) =>
        (await load()).add(context, user, label),
      ),
    )

  apps
    .command('remove')
    .description('remove an app')
    .argument('<app>', 'user/label, e.g. Jane/mobile')
    .action(run(async (context, app: string) => (await load()).remove(context, app)))

  apps
    .command('set')
    .description("change an app's settings")
    .argument('<app>', 'user/label, e.g. Jane/mobile')
    .addOption(
      new Option(
        '--auto-answer <on|off>',
        'on for an app that may pick up by itself (a mobile forwarding to its own voicemail): its calls ask for a key press first',
      ).choices(['on', 'off']),
    )
    .addHelpText(
      'after',
      `
Apps that may auto-answer ring after the others of the same ring step, in a Dial of
their own that asks the person to press 1 before they get the caller. A line with
\`lines set <line> --screening on\` asks every app for the key.

Example:
  aircall apps set Jane/mobile --auto-answer on`,
    )
    .action(
      run(async (context, app: string, options: { autoAnswer?: 'on' | 'off' }) =>
        (await load()).set(context, app, options),
      ),
    )

  apps
    .command('credentials')
    .description('show the SIP URI, username and password to set an app up (prints the password)')
    .argument('<app>', 'user/label, e.g. Jane/mobile')
    .option('--json', 'print JSON')
    .action(
      run(async (context, app: string, options: { json?: boolean }) =>
        (await import('./commands/apps-credentials.ts')).credentials(context, app, options),
      ),
    )
}
