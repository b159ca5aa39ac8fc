import type { CallRecord, RouteEnd } from '../routing/call-state.ts'
import { findMissedReason } from '../routing/missed-reason.ts'

// The calls row in the state machine's words, and back.

/** The columns of a calls row that the state machine reads (times as the driver gives). */
export type CallRow = {
  id: number
  ring_offset: number | null
  line_id: number | null
  status: CallRecord['status']
  started_at: Date | string
  answered_at: Date | string | null
  answered_by_user_id: number | null
  answered_by_user_name: string | null
  answered_by_app_id: number | null
  answered_by_app_label: string | null
  voicemail_url: string | null
  voicemail_seconds: number | null
  ended_at: Date | string | null
  duration_seconds: number | null
  hangup_cause: string | null
  hangup_code: number | null
  has_rung: boolean
  route_end: RouteEnd | null
}

export function toCallRecord(row: CallRow): CallRecord {
  const hasAnswerer =
    row.answered_by_user_name !== null || row.answered_by_app_label !== null
  return {
    status: row.status,
    startedAt: new Date(row.started_at),
    answeredAt: row.answered_at ? new Date(row.answered_at) : null,
    answeredBy: hasAnswerer
      ? {
          userId: row.answered_by_user_id,
          userName: row.answered_by_user_name,
          appId: row.answered_by_app_id,
          appLabel: row.answered_by_app_label,
        }
      : null,
    voicemailUrl: row.voicemail_url,
    voicemailSeconds: row.voicemail_seconds,
    endedAt: row.ended_at ? new Date(row.ended_at) : null,
    durationSeconds: row.duration_seconds,
    hangupCause: row.hangup_cause,
    hangupCode: row.hangup_code,
    hasRung: row.has_rung,
    routeEnd: row.route_end,
  }
}

/** The row's columns; why the call was missed is derived here, never merged. */
export function toCallColumns(call: CallRecord): Record<string, unknown> {
  const missed = findMissedReason(call)
  return {
    status: call.status,
    started_at: call.startedAt,
    answered_at: call.answeredAt,
    answered_by_user_id: call.answeredBy?.userId ?? null,
    answered_by_user_name: call.answeredBy?.userName ?? null,
    answered_by_app_id: call.answeredBy?.appId ?? null,
    answered_by_app_label: call.answeredBy?.appLabel ?? null,
    voicemail_url: call.voicemailUrl,
    voicemail_seconds: call.voicemailSeconds,
    ended_at: call.endedAt,
    duration_seconds: call.durationSeconds,
    hangup_cause: call.hangupCause,
    hangup_code: call.hangupCode,
    has_rung: call.hasRung,
    route_end: call.routeEnd,
    missed_reason: missed.reason,
    missed_after_seconds: missed.afterSeconds,
  }
}
