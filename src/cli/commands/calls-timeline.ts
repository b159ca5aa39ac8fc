import type { ChalkInstance } from 'chalk'
import type { CallEvent } from '../../db/call-history.ts'
import { printable } from '../format/printable.ts'
import { renderTable } from '../format/table.ts'
import { formatLocalTimeWithSeconds } from '../format/time.ts'

// The server stores webhook parameters without secrets; this is a second guard, since
// whatever is printed here ends up in terminals, tickets and chat.
const SECRET_KEY = /token|secret|password|signature|auth/i

export function withoutSecrets(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).filter(([key]) => !SECRET_KEY.test(key)),
  )
}

/**
 * The webhooks of a call, one row each with what that webhook said. Plivo repeats the
 * call's own parameters (CallUUID, From, Direction…) in every webhook: those that are
 * the same in all of them are printed once, under the table.
 */
export function renderTimeline(
  events: CallEvent[],
  options: { colors: ChalkInstance; width?: number },
): string {
  if (events.length === 0) return '  no events recorded'
  const described = events.map((event) => describeParams(event.params))
  const shared =
    events.length < 2
      ? []
      : described[0].filter((pair) => described.every((pairs) => pairs.includes(pair)))

  const table = renderTable({
    head: ['TIME', 'EVENT', 'DETAILS'],
    rows: events.map((event, index) => [
      formatLocalTimeWithSeconds(event.receivedAt),
      printable(event.kind),
      described[index].filter((pair) => !shared.includes(pair)).join(' '),
    ]),
    paintHead: (text) => options.colors.bold(text),
    maxWidth: options.width,
  })
  if (shared.length === 0) return table
  return `${table}\nIn every event: ${shared.join(' ')}`
}

/** "key=value" texts, sorted by key: jsonb keeps keys in an order of its own. */
function describeParams(params: Record<string, unknown>): string[] {
  return Object.entries(withoutSecrets(params))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) =>
      printable(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`),
    )
}
