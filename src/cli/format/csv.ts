import { stringify } from 'csv-stringify/sync'

/**
 * RFC 4180 text: a header line, CRLF line ends, and fields quoted when they hold a
 * comma, a quote or a line break. An empty field stands for a missing value. Every field
 * is defused for spreadsheets first (see `defuseFormula`).
 */
export function renderCsv(
  columns: string[],
  rows: (string | number | null | undefined)[][],
): string {
  return stringify(
    rows.map((row) =>
      row.map((field) => (field == null ? '' : defuseFormula(String(field)))),
    ),
    { header: true, columns, record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}

const FORMULA_START = /^[=+\-@\t\r]/
// The E.164 numbers the server stores (routing/sip.ts normaliseCaller): a spreadsheet
// reads one as a number, which runs nothing, and a quote in front would spoil it.
const PHONE_NUMBER = /^\+\d{6,15}$/

/**
 * A caller chooses its From and name: one starting like a formula would run when the
 * CSV is opened in a spreadsheet (CSV injection). OWASP's defence is a leading `'`,
 * which spreadsheets read as "this is text" and do not show.
 */
function defuseFormula(field: string): string {
  if (!FORMULA_START.test(field) || PHONE_NUMBER.test(field)) return field
  return `'${field}`
}
