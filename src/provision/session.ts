import type { Knex } from 'knex'
import { loadInstallationId } from '../db/installation.ts'
import { PlivoRestClient } from '../plivo/rest-client.ts'
import type { PlivoError } from '../plivo/rest-errors.ts'
import { type ApplyResult, applyPlan } from './apply.ts'
import { type Clock, systemClock } from './clock.ts'
import { type ProvisionLock, acquireProvisionLock } from './lock.ts'
import {
  type EndpointStep,
  type Plan,
  applicationSettingsFor,
  planProvisioning,
} from './plan.ts'
import { PLIVO_RATE_LIMIT, type RateLimit, createRateLimiter } from './rate-limiter.ts'
import { type SchedulerStats, createScheduler } from './scheduler.ts'
import { loadEndpointRows, loadStoredApplication } from './records.ts'

export type PlivoAccount = { apiUrl: string; authId: string; authToken: string }

export type SessionOptions = {
  knex: Knex
  account: PlivoAccount
  publicUrl: string
  prune?: boolean
  /** A dry run reads only, so it takes no lock. */
  dryRun?: boolean
  concurrency?: number
  rateLimit?: RateLimit
  clock?: Clock
  random?: () => number
  onRetry?: (retry: { error: PlivoError; attempt: number; delayMs: number }) => void
}

/**
 * One `aircall provision`: holds the lock from the first look at Plivo to the last write,
 * so that the plan it applies is the plan it showed.
 */
export class ProvisionSession {
  readonly stats: SchedulerStats
  private readonly options: SessionOptions
  private readonly client: PlivoRestClient
  private readonly stop = new AbortController()
  private lock?: ProvisionLock

  private constructor(options: SessionOptions) {
    const clock = options.clock ?? systemClock
    const schedule = createScheduler({
      concurrency: options.concurrency ?? 10,
      limiter: createRateLimiter(options.rateLimit ?? PLIVO_RATE_LIMIT, clock),
      clock,
      random: options.random,
      signal: this.stop.signal,
      onRetry: options.onRetry,
    })
    this.options = options
    this.stats = schedule.stats
    this.client = new PlivoRestClient({ ...options.account, schedule })
  }

  static async open(options: SessionOptions): Promise<ProvisionSession> {
    const session = new ProvisionSession(options)
    if (!options.dryRun) session.lock = await acquireProvisionLock(options.knex)
    return session
  }

  async plan(options: { prune?: boolean } = {}): Promise<Plan> {
    const { knex, publicUrl } = this.options
    const [applications, endpoints, rows, stored, installation] = await Promise.all([
      this.client.listApplications(),
      this.client.listEndpoints(),
      loadEndpointRows(knex),
      loadStoredApplication(knex),
      loadInstallationId(knex),
    ])
    return planProvisioning({
      installation,
      desired: applicationSettingsFor(publicUrl, installation),
      stored,
      applications,
      rows,
      endpoints,
      prune: options.prune ?? this.options.prune ?? false,
    })
  }

  /**
   * Applies the plan, then looks once more: creates come back without a SIP URI, and a
   * create that Plivo did but answered with a 5xx was sent again and made a twin. The
   * second plan records the URIs and deletes the twins.
   */
  async apply(plan: Plan, onStep?: (step: EndpointStep) => void): Promise<ApplyResult> {
    if (this.options.dryRun) throw new Error('a dry run applies nothing')
    const applyOptions = {
      knex: this.options.knex,
      client: this.client,
      stop: this.stop,
      onStep,
    }
    const result = await applyPlan(plan, applyOptions)
    if (result.counts.create === 0 && this.stats.retries === 0) return result

    const followUp = await applyPlan(await this.plan({ prune: false }), {
      ...applyOptions,
      onStep: undefined,
    })
    // Recording the SIP URIs finishes the creates; other steps here are repairs.
    for (const [action, count] of Object.entries(followUp.counts)) {
      if (action !== 'record') result.counts[action as EndpointStep['action']] += count
    }
    result.credentials.push(...followUp.credentials)
    return result
  }

  async close(): Promise<void> {
    await this.lock?.release()
    this.lock = undefined
  }
}
