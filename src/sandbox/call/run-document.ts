import type { HttpMethod } from '../../plivo/signature.ts'
import type { CallSession } from './call-session.ts'
import { type VerbOutcome, followDocument } from './follow-document.ts'
import { playToCaller } from './play-audio.ts'
import { runDial } from './run-dial.ts'
import { runRecord } from './run-record.ts'
import type { PlivoElement } from './xml-parse.ts'

const SIBLING: VerbOutcome = { next: 'sibling' }

/**
 * Carries out a document top to bottom, one verb at a time (plivo-contract §2.1–2.2).
 * A redirecting action or a <Redirect> replaces whatever was left of the document, and
 * running out of verbs ends the call with 4010.
 */
export async function runDocument(session: CallSession, elements: PlivoElement[]) {
  let pending = [...elements]

  while (pending.length > 0 && !session.isOver) {
    const [verb, ...rest] = pending
    const outcome = await runVerb(session, verb)
    if (outcome.next === 'stop') return
    pending = outcome.next === 'document' ? outcome.elements : rest
  }
  session.end('endOfXml', 'Plivo')
}

/** Verbs that make Plivo answer the caller's leg; <Hangup> can still reject unanswered. */
const ANSWERING = ['Dial', 'Record', 'Speak', 'Play', 'Wait']

async function runVerb(session: CallSession, verb: PlivoElement): Promise<VerbOutcome> {
  if (ANSWERING.includes(verb.name)) session.answer()

  switch (verb.name) {
    case 'Dial':
      return runDial(session, verb)
    case 'Record':
      return runRecord(session, verb)
    case 'Redirect':
      return runRedirect(session, verb)
    case 'Hangup':
      return runHangup(session, verb)
    case 'PreAnswer':
      return runPreAnswer(session, verb)
    default:
      await playToCaller(session, verb)
      return SIBLING
  }
}

async function runRedirect(
  session: CallSession,
  verb: PlivoElement,
): Promise<VerbOutcome> {
  const method = (verb.attributes.method ?? 'POST') as HttpMethod
  const url = verb.body.trim()
  return followDocument(session, 'redirect', url, method, session.standardParams())
}

async function runHangup(session: CallSession, verb: PlivoElement): Promise<VerbOutcome> {
  const schedule = verb.attributes.schedule
  if (schedule !== undefined && Number(schedule) > 0) {
    session.note('call', `a hangup is scheduled in ${schedule} s`)
    session.scheduleHangup(Number(schedule))
    return SIBLING
  }

  const reason = verb.attributes.reason
  session.end(
    reason === 'busy' ? 'busy' : reason === 'rejected' ? 'rejected' : 'normal',
    'Answer XML',
  )
  return { next: 'stop' }
}

async function runPreAnswer(
  session: CallSession,
  verb: PlivoElement,
): Promise<VerbOutcome> {
  for (const child of verb.children) {
    if (child.name === 'Redirect') return runRedirect(session, child)
    if (!(await playToCaller(session, child, 'the caller (before the answer)'))) {
      return { next: 'stop' }
    }
  }
  return SIBLING
}
