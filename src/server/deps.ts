import type { Knex } from 'knex'
import type { Logger } from '../log.ts'
import type { StepUrls } from '../plivo/xml.ts'
import type { WebhookParams } from '../routing/types.ts'
import type { DeferredWrites } from './deferred-writes.ts'

export type Clock = { now(): Date }

/** What every webhook route works with; built once by createServer. */
export type RouteDeps = {
  knex: Knex
  urls: StepUrls
  writes: DeferredWrites
  clock: Clock
  /** How long the answer path waits for the database before answering without it. */
  databaseDeadlineMs: number
}

/** What the Plivo middleware leaves for the routes on ctx.state. */
export type WebhookState = {
  params: WebhookParams
  callUuid: string
  log: Logger
  /** Playable XML the error middleware sends if this route fails on the answer path. */
  fallbackXml?: string
}
