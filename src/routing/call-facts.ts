import type { CallFact, LegNews } from './call-state.ts'
import { readSipUsername } from './sip.ts'
import type { WebhookParams } from './types.ts'

/** The facts a hangup notification brings (plivo-contract §3.8; times are optional). */
export function readHangupFacts(params: WebhookParams, now: Date): CallFact[] {
  const facts: CallFact[] = []
  const startedAt = parsePlivoTime(params.StartTime)
  if (startedAt) facts.push({ kind: 'started', at: startedAt })

  facts.push({
    kind: 'ended',
    at: parsePlivoTime(params.EndTime) ?? now,
    durationSeconds: parseSeconds(params.Duration),
    cause: params.HangupCauseName || params.HangupCause || null,
    code: parseSeconds(params.HangupCauseCode),
  })
  return facts
}

/**
 * The voicemail a Record action or callback reports. `RecordingDurationMs` comes first:
 * the legacy engine put milliseconds in `RecordingDuration` (plivo-contract §3.6,
 * pitfall 30); `-1` means "not known yet".
 */
export function readRecordingFact(params: WebhookParams): CallFact | undefined {
  if (!params.RecordUrl) return undefined

  const milliseconds = parseSeconds(params.RecordingDurationMs)
  const seconds =
    milliseconds !== null
      ? Math.round(milliseconds / 1000)
      : parseSeconds(params.RecordingDuration)
  return { kind: 'voicemail', url: params.RecordUrl, seconds }
}

/**
 * What a Dial callback event says about a rung app's leg. On a screened line a pick-up
 * counts only once the key is pressed and the leg bridged (`connected`, the Dial action
 * naming the leg, or the leg ending after a conversation), so that a phone's own
 * voicemail never takes the call (plivo-contract §2.3, §3.5).
 */
export function readDialLegNews(
  params: WebhookParams,
  isScreened: boolean,
): LegNews | undefined {
  const action = params.DialAction
  const uuid = params.DialBLegUUID
  if (!uuid) return undefined
  const appUsername = readSipUsername(params.DialBLegTo)

  if (action === 'connected' || (action === 'answer' && !isScreened)) {
    return { uuid, news: 'picked-up', appUsername }
  }
  if (action === 'answer') return { uuid, news: 'picked-up-unconfirmed', appUsername }
  if (action === 'hangup' && isScreened && hasTalked(params)) {
    return { uuid, news: 'bridged', appUsername }
  }
  return undefined
}

/**
 * A screened leg that hangs up without failing the key challenge (9110), losing the race
 * to another app (9000) or being cancelled by the caller was bridged (§3.8 codes).
 */
export function hasTalked(params: WebhookParams): boolean {
  const code = params.DialBLegHangupCauseCode
  return (
    code !== '9110' &&
    code !== '9000' &&
    params.DialBLegHangupCause !== 'ORIGINATOR_CANCEL'
  )
}

/** Plivo's times read `YYYY-MM-DD HH:MM:SS[.ffffff]`, in UTC. */
export function parsePlivoTime(text: string | undefined): Date | undefined {
  const match = text
    ?.trim()
    .match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/)
  if (!match) return undefined
  const date = new Date(`${match[1]}T${match[2]}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function parseSeconds(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text.trim())) return null
  return Number(text)
}
