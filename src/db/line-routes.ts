import type { Knex } from 'knex'
import type {
  AppTarget,
  LineHours,
  LineRoute,
  MemberRoute,
  RingStrategy,
} from '../routing/types.ts'

export type LineRouting = { line: LineRoute | undefined; members: MemberRoute[] }

/**
 * What routing needs to know about the line a call reached: the line found by its SIP
 * endpoint username (without case), and its members in ring order with their
 * provisioned apps. One query, since the caller waits on it.
 */
export async function findLineRouting(
  knex: Knex,
  username: string | undefined,
): Promise<LineRouting> {
  if (!username) return { line: undefined, members: [] }

  const rows = await knex('lines as l')
    .leftJoin('line_members as m', 'm.line_id', 'l.id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('apps as a', function joinProvisionedApps() {
      this.on('a.user_id', '=', 'u.id').andOnNotNull('a.sip_uri')
    })
    .whereRaw('lower(l.plivo_username) = ?', [username.toLowerCase()])
    .orderBy([{ column: 'm.position' }, { column: 'u.id' }, { column: 'a.id' }])
    .select(
      'l.id as lineId',
      'l.name as lineName',
      'l.ring_strategy as ringStrategy',
      'l.ring_timeout as ringTimeout',
      'l.voicemail_greeting as greeting',
      'l.screening',
      'l.time_zone as timeZone',
      'l.closed_greeting as closedGreeting',
      // The hours ride along as JSON so that the caller still waits on one query.
      knex.raw(
        `(select json_agg(json_build_object('weekday', h.weekday, 'opens', h.opens, 'closes', h.closes))
          from line_hours as h where h.line_id = l.id) as weekly`,
      ),
      knex.raw(
        '(select json_agg(c.closed_on::text) from line_closures as c where c.line_id = l.id) as closures',
      ),
      'u.id as userId',
      'u.name as userName',
      'u.availability',
      'a.id as appId',
      'a.label as appLabel',
      'a.sip_uri as sipUri',
      'a.may_auto_answer as mayAutoAnswer',
    )
  const [first] = rows
  if (!first) return { line: undefined, members: [] }

  const line: LineRoute = {
    id: first.lineId,
    name: first.lineName,
    ringStrategy: first.ringStrategy as RingStrategy,
    ringTimeout: first.ringTimeout,
    greeting: first.greeting,
    screening: first.screening,
    hours: readHours(first),
    closedGreeting: first.closedGreeting,
  }
  return { line, members: groupMembers(rows) }
}

/** A line without a time zone has no hours: it is always open. */
function readHours(row: {
  timeZone: string | null
  weekly: LineHours['weekly'] | null
  closures: string[] | null
}): LineHours | undefined {
  if (!row.timeZone) return undefined
  return { zone: row.timeZone, weekly: row.weekly ?? [], closures: row.closures ?? [] }
}

type MemberRow = {
  userId: number | null
  userName: string
  availability: string
  appId: number | null
  appLabel: string
  sipUri: string
  mayAutoAnswer: boolean
}

function groupMembers(rows: MemberRow[]): MemberRoute[] {
  const members = new Map<number, MemberRoute>()
  for (const row of rows) {
    if (row.userId === null) continue
    const member: MemberRoute = members.get(row.userId) ?? {
      userId: row.userId,
      name: row.userName,
      isAvailable: row.availability === 'available',
      apps: [],
    }
    members.set(row.userId, member)
    if (row.appId !== null) {
      const app: AppTarget = {
        id: row.appId,
        label: row.appLabel,
        sipUri: row.sipUri,
        mayAutoAnswer: row.mayAutoAnswer,
        userName: row.userName,
      }
      member.apps.push(app)
    }
  }
  return [...members.values()]
}
