import type { CallEventKind, CallEventRecord } from '../db/call-log.ts'
import { removeSecrets } from '../log.ts'
import { normaliseCaller, readSipUsername } from '../routing/sip.ts'
import type { WebhookParams } from '../routing/types.ts'
import { truncate } from '../truncate.ts'

/**
 * The most of a caller's From or name the call log keeps. Both are the caller's to
 * choose (a SIP From can be any length): a real number, SIP URI or name fits in far
 * less, and a 20,000-character one would bloat every history page that shows it.
 */
const CALLER_TEXT_MAX = 128

/** A webhook as a call log event: who called which line, and what it tells. */
export function buildCallEvent(
  kind: CallEventKind,
  dedupeKey: string,
  params: WebhookParams,
  receivedAt: Date,
  details: Pick<CallEventRecord, 'facts' | 'leg'>,
): CallEventRecord {
  const fromNumber = capCallerText(normaliseCaller(params.From))
  const callerName = capCallerText(params.CallerName?.trim() || undefined)
  return {
    callUuid: params.CallUUID,
    kind,
    dedupeKey,
    params: capParams(removeSecrets(params)),
    receivedAt,
    call: {
      lineUsername: readSipUsername(params.To),
      fromNumber,
      callerName,
      toUri: params.To || undefined,
    },
    ...details,
  }
}

function capCallerText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : truncate(text, CALLER_TEXT_MAX)
}

/** The event's copy of the webhook, with the caller's text capped as on the call. */
function capParams(params: Record<string, string>): Record<string, string> {
  const capped = { ...params }
  for (const name of ['From', 'CallerName']) {
    if (capped[name] !== undefined) capped[name] = capCallerText(capped[name]) as string
  }
  return capped
}
