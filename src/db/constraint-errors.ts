/** Postgres error codes we turn into messages (both backends speak them). */
const UNIQUE_VIOLATION = '23505'
const CHECK_VIOLATION = '23514'

type PgError = { code?: string; constraint?: string }

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const { code, constraint: name } = (error ?? {}) as PgError
  return code === UNIQUE_VIOLATION && (!constraint || name === constraint)
}

export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const { code, constraint: name } = (error ?? {}) as PgError
  return code === CHECK_VIOLATION && (!constraint || name === constraint)
}
