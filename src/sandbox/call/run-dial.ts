import type { HttpMethod } from '../../plivo/signature.ts'
import type { CallSession } from './call-session.ts'
import {
  type DialLeg,
  createLeg,
  reportLegAnswered,
  reportLegHungUp,
} from './dial-events.ts'
import { type VerbOutcome, followDocument } from './follow-document.ts'
import { describeHangup } from './hangup-causes.ts'
import { isSameParty } from './script.ts'
import { screenLeg } from './screen-leg.ts'
import type { PlivoElement } from './xml-parse.ts'

/** How a Dial ended, in the words of its action request (plivo-contract §3.4). */
type DialResult = {
  status: 'completed' | 'busy' | 'failed' | 'no-answer' | 'cancel'
  hasRung: boolean
  cause: string
  bridged?: DialLeg
}

/** Emulator default when the XML sets no `timeout` (plivo-contract §2.3). */
const DEFAULT_TIMEOUT_SECONDS = 120

/**
 * Rings every leg at once; the first to answer (and pass screening) is bridged and the
 * others lose the race. Then reports the result to `action`, whose document replaces the
 * rest of this one unless `redirect="false"` (plivo-contract §2.2–2.3).
 */
export async function runDial(
  session: CallSession,
  dial: PlivoElement,
): Promise<VerbOutcome> {
  const legs = dial.children.map((child) =>
    createLeg(child.body.trim(), fateOf(session, child)),
  )
  const timeoutSeconds = Number(dial.attributes.timeout ?? DEFAULT_TIMEOUT_SECONDS)
  const count = legs.length === 1 ? '1 leg' : `${legs.length} legs`
  session.note('dial', `dialling ${count} at once (timeout ${timeoutSeconds} s)`)

  const result = await ringLegs(session, dial, legs, timeoutSeconds * 1000)
  return finishDial(session, dial, result)
}

function fateOf(session: CallSession, child: PlivoElement): DialLeg['fate'] {
  const target = child.body.trim()
  const { busy, unregistered, answeredBy } = session.script
  if (busy.some((party) => isSameParty(party, target))) return 'busy'
  if (unregistered.some((party) => isSameParty(party, target))) return 'unregistered'
  if (answeredBy && isSameParty(answeredBy, target)) return 'answers'
  return 'rings'
}

async function ringLegs(
  session: CallSession,
  dial: PlivoElement,
  legs: DialLeg[],
  timeoutMs: number,
): Promise<DialResult> {
  const startMs = session.clock.now()
  const hasBusy = legs.some((leg) => leg.fate === 'busy')
  await failUnreachableLegs(session, dial, legs)

  let ringing = legs.filter((leg) => leg.fate === 'answers' || leg.fate === 'rings')
  if (ringing.length === 0) {
    const cause = hasBusy ? 'USER_BUSY' : 'USER_NOT_REGISTERED'
    return { status: hasBusy ? 'busy' : 'failed', hasRung: false, cause }
  }
  for (const leg of ringing) session.note('leg', `${leg.target} rings`)

  const answerer = ringing.find((leg) => leg.fate === 'answers')
  const answerAfterMs = session.script.answerAfterSeconds * 1000
  if (answerer && answerAfterMs < timeoutMs) {
    if (!(await session.wait(answerAfterMs))) return cancelLegs(session, dial, ringing)
    session.note('leg', `${answerer.target} picks up`)
    session.pickedUp.push(answerer.target)

    const screening = await screenLeg(session, dial, answerer)
    if (screening === 'caller-gone') return cancelLegs(session, dial, ringing)
    if (screening === 'passed') return bridge(session, dial, answerer, ringing)
    await reportUnanswered(
      session,
      dial,
      answerer,
      describeHangup('confirmFailed', 'Plivo'),
    )
    ringing = ringing.filter((leg) => leg !== answerer)
  }

  // A Dial whose last ringing leg refused the screening ends then, unanswered [INF].
  const noAnswer: DialResult = { status: 'no-answer', hasRung: true, cause: 'NO_ANSWER' }
  if (ringing.length === 0) return noAnswer

  const remainingMs = Math.max(0, startMs + timeoutMs - session.clock.now())
  if (!(await session.wait(remainingMs))) return cancelLegs(session, dial, ringing)
  session.note('dial', `nobody answered within ${timeoutMs / 1000} s`)
  for (const leg of ringing) {
    await reportUnanswered(session, dial, leg, describeHangup('ringTimeout', 'Plivo'))
  }
  return noAnswer
}

/** Busy and unregistered parties fail at once, before anything rings. */
async function failUnreachableLegs(
  session: CallSession,
  dial: PlivoElement,
  legs: DialLeg[],
) {
  for (const leg of legs) {
    if (leg.fate !== 'busy' && leg.fate !== 'unregistered') continue
    const isBusy = leg.fate === 'busy'
    session.note('leg', `${leg.target} ${isBusy ? 'is busy' : 'is not registered'}`)
    const hangup = describeHangup(isBusy ? 'busy' : 'notRegistered', 'Plivo')
    await reportUnanswered(session, dial, leg, hangup)
  }
}

async function cancelLegs(
  session: CallSession,
  dial: PlivoElement,
  ringing: DialLeg[],
): Promise<DialResult> {
  for (const leg of ringing) {
    await reportUnanswered(session, dial, leg, describeHangup('canceled', 'Caller'))
  }
  return { status: 'cancel', hasRung: true, cause: 'ORIGINATOR_CANCEL' }
}

/** The conversation: it lasts `talkSeconds`, cut at the Dial's `timeLimit`. */
async function bridge(
  session: CallSession,
  dial: PlivoElement,
  winner: DialLeg,
  ringing: DialLeg[],
): Promise<DialResult> {
  session.note('leg', `${winner.target} is connected to the caller`)
  await reportLegAnswered(session, dial, winner)
  for (const loser of ringing.filter((leg) => leg !== winner)) {
    await reportUnanswered(session, dial, loser, describeHangup('lostRace', 'Plivo'))
  }

  const timeLimit = Number(dial.attributes.timeLimit ?? 14_400)
  const talkSeconds = Math.min(session.script.talkSeconds, timeLimit)
  const bridgedAtMs = session.clock.now()
  const isComplete = await session.wait(talkSeconds * 1000)
  const talked = Math.round((session.clock.now() - bridgedAtMs) / 1000)

  if (!isComplete) {
    await reportLegHungUp(
      session,
      dial,
      winner,
      describeHangup('normal', 'Caller'),
      talked,
    )
  } else if (session.script.talkSeconds > timeLimit) {
    session.note('leg', `the time limit of ${timeLimit} s ends the conversation`)
    await reportLegHungUp(
      session,
      dial,
      winner,
      describeHangup('normal', 'Plivo'),
      talked,
    )
  } else if (session.script.talkEndedBy === 'callee') {
    session.note('leg', `${winner.target} hangs up after ${talked} s`)
    await reportLegHungUp(
      session,
      dial,
      winner,
      describeHangup('normal', 'Callee'),
      talked,
    )
  } else {
    session.end('normal', 'Caller')
    await reportLegHungUp(
      session,
      dial,
      winner,
      describeHangup('normal', 'Caller'),
      talked,
    )
  }
  return { status: 'completed', hasRung: true, cause: 'NORMAL_CLEARING', bridged: winner }
}

async function reportUnanswered(
  session: CallSession,
  dial: PlivoElement,
  leg: DialLeg,
  hangup: ReturnType<typeof describeHangup>,
) {
  if (session.script.reportUnansweredLegs)
    await reportLegHungUp(session, dial, leg, hangup)
}

async function finishDial(
  session: CallSession,
  dial: PlivoElement,
  result: DialResult,
): Promise<VerbOutcome> {
  session.note('dial', `the dial ends: DialStatus ${result.status}`)
  const url = dial.attributes.action
  if (!url) return { next: 'sibling' }

  const method = (dial.attributes.method ?? 'POST') as HttpMethod
  const isRedirect = dial.attributes.redirect !== 'false'
  const params = {
    ...session.standardParams(),
    DialStatus: result.status,
    DialRingStatus: String(result.hasRung),
    DialHangupCause: result.cause,
    DialALegUUID: session.callUuid,
    DialBLegUUID: result.bridged?.uuid ?? '',
  }

  if (session.isOver && isRedirect && !session.script.actionAfterCallerHangup) {
    session.note('dial', 'the caller has hung up, so Plivo requests no Dial action')
    return { next: 'stop' }
  }
  if (!isRedirect || session.isOver) {
    await session.notify('Dial action', url, method, params)
    return { next: session.isOver ? 'stop' : 'sibling' }
  }
  return followDocument(session, 'Dial action', url, method, params)
}
