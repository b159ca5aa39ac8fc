import type { Command } from 'commander'
import { WEEKDAYS, parseDate, parseRanges, parseZone } from './format/hours.ts'
import type { Run } from './main.ts'

export type HoursOptions = {
  zone?: string
  weekdays?: ReturnType<typeof parseRanges>
  closed: string[]
  reopen: string[]
  closedGreeting?: string
  clear?: boolean
} & Partial<Record<(typeof WEEKDAYS)[number], ReturnType<typeof parseRanges>>>

/** `aircall lines hours`: when a line takes calls, in its own time zone. */
export function declareHours(lines: Command, run: Run): void {
  const command = lines
    .command('hours')
    .description(
      'set when a line takes calls; outside its hours it plays the closed greeting and takes a voicemail',
    )
    .argument('<line>', 'name or slug')
    .option('--zone <zone>', "the line's IANA time zone, e.g. Europe/Paris", parseZone)
    .option('--weekdays <ranges>', 'hours Monday to Friday, e.g. 09:00-18:00', (value) =>
      parseRanges(value, '--weekdays'),
    )
  for (const day of WEEKDAYS) {
    command.option(
      `--${day} <ranges>`,
      `hours on ${day}s (overrides --weekdays), or closed`,
      (value) => parseRanges(value, `--${day}`),
    )
  }
  command
    .option(
      '--closed <date>',
      'closed all day on this date, e.g. a holiday (repeatable)',
      (value, dates: string[]) => [...dates, parseDate(value, '--closed')],
      [],
    )
    .option(
      '--reopen <date>',
      'forget a closure (repeatable)',
      (value, dates: string[]) => [...dates, parseDate(value, '--reopen')],
      [],
    )
    .option('--closed-greeting <text>', 'spoken outside the hours ("" for the default)')
    .option('--clear', 'forget the zone, hours and closures: the line is always open')
    .addHelpText(
      'after',
      `
Times are wall-clock times in the line's zone, so a daylight-saving change keeps 09:00 at
09:00. A range closes at its end minute (09:00-18:00 takes a call at 17:59, not 18:00);
24:00 means midnight. Days not named keep their hours. A line with no weekly hours is open
around the clock except on its closures. Without options, prints the line's hours.

Examples:
  aircall lines hours Sales --zone Europe/Paris --weekdays 09:00-18:00 --saturday 10:00-12:00
  aircall lines hours Sales --weekdays 09:00-12:00,14:00-18:00 --friday 09:00-16:00
  aircall lines hours Sales --closed 2026-12-25 --closed 2027-01-01
  aircall lines hours Sales --clear`,
    )
    .action(
      run(async (context, line: string, options: HoursOptions) =>
        (await import('./commands/lines-hours.ts')).hours(context, line, options),
      ),
    )
}
