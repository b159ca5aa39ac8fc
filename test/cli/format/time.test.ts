import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatAgo, parseTimeBound } from '../../../src/cli/format/time.ts'

// Dates without a zone are read in the local zone; these tests fix it.
process.env.TZ = 'Europe/Paris'

const now = new Date('2026-12-03T17:00:00Z')
const since = (text: string) => parseTimeBound(text, '--since', now).toISOString()
const until = (text: string) => parseTimeBound(text, '--until', now).toISOString()

describe('time bounds and ages', () => {
  it('counts an age back from now in seconds, minutes, hours, days or weeks', () => {
    assert.equal(since('45s'), '2026-12-03T16:59:15.000Z')
    assert.equal(since('30m'), '2026-12-03T16:30:00.000Z')
    assert.equal(since('2h'), '2026-12-03T15:00:00.000Z')
    assert.equal(since('7d'), '2026-11-26T17:00:00.000Z')
    assert.equal(since('2W'), '2026-11-19T17:00:00.000Z')
  })

  it('reads a date alone as the whole local day: its start for --since, its end for --until', () => {
    assert.equal(since('2026-12-01'), '2026-11-30T23:00:00.000Z')
    assert.equal(until('2026-12-01'), '2026-12-01T23:00:00.000Z')
  })

  it('reads a time in the local zone unless it names its own', () => {
    assert.equal(until('2026-12-01T09:30'), '2026-12-01T08:30:00.000Z')
    assert.equal(until('2026-12-01T09:30Z'), '2026-12-01T09:30:00.000Z')
    assert.equal(until('2026-12-01T09:30:00-05:00'), '2026-12-01T14:30:00.000Z')
  })

  it('refuses anything else, with examples of what it takes', () => {
    assert.throws(() => since('last tuesday'), {
      name: 'UserError',
      message: '--since takes an ISO date or time or an age, not "last tuesday"',
      hint: 'e.g. --since 2h, --since 7d, --since 2026-12-01 or --since 2026-12-01T09:30',
    })
    assert.throws(() => until('3y'), {
      message: '--until takes an ISO date or time or an age, not "3y"',
    })
  })

  it('takes the years 1970 to 9999, read in the zone the time names, and refuses the rest', () => {
    const outOfRange = (flag: string, text: string) => ({
      name: 'UserError',
      message: `${flag} "${text}" is out of range`,
      hint: 'times go from 1970-01-01 to 9999-12-31, ages back to 1970',
    })
    assert.throws(() => since('99999999d'), outOfRange('--since', '99999999d'))
    assert.throws(
      () => since('9999999999999999999999w'),
      outOfRange('--since', '9999999999999999999999w'),
    )
    assert.throws(() => since('1969-12-31'), outOfRange('--since', '1969-12-31'))
    assert.throws(() => until('+010000-01-01'), outOfRange('--until', '+010000-01-01'))

    assert.equal(since('1970-01-01T00:30+02:00'), '1969-12-31T22:30:00.000Z')
    assert.equal(until('9999-12-31'), '9999-12-31T23:00:00.000Z')
    assert.equal(since('2950w'), '1970-05-21T17:00:00.000Z')
  })

  it('says how long ago in the largest whole unit', () => {
    const ago = (seconds: number) =>
      formatAgo(new Date(now.getTime() - seconds * 1000), now)
    assert.deepEqual(
      [5, 60, 3599, 3600, 86_399, 86_400 * 2, 86_400 * 45, 86_400 * 400, -30].map(ago),
      [
        'just now',
        '1m ago',
        '59m ago',
        '1h ago',
        '23h ago',
        '2d ago',
        '1mo ago',
        '1y ago',
        'just now',
      ],
    )
  })
})
