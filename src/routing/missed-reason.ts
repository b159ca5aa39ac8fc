import type { CallRecord } from './call-state.ts'

export const MISSED_REASONS = [
  'out-of-hours',
  'nobody-available',
  'no-answer',
  'caller-hung-up-ringing',
  'caller-hung-up-greeting',
  'not-in-service',
  'error',
] as const

export type MissedReason = (typeof MISSED_REASONS)[number]

export type Missed = { reason: MissedReason | null; afterSeconds: number | null }

const NOT_MISSED: Missed = { reason: null, afterSeconds: null }

/**
 * Why nobody answered a call, from what routing decided and how the call ended. Derived
 * again from the whole record after every fact, so it reads the same whatever order the
 * webhooks came in. A voicemail keeps the reason it was taken; a call that ended without
 * one says where the caller gave up. Out of hours wins over a hang-up in the closed
 * greeting: nobody could have answered anyway.
 */
export function findMissedReason(call: CallRecord): Missed {
  if (call.status === 'answered' || call.status === 'ringing') return NOT_MISSED

  if (call.status === 'voicemail') {
    if (call.routeEnd === 'server-error') return { reason: 'error', afterSeconds: null }
    const reason =
      call.routeEnd === 'out-of-hours' || call.routeEnd === 'nobody-available'
        ? call.routeEnd
        : 'no-answer'
    return { reason, afterSeconds: null }
  }

  if (isFailure(call.hangupCode) || call.routeEnd === 'server-error') {
    return { reason: 'error', afterSeconds: null }
  }
  if (call.routeEnd === 'out-of-hours' || call.routeEnd === 'not-in-service') {
    return { reason: call.routeEnd, afterSeconds: null }
  }
  if (call.routeEnd) {
    return { reason: 'caller-hung-up-greeting', afterSeconds: call.durationSeconds }
  }
  if (call.hasRung) {
    return { reason: 'caller-hung-up-ringing', afterSeconds: call.durationSeconds }
  }
  return NOT_MISSED
}

/**
 * Hangup codes of calls Plivo could not carry out: 5010 internal error, 7xxx our URLs
 * unreachable, 8xxx our XML refused (plivo-contract §2.1, §2.8).
 */
function isFailure(code: number | null): boolean {
  return code === 5010 || (code !== null && code >= 7000 && code < 9000)
}
