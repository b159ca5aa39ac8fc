import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { planRing } from '../../src/routing/plan-ring.ts'
import type {
  AppTarget,
  CallStep,
  LineRoute,
  MemberRoute,
} from '../../src/routing/types.ts'

const line: LineRoute = {
  id: 1,
  name: 'Sales',
  ringStrategy: 'simultaneous',
  ringTimeout: 20,
  greeting: null,
  screening: false,
}

const app = (id: number, label: string, mayAutoAnswer = false): AppTarget => ({
  id,
  label,
  sipUri: `sip:${label}@phone.plivo.com`,
  mayAutoAnswer,
})
const member = (userId: number, apps: AppTarget[]): MemberRoute => ({
  userId,
  name: `user-${userId}`,
  isAvailable: true,
  apps,
})

const ada = member(1, [app(11, 'ada-mobile', true), app(12, 'ada-desktop')])
const bob = member(2, [app(21, 'bob-mobile', true)])
const cyd = member(3, [app(31, 'cyd-desktop')])

function stages(route: LineRoute, members: MemberRoute[]): string[] {
  const planned: string[] = []
  for (let step = 0; ; step++) {
    const next: CallStep = planRing(route, members, { step, ringOffset: 0 })
    if (next.kind !== 'dial') return [...planned, next.kind]
    const labels = next.apps.map((target) => target.label).join(' ')
    planned.push(next.screening ? `${labels} (screened)` : labels)
  }
}

describe('screening per app', () => {
  it('rings the apps that cannot auto-answer first, then the others in a screened Dial', () => {
    assert.deepEqual(stages(line, [ada, bob, cyd]), [
      'ada-desktop cyd-desktop',
      'ada-mobile bob-mobile (screened)',
      'voicemail',
    ])
  })

  it('splits each member’s step in two on a sequential line, skipping an empty half', () => {
    const sequential = { ...line, ringStrategy: 'sequential' as const }
    assert.deepEqual(stages(sequential, [ada, bob, cyd]), [
      'ada-desktop',
      'ada-mobile (screened)',
      'bob-mobile (screened)',
      'cyd-desktop',
      'voicemail',
    ])
  })

  it('screens every app in one Dial when the line screens', () => {
    assert.deepEqual(stages({ ...line, screening: true }, [ada, cyd]), [
      'ada-mobile ada-desktop cyd-desktop (screened)',
      'voicemail',
    ])
  })
})
