import type { ChalkInstance } from 'chalk'
import type { CallAttempt } from '../../db/call-attempt-history.ts'
import { printable } from '../format/printable.ts'
import { renderTable } from '../format/table.ts'
import { formatLocalTimeWithSeconds } from '../format/time.ts'

/** The apps a call rang, one row each: who, which ring step, and what the app did. */
export function renderAttempts(
  attempts: CallAttempt[],
  options: { colors: ChalkInstance; width?: number },
): string {
  if (attempts.length === 0) return '  no app rang'
  return renderTable({
    head: ['RANG', 'STEP', 'APP', 'OUTCOME'],
    rows: attempts.map((attempt) => [
      formatLocalTimeWithSeconds(attempt.rangAt),
      attempt.step === null ? '' : String(attempt.step + 1),
      describeApp(attempt),
      attempt.outcome,
    ]),
    paintHead: (text) => options.colors.bold(text),
    maxWidth: options.width,
  })
}

export function attemptToJson(attempt: CallAttempt) {
  return {
    user: attempt.user,
    app: attempt.app,
    step: attempt.step,
    screened: attempt.isScreened,
    outcome: attempt.outcome,
    rangAt: attempt.rangAt.toISOString(),
    endedAt: attempt.endedAt?.toISOString() ?? null,
  }
}

/** "Jane/mobile (screened)": screened apps had to press a key to take the call. */
function describeApp(attempt: CallAttempt): string {
  const name = printable([attempt.user, attempt.app].filter(Boolean).join('/'))
  return attempt.isScreened ? `${name} (screened)` : name
}
