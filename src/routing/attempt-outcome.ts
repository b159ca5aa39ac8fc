import { hasTalked } from './call-facts.ts'
import type { WebhookParams } from './types.ts'

/** What one rung app did; `ringing` until a Dial callback says more. */
export const ATTEMPT_OUTCOMES = [
  'ringing',
  'no-answer',
  'failed',
  'busy',
  'declined',
  'answered',
] as const

export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number]

/**
 * How far each outcome has got: Plivo may deliver a leg's events twice or out of order
 * (plivo-contract §2.9), so an attempt only ever climbs to a higher rank.
 */
export const OUTCOME_RANK: Record<AttemptOutcome, number> = {
  ringing: 0,
  'no-answer': 1,
  failed: 2,
  busy: 2,
  declined: 3,
  answered: 4,
}

const NO_ANSWER_CODES = ['3000', '6010', '9000']
const NO_ANSWER_CAUSES = ['NO_ANSWER', 'ORIGINATOR_CANCEL', 'LOSE_RACE']

/**
 * What a Dial callback says about the rung app's attempt (plivo-contract §3.5, codes
 * §3.8). A pick-up of a screened app is not an answer until the key is pressed: the leg
 * is then `connected`, or ends after a conversation. Losing the race, the ring timeout
 * and the caller hanging up first all count as no answer; a person who turns the call
 * down (the screening key not pressed, 9110, or the decline button, 3020) declined it.
 */
export function readAttemptOutcome(
  params: WebhookParams,
  isScreened: boolean,
): AttemptOutcome | undefined {
  const action = params.DialAction
  if (action === 'connected') return 'answered'
  if (action === 'answer') return isScreened ? undefined : 'answered'
  if (action !== 'hangup') return undefined

  const code = params.DialBLegHangupCauseCode ?? ''
  const cause = params.DialBLegHangupCause ?? ''
  if (code === '9110' || code === '3020' || cause === 'CALL_REJECTED') return 'declined'
  if (code === '3010' || cause === 'USER_BUSY') return 'busy'
  if (/^[2578]\d{3}$/.test(code)) return 'failed'
  if (NO_ANSWER_CODES.includes(code) || NO_ANSWER_CAUSES.includes(cause)) {
    return 'no-answer'
  }
  return hasTalked(params) ? 'answered' : 'no-answer'
}
