import pino, { type DestinationStream, type Logger } from 'pino'

export type { Logger } from 'pino'

// Secrets never reach a log line: these fields are censored wherever they appear, and
// webhook parameters are logged only at debug level, after removeSecrets().
const REDACTED_PATHS = [
  'authToken',
  'password',
  'sipPassword',
  'config.plivoAuthToken',
  '*.authToken',
  '*.password',
  '*.sip_password',
  'headers.authorization',
]

export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[secret]' },
      serializers: { err: serializeError },
    },
    options.destination,
  )
}

/** A logger for one call: every line it writes carries the call's UUID. */
export function createCallLogger(logger: Logger, callUuid: string | undefined): Logger {
  return callUuid ? logger.child({ callUuid }) : logger
}

/**
 * A phone number as logs may show it: above debug level every digit but the last two is
 * hidden (`+14155550100` → `+•••••••••00`), so logs do not become a list of customers.
 */
export function maskNumber(
  logger: Logger,
  number: string | undefined,
): string | undefined {
  if (!number || logger.isLevelEnabled('debug')) return number
  const digits = number.replace(/\D/g, '').length
  let seen = 0
  return number.replace(/\d/g, (digit) => (++seen > digits - 2 ? digit : '•'))
}

/**
 * An error as a log line may show it. knex puts the failed SQL, with its values, at the
 * front of a query error's message (callers' numbers among them): only the database's
 * own words after it are kept, and the stack without its first line.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) }
  const message = error.message.replace(
    /^\s*(insert|select|update|delete|with)\b[\s\S]* - /i,
    '',
  )
  const frames = error.stack?.split('\n').slice(1).join('\n')
  const code = (error as { code?: unknown }).code
  return { type: error.name, message, ...(code !== undefined && { code }), stack: frames }
}

const SECRET_KEY = /pass(word)?|secret|token|signature|auth/i

/** Webhook parameters without anything that could be a credential. */
export function removeSecrets(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter(([key]) => !SECRET_KEY.test(key)),
  )
}
