import type { Knex } from 'knex'
import { UserError, quote } from '../errors.ts'
import { slugify } from '../slug.ts'
import { GREETING_MAX, cleanName, cleanText } from './clean-text.ts'
import { isUniqueViolation } from './constraint-errors.ts'
import { type User, findUser } from './users.ts'

export const RING_STRATEGIES = ['simultaneous', 'sequential', 'round-robin'] as const
export type RingStrategy = (typeof RING_STRATEGIES)[number]
export const RING_TIMEOUT_RANGE = { min: 5, max: 120 } as const

export type Line = {
  id: number
  name: string
  slug: string
  ringStrategy: RingStrategy
  ringTimeout: number
  greeting: string | null
  screening: boolean
  sipUri: string | null
}

export type LineWithMembers = Line & { members: { name: string; availability: string }[] }

export type LineSettings = Partial<
  Pick<Line, 'ringStrategy' | 'ringTimeout' | 'greeting' | 'screening'>
>

const selectLine = (knex: Knex) =>
  knex('lines').select(
    'id',
    'name',
    'slug',
    'ring_strategy as ringStrategy',
    'ring_timeout as ringTimeout',
    'voicemail_greeting as greeting',
    'screening',
    'sip_uri as sipUri',
  )

export async function listLines(knex: Knex): Promise<LineWithMembers[]> {
  const lines: Line[] = await selectLine(knex).orderBy('id')
  const members = await knex('line_members')
    .join('users', 'users.id', 'line_members.user_id')
    .select('line_members.line_id as lineId', 'users.name', 'users.availability')
    .orderBy(['line_members.line_id', 'line_members.position'])
  return lines.map((line) => ({
    ...line,
    members: members
      .filter((member) => member.lineId === line.id)
      .map(({ name, availability }) => ({ name, availability })),
  }))
}

/** Finds a line by its name or its slug, without regard to case. */
export async function findLine(knex: Knex, reference: string): Promise<Line> {
  const text = reference.trim()
  const line = await selectLine(knex)
    .whereRaw('lower(name) = lower(?) or lower(slug) = lower(?)', [text, text])
    .first()
  if (!line) {
    throw new UserError(`no line is named ${quote(reference)}`, {
      hint: 'run `aircall lines list` to see the lines',
    })
  }
  return line
}

export async function addLine(
  knex: Knex,
  input: { name: string; slug?: string } & LineSettings,
): Promise<Line> {
  const name = cleanName(input.name, 'a line name')
  const slug = input.slug?.trim() || slugify(name)
  if (!slug) {
    throw new UserError(`the name ${quote(name)} gives no slug to use in SIP names`, {
      hint: 'pass one with --slug, e.g. --slug main-office',
    })
  }
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    throw new UserError(`the slug ${quote(slug)} is not usable`, {
      hint: 'use lowercase letters and digits separated by single dashes, e.g. --slug main-office',
    })
  }
  // A line is named on the command line by its name or its slug, so no name may equal
  // another line's slug: each reference must point at one line only.
  const clash = await knex('lines')
    .whereRaw(
      'lower(name) in (lower(?), lower(?)) or lower(slug) in (lower(?), lower(?))',
      [name, slug, name, slug],
    )
    .first('name', 'slug')
  if (clash) {
    throw new UserError(
      `a line named ${quote(name)} or with slug ${quote(slug)} would be confused with ${quote(clash.name)} (slug ${quote(clash.slug)})`,
      { hint: 'choose another name, or pass another --slug' },
    )
  }

  try {
    await knex('lines').insert({ name, slug, ...settingsColumns(input) })
    return findLine(knex, slug)
  } catch (error) {
    if (
      isUniqueViolation(error, 'lines_name_unique') ||
      isUniqueViolation(error, 'lines_slug_unique')
    ) {
      throw new UserError(
        `a line named ${quote(name)} or with slug ${quote(slug)} already exists`,
        {
          hint: 'choose another name, or pass --slug',
        },
      )
    }
    throw error
  }
}

export async function removeLine(knex: Knex, reference: string): Promise<Line> {
  const line = await findLine(knex, reference)
  await knex('lines').where({ id: line.id }).delete()
  return line
}

export async function updateLineSettings(
  knex: Knex,
  reference: string,
  settings: LineSettings,
): Promise<Line> {
  const line = await findLine(knex, reference)
  const changes = settingsColumns(settings)
  if (Object.keys(changes).length === 0) {
    throw new UserError('nothing to change', {
      hint: 'pass --strategy, --timeout, --greeting or --screening',
    })
  }
  await knex('lines')
    .where({ id: line.id })
    .update({ ...changes, updated_at: knex.fn.now() })
  return findLine(knex, line.slug)
}

/** Adds a user to a line's ring order: at the end, or at a 1-based position. */
export async function assignMember(
  knex: Knex,
  lineReference: string,
  userName: string,
  position?: number,
): Promise<{ line: Line; user: User; position: number }> {
  return knex.transaction(async (trx) => {
    const line = await findLine(trx, lineReference)
    const user = await findUser(trx, userName)
    const members = trx('line_members').where({ line_id: line.id })
    if (await members.clone().where({ user_id: user.id }).first()) {
      throw new UserError(`${user.name} already answers ${line.name}`, {
        hint: 'run `aircall lines list` to see the ring order',
      })
    }

    const { count } = (await members.clone().count({ count: '*' }).first()) as {
      count: string
    }
    const last = Number(count) + 1
    const at = position === undefined ? last : Math.min(Math.max(position, 1), last)
    await members.clone().where('position', '>=', at).increment('position', 1)
    await trx('line_members').insert({ line_id: line.id, user_id: user.id, position: at })
    return { line, user, position: at }
  })
}

export async function unassignMember(
  knex: Knex,
  lineReference: string,
  userName: string,
): Promise<{ line: Line; user: User }> {
  return knex.transaction(async (trx) => {
    const line = await findLine(trx, lineReference)
    const user = await findUser(trx, userName)
    const [removed] = await trx('line_members')
      .where({ line_id: line.id, user_id: user.id })
      .delete()
      .returning('position')
    if (!removed) {
      throw new UserError(`${user.name} does not answer ${line.name}`, {
        hint: 'run `aircall lines list` to see who answers each line',
      })
    }
    await trx('line_members')
      .where({ line_id: line.id })
      .andWhere('position', '>', removed.position)
      .decrement('position', 1)
    return { line, user }
  })
}

function settingsColumns(settings: LineSettings): Record<string, unknown> {
  const columns: Record<string, unknown> = {}
  if (settings.ringStrategy !== undefined) columns.ring_strategy = settings.ringStrategy
  if (settings.ringTimeout !== undefined) columns.ring_timeout = settings.ringTimeout
  if (settings.greeting !== undefined)
    columns.voicemail_greeting =
      cleanText(settings.greeting ?? undefined, 'a greeting', GREETING_MAX) || null
  if (settings.screening !== undefined) columns.screening = settings.screening
  return columns
}
