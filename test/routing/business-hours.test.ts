import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isLineOpen } from '../../src/routing/business-hours.ts'
import type { LineHours } from '../../src/routing/types.ts'

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  opens: '09:00',
  closes: '18:00',
}))
const newYork: LineHours = { zone: 'America/New_York', weekly: weekdays, closures: [] }

describe('business hours', () => {
  it('is always open without hours', () => {
    assert.equal(isLineOpen(undefined, new Date('2026-12-25T03:00:00Z')), true)
  })

  it('closes at the closing minute, in the line’s zone', () => {
    // Thursday 3 December 2026; New York is UTC-5.
    assert.equal(isLineOpen(newYork, new Date('2026-12-03T22:59:00Z')), true)
    assert.equal(isLineOpen(newYork, new Date('2026-12-03T23:00:00Z')), false)
  })

  it('follows the clocks across the autumn change (1 November 2026 in New York)', () => {
    // Friday 30 October is UTC-4, Monday 2 November UTC-5: 09:00 is 13:00Z, then 14:00Z.
    assert.equal(isLineOpen(newYork, new Date('2026-10-30T12:59:00Z')), false)
    assert.equal(isLineOpen(newYork, new Date('2026-10-30T13:00:00Z')), true)
    assert.equal(isLineOpen(newYork, new Date('2026-11-02T13:59:00Z')), false)
    assert.equal(isLineOpen(newYork, new Date('2026-11-02T14:00:00Z')), true)
  })

  it('reads a closure as a day in the line’s zone, not in UTC', () => {
    const hours = { ...newYork, closures: ['2026-12-24'] }
    // 10:00 on the 24th in New York.
    assert.equal(isLineOpen(hours, new Date('2026-12-24T15:00:00Z')), false)
    // 17:30 on the 23rd in New York is 22:30Z, still the 23rd there.
    assert.equal(isLineOpen(hours, new Date('2026-12-23T22:30:00Z')), true)
  })

  it('is open around the clock, except on closures, when no weekly hours are set', () => {
    const hours: LineHours = { zone: 'Europe/Paris', weekly: [], closures: ['2026-12-25'] }
    assert.equal(isLineOpen(hours, new Date('2026-12-26T02:00:00Z')), true)
    assert.equal(isLineOpen(hours, new Date('2026-12-24T23:30:00Z')), false)
  })

  it('takes several ranges a day and 24:00 as midnight', () => {
    const hours: LineHours = {
      zone: 'UTC',
      weekly: [
        { weekday: 4, opens: '09:00', closes: '12:00' },
        { weekday: 4, opens: '14:00', closes: '24:00' },
      ],
      closures: [],
    }
    assert.equal(isLineOpen(hours, new Date('2026-12-03T13:00:00Z')), false)
    assert.equal(isLineOpen(hours, new Date('2026-12-03T23:59:00Z')), true)
  })
})
