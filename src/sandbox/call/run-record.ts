import { randomUUID } from 'node:crypto'
import type { HttpMethod } from '../../plivo/signature.ts'
import type { CallSession } from './call-session.ts'
import { type VerbOutcome, followDocument } from './follow-document.ts'
import type { ResolvedScript } from './script.ts'
import type { PlivoElement } from './xml-parse.ts'

type MessagePlan = { ms: number; digits: string; ending: string }

/**
 * A foreground <Record> (plivo-contract §2.4, §3.6): beep, the caller's message, then the
 * `action` request and the `callbackUrl` notification with the recording. When the caller
 * hangs up mid-message the callback still comes, but a redirecting action is skipped
 * unless the script asks for it (the legacy engine's behaviour, §2.2).
 */
export async function runRecord(
  session: CallSession,
  record: PlivoElement,
): Promise<VerbOutcome> {
  const attributes = record.attributes
  if (attributes.recordSession === 'true' || attributes.startOnDialAnswer === 'true') {
    session.note('record', 'a background recording of the call starts')
    return { next: 'sibling' }
  }

  const plan = planMessage(session.script, {
    maxLength: Number(attributes.maxLength ?? 60),
    silence: Number(attributes.timeout ?? 15),
    finishOnKey: attributes.finishOnKey ?? '#',
  })
  if (attributes.playBeep !== 'false') session.note('audio', 'the caller hears a beep')
  session.note('record', 'the caller leaves a message')

  const startMs = session.clock.now()
  const isComplete = await session.wait(plan.ms)
  const endMs = session.clock.now()
  const recording = describeRecording(
    session,
    attributes.fileFormat ?? 'mp3',
    startMs,
    endMs,
  )
  const seconds = recording.RecordingDuration
  const ending = isComplete ? plan.ending : 'the caller hung up'
  session.note('record', `recorded ${seconds} s (${ending}): ${recording.RecordUrl}`)

  const outcome = await requestAction(session, record, {
    ...session.standardParams(),
    ...recording,
    Digits: isComplete ? plan.digits : '',
  })
  if (attributes.callbackUrl) {
    const method = (attributes.callbackMethod ?? 'POST') as HttpMethod
    const params = { ...session.standardParams(), ...recording }
    await session.notify('Record callback', attributes.callbackUrl, method, params)
  }
  return outcome
}

async function requestAction(
  session: CallSession,
  record: PlivoElement,
  params: Record<string, string>,
): Promise<VerbOutcome> {
  const url = record.attributes.action
  if (!url) return { next: session.isOver ? 'stop' : 'sibling' }

  const method = (record.attributes.method ?? 'POST') as HttpMethod
  const isRedirect = record.attributes.redirect !== 'false'
  if (session.isOver && isRedirect && !session.script.actionAfterCallerHangup) {
    session.note('record', 'the caller has hung up, so Plivo requests no Record action')
    return { next: 'stop' }
  }
  if (!isRedirect || session.isOver) {
    await session.notify('Record action', url, method, params)
    return { next: session.isOver ? 'stop' : 'sibling' }
  }
  return followDocument(session, 'Record action', url, method, params)
}

/** How long the recording runs and what stops it: length cap, finish key, or silence. */
function planMessage(
  script: ResolvedScript,
  limits: { maxLength: number; silence: number; finishOnKey: string },
): MessagePlan {
  const speakMs = script.messageSeconds * 1000
  const maxMs = limits.maxLength * 1000
  if (speakMs >= maxMs) return { ms: maxMs, digits: '', ending: 'maxLength reached' }

  const keys = limits.finishOnKey === 'none' ? '' : limits.finishOnKey
  if (script.messageEndedBy === 'key' && keys) {
    const key = keys.includes('#') ? '#' : keys[0]
    return { ms: speakMs, digits: key, ending: `the caller pressed ${key}` }
  }
  const silentMs = Math.min(speakMs + limits.silence * 1000, maxMs)
  return { ms: silentMs, digits: '', ending: `${limits.silence} s of silence` }
}

function describeRecording(
  session: CallSession,
  fileFormat: string,
  startMs: number,
  endMs: number,
): Record<string, string> {
  const recordingId = randomUUID()
  const { authId } = session.party
  return {
    RecordUrl: `https://media.plivo.com/v1/Account/${authId}/Recording/${recordingId}.${fileFormat}`,
    RecordingID: recordingId,
    RecordingDuration: String(Math.round((endMs - startMs) / 1000)),
    RecordingDurationMs: String(endMs - startMs),
    RecordingStartMs: String(startMs),
    RecordingEndMs: String(endMs),
  }
}
