import type { ChalkInstance } from 'chalk'
import type { ApplyResult, IssuedCredentials } from '../../provision/apply.ts'
import { describeRow } from '../../provision/explain.ts'
import type {
  ApplicationStep,
  EndpointEdits,
  EndpointStep,
  Plan,
} from '../../provision/plan.ts'

/** Past this many steps of one kind, the text plan says how many more instead. */
const SHOWN_PER_ACTION = 10

const VERBS: Record<EndpointStep['action'], string> = {
  create: 'to create',
  adopt: 'to adopt',
  update: 'to update',
  record: 'to record',
  delete: 'to delete',
}

export function renderPlan(plan: Plan, colors: ChalkInstance): string {
  const lines: string[] = []
  const application = describeApplicationStep(plan.application)
  if (application) lines.push(application)

  for (const action of Object.keys(VERBS) as EndpointStep['action'][]) {
    const steps = plan.endpoints.filter((step) => step.action === action)
    for (const step of steps.slice(0, SHOWN_PER_ACTION))
      lines.push(describeEndpointStep(step))
    if (steps.length > SHOWN_PER_ACTION) {
      lines.push(`  … and ${steps.length - SHOWN_PER_ACTION} more ${VERBS[action]}`)
    }
  }
  if (plan.orphans.length > 0) {
    lines.push(
      colors.yellow(
        `! ${plan.orphans.length} endpoint(s) made for removed lines or apps stay in Plivo; --prune deletes them`,
      ),
    )
  }
  if (plan.foreign > 0) {
    lines.push(
      `  ${plan.foreign} aircall endpoint(s) of another installation (another database) left alone`,
    )
  }
  return [...lines.map((line) => colorFor(line, colors)), summarizePlan(plan)].join('\n')
}

export function summarizePlan(plan: Plan): string {
  const counts = countSteps(plan.endpoints)
  const parts = (Object.keys(VERBS) as EndpointStep['action'][])
    .filter((action) => counts[action] > 0)
    .map((action) => `${counts[action]} ${VERBS[action]}`)
  if (plan.application.action !== 'keep')
    parts.unshift(`Application ${VERBS_APP[plan.application.action]}`)
  return `Plan: ${[...parts, `${plan.unchanged} unchanged`].join(', ')}.`
}

export function planToJson(plan: Plan) {
  const { application } = plan
  return {
    application: {
      action: application.action,
      appId: application.action === 'create' ? null : application.appId,
      ...('settings' in application ? application.settings : {}),
    },
    steps: plan.endpoints.map(stepToJson),
    orphans: plan.orphans.map(({ endpointId, alias }) => ({ endpointId, alias })),
    foreign: plan.foreign,
    unchanged: plan.unchanged,
  }
}

/** A line's password is never shown: nobody registers as a line. */
export function resultToJson(result: ApplyResult, showPasswords: boolean) {
  return {
    appId: result.appId,
    counts: result.counts,
    credentials: result.credentials.map(
      ({ owner, name, endpointId, username, password }) => ({
        kind: owner.kind,
        id: owner.id,
        name,
        endpointId,
        username,
        ...(showPasswords && owner.kind === 'app' ? { password } : {}),
      }),
    ),
  }
}

/** `Done in 2.1 s: Application created, 8 created, 1 deleted.` */
export function summarizeResult(
  plan: Plan,
  result: ApplyResult,
  seconds: number,
  retries: number,
): string {
  const parts = (Object.keys(PAST) as EndpointStep['action'][])
    .filter((action) => result.counts[action] > 0)
    .map((action) => `${result.counts[action]} endpoint(s) ${PAST[action]}`)
  if (plan.application.action !== 'keep')
    parts.unshift(`Application ${PAST[plan.application.action]}`)
  const retried =
    retries > 0
      ? ` (${retries} request(s) sent again after a 429, 5xx or network error)`
      : ''
  return `Done in ${seconds.toFixed(1)} s: ${parts.join(', ')}.${retried}`
}

const PAST = {
  create: 'created',
  adopt: 'adopted',
  update: 'updated',
  record: 'recorded',
  delete: 'deleted',
} as const

export function renderCredentials(
  credentials: IssuedCredentials[],
  colors: ChalkInstance,
): string {
  const nameWidth = Math.max(...credentials.map((each) => describeRow(each).length))
  const userWidth = Math.max(...credentials.map((each) => each.username.length))
  const rows = credentials.map(
    (each) =>
      `  ${describeRow(each).padEnd(nameWidth)}  ${each.username.padEnd(userWidth)}  ${each.password}`,
  )
  return [
    colors.bold(
      'New SIP passwords (shown once; `aircall apps credentials <user/label>` shows them again):',
    ),
    ...rows,
  ].join('\n')
}

const VERBS_APP = { create: 'to create', update: 'to update', adopt: 'to adopt' } as const

function describeApplicationStep(step: ApplicationStep): string | undefined {
  if (step.action === 'keep') return undefined
  if (step.action === 'create') {
    return `+ create the Application "${step.settings.appName}" (answer URL ${step.settings.answerUrl})`
  }
  const urls = step.edit ? `, answer URL → ${step.settings.answerUrl}` : ''
  if (step.action === 'adopt')
    return `= adopt the Application ${step.appId}, found by its name${urls}`
  return `~ update the Application ${step.appId}${urls || ': record its URLs'}`
}

function describeEndpointStep(step: EndpointStep): string {
  switch (step.action) {
    case 'create':
      return `+ create an endpoint for ${describeRow(step.row)} (alias ${step.alias})`
    case 'adopt':
      return `= adopt endpoint ${step.endpoint.endpointId} for ${describeRow(step.row)}, made by a run that stopped early${describeEdits(step.edits)}`
    case 'update':
      return `~ update endpoint ${step.endpoint.endpointId} of ${describeRow(step.row)}${describeEdits(step.edits)}`
    case 'record':
      return `~ record the username and SIP URI of ${describeRow(step.row)}`
    case 'delete':
      return step.reason === 'duplicate'
        ? `- delete endpoint ${step.endpoint.endpointId} (${step.endpoint.alias}), a duplicate`
        : `- delete endpoint ${step.endpoint.endpointId} (${step.endpoint.alias}), its row is gone`
  }
}

function describeEdits(edits: EndpointEdits): string {
  const parts: string[] = []
  if (edits.alias) parts.push(`alias → ${edits.alias}`)
  if (edits.attach) parts.push('attach to the Application')
  if (edits.newPassword) parts.push('set a new password')
  return parts.length > 0 ? `: ${parts.join(', ')}` : ''
}

function stepToJson(step: EndpointStep) {
  if (step.action === 'delete') {
    const { endpointId, alias } = step.endpoint
    return { action: step.action, endpointId, alias, reason: step.reason }
  }
  const { kind, id } = step.row.owner
  const base = { action: step.action, kind, id, name: step.row.name }
  if (step.action === 'create') return { ...base, alias: step.alias }
  const edits = step.action === 'record' ? {} : step.edits
  return { ...base, endpointId: step.endpoint.endpointId, ...edits }
}

function countSteps(steps: EndpointStep[]): Record<EndpointStep['action'], number> {
  const counts = { create: 0, adopt: 0, update: 0, record: 0, delete: 0 }
  for (const step of steps) counts[step.action]++
  return counts
}

function colorFor(line: string, colors: ChalkInstance): string {
  if (line.startsWith('+')) return colors.green(line)
  if (line.startsWith('-')) return colors.red(line)
  if (line.startsWith('~') || line.startsWith('=')) return colors.cyan(line)
  return line
}
