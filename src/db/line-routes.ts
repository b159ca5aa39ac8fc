import type { Knex } from 'knex'
import type { LineRoute, MemberRoute, RingStrategy } from '../routing/types.ts'

export type LineRouting = { line: LineRoute | undefined; members: MemberRoute[] }

/**
 * What routing needs to know about the line a call reached: the line found by its SIP
 * endpoint username (without case), and its members in ring order with their apps.
 */
export async function findLineRouting(
  knex: Knex,
  username: string | undefined,
): Promise<LineRouting> {
  if (!username) return { line: undefined, members: [] }

  const row = await knex('lines')
    .select(
      'id',
      'name',
      'ring_strategy',
      'ring_timeout',
      'voicemail_greeting',
      'screening',
    )
    .whereRaw('lower(plivo_username) = ?', [username.toLowerCase()])
    .first()
  if (!row) return { line: undefined, members: [] }

  const line: LineRoute = {
    id: row.id,
    name: row.name,
    ringStrategy: row.ring_strategy as RingStrategy,
    ringTimeout: row.ring_timeout,
    greeting: row.voicemail_greeting,
    screening: row.screening,
  }
  return { line, members: await listMemberRoutes(knex, line.id) }
}

async function listMemberRoutes(knex: Knex, lineId: number): Promise<MemberRoute[]> {
  const rows = await knex('line_members as m')
    .join('users as u', 'u.id', 'm.user_id')
    .leftJoin('apps as a', function joinProvisionedApps() {
      this.on('a.user_id', '=', 'u.id').andOnNotNull('a.sip_uri')
    })
    .where('m.line_id', lineId)
    .orderBy([{ column: 'm.position' }, { column: 'u.id' }, { column: 'a.id' }])
    .select(
      'u.id as userId',
      'u.name as userName',
      'u.availability',
      'a.id as appId',
      'a.label as appLabel',
      'a.sip_uri as sipUri',
    )

  const members = new Map<number, MemberRoute>()
  for (const row of rows) {
    const member: MemberRoute = members.get(row.userId) ?? {
      userId: row.userId,
      name: row.userName,
      isAvailable: row.availability === 'available',
      apps: [],
    }
    members.set(row.userId, member)
    if (row.appId !== null) {
      member.apps.push({ id: row.appId, label: row.appLabel, sipUri: row.sipUri })
    }
  }
  return [...members.values()]
}
