import type { Knex } from 'knex'
import type { CallFilters, CallStatus } from '../../db/call-history.ts'
import { findLine } from '../../db/lines.ts'
import { findUser } from '../../db/users.ts'
import { UserError } from '../../errors.ts'
import { parseTimeBound } from '../format/time.ts'

export type FilterOptions = {
  line?: string
  user?: string
  status?: CallStatus
  from?: string
  since?: string
  until?: string
}

/**
 * Turns the filter flags into query filters. Names must exist: a misspelt line would
 * otherwise look like a line that never rang.
 */
export async function resolveFilters(
  knex: Knex,
  options: FilterOptions,
  now: Date = new Date(),
): Promise<CallFilters> {
  const since =
    options.since === undefined
      ? undefined
      : parseTimeBound(options.since, '--since', now)
  const until =
    options.until === undefined
      ? undefined
      : parseTimeBound(options.until, '--until', now)
  if (since && until && since >= until) {
    throw new UserError(
      `--since (${since.toISOString()}) must come before --until (${until.toISOString()})`,
      { hint: 'swap the two values' },
    )
  }

  const line = options.line === undefined ? undefined : await findLine(knex, options.line)
  const user = options.user === undefined ? undefined : await findUser(knex, options.user)
  return {
    lineId: line?.id,
    userId: user?.id,
    status: options.status,
    from: options.from === undefined ? undefined : normalizeCaller(options.from),
    since,
    until,
  }
}

/**
 * Plivo sends From as it dialled: "+15551234567" or a SIP address. A number typed with
 * spaces, dashes or brackets is compacted to match; anything else is matched as typed.
 */
export function normalizeCaller(text: string): string {
  const trimmed = text.trim()
  if (/^\+?[\d\s().-]+$/.test(trimmed)) return trimmed.replace(/[\s().-]/g, '')
  return trimmed
}
