import { randomBytes, randomInt } from 'node:crypto'

/** 100-nanosecond intervals between the Gregorian reform (1582-10-15) and 1970. */
const GREGORIAN_OFFSET = 122192928000000000n

const node = randomBytes(6)
node[0] |= 0x01 // a random node id sets the multicast bit (RFC 4122 §4.5)
const clockSequence = randomInt(0, 0x4000)
let lastTicks = 0n

/**
 * Every Plivo answer carries an `api_id`; real ones are time-based (v1) UUIDs
 * (plivo-contract.md §1.2), so the sandbox makes them from its own clock.
 */
export function createApiId(now: number): string {
  // Ids made in the same millisecond take the next tick, so no two are alike. A simulated
  // clock may read a fraction of a millisecond, which BigInt refuses.
  const fromClock = BigInt(Math.floor(now)) * 10000n + GREGORIAN_OFFSET
  const ticks = fromClock > lastTicks ? fromClock : lastTicks + 1n
  lastTicks = ticks

  const low = (ticks & 0xffffffffn).toString(16).padStart(8, '0')
  const mid = ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0')
  const high = (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0')
  const sequence = (clockSequence | 0x8000).toString(16).padStart(4, '0')
  return `${low}-${mid}-${high}-${sequence}-${node.toString('hex')}`
}
