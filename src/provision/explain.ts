import { UserError } from '../errors.ts'
import {
  PlivoAuthError,
  PlivoError,
  PlivoNetworkError,
  PlivoRateLimitError,
  PlivoServerError,
} from '../plivo/rest-errors.ts'
import { ApplyError } from './apply.ts'
import type { ApplicationStep, EndpointStep } from './plan.ts'
import type { PlivoAccount } from './session.ts'

/** Turns what failed during a run into one line a person can act on. */
export function explainProvisionFailure(error: unknown, account: PlivoAccount): unknown {
  if (error instanceof ApplyError) {
    const reason = explainPlivoError(error.failure.error, account)
    if (!(reason instanceof UserError)) return error.failure.error
    // A 5xx that outlasted the retries is Plivo's own trouble: there is nothing to fix.
    const fix =
      error.failure.error instanceof PlivoServerError
        ? 'Plivo failed, nothing to fix on your side'
        : (reason.hint ?? 'fix that')
    return new UserError(
      `could not ${describeStep(error.failure.step)}: ${reason.message}`,
      {
        hint: `${fix}; run \`aircall provision\` again to finish, nothing is done twice`,
        cause: error.failure.error,
      },
    )
  }
  return explainPlivoError(error, account)
}

function explainPlivoError(error: unknown, account: PlivoAccount): unknown {
  if (error instanceof PlivoAuthError) {
    return new UserError(`Plivo refused the credentials of account ${account.authId}`, {
      hint: 'check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN',
      cause: error,
    })
  }
  if (error instanceof PlivoNetworkError) {
    return new UserError(error.message, {
      hint: 'check PLIVO_API_URL and the network',
      cause: error,
    })
  }
  if (error instanceof PlivoRateLimitError) {
    return new UserError('Plivo kept refusing requests as too many (429)', {
      hint: 'another tool may be using the same account; wait a minute',
      cause: error,
    })
  }
  if (error instanceof PlivoServerError) {
    return new UserError(error.message, {
      hint: 'Plivo failed, nothing to fix on your side: run the same command again',
      cause: error,
    })
  }
  if (error instanceof PlivoError) return new UserError(error.message, { cause: error })
  return error
}

export function describeStep(step: EndpointStep | ApplicationStep): string {
  if (!('row' in step) && !('endpoint' in step))
    return `${step.action} the Plivo Application`
  if (step.action === 'delete')
    return `delete endpoint ${step.endpoint.endpointId} (${step.endpoint.alias})`
  return `${step.action} the endpoint of ${describeRow(step.row)}`
}

export function describeRow(row: { owner: { kind: string }; name: string }): string {
  return `${row.owner.kind} ${JSON.stringify(row.name)}`
}
