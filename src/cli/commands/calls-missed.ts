import type { Call } from '../../db/call-history.ts'
import type { MissedReason } from '../../routing/missed-reason.ts'
import { formatDuration } from '../format/duration.ts'

const REASONS: Record<MissedReason, string> = {
  'out-of-hours': 'out of hours',
  'nobody-available': 'nobody available',
  'no-answer': 'nobody answered',
  'caller-hung-up-ringing': 'caller hung up while it rang',
  'caller-hung-up-greeting': 'caller hung up during the greeting',
  'not-in-service': 'no such line',
  error: 'Plivo or server error',
}

/** Why nobody answered, in words: "caller hung up while it rang (0:07)". */
export function describeMissedReason(call: Call): string {
  if (!call.missedReason) return ''
  const words = REASONS[call.missedReason]
  if (call.missedReason !== 'caller-hung-up-ringing' || call.missedAfterSeconds === null) {
    return words
  }
  return `${words} (${formatDuration(call.missedAfterSeconds)})`
}

/** The status with the reason nobody answered, for the outcome column. */
export function describeStatus(call: Call): string {
  const reason = describeMissedReason(call)
  return reason ? `${call.status}: ${reason}` : call.status
}
