import { UserError } from '../../errors.ts'
import { explainProvisionFailure } from '../../provision/explain.ts'
import { isPlanEmpty } from '../../provision/plan.ts'
import { ProvisionSession } from '../../provision/session.ts'
import type { CliContext } from '../context.ts'
import { confirm } from '../prompt.ts'
import { createProgress } from './provision-progress.ts'
import {
  planToJson,
  renderCredentials,
  renderPlan,
  resultToJson,
  summarizeResult,
} from './provision-render.ts'
import { resolveProvisionSettings } from './provision-settings.ts'

export type ProvisionOptions = {
  dryRun?: boolean
  prune?: boolean
  yes?: boolean
  json?: boolean
  showPasswords?: boolean
}

export async function provision(
  context: CliContext,
  options: ProvisionOptions,
): Promise<void> {
  const { account, publicUrl } = await resolveProvisionSettings(context)
  const { knex } = await context.database()
  const session = await ProvisionSession.open({
    knex,
    account,
    publicUrl,
    prune: options.prune,
    dryRun: options.dryRun,
  })

  try {
    await runSession(context, session, options)
  } catch (error) {
    throw explainProvisionFailure(error, account)
  } finally {
    await session.close()
  }
}

async function runSession(
  context: CliContext,
  session: ProvisionSession,
  options: ProvisionOptions,
): Promise<void> {
  const { colors } = context
  const plan = await session.plan()
  const requests = () => ({ ...session.stats })

  if (isPlanEmpty(plan)) {
    if (options.json)
      return context.printJson({
        dryRun: Boolean(options.dryRun),
        plan: planToJson(plan),
        result: null,
      })
    const notes =
      plan.orphans.length > 0 || plan.foreign > 0 ? `\n${renderPlan(plan, colors)}` : ''
    return context.print(
      `Nothing to change: Plivo matches the database (${plan.unchanged} up to date).${notes}`,
    )
  }
  if (options.dryRun) {
    if (options.json)
      return context.printJson({ dryRun: true, plan: planToJson(plan), result: null })
    return context.print(`${renderPlan(plan, colors)}\nDry run: nothing was changed.`)
  }

  if (!options.json) context.print(renderPlan(plan, colors))
  if (options.json && !options.yes) {
    throw new UserError('--json applies nothing without --yes', {
      hint: 'pass --yes to apply, or --dry-run to only see the plan',
    })
  }
  if (!options.yes) {
    context.requireInteractive('--yes', 'applying the plan')
    if (!(await confirm(context, 'Apply these changes to Plivo?'))) {
      throw new UserError('nothing was changed', {
        hint: 'run again and answer yes, or pass --yes',
      })
    }
  }

  const startedAt = Date.now()
  const progress = options.json
    ? undefined
    : createProgress(context, plan.endpoints.length)
  const result = await session
    .apply(plan, (step) => progress?.advance(step))
    .finally(() => progress?.finish())
  const seconds = (Date.now() - startedAt) / 1000

  if (options.json) {
    return context.printJson({
      dryRun: false,
      plan: planToJson(plan),
      result: resultToJson(result, Boolean(options.showPasswords)),
      requests: requests(),
    })
  }
  context.print(summarizeResult(plan, result, seconds, session.stats.retries))
  // Only apps register with a password; a line's endpoint is only ever dialled.
  const apps = result.credentials.filter((each) => each.owner.kind === 'app')
  if (apps.length === 0) return
  // stdout that is no terminal tends to be a log kept for months (CI, a one-off dyno).
  if (options.showPasswords || context.io.stdout.isTTY) {
    return context.print(renderCredentials(apps, colors))
  }
  context.print(
    `${apps.length} app(s) got a new SIP password, not printed here as this is no terminal: \`aircall apps credentials <user/label>\` prints one (or pass --show-passwords).`,
  )
}
