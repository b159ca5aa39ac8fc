import { DateTime } from 'luxon'
import type { LineHours } from './types.ts'

/**
 * Whether a line with these hours takes calls at `now`. The instant is read as wall-clock
 * time in the line's zone by luxon, so a daylight-saving change moves the opening with
 * the clocks (09:00 stays 09:00 local) without any offset arithmetic here.
 */
export function isLineOpen(hours: LineHours | undefined, now: Date): boolean {
  if (!hours) return true

  const local = DateTime.fromJSDate(now, { zone: hours.zone })
  // A zone the time zone database no longer knows keeps the line ringing, not shut.
  if (!local.isValid) return true
  if (hours.closures.includes(local.toISODate() ?? '')) return false

  // Without weekly hours a line is open around the clock, except on its closures.
  if (hours.weekly.length === 0) return true
  const time = local.toFormat('HH:mm')
  return hours.weekly.some(
    (range) =>
      range.weekday === local.weekday && range.opens <= time && time < range.closes,
  )
}
