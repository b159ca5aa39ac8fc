import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  decideAfterDial,
  decideAnswer,
  isHangupNotification,
} from '../../src/routing/decide.ts'
import { planRing } from '../../src/routing/plan-ring.ts'
import type { LineRoute, MemberRoute } from '../../src/routing/types.ts'

const line: LineRoute = {
  id: 1,
  name: 'Sales',
  ringStrategy: 'simultaneous',
  ringTimeout: 20,
  greeting: null,
  screening: false,
}

function member(
  userId: number,
  name: string,
  apps: string[],
  isAvailable = true,
): MemberRoute {
  return {
    userId,
    name,
    isAvailable,
    apps: apps.map((label, index) => ({
      id: userId * 10 + index,
      label,
      sipUri: `sip:${name.toLowerCase()}-${label}@phone.plivo.com`,
    })),
  }
}

const ada = member(1, 'Ada', ['mobile', 'desktop'])
const bob = member(2, 'Bob', ['mobile'])
const cyd = member(3, 'Cyd', ['desktop'])
const away = member(4, 'Dee', ['mobile'], false)
const appless = member(5, 'Eve', [])

function dialedLabels(step: ReturnType<typeof planRing>): string[] {
  assert.equal(step.kind, 'dial')
  return step.kind === 'dial' ? step.apps.map((app) => app.sipUri.slice(4, -16)) : []
}

describe('planning who rings', () => {
  it('rings every app of every available member at once on a simultaneous line', () => {
    const step = planRing(line, [ada, away, bob, appless], { step: 0, ringOffset: 0 })
    assert.deepEqual(dialedLabels(step), ['ada-mobile', 'ada-desktop', 'bob-mobile'])
    assert.equal(step.kind === 'dial' && step.timeout, 20)
  })

  it('goes to voicemail with a greeting naming the line when nobody is reachable', () => {
    const step = planRing(line, [away, appless], { step: 0, ringOffset: 0 })
    assert.deepEqual(step, {
      kind: 'voicemail',
      greeting:
        'You have reached Sales. Nobody can take your call right now. Please leave a ' +
        'message after the beep, and press the hash key when you are done.',
      reason: 'nobody-available',
    })
  })

  it("uses the line's own greeting when it has one", () => {
    const step = planRing({ ...line, greeting: ' Leave a message ' }, [], {
      step: 0,
      ringOffset: 0,
    })
    assert.deepEqual(step, {
      kind: 'voicemail',
      greeting: 'Leave a message',
      reason: 'nobody-available',
    })
  })

  it('rings one member after the other on a sequential line, skipping the away', () => {
    const sequential = { ...line, ringStrategy: 'sequential' as const }
    const members = [ada, away, bob]
    assert.deepEqual(
      dialedLabels(planRing(sequential, members, { step: 0, ringOffset: 5 })),
      ['ada-mobile', 'ada-desktop'],
    )
    assert.deepEqual(
      dialedLabels(planRing(sequential, members, { step: 1, ringOffset: 5 })),
      ['bob-mobile'],
    )
    assert.equal(
      planRing(sequential, members, { step: 2, ringOffset: 5 }).kind,
      'voicemail',
    )
  })

  it('starts each round-robin call with the next member and wraps around', () => {
    const roundRobin = { ...line, ringStrategy: 'round-robin' as const }
    const firsts = [0, 1, 2, 3].map(
      (ringOffset) =>
        dialedLabels(planRing(roundRobin, [ada, bob, cyd], { step: 0, ringOffset }))[0],
    )
    assert.deepEqual(firsts, ['ada-mobile', 'bob-mobile', 'cyd-desktop', 'ada-mobile'])
    const second = planRing(roundRobin, [ada, bob, cyd], { step: 1, ringOffset: 2 })
    assert.deepEqual(dialedLabels(second), ['ada-mobile', 'ada-desktop'])
  })
})

describe('deciding on webhooks', () => {
  const context = {
    line: { ...line, ringStrategy: 'sequential' as const },
    members: [ada, bob],
  }

  it('tells an unknown line apart', () => {
    assert.deepEqual(decideAnswer({ line: undefined, members: [] }, 0, new Date()), {
      kind: 'not-in-service',
    })
  })

  it('hangs up after a completed Dial and rings on after any other status', () => {
    const position = { step: 0, ringOffset: 0 }
    assert.deepEqual(decideAfterDial(context, { DialStatus: 'completed' }, position), {
      kind: 'hangup',
    })
    for (const DialStatus of ['no-answer', 'busy', 'failed', 'timeout', 'cancel']) {
      const next = decideAfterDial(context, { DialStatus, DialBLegUUID: '' }, position)
      assert.deepEqual(dialedLabels(next), ['bob-mobile'], DialStatus)
    }
  })

  it('reads a bridged leg as answered when DialStatus is missing', () => {
    const next = decideAfterDial(
      context,
      { DialBLegUUID: 'b-leg' },
      { step: 0, ringOffset: 0 },
    )
    assert.deepEqual(next, { kind: 'hangup' })
  })

  it('recognises a hangup notification sent to the answer URL', () => {
    assert.equal(
      isHangupNotification({ CallStatus: 'completed', HangupCause: 'NORMAL_CLEARING' }),
      true,
    )
    assert.equal(
      isHangupNotification({ CallStatus: 'ringing', Event: 'StartApp' }),
      false,
    )
  })
})
