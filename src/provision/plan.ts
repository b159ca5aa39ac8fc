import type {
  ApplicationSettings,
  PlivoApplication,
  PlivoEndpoint,
} from '../plivo/rest-client.ts'
import {
  type Owner,
  aliasFor,
  ownerKey,
  ownerOfAlias,
  readAlias,
  requestedUsername,
} from './naming.ts'

/** A line or an app as the database has it, seen from the provisioner. */
export type EndpointRow = {
  owner: Owner
  /** What a person calls it: the line's name, or the user's name and the app's label. */
  name: string
  endpointId: string | null
  username: string | null
  sipUri: string | null
  hasPassword: boolean
}

export type StoredApplication = ApplicationSettings & { appId: string | null }

/** What to change on an endpoint that exists; `attach` points it at our Application. */
export type EndpointEdits = { alias?: string; attach?: boolean; newPassword?: boolean }

export type ApplicationStep =
  | { action: 'create'; settings: ApplicationSettings }
  | {
      action: 'update' | 'adopt'
      appId: string
      settings: ApplicationSettings
      edit: boolean
    }
  | { action: 'keep'; appId: string }

export type EndpointStep =
  | { action: 'create'; row: EndpointRow; alias: string; username: string }
  | {
      action: 'adopt' | 'update'
      row: EndpointRow
      endpoint: PlivoEndpoint
      edits: EndpointEdits
    }
  | { action: 'record'; row: EndpointRow; endpoint: PlivoEndpoint }
  | { action: 'delete'; endpoint: PlivoEndpoint; reason: 'duplicate' | 'orphan' }

export type Plan = {
  application: ApplicationStep
  endpoints: EndpointStep[]
  /** Endpoints this tool made for rows that are gone, left alone without --prune. */
  orphans: PlivoEndpoint[]
  /** Endpoints this tool made for another installation (another database): never touched. */
  foreign: number
  unchanged: number
}

export type PlanInput = {
  /** This database's short installation id, in every alias and the Application's name. */
  installation: string
  desired: ApplicationSettings
  stored: StoredApplication | null
  applications: PlivoApplication[]
  rows: EndpointRow[]
  endpoints: PlivoEndpoint[]
  prune: boolean
}

/**
 * The difference between the database and Plivo, as steps. Pure: the same input gives the
 * same plan, and an input that matches gives an empty one.
 */
export function planProvisioning(input: PlanInput): Plan {
  const application = planApplication(input)
  const appId = application.action === 'create' ? undefined : application.appId
  const byId = new Map(input.endpoints.map((endpoint) => [endpoint.endpointId, endpoint]))

  // An endpoint a row points at belongs to that row, whatever its alias says.
  const claimed = new Set<string>()
  for (const row of input.rows) {
    if (row.endpointId && byId.has(row.endpointId)) claimed.add(row.endpointId)
  }
  const unclaimedByOwner = new Map<string, PlivoEndpoint[]>()
  let foreign = 0
  for (const endpoint of input.endpoints) {
    const madeFor = readAlias(endpoint.alias)?.installation
    if (madeFor && madeFor !== input.installation) foreign++
    const owner = ownerOfAlias(endpoint.alias, input.installation)
    if (!owner || claimed.has(endpoint.endpointId)) continue
    const key = ownerKey(owner)
    unclaimedByOwner.set(key, [...(unclaimedByOwner.get(key) ?? []), endpoint])
  }

  const steps: EndpointStep[] = []
  const deletes: EndpointStep[] = []
  let unchanged = 0
  for (const row of input.rows) {
    const key = ownerKey(row.owner)
    const named = unclaimedByOwner.get(key) ?? []
    unclaimedByOwner.delete(key)
    const current = row.endpointId ? byId.get(row.endpointId) : undefined
    const kept = current ?? named[0]
    // Two endpoints for one row come from a create that Plivo did but reported as failed.
    for (const extra of named.filter((endpoint) => endpoint !== kept)) {
      deletes.push({ action: 'delete', endpoint: extra, reason: 'duplicate' })
    }

    const step = planEndpoint(input.installation, row, kept, current !== undefined, appId)
    if (step) steps.push(step)
    else unchanged++
  }

  const orphans = [...unclaimedByOwner.values()].flat()
  if (input.prune) {
    for (const endpoint of orphans)
      deletes.push({ action: 'delete', endpoint, reason: 'orphan' })
  }
  if (application.action === 'keep') unchanged++
  return {
    application,
    endpoints: [...steps, ...deletes],
    orphans: input.prune ? [] : orphans,
    foreign,
    unchanged,
  }
}

export function isPlanEmpty(plan: Plan): boolean {
  return plan.application.action === 'keep' && plan.endpoints.length === 0
}

/**
 * The Application's name in Plivo carries the installation: a run that crashed after
 * creating it finds it by name, and another database's Application never matches.
 */
export function applicationSettingsFor(
  publicUrl: string,
  installation: string,
): ApplicationSettings {
  return {
    appName: `aircall-${installation}`,
    answerUrl: `${publicUrl}/plivo/answer`,
    hangupUrl: `${publicUrl}/plivo/hangup`,
    fallbackAnswerUrl: `${publicUrl}/plivo/fallback`,
  }
}

function planApplication(input: PlanInput): ApplicationStep {
  const { desired, stored, applications } = input
  const current = stored?.appId
    ? applications.find((app) => app.appId === stored.appId)
    : undefined
  const found = current ?? applications.find((app) => app.appName === desired.appName)
  if (!found) return { action: 'create', settings: desired }

  const edit = !sameSettings(found, desired)
  if (current && !edit && stored && sameSettings(stored, desired)) {
    return { action: 'keep', appId: found.appId }
  }
  return {
    action: current ? 'update' : 'adopt',
    appId: found.appId,
    settings: desired,
    edit,
  }
}

function planEndpoint(
  installation: string,
  row: EndpointRow,
  endpoint: PlivoEndpoint | undefined,
  isRecorded: boolean,
  appId: string | undefined,
): EndpointStep | undefined {
  const alias = aliasFor(installation, row.owner, row.name)
  if (!endpoint) {
    return {
      action: 'create',
      row,
      alias,
      username: requestedUsername(row.owner, row.name),
    }
  }

  const edits: EndpointEdits = {}
  if (endpoint.alias !== alias) edits.alias = alias
  if (row.owner.kind === 'line' && (appId === undefined || endpoint.appId !== appId)) {
    edits.attach = true
  }
  if (!row.hasPassword) edits.newPassword = true

  if (!isRecorded) return { action: 'adopt', row, endpoint, edits }
  if (Object.keys(edits).length > 0) return { action: 'update', row, endpoint, edits }
  if (
    row.username !== endpoint.username ||
    (endpoint.sipUri && row.sipUri !== endpoint.sipUri)
  ) {
    return { action: 'record', row, endpoint }
  }
  return undefined
}

function sameSettings(a: ApplicationSettings, b: ApplicationSettings): boolean {
  return (
    a.answerUrl === b.answerUrl &&
    a.hangupUrl === b.hangupUrl &&
    (a.fallbackAnswerUrl ?? null) === (b.fallbackAnswerUrl ?? null)
  )
}
