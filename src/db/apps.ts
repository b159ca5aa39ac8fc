import type { Knex } from 'knex'
import { UserError, quote } from '../errors.ts'
import { cleanName } from './clean-text.ts'
import { isUniqueViolation } from './constraint-errors.ts'
import { findUser } from './users.ts'

/** One SIP app of a user. On the command line an app is written `user/label`. */
export type App = {
  id: number
  userId: number
  userName: string
  label: string
  sipUri: string | null
  plivoUsername: string | null
  /** Can pick up by itself (a phone's own voicemail), so its calls are screened. */
  mayAutoAnswer: boolean
}

const selectApp = (knex: Knex) =>
  knex('apps')
    .join('users', 'users.id', 'apps.user_id')
    .select(
      'apps.id',
      'apps.user_id as userId',
      'users.name as userName',
      'apps.label',
      'apps.sip_uri as sipUri',
      'apps.plivo_username as plivoUsername',
      'apps.may_auto_answer as mayAutoAnswer',
    )

export async function listApps(knex: Knex, userName?: string): Promise<App[]> {
  const query = selectApp(knex).orderBy(['users.id', 'apps.id'])
  if (userName) query.where('users.id', (await findUser(knex, userName)).id)
  return query
}

/** Splits `Jane/mobile` into the user's name and the app's label. */
export function parseAppReference(reference: string): {
  userName: string
  label: string
} {
  const slash = reference.lastIndexOf('/')
  const userName = reference.slice(0, slash).trim()
  const label = reference.slice(slash + 1).trim()
  if (slash < 0 || !userName || !label) {
    throw new UserError(`${quote(reference)} does not name an app`, {
      hint: 'write an app as user/label, e.g. Jane/mobile; `aircall apps list` shows them',
    })
  }
  return { userName, label }
}

export async function findApp(knex: Knex, reference: string): Promise<App> {
  const { userName, label } = parseAppReference(reference)
  const user = await findUser(knex, userName)
  const app = await selectApp(knex)
    .where('apps.user_id', user.id)
    .whereRaw('lower(apps.label) = lower(?)', [label])
    .first()
  if (!app) {
    throw new UserError(`${user.name} has no app labelled ${quote(label)}`, {
      hint: `run \`aircall apps list --user ${JSON.stringify(user.name)}\` to see them`,
    })
  }
  return app
}

export async function addApp(
  knex: Knex,
  userName: string,
  labelInput: string,
): Promise<App> {
  const label = cleanName(labelInput, 'an app label')
  if (label.includes('/')) {
    throw new UserError(`an app label cannot contain "/": ${quote(label)}`)
  }
  const user = await findUser(knex, userName)
  try {
    await knex('apps').insert({ user_id: user.id, label })
  } catch (error) {
    if (isUniqueViolation(error, 'apps_user_label_unique')) {
      throw new UserError(`${user.name} already has an app labelled ${quote(label)}`, {
        hint: 'choose another label, e.g. desktop, mobile, tablet',
      })
    }
    throw error
  }
  return findApp(knex, `${user.name}/${label}`)
}

export async function removeApp(knex: Knex, reference: string): Promise<App> {
  const app = await findApp(knex, reference)
  await knex('apps').where({ id: app.id }).delete()
  return app
}

/** Marks an app as one that may answer by itself, whose calls are then screened. */
export async function setAutoAnswer(
  knex: Knex,
  reference: string,
  mayAutoAnswer: boolean,
): Promise<App> {
  const app = await findApp(knex, reference)
  await knex('apps')
    .where({ id: app.id })
    .update({ may_auto_answer: mayAutoAnswer, updated_at: knex.fn.now() })
  return { ...app, mayAutoAnswer }
}
