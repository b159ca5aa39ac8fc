import type { LegNewsForAttempt } from '../db/call-attempts.ts'
import { readAttemptOutcome } from '../routing/attempt-outcome.ts'
import { readSipUsername } from '../routing/sip.ts'
import type { WebhookParams } from '../routing/types.ts'

/** What a Dial callback tells about the attempt of the app its leg rang, if anything. */
export function readAttemptNews(
  params: WebhookParams,
  isScreened: boolean,
  at: Date,
): LegNewsForAttempt | undefined {
  const appUsername = readSipUsername(params.DialBLegTo)
  const legUuid = params.DialBLegUUID
  if (!appUsername || !legUuid || !params.CallUUID) return undefined

  return {
    callUuid: params.CallUUID,
    appUsername,
    legUuid,
    outcome: readAttemptOutcome(params, isScreened),
    hasEnded: params.DialAction === 'hangup',
    isScreened,
    at,
  }
}
