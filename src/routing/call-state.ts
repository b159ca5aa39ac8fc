// The call row's state machine. A call starts `ringing` and ends `answered`,
// `voicemail` or `missed`. Plivo may deliver webhooks twice, late or out of order
// (plivo-contract §2.9, pitfall 25), so every fact merges into the row the same way
// whatever came before: status only climbs the ranking below, a time keeps its earliest
// (start, answer) or first-known value, and nothing already known is overwritten.

import type { VoicemailReason } from './types.ts'

export type CallStatus = 'ringing' | 'answered' | 'voicemail' | 'missed'

/** Where routing left a call nobody answered: the voicemail and why, or no line. */
export type RouteEnd = VoicemailReason | 'not-in-service'

export type AnsweredBy = {
  userId: number | null
  userName: string | null
  appId: number | null
  appLabel: string | null
}

export type CallRecord = {
  status: CallStatus
  startedAt: Date
  answeredAt: Date | null
  answeredBy: AnsweredBy | null
  voicemailUrl: string | null
  voicemailSeconds: number | null
  endedAt: Date | null
  durationSeconds: number | null
  hangupCause: string | null
  /** Plivo's hangup code (plivo-contract §3.8), to tell errors from hang-ups. */
  hangupCode: number | null
  /** Whether any app was rung. */
  hasRung: boolean
  routeEnd: RouteEnd | null
}

export type CallFact =
  | { kind: 'started'; at: Date }
  /** `at` is null when only the Dial's end says it was answered, not when. */
  | { kind: 'answered'; at: Date | null; by: AnsweredBy | null }
  | { kind: 'voicemail'; url: string; seconds: number | null }
  | {
      kind: 'ended'
      at: Date
      durationSeconds: number | null
      cause: string | null
      code?: number | null
    }
  /** What the server answered: a Dial of apps, or where the call ends up without one. */
  | { kind: 'routed'; to: 'apps' | RouteEnd }

/**
 * `picked-up`: the app answered (a Dial callback). `picked-up-unconfirmed`: it answered a
 * screened call, which counts only once its leg is known to be bridged. `bridged`: the
 * Dial action names this leg, or the leg of a screened call ended after a conversation
 * rather than failing the key challenge. A pick-up and its confirmation may come in
 * either order (plivo-contract §2.9).
 */
export type LegNews = {
  uuid: string
  news: 'picked-up' | 'picked-up-unconfirmed' | 'bridged'
  appUsername?: string
}

const STATUS_RANK: Record<CallStatus, number> = {
  ringing: 0,
  missed: 1,
  voicemail: 2,
  answered: 3,
}

/** The call after a fact, as a new record; the input is left as it was. */
export function mergeCallFact(call: CallRecord, fact: CallFact): CallRecord {
  switch (fact.kind) {
    case 'started':
      return { ...call, startedAt: earliest(call.startedAt, fact.at) }

    case 'answered':
      return {
        ...call,
        status: climb(call.status, 'answered'),
        answeredAt: earliestKnown(call.answeredAt, fact.at),
        answeredBy: call.answeredBy ?? fact.by,
      }

    case 'voicemail':
      return {
        ...call,
        status: climb(call.status, 'voicemail'),
        voicemailUrl: call.voicemailUrl ?? fact.url,
        voicemailSeconds: largest(call.voicemailSeconds, fact.seconds),
      }

    case 'ended':
      return {
        ...call,
        status: climb(call.status, 'missed'),
        endedAt: call.endedAt ?? fact.at,
        durationSeconds: call.durationSeconds ?? fact.durationSeconds,
        hangupCause: call.hangupCause ?? fact.cause,
        hangupCode: call.hangupCode ?? fact.code ?? null,
      }

    case 'routed':
      if (fact.to === 'apps') return { ...call, hasRung: true }
      return { ...call, routeEnd: call.routeEnd ?? fact.to }
  }
}

/** The ended call's length when Plivo did not say: from our own start and end times. */
export function fillDuration(call: CallRecord): CallRecord {
  if (call.durationSeconds !== null || !call.endedAt) return call
  const seconds = Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000)
  return { ...call, durationSeconds: Math.max(0, seconds) }
}

function climb(current: CallStatus, next: CallStatus): CallStatus {
  return STATUS_RANK[next] > STATUS_RANK[current] ? next : current
}

function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b
}

function earliestKnown(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b
  if (b === null) return a
  return earliest(a, b)
}

function largest(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.max(a, b)
}
