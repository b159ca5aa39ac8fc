import type { ChalkInstance } from 'chalk'
import type { Call, CallStatus } from '../../db/call-history.ts'
import { formatDuration } from '../format/duration.ts'
import { printable } from '../format/printable.ts'
import { type Cell, fitWidths, renderTable, tableWidth } from '../format/table.ts'
import { formatAgo, formatLocalTime } from '../format/time.ts'
import { truncate } from '../../truncate.ts'
import type { Io } from '../io.ts'
import { colorsFor } from '../output.ts'
import { describeMissedReason, describeStatus } from './calls-missed.ts'

// How `aircall calls list` shows calls, shared with anything that prints history the
// same way (the demo). One row per call when the output is not a terminal (so that grep
// and cut still work) or when the terminal is wide enough, a long recording URL wrapping
// in its column; otherwise a boxed table of three columns whose cells stack the details.

export type RenderOptions = {
  colors: ChalkInstance
  /** Columns of the terminal; absent when stdout is not one. */
  width?: number
  now?: Date
}

/** The column of the wide table that wraps, and the least width it may wrap to. */
const WRAPPING_COLUMN = 5
const NARROWEST_DETAILS = 24

/**
 * The most of a caller's From or name a row shows: a table pads every row to its widest
 * cell, so one long name would widen them all. A Plivo SIP URI (at most 25 letters and
 * 12 digits, then the domain) still fits whole; `calls show` prints any of them whole.
 */
const CALLER_CELL_MAX = 64

export const NO_CALLS_YET = 'No calls yet. They appear here once the server answers one.'

/**
 * A page of calls exactly as `aircall calls list` prints it on these streams: colour
 * and width follow stdout (see output.ts), and no calls at all reads as a sentence.
 */
export function renderCallPage(calls: Call[], io: Io, now: Date = new Date()): string {
  if (calls.length === 0) return NO_CALLS_YET
  const width = io.stdout.isTTY ? io.stdout.columns : undefined
  return renderCallTable(calls, { colors: colorsFor(io), width, now })
}

export function renderCallTable(outsideCalls: Call[], options: RenderOptions): string {
  const calls = outsideCalls.map((call) => shortenCaller(printableCall(call)))
  const { colors } = options
  const now = options.now ?? new Date()
  const paintHead = (text: string) => colors.bold(text)

  const wide = {
    head: [
      'ID',
      'WHEN',
      'LINE',
      'CALLER',
      'OUTCOME',
      'ANSWERED BY / VOICEMAIL',
      'DURATION',
    ],
    rows: calls.map((call): Cell[] => [
      String(call.id),
      `${formatLocalTime(call.startedAt)} (${formatAgo(call.startedAt, now)})`,
      call.line ?? '',
      describeCaller(call),
      { text: describeStatus(call), paint: statusPaint(colors, call.status) },
      describeOutcome(call, ' '),
      formatOptionalDuration(call.durationSeconds),
    ]),
    paintHead,
  }
  if (options.width === undefined) return renderTable(wide)
  if (fitsWide(wide.head, wide.rows, options.width)) {
    return renderTable({ ...wide, maxWidth: options.width, wrapFirst: WRAPPING_COLUMN })
  }

  return renderTable({
    head: ['CALL', 'LINE / CALLER', 'OUTCOME'],
    rows: calls.map((call): Cell[] => [
      `#${call.id}\n${formatLocalTime(call.startedAt)}\n${formatAgo(call.startedAt, now)}`,
      [call.line, describeFrom(call), call.callerName].filter(Boolean).join('\n'),
      { text: describeNarrowOutcome(call), paint: statusPaint(colors, call.status) },
    ]),
    paintHead,
    maxWidth: options.width,
    borders: true,
  })
}

/** The call with every text that came from outside made safe for a terminal. */
export function printableCall(call: Call): Call {
  const text = (value: string | null) => (value === null ? null : printable(value))
  return {
    ...call,
    callUuid: printable(call.callUuid),
    line: text(call.line),
    from: text(call.from),
    callerName: text(call.callerName),
    answeredBy: call.answeredBy && {
      user: text(call.answeredBy.user),
      app: text(call.answeredBy.app),
    },
    voicemailUrl: text(call.voicemailUrl),
    hangupCause: text(call.hangupCause),
  }
}

/** The call with its From and caller name cut to what a row shows. */
export function shortenCaller(call: Call): Call {
  const short = (value: string | null) =>
    value === null ? null : truncate(value, CALLER_CELL_MAX)
  return { ...call, from: short(call.from), callerName: short(call.callerName) }
}

export function statusPaint(colors: ChalkInstance, status: CallStatus) {
  const paints: Record<CallStatus, (text: string) => string> = {
    answered: colors.green,
    voicemail: colors.yellow,
    missed: colors.red,
    ringing: colors.cyan,
  }
  return paints[status]
}

/** "Jane — desktop", with whatever part the call still knows. */
export function describeAnswerer(call: Call): string {
  if (!call.answeredBy) return ''
  return [call.answeredBy.user, call.answeredBy.app].filter(Boolean).join(' — ')
}

/** The caller's number or SIP URI, marked when it is the test caller of `aircall caller`. */
export function describeFrom(call: Call): string {
  if (!call.from) return ''
  return call.isTestCall ? `[test] ${call.from}` : call.from
}

function describeCaller(call: Call): string {
  const from = describeFrom(call)
  if (!call.callerName) return from
  return from ? `${from} (${call.callerName})` : call.callerName
}

function describeOutcome(call: Call, separator: string): string {
  if (call.status === 'voicemail') {
    const length = formatOptionalDuration(call.voicemailSeconds)
    return [length, call.voicemailUrl].filter(Boolean).join(separator)
  }
  return describeAnswerer(call)
}

function describeNarrowOutcome(call: Call): string {
  const duration = formatOptionalDuration(call.durationSeconds)
  const reason = describeMissedReason(call)
  if (call.status === 'voicemail')
    return [call.status, ...(reason ? [reason] : []), describeOutcome(call, '\n')].join(
      '\n',
    )
  return [call.status, reason, describeAnswerer(call), duration]
    .filter(Boolean)
    .join('\n')
}

function formatOptionalDuration(seconds: number | null): string {
  return seconds === null ? '' : formatDuration(seconds)
}

/**
 * Whether one row per call still reads at this width: every column keeps its natural
 * width except the answer / voicemail column, which may wrap a long recording URL.
 */
function fitsWide(head: string[], rows: Cell[][], width: number): boolean {
  const natural = head.map((title, column) =>
    Math.max(
      title.length,
      ...rows.map((row) => {
        const cell = row[column]
        return [...(typeof cell === 'string' ? cell : cell.text)].length
      }),
    ),
  )
  const widths = fitWidths(natural, width, { wrapFirst: WRAPPING_COLUMN })
  const isReadable = widths.every((columnWidth, column) =>
    column === WRAPPING_COLUMN
      ? columnWidth >= Math.min(natural[column], NARROWEST_DETAILS)
      : columnWidth === natural[column],
  )
  return isReadable && tableWidth(widths) <= width
}
