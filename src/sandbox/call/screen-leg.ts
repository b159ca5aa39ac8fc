import type { CallSession } from './call-session.ts'
import type { DialLeg } from './dial-events.ts'
import { playToCaller } from './play-audio.ts'
import type { PlivoElement } from './xml-parse.ts'

const PLAYABLE = ['Play', 'Speak', 'Wait']

/**
 * Call screening (plivo-contract §2.3): when a leg picks up, Plivo POSTs `confirmSound`
 * and plays its Play/Speak/Wait to that person (other verbs are ignored); with a
 * `confirmKey` only a person who presses it is bridged, the others fail with 9110.
 * The caller keeps hearing ringback meanwhile and may hang up.
 */
export async function screenLeg(
  session: CallSession,
  dial: PlivoElement,
  leg: DialLeg,
): Promise<'passed' | 'failed' | 'caller-gone'> {
  const { confirmSound, confirmKey } = dial.attributes
  if (!confirmSound) return 'passed'

  const document = await session.fetchDocument('confirmSound', confirmSound, 'POST', {
    ...session.standardParams(),
    DialALegUUID: session.callUuid,
    DialBLegUUID: leg.uuid,
    DialBLegTo: leg.target,
  })
  if ('failure' in document) {
    session.report(`the confirmSound at ${confirmSound} failed: ${document.message}`)
    return confirmKey ? 'failed' : 'passed'
  }

  for (const verb of document.elements.filter((verb) => PLAYABLE.includes(verb.name))) {
    if (!(await playToCaller(session, verb, leg.target))) return 'caller-gone'
  }
  if (!confirmKey) return 'passed'

  if (session.script.pressesConfirmKey) {
    session.note('leg', `${leg.target} presses ${confirmKey}`)
    return 'passed'
  }
  session.note('leg', `${leg.target} hangs up without pressing ${confirmKey}`)
  return 'failed'
}
