import { InvalidArgumentError } from 'commander'
import { DateTime, IANAZone } from 'luxon'
import type { LineHours } from '../../routing/types.ts'

export type OpeningRange = { opens: string; closes: string }

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

/**
 * Opening ranges of one day: `09:00-18:00`, several joined by commas
 * (`09:00-12:00,14:00-18:00`), or `closed`. Wall-clock times in the line's zone; a
 * range ends before its closing minute, and `24:00` closes at midnight.
 */
export function parseRanges(value: string, flag: string): OpeningRange[] {
  const text = value.trim().toLowerCase()
  if (text === 'closed') return []

  const ranges = text.split(',').map((part) => {
    const [opens = '', closes = ''] = part.trim().split('-')
    if (!TIME.test(opens) || !TIME.test(closes) || opens >= closes) {
      throw new InvalidArgumentError(
        `${flag} takes ranges like 09:00-18:00 (several joined by commas) or "closed", not ${JSON.stringify(value)}.`,
      )
    }
    return { opens, closes }
  })
  return ranges.sort((a, b) => (a.opens < b.opens ? -1 : 1))
}

/** A closure date, `YYYY-MM-DD`, as a day in the line's zone. */
export function parseDate(value: string, flag: string): string {
  const text = value.trim()
  if (!/^\d{4}-\d\d-\d\d$/.test(text) || !DateTime.fromISO(text).isValid) {
    throw new InvalidArgumentError(
      `${flag} takes a date like 2026-12-25, not ${JSON.stringify(value)}.`,
    )
  }
  return text
}

/** An IANA time zone name such as Europe/Paris; its offsets and DST come from luxon. */
export function parseZone(value: string): string {
  const zone = value.trim()
  if (!IANAZone.isValidZone(zone)) {
    throw new InvalidArgumentError(
      `--zone takes an IANA time zone such as Europe/Paris or America/New_York, not ${JSON.stringify(value)}.`,
    )
  }
  return zone
}

/** One line per weekday, "Mon  09:00-12:00, 14:00-18:00" or "Mon  closed". */
export function describeWeek(hours: LineHours): string[] {
  if (hours.weekly.length === 0) return ['every day  open around the clock']
  return WEEKDAYS.map((day, index) => {
    const ranges = hours.weekly
      .filter((range) => range.weekday === index + 1)
      .sort((a, b) => (a.opens < b.opens ? -1 : 1))
      .map((range) => `${range.opens}-${range.closes}`)
    const name = day.slice(0, 3).replace(/^./, (letter) => letter.toUpperCase())
    return `${name}  ${ranges.join(', ') || 'closed'}`
  })
}
