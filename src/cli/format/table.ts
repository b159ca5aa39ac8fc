import Table from 'cli-table3'

// Tables are laid out from plain text and painted afterwards, so that widths are
// measured without colour codes and a long value (a recording URL) wraps onto
// further lines instead of being cut off.

export type Cell = string | { text: string; paint?: (text: string) => string }

export type TableOptions = {
  head: string[]
  rows: Cell[][]
  /** Columns of the terminal; without it every column keeps its natural width. */
  maxWidth?: number
  paintHead?: (text: string) => string
  /** Boxes and lines between rows, for rows that take several lines. */
  borders?: boolean
  /** The column that wraps first when the table is too wide (a long URL, say). */
  wrapFirst?: number
}

const PADDING = 2
const NARROWEST = 6
const NO_BORDERS = Object.fromEntries(
  [
    'top',
    'top-mid',
    'top-left',
    'top-right',
    'bottom',
    'bottom-mid',
    'bottom-left',
    'bottom-right',
    'left',
    'left-mid',
    'mid',
    'mid-mid',
    'right',
    'right-mid',
    'middle',
  ].map((name) => [name, '']),
)

export function renderTable(options: TableOptions): string {
  const rows = options.rows.map((row) => row.map(toParts))
  const natural = options.head.map((title, column) =>
    Math.max(widest(title), ...rows.map((row) => widest(row[column]?.text ?? ''))),
  )
  const borders = options.borders ?? false
  const widths = fitWidths(natural, options.maxWidth, {
    borders,
    wrapFirst: options.wrapFirst,
  })
  const paintHead = options.paintHead ?? ((text: string) => text)

  const table = new Table({
    head: options.head.map((title, column) =>
      wrap(title, widths[column]).map(paintHead).join('\n'),
    ),
    colWidths: widths.map((width) => width + PADDING),
    ...(borders
      ? { style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 } }
      : {
          chars: NO_BORDERS,
          style: {
            head: [],
            border: [],
            compact: true,
            'padding-left': 0,
            'padding-right': 2,
          },
        }),
  })
  for (const row of rows) {
    table.push(
      row.map(({ text, paint }, column) =>
        wrap(text, widths[column])
          .map((line) => (paint && line ? paint(line) : line))
          .join('\n'),
      ),
    )
  }
  return table.toString().replace(/[ \t]+$/gm, '')
}

/** The width the table takes with these content widths. */
export function tableWidth(widths: number[], borders = false): number {
  return widths.reduce((sum, width) => sum + width, chromeWidth(widths.length, borders))
}

function chromeWidth(columns: number, borders = false): number {
  return columns * PADDING + (borders ? columns + 1 : 0)
}

/**
 * Content widths that fit `maxWidth`: the `wrapFirst` column gives up its room first,
 * then the widest columns do, down to a common cap.
 */
export function fitWidths(
  natural: number[],
  maxWidth?: number,
  options: { borders?: boolean; wrapFirst?: number } = {},
): number[] {
  if (maxWidth === undefined) return natural
  const room = Math.max(maxWidth - chromeWidth(natural.length, options.borders), 0)
  const total = natural.reduce((sum, width) => sum + width, 0)
  if (total <= room) return natural

  const { wrapFirst } = options
  if (wrapFirst !== undefined) {
    const left = natural[wrapFirst] - (total - room)
    if (left >= Math.min(natural[wrapFirst], NARROWEST)) {
      return natural.map((width, column) => (column === wrapFirst ? left : width))
    }
  }

  // Every column keeps its natural width up to a common cap, the largest cap that fits.
  const order = natural
    .map((width, column) => ({ width, column }))
    .sort((a, b) => a.width - b.width)
  const widths = [...natural]
  let left = room
  for (let index = 0; index < order.length; index += 1) {
    const share = Math.floor(left / (order.length - index))
    const { width, column } = order[index]
    widths[column] = Math.max(Math.min(width, share), Math.min(width, NARROWEST))
    left -= widths[column]
  }
  return widths
}

/** Splits text into lines of at most `width` characters, at spaces when it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word
      if ([...candidate].length <= width) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = ''
      let rest = [...word]
      while (rest.length > width) {
        lines.push(rest.slice(0, width).join(''))
        rest = rest.slice(width)
      }
      line = rest.join('')
    }
    lines.push(line)
  }
  return lines
}

function toParts(cell: Cell | undefined): {
  text: string
  paint?: (text: string) => string
} {
  if (cell === undefined) return { text: '' }
  return typeof cell === 'string' ? { text: cell } : cell
}

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line].length))
}
