import type { CallEventKind, CallEventRecord } from '../db/call-log.ts'
import { removeSecrets } from '../log.ts'
import { normaliseCaller, readSipUsername } from '../routing/sip.ts'
import type { WebhookParams } from '../routing/types.ts'

/** A webhook as a call log event: who called which line, and what it tells. */
export function buildCallEvent(
  kind: CallEventKind,
  dedupeKey: string,
  params: WebhookParams,
  receivedAt: Date,
  details: Pick<CallEventRecord, 'facts' | 'leg'>,
): CallEventRecord {
  return {
    callUuid: params.CallUUID,
    kind,
    dedupeKey,
    params: removeSecrets(params),
    receivedAt,
    call: {
      lineUsername: readSipUsername(params.To),
      fromNumber: normaliseCaller(params.From),
      callerName: params.CallerName?.trim() || undefined,
      toUri: params.To || undefined,
    },
    ...details,
  }
}
