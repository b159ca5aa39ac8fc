import { findCall } from '../../db/call-history.ts'
import { UserError, quote } from '../../errors.ts'
import type { CliContext } from '../context.ts'
import { formatDuration } from '../format/duration.ts'
import { formatAgo, formatLocalTimeWithSeconds } from '../format/time.ts'
import { attemptToJson, renderAttempts } from './calls-attempts.ts'
import { callToJson } from './calls-formats.ts'
import { describeMissedReason } from './calls-missed.ts'
import {
  describeAnswerer,
  describeFrom,
  printableCall,
  statusPaint,
} from './calls-render.ts'
import { renderTimeline, withoutSecrets } from './calls-timeline.ts'

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
  const { events, attempts } = found

  if (options.json) {
    return context.printJson({
      ...callToJson(found.call),
      attempts: attempts.map(attemptToJson),
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
    ['From', describeFrom(call)],
    ['Caller name', call.callerName],
    ['Status', statusPaint(colors, call.status)(call.status)],
    ['Why missed', describeMissedReason(call)],
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
    colors.bold('Apps rung'),
    renderAttempts(attempts, {
      colors,
      width: context.io.stdout.isTTY ? context.io.stdout.columns : undefined,
    }),
    '',
    colors.bold('Timeline'),
    renderTimeline(events, {
      colors,
      width: context.io.stdout.isTTY ? context.io.stdout.columns : undefined,
    }),
  ]
  context.print(lines.join('\n'))
}
