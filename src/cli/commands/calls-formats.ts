import type { Call } from '../../db/call-history.ts'
import { renderCsv } from '../format/csv.ts'

// The machine formats of the call history: their field names are an interface that
// scripts depend on, so they change only by adding fields.

/** The fields of `--json`, in a stable order and with stable names. */
export function callToJson(call: Call) {
  return {
    id: call.id,
    callUuid: call.callUuid,
    line: call.line,
    from: call.from,
    callerName: call.callerName,
    status: call.status,
    answeredBy: call.answeredBy,
    voicemailUrl: call.voicemailUrl,
    voicemailSeconds: call.voicemailSeconds,
    startedAt: call.startedAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    durationSeconds: call.durationSeconds,
    hangupCause: call.hangupCause,
    // Added for `aircall caller`: the call came from the test caller.
    testCall: call.isTestCall,
    // Added with line policies: why nobody answered, and how long the caller waited.
    missedReason: call.missedReason,
    missedAfterSeconds: call.missedAfterSeconds,
  }
}

const CSV_COLUMNS = [
  'id',
  'callUuid',
  'line',
  'from',
  'callerName',
  'status',
  'answeredByUser',
  'answeredByApp',
  'voicemailUrl',
  'voicemailSeconds',
  'startedAt',
  'answeredAt',
  'endedAt',
  'durationSeconds',
  'hangupCause',
  'testCall',
]

/** One CSV row per call: the JSON fields, with who answered split in two columns. */
export function renderCallsCsv(calls: Call[]): string {
  const rows = calls.map((call) => {
    const { answeredBy, testCall, ...fields } = callToJson(call)
    const flat: Record<string, string | number | null | undefined> = {
      ...fields,
      answeredByUser: answeredBy?.user,
      answeredByApp: answeredBy?.app,
      testCall: String(testCall),
    }
    return CSV_COLUMNS.map((column) => flat[column])
  })
  return renderCsv(CSV_COLUMNS, rows)
}
