import { DateTime } from 'luxon'
import { UserError, quote } from '../../errors.ts'

// Times show in the terminal's own time zone; flags take an ISO date or time (read in
// that zone unless it names one) or an age counted back from now, like 2h or 7d.

// The years a flag's instant may fall in, as read in its own zone: no call is older
// than the Unix epoch, and ISO dates spell four-digit years. Past them the database
// refuses the query (`timestamp out of range`) or, nearer, a typo silently matches nothing.
const FIRST_YEAR = 1970
const LAST_YEAR = 9999

const AGE_UNITS: Record<string, string> = {
  s: 'seconds',
  m: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
}

/**
 * The instant a `--since` or `--until` flag names. A date alone means the start of that
 * day for `--since` and the end of it for `--until`, so both flags take the day in.
 */
export function parseTimeBound(
  text: string,
  flag: '--since' | '--until',
  now: Date = new Date(),
): Date {
  const trimmed = text.trim()
  const instant = readInstant(text, flag, now)
  if (!instant.isValid || instant.year < FIRST_YEAR || instant.year > LAST_YEAR) {
    throw new UserError(`${flag} ${quote(text)} is out of range`, {
      hint: `times go from ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31, ages back to ${FIRST_YEAR}`,
    })
  }
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
  return (
    isDateOnly && flag === '--until' ? instant.plus({ days: 1 }) : instant
  ).toJSDate()
}

/** An age counted back from now, or an ISO date or time. */
function readInstant(text: string, flag: string, now: Date): DateTime {
  const trimmed = text.trim()
  const age = /^(\d+)\s*([smhdw])$/i.exec(trimmed)
  if (age) {
    const unit = AGE_UNITS[age[2].toLowerCase()]
    return DateTime.fromJSDate(now).minus({ [unit]: Number(age[1]) })
  }

  const parsed = DateTime.fromISO(trimmed, { setZone: true })
  if (!parsed.isValid) {
    throw new UserError(
      `${flag} takes an ISO date or time or an age, not ${quote(text)}`,
      {
        hint: `e.g. ${flag} 2h, ${flag} 7d, ${flag} 2026-12-01 or ${flag} 2026-12-01T09:30`,
      },
    )
  }
  return parsed
}

/** "2026-12-03 14:05" in the local time zone. */
export function formatLocalTime(date: Date): string {
  return DateTime.fromJSDate(date).toFormat('yyyy-LL-dd HH:mm')
}

/** "2026-12-03 14:05:09" in the local time zone, for a call's timeline. */
export function formatLocalTimeWithSeconds(date: Date): string {
  return DateTime.fromJSDate(date).toFormat('yyyy-LL-dd HH:mm:ss')
}

/** How long ago, in the largest whole unit: "just now", "5m ago", "3h ago", "2d ago". */
export function formatAgo(date: Date, now: Date = new Date()): string {
  const seconds = Math.floor((now.getTime() - date.getTime()) / 1000)
  if (seconds < 60) return 'just now'
  const steps: [number, string][] = [
    [60, 'm'],
    [60, 'h'],
    [24, 'd'],
    [30, 'mo'],
    [12, 'y'],
  ]
  let value = seconds
  let unit = 's'
  for (const [size, next] of steps) {
    if (value < size) break
    value = Math.floor(value / size)
    unit = next
  }
  return `${value}${unit} ago`
}
