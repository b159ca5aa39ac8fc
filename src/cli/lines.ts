import { type Command, Option } from 'commander'
import { RING_STRATEGIES, RING_TIMEOUT_RANGE } from '../db/lines.ts'
import { declareHours } from './line-hours.ts'
import type { Run } from './main.ts'
import { parseInteger } from './parse.ts'

export type LineOptions = {
  strategy?: (typeof RING_STRATEGIES)[number]
  timeout?: number
  greeting?: string
  screening?: 'on' | 'off'
}

export function declareLines(program: Command, run: Run): void {
  const lines = program
    .command('lines')
    .description('the company phone lines and who answers them')
  const load = () => import('./commands/lines.ts')

  lines
    .command('list')
    .description('list lines with their settings and members in ring order')
    .option('--json', 'print JSON')
    .action(
      run(async (context, options: { json?: boolean }) =>
        (await load()).list(context, options),
      ),
    )

  withSettings(
    lines
      .command('add')
      .description('add a line')
      .argument('<name>', 'e.g. "Main Office"; unique without regard to case')
      .option(
        '--slug <slug>',
        'short name used in URLs and SIP usernames (default: from the name)',
      ),
  ).action(
    run(async (context, name: string, options: LineOptions & { slug?: string }) =>
      (await load()).add(context, name, options),
    ),
  )

  lines
    .command('remove')
    .description('remove a line (its past calls stay in the history)')
    .argument('<line>', 'name or slug')
    .action(run(async (context, line: string) => (await load()).remove(context, line)))

  lines
    .command('assign')
    .description("add a user to a line's ring order")
    .argument('<line>', 'name or slug')
    .argument('<user>', 'user name')
    .option(
      '--position <n>',
      'place in the ring order, 1 rings first (default: last)',
      (value) => parseInteger(value, '--position', { min: 1 }),
    )
    .action(
      run(async (context, line: string, user: string, options: { position?: number }) =>
        (await load()).assign(context, line, user, options),
      ),
    )

  lines
    .command('unassign')
    .description('take a user off a line')
    .argument('<line>', 'name or slug')
    .argument('<user>', 'user name')
    .action(
      run(async (context, line: string, user: string) =>
        (await load()).unassign(context, line, user),
      ),
    )

  lines
    .command('show')
    .description('one line: its settings, members and apps, business hours and closures')
    .argument('<line>', 'name or slug')
    .option('--json', 'print JSON')
    .action(
      run(async (context, line: string, options: { json?: boolean }) =>
        (await import('./commands/lines-show.ts')).show(context, line, options),
      ),
    )

  declareHours(lines, run)

  withSettings(
    lines
      .command('set')
      .description('change how a line rings')
      .argument('<line>', 'name or slug'),
  ).action(
    run(async (context, line: string, options: LineOptions) =>
      (await load()).set(context, line, options),
    ),
  )
}

function withSettings(command: Command): Command {
  const { min, max } = RING_TIMEOUT_RANGE
  return command
    .addOption(
      new Option(
        '--strategy <strategy>',
        'ring everyone at once, one member after the other, or start with the next member each call',
      ).choices(RING_STRATEGIES),
    )
    .option(
      `--timeout <seconds>`,
      `how long each ring step lasts (${min}-${max}, default 20)`,
      (value) => parseInteger(value, '--timeout', { min, max }),
    )
    .option('--greeting <text>', 'spoken before the voicemail beep ("" for the default)')
    .addOption(
      new Option(
        '--screening <on|off>',
        'the person who picks up presses a key to accept the call',
      ).choices(['on', 'off']),
    )
}
