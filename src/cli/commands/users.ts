import { listApps } from '../../db/apps.ts'
import { addUser, listUsers, removeUser, setAvailability } from '../../db/users.ts'
import { UserError } from '../../errors.ts'
import type { CliContext } from '../context.ts'
import { renderTable, shellQuote } from '../output.ts'

export async function list(
  context: CliContext,
  options: { json?: boolean },
): Promise<void> {
  const { knex } = await context.database()
  const [users, apps] = await Promise.all([listUsers(knex), listApps(knex)])
  const withApps = users.map((user) => ({
    ...user,
    apps: apps.filter((app) => app.userId === user.id).map((app) => app.label),
  }))

  if (options.json) return context.printJson(withApps)
  if (users.length === 0)
    return context.print('No users yet. Add one with `aircall users add <name>`.')
  const { colors } = context
  context.print(
    renderTable(
      ['NAME', 'TITLE', 'AVAILABILITY', 'APPS'],
      withApps.map((user) => [
        user.name,
        user.title,
        user.availability === 'away' ? colors.yellow('away') : colors.green('available'),
        user.apps.join(', '),
      ]),
      colors,
    ),
  )
}

export async function add(
  context: CliContext,
  name: string,
  options: { title?: string },
): Promise<void> {
  const { knex } = await context.database()
  const user = await addUser(knex, { name, title: options.title })
  context.print(
    `Added ${user.name}. Give them an app with \`aircall apps add ${shellQuote(user.name)} mobile\`.`,
  )
}

export async function remove(context: CliContext, name: string): Promise<void> {
  const { knex } = await context.database()
  const provisioned = (await listApps(knex, name)).filter((app) => app.sipUri)
  const user = await removeUser(knex, name)
  context.print(
    `Removed ${user.name}, with their apps and line memberships; their past calls keep their name.`,
  )
  // Their SIP endpoints still accept their apps' credentials until provisioning deletes them.
  if (provisioned.length > 0) {
    context.print(
      `Their ${provisioned.length} app endpoint(s) stay in Plivo and can still register: run \`aircall provision --prune\`.`,
    )
  }
}

export async function set(
  context: CliContext,
  name: string,
  options: { available?: boolean; away?: boolean },
): Promise<void> {
  if (!options.available && !options.away) {
    throw new UserError('say how to set them', { hint: 'pass --available or --away' })
  }
  const { knex } = await context.database()
  const user = await setAvailability(knex, name, options.away ? 'away' : 'available')
  context.print(`${user.name} is now ${user.availability}.`)
}
