import { type CallEvent, findCall } from '../../db/call-history.ts'
import { UserError, quote } from '../../errors.ts'
import type { CliContext } from '../context.ts'
import { formatDuration } from '../format/duration.ts'
import { printable } from '../format/printable.ts'
import { renderTable } from '../format/table.ts'
import { formatAgo, formatLocalTimeWithSeconds } from '../format/time.ts'
import { callToJson } from './calls-formats.ts'
import { describeAnswerer, printableCall, statusPaint } from './calls-render.ts'

// The server stores webhook parameters without secrets; this is a second guard, since
// whatever is printed here ends up in terminals, tickets and chat.
const SECRET_KEY = /token|secret|password|signature|auth/i

export async function show(
  context: CliContext,
  reference: string,
  options: { json?: boolean },
): Promise<void> {
  const { knex } = await context.database()
  const found = await findCall(knex, reference.trim())
  if (!found) {
    throw new UserError(`no call has the id or call UUID ${quote(reference)}`, {
      hint: 'run `aircall calls list` to see the calls and their ids',
    })
  }
  const { events } = found

  if (options.json) {
    return context.printJson({
      ...callToJson(found.call),
      events: events.map((event) => ({
        kind: event.kind,
        receivedAt: event.receivedAt.toISOString(),
        params: withoutSecrets(event.params),
      })),
    })
  }

  const { colors } = context
  const call = printableCall(found.call)
  const time = (date: Date | null) =>
    date ? `${formatLocalTimeWithSeconds(date)} (${formatAgo(date)})` : undefined
  const fields: [string, string | number | null | undefined][] = [
    ['Call UUID', call.callUuid],
    ['Line', call.line],
    ['From', call.from],
    ['Caller name', call.callerName],
    ['Status', statusPaint(colors, call.status)(call.status)],
    ['Answered by', describeAnswerer(call)],
    ['Voicemail', call.voicemailUrl],
    [
      'Voicemail length',
      call.voicemailSeconds === null ? null : formatDuration(call.voicemailSeconds),
    ],
    ['Started', time(call.startedAt)],
    ['Answered', time(call.answeredAt)],
    ['Ended', time(call.endedAt)],
    [
      'Duration',
      call.durationSeconds === null ? null : formatDuration(call.durationSeconds),
    ],
    ['Hangup cause', call.hangupCause],
  ]
  const labelWidth = Math.max(...fields.map(([label]) => label.length)) + 2
  const lines = [
    colors.bold(`Call #${call.id}`),
    ...fields.map(
      ([label, value]) => `  ${label.padEnd(labelWidth)}${value || colors.dim('—')}`,
    ),
    '',
    colors.bold('Timeline'),
    events.length === 0 ? '  no events recorded' : renderTimeline(context, events),
  ]
  context.print(lines.join('\n'))
}

function renderTimeline(context: CliContext, events: CallEvent[]): string {
  const width = context.io.stdout.isTTY ? context.io.stdout.columns : undefined
  return renderTable({
    head: ['TIME', 'EVENT', 'DETAILS'],
    rows: events.map((event) => [
      formatLocalTimeWithSeconds(event.receivedAt),
      printable(event.kind),
      // jsonb keeps keys in an order of its own; sorted, the same webhook reads the same.
      Object.entries(withoutSecrets(event.params))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) =>
          printable(
            `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
          ),
        )
        .join(' '),
    ]),
    paintHead: (text) => context.colors.bold(text),
    maxWidth: width,
  })
}

function withoutSecrets(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).filter(([key]) => !SECRET_KEY.test(key)),
  )
}
