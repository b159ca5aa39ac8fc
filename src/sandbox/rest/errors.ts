import { STATUS_CODES } from 'node:http'
import type { Context, Next } from 'koa'
import { createApiId } from './api-id.ts'

/** An answer Plivo gives as `{"api_id","error"}` with this status (§1.2). */
export class PlivoApiError extends Error {
  readonly status: number

  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

export const notFound = () => new PlivoApiError(404, 'not found')

export const missing = (name: string) =>
  new PlivoApiError(400, `${name} parameter is missing`)

export const invalid = (name: string, value: unknown) =>
  new PlivoApiError(400, `${JSON.stringify(value)} is not a valid ${name}.`)

/**
 * The one place that decides what a client sees when something fails: Plivo's error
 * body for known errors, the status and a generic text for what Koa's parsers throw,
 * and a bare "internal server error" for bugs, whose details stay in the log.
 */
export function renderErrors(now: () => number, onBug: (error: unknown) => void) {
  return async (ctx: Context, next: Next) => {
    try {
      await next()
      if (ctx.status === 404 && ctx.body === undefined) throw notFound()
    } catch (error) {
      const { status, message } = describe(error, onBug)
      ctx.status = status
      ctx.body = { api_id: createApiId(now()), error: message }
    }
  }
}

function describe(error: unknown, onBug: (error: unknown) => void) {
  if (error instanceof PlivoApiError) return error

  const status = (error as { status?: unknown }).status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 400 ? 'invalid request body' : STATUS_CODES[status]
    return { status, message: (message ?? 'bad request').toLowerCase() }
  }
  onBug(error)
  return { status: 500, message: 'internal server error' }
}
