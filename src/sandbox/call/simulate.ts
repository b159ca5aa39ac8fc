import type { HttpMethod } from '../../plivo/signature.ts'
import { CallSession, type CallStep } from './call-session.ts'
import { type Clock, createSimulatedClock } from './clock.ts'
import { type Hangup, describeHangup, isFailure } from './hangup-causes.ts'
import { runDocument } from './run-document.ts'
import { type CallScript, resolveScript } from './script.ts'
import { type PlivoElement, UnsupportedVerbError } from './xml-parse.ts'

export type { CallStep } from './call-session.ts'
export type { Clock } from './clock.ts'
export { createRealClock, createSimulatedClock } from './clock.ts'
export type { Hangup } from './hangup-causes.ts'
export type { CallScript } from './script.ts'

export type SimulateCallOptions = {
  /** The Application's answer URL; its hangup URL defaults to it, as on Plivo (§3.8). */
  answerUrl: string
  answerMethod?: HttpMethod
  hangupUrl?: string
  hangupMethod?: HttpMethod
  fallbackAnswerUrl?: string
  fallbackMethod?: HttpMethod
  /** Credentials of the account: the token signs every webhook (§4). */
  authId: string
  authToken: string
  /** The line's SIP URI. */
  to: string
  /** The caller's number (sent without a leading `+`, as Plivo does) or SIP URI. */
  from: string
  callerName?: string
  /** What the people on the call do; see CallScript for the defaults. */
  script?: CallScript
  /** Defaults to a simulated clock: the call takes no real time. */
  clock?: Clock
  /** Called with each step as it happens. */
  onStep?: (step: CallStep) => void
  /** Read timeout for webhooks whose URL has no `#rt=` (default 40 s, as Plivo). */
  webhookTimeoutMs?: number
  /** Aborting it makes the caller hang up at once; the call then ends as usual. */
  hangUp?: AbortSignal
}

export type SimulatedCall = {
  callUuid: string
  steps: CallStep[]
  /** False when the call could not be carried out or any webhook failed. */
  ok: boolean
  /** The first thing that went wrong, in a sentence. */
  error?: string
  hangup: Hangup
  durationSeconds: number
  /** The parties that picked up when they rang, in order: the script's answerer, or none. */
  pickedUp: string[]
}

/**
 * Places one inbound call the way Plivo would deliver it: a signed POST to the answer
 * URL, the returned XML carried out verb by verb against the script, and a hangup
 * notification that closes the call. Resolves once the hangup URL has been told; a
 * failing call resolves too, with `ok: false`, so a test can assert on what happened.
 *
 *     const call = await simulateCall({
 *       answerUrl: `${server}/plivo/answer`,
 *       hangupUrl: `${server}/plivo/hangup`,
 *       authId,
 *       authToken,
 *       to: line.sipUri,
 *       from: '+14155550100',
 *       script: { answeredBy: jane.sipUri, answerAfterSeconds: 4, talkSeconds: 30 },
 *     })
 *     assert.equal(call.ok, true, call.error)
 */
export async function simulateCall(options: SimulateCallOptions): Promise<SimulatedCall> {
  const clock = options.clock ?? createSimulatedClock()
  const party = {
    authId: options.authId,
    authToken: options.authToken,
    from: options.from.replace(/^\+/, ''),
    to: options.to,
    callerName: options.callerName ?? '',
  }
  const script = resolveScript(options.script)
  const session = new CallSession(
    party,
    script,
    clock,
    options.onStep ?? (() => {}),
    options.webhookTimeoutMs,
    options.hangUp,
  )
  session.note('call', `${party.from} calls ${party.to}`)

  try {
    const document = await fetchAnswer(session, options)
    if (document) await runDocument(session, document)
  } catch (error) {
    if (!(error instanceof UnsupportedVerbError)) throw error
    session.report(error.message)
    session.end('internal', 'Plivo')
  }

  // Every path above ends the call; the fallback only satisfies the type.
  const hangup = session.hangup ?? describeHangup('internal', 'Plivo')
  await notifyHangup(session, options, hangup)
  await session.deliverHeldNotifications()

  const problem = session.problems[0]
  const error =
    problem ?? (isFailure(hangup) ? `the call failed: ${hangup.name}` : undefined)
  return {
    callUuid: session.callUuid,
    steps: session.steps,
    ok: error === undefined,
    ...(error && { error }),
    hangup,
    durationSeconds: Math.round(session.elapsedMs() / 1000),
    pickedUp: session.pickedUp,
  }
}

/** The answer URL, then the fallback URL; neither usable ends the call (§2.8). */
async function fetchAnswer(
  session: CallSession,
  options: SimulateCallOptions,
): Promise<PlivoElement[] | undefined> {
  const params = {
    ...session.standardParams(),
    Event: 'StartApp',
    SessionStart: formatTime(session.startMs, true),
  }
  const attempts = [
    {
      url: options.answerUrl,
      method: options.answerMethod ?? 'POST',
      purpose: 'answer URL',
    },
    ...(options.fallbackAnswerUrl
      ? [
          {
            url: options.fallbackAnswerUrl,
            method: options.fallbackMethod ?? 'POST',
            purpose: 'fallback answer URL',
          },
        ]
      : []),
  ]

  let lastFailure: 'unreachable' | 'invalid' = 'unreachable'
  for (const { url, method, purpose } of attempts) {
    const document = await session.fetchDocument(purpose, url, method, params)
    if ('elements' in document) return document.elements
    session.report(`the ${purpose} ${url} failed: ${document.message}`)
    lastFailure = document.failure
  }
  session.end(lastFailure === 'invalid' ? 'invalidAnswerXml' : 'answerUrlError', 'Error')
  return undefined
}

async function notifyHangup(
  session: CallSession,
  options: SimulateCallOptions,
  hangup: Hangup,
) {
  const endMs = session.clock.now()
  const answeredAtMs = session.answeredAtMs
  const params = {
    ...session.standardParams(),
    CallStatus: finalStatus(hangup, answeredAtMs !== undefined),
    Event: 'Hangup',
    Duration: String(Math.round((endMs - session.startMs) / 1000)),
    BillDuration: String(
      answeredAtMs === undefined ? 0 : Math.round((endMs - answeredAtMs) / 1000),
    ),
    HangupCause: hangup.cause,
    HangupCauseName: hangup.name,
    HangupCauseCode: String(hangup.code),
    HangupSource: hangup.source,
    StartTime: formatTime(session.startMs),
    AnswerTime: answeredAtMs === undefined ? '' : formatTime(answeredAtMs),
    EndTime: formatTime(endMs),
  }
  const url = options.hangupUrl ?? options.answerUrl
  const method = options.hangupMethod ?? 'POST'
  await session.notify('hangup URL', url, method, params)
}

function finalStatus(hangup: Hangup, isAnswered: boolean): string {
  if (isAnswered) return 'completed'
  if (isFailure(hangup)) return 'failed'
  if (hangup.code === 3010) return 'busy'
  return hangup.source === 'Caller' ? 'cancel' : 'completed'
}

/** Plivo's `YYYY-MM-DD HH:MM:SS` in UTC; SessionStart adds microseconds (§3.3). */
function formatTime(epochMs: number, withMicroseconds = false): string {
  const iso = new Date(epochMs).toISOString()
  const seconds = iso.slice(0, 19).replace('T', ' ')
  return withMicroseconds ? `${seconds}.${iso.slice(20, 23)}000` : seconds
}
