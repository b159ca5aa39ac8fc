import type { Knex } from 'knex'
import { UserError, quote } from '../errors.ts'
import { NAME_MAX, cleanName, cleanText } from './clean-text.ts'
import { isUniqueViolation } from './constraint-errors.ts'

export type Availability = 'available' | 'away'

export type User = {
  id: number
  name: string
  title: string | null
  availability: Availability
}

const columns = ['id', 'name', 'title', 'availability'] as const

export async function listUsers(knex: Knex): Promise<User[]> {
  return knex('users').select(columns).orderBy('id')
}

/** Finds a user by name, without regard to case; an unknown name is the user's mistake. */
export async function findUser(knex: Knex, name: string): Promise<User> {
  const user = await knex('users')
    .select(columns)
    .whereRaw('lower(name) = lower(?)', [name.trim()])
    .first()
  if (!user) {
    throw new UserError(`no user is named ${quote(name)}`, {
      hint: 'run `aircall users list` to see the names',
    })
  }
  return user
}

export async function addUser(
  knex: Knex,
  input: { name: string; title?: string },
): Promise<User> {
  const name = cleanName(input.name, 'a user name')
  try {
    const [user] = await knex('users')
      .insert({ name, title: cleanText(input.title, 'a title', NAME_MAX) || null })
      .returning(columns)
    return user
  } catch (error) {
    if (isUniqueViolation(error, 'users_name_unique')) {
      throw new UserError(`a user named ${quote(name)} already exists`, {
        hint: 'choose another name, or `aircall users remove` the old one first',
      })
    }
    throw error
  }
}

/** Removes a user with their apps and line memberships; their past calls keep their name. */
export async function removeUser(knex: Knex, name: string): Promise<User> {
  return knex.transaction(async (trx) => {
    const user = await findUser(trx, name)
    await trx('users').where({ id: user.id }).delete()
    return user
  })
}

export async function setAvailability(
  knex: Knex,
  name: string,
  availability: Availability,
): Promise<User> {
  const user = await findUser(knex, name)
  const [updated] = await knex('users')
    .where({ id: user.id })
    .update({ availability, updated_at: knex.fn.now() })
    .returning(columns)
  return updated
}
