import { type RoutingRecord, recordRouting } from '../db/call-routing.ts'
import type { CallStep } from '../routing/types.ts'
import type { RouteDeps } from './deps.ts'

/**
 * Keeps what the server answered on the call: the apps a Dial rings, or the voicemail
 * and why. Not awaited: the caller must not wait for it (design.md, "webhooks reply
 * fast"); a write that fails while the database is away is kept and retried in order.
 */
export function keepRouting(
  deps: RouteDeps,
  callUuid: string,
  step: CallStep,
  at: Date,
): void {
  const record = describeRouting(callUuid, step, at)
  if (!record) return
  void deps.writes.attempt(
    'routing',
    () => recordRouting(deps.knex, record),
    deps.databaseDeadlineMs,
  )
}

function describeRouting(
  callUuid: string,
  step: CallStep,
  at: Date,
): RoutingRecord | undefined {
  switch (step.kind) {
    case 'dial':
      return {
        callUuid,
        at,
        fact: { kind: 'routed', to: 'apps' },
        ring: { step: step.step, apps: step.apps, isScreened: step.screening },
      }
    case 'voicemail':
      return { callUuid, at, fact: { kind: 'routed', to: step.reason } }
    case 'not-in-service':
      return { callUuid, at, fact: { kind: 'routed', to: 'not-in-service' } }
    default:
      return undefined
  }
}
