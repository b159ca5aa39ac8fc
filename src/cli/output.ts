import { Chalk, type ChalkInstance } from 'chalk'
import Table from 'cli-table3'
import type { Io } from './io.ts'

/**
 * Colour for one stream: never with NO_COLOR (no-color.org), never when the stream is not a
 * terminal, unless FORCE_COLOR asks for it.
 */
export function colorsFor(io: Io, stream: 'stdout' | 'stderr' = 'stdout'): ChalkInstance {
  const { NO_COLOR, FORCE_COLOR } = io.env
  let level: 0 | 1 = io[stream].isTTY ? 1 : 0
  if (FORCE_COLOR && FORCE_COLOR !== '0' && FORCE_COLOR !== 'false') level = 1
  if (NO_COLOR) level = 0
  return new Chalk({ level })
}

/** A table that reads on a terminal and in a pipe alike; headers in bold when coloured. */
export function renderTable(
  headers: string[],
  rows: (string | number | null | undefined)[][],
  colors: ChalkInstance,
): string {
  const table = new Table({
    head: headers.map((header) => colors.bold(header)),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '',
    },
  })
  for (const row of rows)
    table.push(row.map((cell) => (cell == null ? '' : String(cell))))
  return `${table.toString().replace(/[ \t]+$/gm, '')}\n`
}

export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** A value as one shell word, for the commands that messages suggest. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}
