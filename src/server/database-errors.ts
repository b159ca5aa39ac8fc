import { DeadlineError } from './with-deadline.ts'

// Errors that mean "the database is away", after which the same write can succeed later,
// as opposed to a write the database refuses, which would fail the same way forever.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
])
const UNAVAILABLE_MESSAGE =
  /connection terminated|timeout acquiring a connection|connection (ended|closed)|not queryable|connection error/i

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DeadlineError) return true
  const { code, name, message } = error as {
    code?: unknown
    name?: string
    message?: string
  }
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))
  ) {
    return true
  }
  return name === 'KnexTimeoutError' || UNAVAILABLE_MESSAGE.test(message ?? '')
}
