import { describeConnectionError } from '../db/connect.ts'
import { UserError } from '../errors.ts'
import type { CliContext } from './context.ts'

/**
 * The one place where a failure becomes output and an exit code: a UserError is one
 * line (its hint after a dash); anything else is a bug, whose stack shows with --verbose.
 */
export function reportFailure(error: unknown, context: CliContext): number {
  const known = asUserError(error, context)
  const red = context.errorColors.red

  if (known) {
    const hint = known.hint ? ` — ${known.hint}` : ''
    context.note(`${red('error:')} ${oneLine(known.message)}${oneLine(hint)}`)
    if (context.verbose && known.cause instanceof Error)
      context.note(String(known.cause.stack))
    return known.exitCode
  }

  const message = error instanceof Error ? error.message : String(error)
  context.note(`${red('error:')} unexpected failure: ${oneLine(message)}`)
  if (context.verbose && error instanceof Error) context.note(String(error.stack))
  else context.note('run again with --verbose to see the details')
  return 2
}

function asUserError(error: unknown, context: CliContext): UserError | undefined {
  if (error instanceof UserError) return error
  const database = context.openedDatabaseForErrors
  return database ? describeConnectionError(error, database) : undefined
}

/** Keeps a message on one line, with control characters made visible. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) =>
    char === '\n' ? ' ' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
