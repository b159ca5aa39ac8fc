import { isLineOpen } from './business-hours.ts'
import { planClosed, planRing, planVoicemail, type RingPosition } from './plan-ring.ts'
import type { CallStep, LineRoute, MemberRoute, WebhookParams } from './types.ts'

export type RoutingContext = {
  /** The line the call was made to; undefined when `To` names no line. */
  line: LineRoute | undefined
  members: MemberRoute[]
}

/**
 * What to answer when a call arrives on the answer URL. `now` is the server's clock:
 * hours are checked once, on arrival, so a call that starts ringing at 17:59 still
 * reaches voicemail through the usual steps rather than the closed greeting.
 */
export function decideAnswer(
  context: RoutingContext,
  ringOffset: number,
  now: Date,
): CallStep {
  if (!context.line) return { kind: 'not-in-service' }
  if (!isLineOpen(context.line.hours, now)) return planClosed(context.line)
  return planRing(context.line, context.members, { step: 0, ringOffset })
}

/** What to answer when a Dial ends: hang up after a bridged call, else ring on. */
export function decideAfterDial(
  context: RoutingContext,
  params: WebhookParams,
  position: RingPosition,
): CallStep {
  if (isDialAnswered(params)) return { kind: 'hangup' }
  if (!context.line) return { kind: 'not-in-service' }
  return planRing(context.line, context.members, { ...position, step: position.step + 1 })
}

/** The Record action's answer: the message is kept, the caller is thanked. */
export function decideAfterRecording(): CallStep {
  return { kind: 'goodbye' }
}

/** Fallback when the database cannot say where to ring: voicemail still works. */
export function decideWithoutDatabase(): CallStep {
  return planVoicemail({ name: 'us', greeting: null }, 'server-error')
}

/**
 * Anything but `DialStatus=completed` means nobody answered; the legacy engine sent no
 * `DialStatus`, so a bridged B leg's UUID is the fallback (plivo-contract §3.4, pitfall 22).
 */
export function isDialAnswered(params: WebhookParams): boolean {
  if (params.DialStatus !== undefined) return params.DialStatus === 'completed'
  return Boolean(params.DialBLegUUID)
}

/**
 * An application without a hangup URL sends the hangup notification to the answer URL
 * (plivo-contract §3.8, pitfall 29): such a request carries `HangupCause`.
 */
export function isHangupNotification(params: WebhookParams): boolean {
  return Boolean(params.HangupCause) || params.Event === 'Hangup'
}
