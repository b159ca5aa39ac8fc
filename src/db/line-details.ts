import type { Knex } from 'knex'
import { type LinePolicies, findLinePolicies } from './line-hours.ts'
import { type Line, findLine } from './lines.ts'

export type LineMemberDetails = {
  name: string
  availability: string
  apps: { label: string; sipUri: string | null; mayAutoAnswer: boolean }[]
}

export type LineDetails = Line &
  LinePolicies & {
    members: LineMemberDetails[]
  }

/** Everything `aircall lines show` tells about one line. */
export async function findLineDetails(
  knex: Knex,
  reference: string,
): Promise<LineDetails> {
  const line = await findLine(knex, reference)
  const rows = await knex('line_members as m')
    .join('users as u', 'u.id', 'm.user_id')
    .leftJoin('apps as a', 'a.user_id', 'u.id')
    .where('m.line_id', line.id)
    .orderBy([{ column: 'm.position' }, { column: 'a.id' }])
    .select(
      'u.id as userId',
      'u.name',
      'u.availability',
      'a.label',
      'a.sip_uri as sipUri',
      'a.may_auto_answer as mayAutoAnswer',
    )

  const members = new Map<number, LineMemberDetails>()
  for (const row of rows) {
    const member: LineMemberDetails = members.get(row.userId) ?? {
      name: row.name,
      availability: row.availability,
      apps: [],
    }
    members.set(row.userId, member)
    if (row.label !== null) {
      member.apps.push({
        label: row.label,
        sipUri: row.sipUri,
        mayAutoAnswer: row.mayAutoAnswer,
      })
    }
  }
  return {
    ...line,
    ...(await findLinePolicies(knex, line.id)),
    members: [...members.values()],
  }
}
