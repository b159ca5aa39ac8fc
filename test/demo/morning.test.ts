import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Call } from '../../src/db/call-history.ts'
import { describeMismatch } from '../../src/demo/check-outcome.ts'
import { MorningClock } from '../../src/demo/clock.ts'
import { MORNING, type MorningCall } from '../../src/demo/morning.ts'
import type { SimulatedCall } from '../../src/sandbox/call/simulate.ts'

const NOW = Date.parse('2026-12-03T11:32:40Z')

describe('the demo’s morning', () => {
  it('tells the four endings the demo promises', () => {
    assert.deepEqual(
      MORNING.map((scene) => [
        scene.line,
        scene.expected.status,
        scene.expected.answeredBy,
      ]),
      [
        ['Main Office', 'answered', 'Jane/desktop'],
        ['Sales', 'answered', 'Luke/mobile'],
        ['Support', 'voicemail', undefined],
        ['Main Office', 'missed', undefined],
      ],
    )
  })

  it('ends a few minutes before now, on a whole minute, so the history reads as recent', () => {
    const clock = new MorningClock(47, NOW)

    assert.equal(new Date(clock.startMs).toISOString(), '2026-12-03T10:40:00.000Z')
    assert.equal(clock.startMs + 47 * 60_000 < NOW, true)
  })

  it('lets the server see the time of the call in progress', async () => {
    const clock = new MorningClock(47, NOW)
    const call = clock.startCall(14)
    await call.sleep(25_000)

    assert.equal(clock.server.now().toISOString(), '2026-12-03T10:54:25.000Z')
    clock.startCall(31)
    assert.equal(clock.server.now().toISOString(), '2026-12-03T11:11:00.000Z')
  })
})

describe('checking a call against the story', () => {
  const sales = MORNING[1]
  const simulated = { ok: true } as SimulatedCall
  const answeredBy = (user: string, app: string) =>
    ({ status: 'answered', answeredBy: { user, app } }) as Call

  it('accepts a call that ended as told, whatever the case of the names', () => {
    assert.equal(
      describeMismatch(sales, { simulated, call: answeredBy('luke', 'Mobile') }),
      undefined,
    )
  })

  it('names the simulator’s failure first', () => {
    assert.equal(
      describeMismatch(sales, {
        simulated: { ok: false, error: 'the answer URL failed: 500' } as SimulatedCall,
        call: answeredBy('Luke', 'mobile'),
      }),
      'the call to Sales failed: the answer URL failed: 500',
    )
  })

  it('names another ending, or another person', () => {
    const voicemail = { status: 'voicemail', answeredBy: null } as Call
    assert.equal(
      describeMismatch(sales, { simulated, call: voicemail }),
      'the call to Sales ended voicemail, not answered',
    )
    assert.equal(
      describeMismatch(sales, { simulated, call: answeredBy('Jane', 'mobile') }),
      'the call to Sales was answered by Jane/mobile, not Luke/mobile',
    )
  })

  it('asks nothing of who answered when the story does not say', () => {
    const missed: MorningCall = MORNING[3]
    const call = { status: 'missed', answeredBy: null } as Call
    assert.equal(describeMismatch(missed, { simulated, call }), undefined)
  })
})
