/**
 * What the people on a simulated call do. Parties are named by what the XML dials:
 * an app's SIP URI for a <User>, the digits for a <Number>. Times are call seconds.
 */
export type CallScript = {
  /** The party that picks up when it rings; unset: nobody answers. */
  answeredBy?: string
  /** Seconds of ringing before `answeredBy` picks up (default 3). */
  answerAfterSeconds?: number
  /** Parties that are on another call: their leg fails at once with 3010 Busy Line. */
  busy?: readonly string[]
  /** Parties with no registered device: their leg fails with 2020 (§1.5). */
  unregistered?: readonly string[]
  /** Seconds after the call starts at which the caller hangs up, wherever it then is. */
  callerHangsUpAfterSeconds?: number
  /** Seconds the bridged conversation lasts (default 20). */
  talkSeconds?: number
  /** Who ends the conversation: the caller (default) or the person who answered. */
  talkEndedBy?: 'caller' | 'callee'
  /** Seconds the caller speaks into a <Record> (default 8). */
  messageSeconds?: number
  /** How a message ends: the caller presses `finishOnKey` (default) or falls silent. */
  messageEndedBy?: 'key' | 'silence'
  /** Whether the person who answers presses a screening `confirmKey` (default true). */
  pressesConfirmKey?: boolean
  /**
   * Request a `redirect="true"` action after the caller has hung up. Plivo's behaviour is
   * undocumented and the legacy engine skipped it (§2.2), so the default is false.
   */
  actionAfterCallerHangup?: boolean
  /** Post DialHangup events for legs that did not win the call (default true, §3.5). */
  reportUnansweredLegs?: boolean
  /**
   * How notifications (callbackUrl events, redirect="false" actions, the hangup URL)
   * arrive: `once` (default), `twice` each, or `late`: held until the call is over and
   * then delivered newest first, the hangup before the events that preceded it.
   */
  webhookDelivery?: 'once' | 'twice' | 'late'
}

export type ResolvedScript = Required<
  Omit<CallScript, 'answeredBy' | 'callerHangsUpAfterSeconds'>
> &
  Pick<CallScript, 'answeredBy' | 'callerHangsUpAfterSeconds'>

export function resolveScript(script: CallScript = {}): ResolvedScript {
  return {
    answeredBy: script.answeredBy,
    answerAfterSeconds: script.answerAfterSeconds ?? 3,
    busy: script.busy ?? [],
    unregistered: script.unregistered ?? [],
    callerHangsUpAfterSeconds: script.callerHangsUpAfterSeconds,
    talkSeconds: script.talkSeconds ?? 20,
    talkEndedBy: script.talkEndedBy ?? 'caller',
    messageSeconds: script.messageSeconds ?? 8,
    messageEndedBy: script.messageEndedBy ?? 'key',
    pressesConfirmKey: script.pressesConfirmKey ?? true,
    actionAfterCallerHangup: script.actionAfterCallerHangup ?? false,
    reportUnansweredLegs: script.reportUnansweredLegs ?? true,
    webhookDelivery: script.webhookDelivery ?? 'once',
  }
}

/** Whether two dial targets name the same party (SIP URIs compare case-insensitively). */
export function isSameParty(a: string, b: string): boolean {
  const normalise = (target: string) => target.trim().toLowerCase().replace(/^\+/, '')
  return normalise(a) === normalise(b)
}
