/**
 * A mistake the user can fix: bad input, a missing setting, an unreachable service.
 * The CLI prints it as one line (plus the hint) and exits with `exitCode`;
 * anything that is not a UserError is a bug and shows its stack with --verbose.
 */
export class UserError extends Error {
  readonly hint?: string
  readonly exitCode: number

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'UserError'
    this.hint = options.hint
    this.exitCode = options.exitCode ?? 1
  }
}

/** Quote a value for a message, with control characters made visible. */
export function quote(value: unknown): string {
  return JSON.stringify(String(value))
}
