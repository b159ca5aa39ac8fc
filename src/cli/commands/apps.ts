import { addApp, listApps, removeApp, setAutoAnswer } from '../../db/apps.ts'
import { UserError } from '../../errors.ts'
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
      apps.map(({ id, userName, label, sipUri, plivoUsername, mayAutoAnswer }) => ({
        id,
        user: userName,
        label,
        sipUri,
        plivoUsername,
        mayAutoAnswer,
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
        `${app.userName}/${app.label}${app.mayAutoAnswer ? ' (may auto-answer)' : ''}`,
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

export async function set(
  context: CliContext,
  reference: string,
  options: { autoAnswer?: 'on' | 'off' },
): Promise<void> {
  if (!options.autoAnswer) {
    throw new UserError('nothing to change', { hint: 'pass --auto-answer on or off' })
  }
  const { knex } = await context.database()
  const app = await setAutoAnswer(knex, reference, options.autoAnswer === 'on')
  const name = `${app.userName}/${app.label}`
  context.print(
    app.mayAutoAnswer
      ? `${name} may answer by itself: its calls ask for a key press before connecting.`
      : `${name} rings without a key press (unless its line screens every app).`,
  )
}
