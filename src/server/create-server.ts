import Router from '@koa/router'
import Koa, { type Middleware } from 'koa'
import type { Database } from '../db/connect.ts'
import type { Logger } from '../log.ts'
import { DeferredWrites } from './deferred-writes.ts'
import type { Clock, RouteDeps } from './deps.ts'
import { handleErrors } from './handle-errors.ts'
import { logRequests } from './log-requests.ts'
import { answerCall } from './routes/answer.ts'
import { continueAfterDial } from './routes/dial-action.ts'
import { recordDialEvent } from './routes/dial-callback.ts'
import { closeCall } from './routes/hangup.ts'
import { reportHealth } from './routes/health.ts'
import { keepVoicemail } from './routes/recording.ts'
import { promptScreenedApp } from './routes/screen.ts'
import { verifyWebhook } from './verify-webhook.ts'
import { WEBHOOK_PATHS, buildStepUrls } from './webhook-urls.ts'

export type ServerOptions = {
  database: Database
  /** How Plivo reaches the server, and the token its webhooks are signed with. */
  publicUrl: string
  authToken: string
  logger: Logger
  clock?: Clock
  /** How long the answer path waits for the database; Plivo waits at most 40 s (§2.9). */
  databaseDeadlineMs?: number
}

export type CallServer = { app: Koa; writes: DeferredWrites }

/** The Koa app that answers the Plivo Application's webhooks. */
export function createServer(options: ServerOptions): CallServer {
  const writes = new DeferredWrites(options.logger)
  const deps: RouteDeps = {
    knex: options.database.knex,
    urls: buildStepUrls(options.publicUrl),
    writes,
    clock: options.clock ?? { now: () => new Date() },
    databaseDeadlineMs: options.databaseDeadlineMs ?? 5000,
  }
  const signing = {
    publicUrl: options.publicUrl,
    authToken: options.authToken,
    logger: options.logger,
  }
  const verify = verifyWebhook({ ...signing, isCallRequired: true })
  const verifySignatureOnly = verifyWebhook({ ...signing, isCallRequired: false })

  const router = new Router()
  const plivo = (path: string, handler: Middleware, check = verify) => {
    router.post(path, check, handler)
    router.get(path, check, handler)
  }
  router.get('/health', reportHealth(options.database, writes, deps.databaseDeadlineMs))
  plivo(WEBHOOK_PATHS.answer, answerCall(deps, 'answer'))
  plivo(WEBHOOK_PATHS.fallback, answerCall(deps, 'fallback'))
  plivo(WEBHOOK_PATHS.hangup, closeCall(deps))
  plivo(WEBHOOK_PATHS.dialAction, continueAfterDial(deps))
  plivo(WEBHOOK_PATHS.dialCallback, recordDialEvent(deps))
  plivo(WEBHOOK_PATHS.screen, promptScreenedApp(deps), verifySignatureOnly)
  plivo(WEBHOOK_PATHS.recordAction, keepVoicemail(deps, 'record-action'))
  plivo(WEBHOOK_PATHS.recordCallback, keepVoicemail(deps, 'record-callback'))

  const app = new Koa()
  app.silent = true
  app.use(logRequests(options.logger))
  app.use(handleErrors(options.logger))
  app.use(router.routes())
  app.use(router.allowedMethods())
  return { app, writes }
}
