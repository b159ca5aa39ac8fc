import type { Knex } from 'knex'
import type { Plan } from '../provision/plan.ts'
import { type PlivoAccount, ProvisionSession } from '../provision/session.ts'

/**
 * `aircall provision --yes`, minus the printing: the Application and an endpoint for
 * every line and app, created on the sandbox and written back to the database.
 */
export async function provisionCompany(
  knex: Knex,
  account: PlivoAccount,
  publicUrl: string,
): Promise<Plan> {
  const session = await ProvisionSession.open({ knex, account, publicUrl })
  try {
    const plan = await session.plan()
    await session.apply(plan)
    return plan
  } finally {
    await session.close()
  }
}

/** "Provisioned on the sandbox: the Application, and endpoints for 3 lines and 5 apps." */
export function describeProvisioning(plan: Plan): string {
  const created = plan.endpoints.filter((step) => step.action === 'create')
  const count = (kind: 'line' | 'app') =>
    created.filter((step) => step.row.owner.kind === kind).length
  return `Provisioned on the sandbox: the Application, and SIP endpoints for ${count('line')} lines and ${count('app')} apps.`
}
