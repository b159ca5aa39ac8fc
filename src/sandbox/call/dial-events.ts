import { randomUUID } from 'node:crypto'
import type { HttpMethod } from '../../plivo/signature.ts'
import type { CallSession } from './call-session.ts'
import type { Hangup } from './hangup-causes.ts'
import type { PlivoElement } from './xml-parse.ts'

/** One B leg of a <Dial>: the party it calls and how the script says it behaves. */
export type DialLeg = {
  uuid: string
  target: string
  fate: 'busy' | 'unregistered' | 'answers' | 'rings'
}

export function createLeg(target: string, fate: DialLeg['fate']): DialLeg {
  return { uuid: randomUUID(), target, fate }
}

/** Tells the Dial's `callbackUrl` that a leg answered (plivo-contract §3.5). */
export async function reportLegAnswered(
  session: CallSession,
  dial: PlivoElement,
  leg: DialLeg,
) {
  // The Event value on answer is undocumented; DialAnswer mirrors the documented DialHangup.
  await postDialEvent(session, dial, leg, {
    Event: 'DialAnswer',
    DialAction: 'answer',
    DialBLegStatus: 'answer',
  })
}

/** Tells the Dial's `callbackUrl` that a leg hung up, how, and after how long. */
export async function reportLegHungUp(
  session: CallSession,
  dial: PlivoElement,
  leg: DialLeg,
  hangup: Hangup,
  talkSeconds = 0,
) {
  await postDialEvent(session, dial, leg, {
    Event: 'DialHangup',
    DialAction: 'hangup',
    DialBLegStatus: 'hangup',
    DialBLegDuration: String(talkSeconds),
    DialBLegBillDuration: String(talkSeconds),
    DialBLegHangupCause: hangup.cause,
    DialBLegHangupCauseName: hangup.name,
    DialBLegHangupCauseCode: String(hangup.code),
    DialBLegHangupSource: hangup.source,
  })
}

async function postDialEvent(
  session: CallSession,
  dial: PlivoElement,
  leg: DialLeg,
  event: Record<string, string>,
) {
  const url = dial.attributes.callbackUrl
  if (!url) return

  const method = (dial.attributes.callbackMethod ?? 'POST') as HttpMethod
  await session.notify(`Dial callback (${event.DialAction} ${leg.target})`, url, method, {
    ...session.standardParams(),
    ...event,
    DialALegUUID: session.callUuid,
    DialBLegUUID: leg.uuid,
    DialBLegFrom: dial.attributes.callerId ?? session.party.from,
    DialBLegTo: leg.target,
  })
}
