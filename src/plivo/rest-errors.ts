/**
 * What can go wrong talking to Plivo's REST API, one class per decision the caller makes:
 * stop (wrong credentials, bad request), treat as gone (not found), or try again later
 * (rate limited, server error, network).
 */
export class PlivoError extends Error {
  /** The HTTP status, absent when no response came back. */
  readonly status?: number
  /** Whether the same request may succeed if sent again after a pause. */
  readonly isRetryable: boolean

  constructor(
    message: string,
    options: { status?: number; isRetryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.status = options.status
    this.isRetryable = options.isRetryable ?? false
  }
}

/** 401: Plivo refused the Auth ID / Auth Token pair. */
export class PlivoAuthError extends PlivoError {}

/** 404: the Application or Endpoint does not exist (any more). */
export class PlivoNotFoundError extends PlivoError {}

/** 400, 403, 405 and the other 4xx: the request itself is wrong; sending it again won't help. */
export class PlivoRequestError extends PlivoError {}

/** 429: more than 300 Application / Endpoint requests in 5 seconds (contract §1.2). */
export class PlivoRateLimitError extends PlivoError {}

/** 5xx: Plivo failed; the request may or may not have taken effect. */
export class PlivoServerError extends PlivoError {}

/** No response at all: DNS, refused connection, reset, timeout. */
export class PlivoNetworkError extends PlivoError {}

/** The class for a non-2xx status; the message is Plivo's `error` text when it sent one. */
export function errorForStatus(status: number, message: string): PlivoError {
  if (status === 401) return new PlivoAuthError(message, { status })
  if (status === 404) return new PlivoNotFoundError(message, { status })
  if (status === 429)
    return new PlivoRateLimitError(message, { status, isRetryable: true })
  if (status >= 500) return new PlivoServerError(message, { status, isRetryable: true })
  return new PlivoRequestError(message, { status })
}
