import type { Knex } from 'knex'
import { UserError } from '../errors.ts'
import type { LineHours } from '../routing/types.ts'
import { GREETING_MAX, cleanText } from './clean-text.ts'
import { type Line, findLine } from './lines.ts'

// A line's business hours: its time zone on the line, weekly opening ranges in
// line_hours, dated closures in line_closures. A line without a time zone is always open.

export type HoursChange = {
  zone?: string
  /** Opening ranges by ISO weekday (1 Monday … 7 Sunday); an empty list closes the day. */
  days?: Map<number, { opens: string; closes: string }[]>
  close?: string[]
  reopen?: string[]
  /** Spoken outside the hours; "" for the default. */
  closedGreeting?: string
  /** Forget the zone, the hours and the closures: the line is always open again. */
  clear?: boolean
}

export type LinePolicies = {
  hours: LineHours | undefined
  closedGreeting: string | null
}

export async function findLinePolicies(
  knex: Knex,
  lineId: number,
): Promise<LinePolicies> {
  const line = await knex('lines')
    .where('id', lineId)
    .first('time_zone as zone', 'closed_greeting as closedGreeting')
  const weekly = await knex('line_hours')
    .where('line_id', lineId)
    .orderBy(['weekday', 'opens'])
    .select('weekday', 'opens', 'closes')
  // As text: a JavaScript Date would shift the day by the local time zone.
  const closures: string[] = (
    await knex('line_closures')
      .where('line_id', lineId)
      .orderBy('closed_on')
      .select(knex.raw('closed_on::text as day'))
  ).map((row: { day: string }) => row.day)
  return {
    hours: line.zone ? { zone: line.zone, weekly, closures } : undefined,
    closedGreeting: line.closedGreeting,
  }
}

export async function updateLineHours(
  knex: Knex,
  reference: string,
  change: HoursChange,
): Promise<{ line: Line; policies: LinePolicies }> {
  return knex.transaction(async (trx) => {
    const line = await findLine(trx, reference)
    const current = await trx('lines').where('id', line.id).first('time_zone')
    // With --clear, new hours in the same command start from nothing, zone included.
    const zone = change.zone ?? (change.clear ? null : current.time_zone)
    const needsZone = Boolean(change.days?.size || change.close?.length)
    if (needsZone && !zone) {
      throw new UserError(`${line.name} has no time zone yet`, {
        hint: `pass --zone, e.g. \`aircall lines hours ${JSON.stringify(line.name)} --zone Europe/Paris …\``,
      })
    }

    if (change.clear) {
      await trx('line_hours').where('line_id', line.id).delete()
      await trx('line_closures').where('line_id', line.id).delete()
    }
    const columns: Record<string, unknown> = {}
    if (change.clear) columns.time_zone = null
    if (change.zone) columns.time_zone = change.zone
    if (change.closedGreeting !== undefined) {
      columns.closed_greeting =
        cleanText(change.closedGreeting, 'a closed greeting', GREETING_MAX) || null
    }
    if (Object.keys(columns).length > 0) {
      await trx('lines')
        .where('id', line.id)
        .update({ ...columns, updated_at: trx.fn.now() })
    }

    for (const [weekday, ranges] of change.days ?? []) {
      await trx('line_hours').where({ line_id: line.id, weekday }).delete()
      if (ranges.length === 0) continue
      await trx('line_hours').insert(
        ranges.map((range) => ({ line_id: line.id, weekday, ...range })),
      )
    }
    if (change.close?.length) {
      await trx('line_closures')
        .insert(change.close.map((date) => ({ line_id: line.id, closed_on: date })))
        .onConflict(['line_id', 'closed_on'])
        .ignore()
    }
    if (change.reopen?.length) {
      await trx('line_closures')
        .where('line_id', line.id)
        .whereIn('closed_on', change.reopen)
        .delete()
    }
    return { line, policies: await findLinePolicies(trx, line.id) }
  })
}
