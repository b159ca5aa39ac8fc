import { addApp, listApps, removeApp } from '../../db/apps.ts'
import type { CliContext } from '../context.ts'
import { renderTable } from '../output.ts'

export async function list(
  context: CliContext,
  options: { user?: string; json?: boolean },
): Promise<void> {
  const { knex } = await context.database()
  const apps = await listApps(knex, options.user)
  if (options.json) {
    return context.printJson(
      apps.map(({ id, userName, label, sipUri, plivoUsername }) => ({
        id,
        user: userName,
        label,
        sipUri,
        plivoUsername,
      })),
    )
  }
  if (apps.length === 0)
    return context.print('No apps yet. Add one with `aircall apps add <user> <label>`.')

  const { colors } = context
  context.print(
    renderTable(
      ['APP', 'SIP URI'],
      apps.map((app) => [
        `${app.userName}/${app.label}`,
        app.sipUri ?? colors.dim('not provisioned'),
      ]),
      colors,
    ),
  )
}

export async function add(
  context: CliContext,
  user: string,
  label: string,
): Promise<void> {
  const { knex } = await context.database()
  const app = await addApp(knex, user, label)
  context.print(
    `Added ${app.userName}/${app.label}. Run \`aircall provision\` to create its SIP endpoint.`,
  )
}

export async function remove(context: CliContext, reference: string): Promise<void> {
  const { knex } = await context.database()
  const app = await removeApp(knex, reference)
  const prune = app.sipUri
    ? ' Run `aircall provision --prune` to delete its Plivo endpoint.'
    : ''
  context.print(`Removed ${app.userName}/${app.label}.${prune}`)
}
