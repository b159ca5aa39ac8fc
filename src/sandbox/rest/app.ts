import { bodyParser } from '@koa/bodyparser'
import { Router } from '@koa/router'
import Koa, { type Context, type Next } from 'koa'
import type { Clock, Faults } from '../faults.ts'
import type { SandboxStore } from '../store.ts'
import { addApplicationRoutes } from './applications.ts'
import { authenticate } from './auth.ts'
import { PlivoApiError, renderErrors } from './errors.ts'
import { addEndpointRoutes } from './endpoints.ts'

export type RestDependencies = { store: SandboxStore; authId: string; now: () => number }

/** What pino offers, so a caller may pass one; the sandbox logs no bodies or secrets. */
export type SandboxLogger = {
  info(details: object, message: string): void
  error(details: object, message: string): void
}

export type RestAppOptions = {
  store: SandboxStore
  authId: string
  authToken: string
  faults: Faults
  clock: Clock
  logger?: SandboxLogger
}

/**
 * The sandbox's REST API under `/v1/Account/{auth_id}/`. A request passes, in order:
 * the error renderer, the injected latency, Basic auth, the rate limit, the injected
 * server errors (before the routes, or after them with `errorsAfterWrite`), the body
 * parser and the Application / Endpoint routes.
 */
export function createRestApp(options: RestAppOptions): Koa {
  const { store, authId, authToken, faults, clock, logger } = options
  const dependencies = { store, authId, now: () => clock.now() }
  const app = new Koa()
  app.silent = true

  if (logger) app.use(logRequests(logger, clock))
  app.use(
    renderErrors(dependencies.now, (error) =>
      logger?.error({ err: error }, 'sandbox bug'),
    ),
  )
  app.use(async (_ctx, next) => {
    await faults.delay()
    await next()
  })
  app.use(authenticate(authId, authToken))
  app.use(async (_ctx, next) => {
    if (faults.isOverRate()) throw new PlivoApiError(429, 'too many requests')
    const isFailing = faults.isServerError()
    if (isFailing && !faults.errorsAfterWrite) throw serverError()
    await next()
    if (isFailing) throw serverError()
  })
  app.use(
    bodyParser({ enableTypes: ['json', 'form'], parsedMethods: ['POST', 'DELETE'] }),
  )

  const router = new Router({ strict: true, prefix: `/v1/Account/${authId}` })
  addApplicationRoutes(router, dependencies)
  addEndpointRoutes(router, dependencies)
  app.use(router.routes())
  app.use(
    router.allowedMethods({
      throw: true,
      methodNotAllowed: () => new PlivoApiError(405, 'method not allowed'),
    }),
  )
  return app
}

const serverError = () => new PlivoApiError(500, 'internal server error')

function logRequests(logger: SandboxLogger, clock: Clock) {
  return async (ctx: Context, next: Next) => {
    const started = clock.now()
    try {
      await next()
    } finally {
      const details = { method: ctx.method, path: ctx.path, status: ctx.status }
      logger.info({ ...details, ms: clock.now() - started }, 'sandbox request')
    }
  }
}
