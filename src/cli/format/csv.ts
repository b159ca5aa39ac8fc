import { stringify } from 'csv-stringify/sync'

/**
 * RFC 4180 text: a header line, CRLF line ends, and fields quoted when they hold a
 * comma, a quote or a line break. An empty field stands for a missing value.
 */
export function renderCsv(
  columns: string[],
  rows: (string | number | null | undefined)[][],
): string {
  return stringify(
    rows.map((row) => row.map((field) => (field == null ? '' : String(field)))),
    { header: true, columns, record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}
