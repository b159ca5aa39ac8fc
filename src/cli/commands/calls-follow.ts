import type { Call } from '../../db/call-history.ts'
import { watchCalls } from '../../db/call-changes.ts'
import { UserError } from '../../errors.ts'
import type { CliContext } from '../context.ts'
import { formatDuration } from '../format/duration.ts'
import { formatLocalTimeWithSeconds } from '../format/time.ts'
import type { FilterOptions } from './calls-filters.ts'
import { resolveFilters } from './calls-filters.ts'
import { callToJson } from './calls-formats.ts'
import {
  describeAnswerer,
  describeFrom,
  printableCall,
  shortenCaller,
  statusPaint,
} from './calls-render.ts'

export type FollowControl = {
  /** Ends the watch; by default Ctrl-C does (the process then exits 130, see process.ts). */
  signal?: AbortSignal
  /** Resolves when the next poll is due, for tests that step the watch themselves. */
  pause?: (signal: AbortSignal) => Promise<void>
}

const POLL_INTERVAL_MS = 1000

/** Prints each call as it starts and again each time it changes: a line, or JSON lines. */
export async function follow(
  context: CliContext,
  options: FilterOptions & { json?: boolean; csv?: boolean; before?: number },
  control: FollowControl = {},
): Promise<void> {
  if (options.csv) {
    throw new UserError('--follow prints lines or JSON, not CSV', { hint: 'use --json' })
  }
  if (options.since || options.until || options.before !== undefined) {
    throw new UserError('--follow shows calls from now on', {
      hint: 'drop --since, --until and --before, or drop --follow to page through history',
    })
  }

  const { knex } = await context.database()
  const filters = await resolveFilters(knex, options)
  const signal = control.signal ?? context.io.interrupt
  context.io.interruptHandled = true
  context.note('Following calls as they happen; Ctrl-C to stop.')

  const watch = watchCalls(knex, {
    filters,
    signal,
    pause: control.pause,
    intervalMs: POLL_INTERVAL_MS,
  })
  for await (const call of watch) {
    if (options.json) context.print(JSON.stringify(callToJson(call)))
    else context.print(renderFollowLine(context, call))
  }
}

/** One line per change, the columns of `calls list` in the same order. */
export function renderFollowLine(context: CliContext, outsideCall: Call): string {
  const call = shortenCaller(printableCall(outsideCall))
  const outcome =
    call.status === 'voicemail'
      ? [
          call.voicemailSeconds === null ? '' : formatDuration(call.voicemailSeconds),
          call.voicemailUrl,
        ]
      : [describeAnswerer(call)]
  const parts = [
    formatLocalTimeWithSeconds(call.startedAt),
    `#${call.id}`,
    call.line,
    describeFrom(call),
    call.callerName,
    statusPaint(context.colors, call.status)(call.status),
    ...outcome,
    call.durationSeconds === null ? '' : formatDuration(call.durationSeconds),
  ]
  return parts.filter(Boolean).join('  ')
}
