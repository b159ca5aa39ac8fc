import { type Command, Option } from 'commander'
import { CALL_STATUSES } from '../db/call-history.ts'
import type { Run } from './main.ts'
import { parseInteger } from './parse.ts'

export function declareCalls(program: Command, run: Run): void {
  const calls = program
    .command('calls')
    .description('the call history: who called, who answered')

  calls
    .command('list')
    .description('list calls, newest first, a page at a time')
    .option('--line <name>', 'only calls to this line (name or slug)')
    .option('--user <name>', 'only calls this person answered')
    .addOption(
      new Option('--status <status>', 'only calls that ended so').choices(CALL_STATUSES),
    )
    .option(
      '--from <caller>',
      'only calls from this caller: a number (spaces, dashes, + optional) or SIP address',
    )
    .option(
      '--since <time>',
      'only calls since: an ISO date or time, or an age like 2h, 7d',
    )
    .option(
      '--until <time>',
      'only calls before: same forms; a date alone includes that day',
    )
    .option(
      '--limit <n>',
      'calls per page',
      (value) => parseInteger(value, '--limit', { min: 1, max: 1000 }),
      20,
    )
    .option(
      '--before <id>',
      'the next page: calls older than this one (the list names it)',
      (value) => parseInteger(value, '--before', { min: 1 }),
    )
    .addOption(
      new Option(
        '--json',
        'print a JSON array (with --follow, one object per line)',
      ).conflicts('csv'),
    )
    .option('--csv', 'print CSV (RFC 4180), with a header line')
    .option(
      '--follow',
      'print calls as they start and change (polled every second), until Ctrl-C',
    )
    .addHelpText(
      'after',
      `
Filters combine. Times show in the local time zone. The command for the next page goes
to stderr, so that --json and --csv output stays clean.

Examples:
  aircall calls list --line Sales --status missed --since 7d
  aircall calls list --user "Jane Doe" --csv > jane.csv
  aircall calls list --follow`,
    )
    .action(
      run(async (context, options) =>
        (await import('./commands/calls-list.ts')).list(context, options),
      ),
    )

  calls
    .command('show')
    .description('every detail of one call, with the timeline of its webhooks')
    .argument('<call>', 'the call id (from calls list) or its Plivo call UUID')
    .option('--json', 'print JSON')
    .action(
      run(async (context, reference: string, options: { json?: boolean }) =>
        (await import('./commands/calls-show.ts')).show(context, reference, options),
      ),
    )
}
