import type { Knex } from 'knex'
import type { EndpointChanges, PlivoRestClient } from '../plivo/rest-client.ts'
import { PlivoNotFoundError } from '../plivo/rest-errors.ts'
import { type Owner, generateSipPassword, ownerKey } from './naming.ts'
import type { ApplicationStep, EndpointStep, Plan } from './plan.ts'
import {
  ensurePasswords,
  saveApplication,
  saveEndpoint,
  savePassword,
} from './records.ts'

/** An endpoint whose SIP password was set in this run. */
export type IssuedCredentials = {
  owner: Owner
  name: string
  endpointId: string
  username: string
  /** Shown once, to set the app up; never logged. */
  password: string
}

export type ApplyResult = {
  appId: string
  credentials: IssuedCredentials[]
  /** Steps done, by action: create, adopt, update, record, delete. */
  counts: Record<EndpointStep['action'], number>
}

export type StepFailure = { step: EndpointStep | ApplicationStep; error: unknown }

export class ApplyError extends Error {
  readonly failure: StepFailure
  readonly result: ApplyResult

  constructor(failure: StepFailure, result: ApplyResult) {
    super('a provisioning step failed', { cause: failure.error })
    this.name = 'ApplyError'
    this.failure = failure
    this.result = result
  }
}

export type ApplyOptions = {
  knex: Knex
  client: PlivoRestClient
  /** Aborted here on the first failure, so that queued requests do not start. */
  stop: AbortController
  onStep?: (step: EndpointStep) => void
}

/**
 * Carries a plan out: the Application first (line endpoints attach to it), then every
 * endpoint step at once, paced by the client's scheduler. Each Plivo change is followed
 * by its database write; a run killed in between is repaired by the next plan, which
 * finds the endpoint by its alias.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const result: ApplyResult = {
    appId: '',
    credentials: [],
    counts: { create: 0, adopt: 0, update: 0, record: 0, delete: 0 },
  }

  try {
    result.appId = await applyApplication(plan.application, options)
  } catch (error) {
    throw new ApplyError({ step: plan.application, error }, result)
  }

  const creates = plan.endpoints.flatMap((step) =>
    step.action === 'create' ? [step.row.owner] : [],
  )
  const passwords = await ensurePasswords(options.knex, creates)

  let failure: StepFailure | undefined
  await Promise.all(
    plan.endpoints.map(async (step) => {
      try {
        await applyEndpoint(step, result, passwords, options)
        result.counts[step.action]++
        options.onStep?.(step)
      } catch (error) {
        // The first failure is the one to report; the others are mostly "stopped".
        failure ??= { step, error }
        options.stop.abort()
      }
    }),
  )
  if (failure) throw new ApplyError(failure, result)
  return result
}

async function applyApplication(
  step: ApplicationStep,
  options: ApplyOptions,
): Promise<string> {
  const { knex, client } = options
  if (step.action === 'keep') return step.appId

  if (step.action === 'create') {
    const { appId } = await client.createApplication(step.settings)
    await saveApplication(knex, appId, step.settings)
    return appId
  }

  if (step.edit) await client.updateApplication(step.appId, step.settings)
  await saveApplication(knex, step.appId, step.settings)
  return step.appId
}

async function applyEndpoint(
  step: EndpointStep,
  result: ApplyResult,
  passwords: Map<string, string>,
  options: ApplyOptions,
): Promise<void> {
  const { knex, client } = options

  if (step.action === 'create') {
    const { owner, name } = step.row
    const password = passwords.get(ownerKey(owner)) as string
    const appId = owner.kind === 'line' ? result.appId : undefined
    const made = await client.createEndpoint({
      username: step.username,
      password,
      alias: step.alias,
      appId,
    })
    // The create answer has no SIP URI (contract §1.4); the follow-up listing fills it in.
    await saveEndpoint(knex, owner, { ...made, sipUri: null })
    result.credentials.push({
      owner,
      name,
      endpointId: made.endpointId,
      username: made.username,
      password,
    })
    return
  }

  if (step.action === 'delete') {
    await client.deleteEndpoint(step.endpoint.endpointId).catch((error) => {
      if (!(error instanceof PlivoNotFoundError)) throw error
    })
    return
  }

  const { row, endpoint } = step
  if (step.action !== 'record') {
    const changes: EndpointChanges = { alias: step.edits.alias }
    if (step.edits.attach) changes.appId = result.appId
    // Plivo first: if the run dies before the write, the row still has no password and
    // the next run sets a new one.
    if (step.edits.newPassword) changes.password = generateSipPassword()
    if (Object.values(changes).some((value) => value !== undefined)) {
      await client.updateEndpoint(endpoint.endpointId, changes)
    }
    if (changes.password) {
      await savePassword(knex, row.owner, changes.password)
      const { endpointId, username } = endpoint
      result.credentials.push({
        owner: row.owner,
        name: row.name,
        endpointId,
        username,
        password: changes.password,
      })
    }
  }
  await saveEndpoint(knex, row.owner, endpoint)
}
