import { findCallCursor, listCalls } from '../../db/call-history.ts'
import { UserError } from '../../errors.ts'
import type { CliContext } from '../context.ts'
import { type FilterOptions, resolveFilters } from './calls-filters.ts'
import { callToJson, renderCallsCsv } from './calls-formats.ts'
import { NO_CALLS_YET, renderCallPage } from './calls-render.ts'

export type ListOptions = FilterOptions & {
  limit: number
  before?: number
  json?: boolean
  csv?: boolean
  follow?: boolean
}

export const DEFAULT_LIMIT = 20

export async function list(context: CliContext, options: ListOptions): Promise<void> {
  if (options.follow) return (await import('./calls-follow.ts')).follow(context, options)

  const { knex } = await context.database()
  const now = new Date()
  const filters = await resolveFilters(knex, options, now)
  const before =
    options.before === undefined ? undefined : await findCallCursor(knex, options.before)
  if (options.before !== undefined && !before) {
    throw new UserError(`no call has the id ${options.before}`, {
      hint: 'pass --before the id that the previous page named',
    })
  }
  const page = await listCalls(knex, filters, { limit: options.limit, before })
  const { calls } = page

  if (options.json) context.printJson(calls.map(callToJson))
  else if (options.csv) context.io.stdout.write(renderCallsCsv(calls))
  else if (calls.length === 0) context.print(describeEmpty(options))
  else context.print(renderCallPage(calls, context.io, now))

  if (page.nextBefore !== undefined) {
    context.note(`Older calls: ${describeNextPage(options, filters, page.nextBefore)}`)
  }
}

function describeEmpty(options: ListOptions): string {
  const isFiltered = [options.line, options.user, options.status, options.from].some(
    (value) => value !== undefined,
  )
  if (options.before !== undefined) return 'No older calls.'
  if (isFiltered || options.since || options.until) return 'No calls match these filters.'
  return NO_CALLS_YET
}

/**
 * The command for the next page: the same filters, with relative times turned into
 * the instants they meant, so the page follows on whenever it is asked for.
 */
function describeNextPage(
  options: ListOptions,
  filters: { since?: Date; until?: Date },
  nextBefore: number,
): string {
  const flags: [string, string | undefined][] = [
    ['--line', options.line],
    ['--user', options.user],
    ['--status', options.status],
    ['--from', options.from],
    ['--since', filters.since?.toISOString()],
    ['--until', filters.until?.toISOString()],
    ['--limit', options.limit === DEFAULT_LIMIT ? undefined : String(options.limit)],
    ['--before', String(nextBefore)],
  ]
  const format = options.json ? ['--json'] : options.csv ? ['--csv'] : []
  const words = flags.flatMap(([flag, value]) =>
    value === undefined ? [] : [flag, quoteArg(value)],
  )
  return ['aircall calls list', ...words, ...format].join(' ')
}

function quoteArg(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}
