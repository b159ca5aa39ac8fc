import { UserError, quote } from '../errors.ts'

// Names end up in tables, SIP aliases and spoken greetings: no control characters (they
// would reach terminals raw), no runs of spaces that make two names look alike, and a
// length a table can show.

export const NAME_MAX = 80
export const GREETING_MAX = 500

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

export function cleanName(value: string | undefined, what: string): string {
  if (CONTROL.test(value ?? '')) {
    throw new UserError(`${what} cannot contain control characters: ${quote(value)}`)
  }
  const text = cleanText(value, what, NAME_MAX)
  if (!text) throw new UserError(`${what} cannot be empty`)
  return text
}

/** Free text such as a greeting: line breaks and tabs become spaces; empty stays empty. */
export function cleanText(value: string | undefined, what: string, max: number): string {
  const text = (value ?? '').replace(/\s+/g, ' ').trim()
  if (CONTROL.test(text)) {
    throw new UserError(`${what} cannot contain control characters: ${quote(value)}`)
  }
  if ([...text].length > max) {
    throw new UserError(`${what} is too long: at most ${max} characters`)
  }
  return text
}
