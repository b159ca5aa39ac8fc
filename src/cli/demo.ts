import type { Command } from 'commander'
import type { Run } from './main.ts'

export type DemoFlags = { keep?: boolean }

export function declareDemo(program: Command, run: Run): void {
  program
    .command('demo')
    .description(
      'play a morning of calls on this machine: no account, nothing left behind',
    )
    .option(
      '--keep',
      'keep the demo’s database afterwards, to explore with the other commands',
    )
    .addHelpText(
      'after',
      `
Everything runs in this process and is gone when it ends: a new embedded database in a
temporary folder (migrated and seeded with Jane, Peter and Luke), the Plivo sandbox with
a throwaway account, and the webhook server, both on free loopback ports. The company is
provisioned on the sandbox, then four calls are played on a simulated clock: one answered
by Jane, one that Sales passes on to Luke, a voicemail on Support, and a caller who
hangs up while it rings. Each call's steps print as they happen, then the history as
\`aircall calls list\` prints it. It ignores DATABASE_URL and the PLIVO_* settings. It
exits 1 naming a call that did not go as told, and 130 on Ctrl-C, once what it started
is stopped and its folder removed.

Examples:
  aircall demo
  aircall demo --keep      then run the commands it prints, e.g. aircall calls list`,
    )
    .action(
      run(async (context, flags: DemoFlags) =>
        (await import('./commands/demo.ts')).runDemo(context, flags),
      ),
    )
}
