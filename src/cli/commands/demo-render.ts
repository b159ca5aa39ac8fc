import type { ChalkInstance } from 'chalk'
import { DateTime } from 'luxon'
import type { Call } from '../../db/call-history.ts'
import type { MorningCall } from '../../demo/morning.ts'
import { formatDuration } from '../format/duration.ts'
import { describeAnswerer, statusPaint } from './calls-render.ts'

/** "Call 2 of 4 · 09:14 · Sales ← +12125550187 (Tom Becker)" and what to watch for. */
export function renderSceneHeading(
  scene: MorningCall,
  position: { index: number; count: number; startedAt: Date },
  colors: ChalkInstance,
): string {
  const { index, count, startedAt } = position
  const caller = scene.callerName ? `${scene.from} (${scene.callerName})` : scene.from
  const time = DateTime.fromJSDate(startedAt).toFormat('HH:mm')
  const title = `Call ${index + 1} of ${count} · ${time} · ${scene.line} ← ${caller}`
  return `\n${colors.bold(title)}\n${colors.dim(scene.story)}`
}

/** "→ answered by Jane — desktop, 1:39 long", as the history recorded the call. */
export function renderOutcome(call: Call, colors: ChalkInstance): string {
  const status = statusPaint(colors, call.status)(call.status)
  const length =
    call.durationSeconds === null ? '' : `, ${formatDuration(call.durationSeconds)} long`
  const detail =
    call.status === 'answered'
      ? ` by ${describeAnswerer(call)}`
      : call.status === 'voicemail' && call.voicemailSeconds !== null
        ? ` of ${formatDuration(call.voicemailSeconds)}`
        : ''
  return `→ ${status}${detail}${length}`
}

/** The commands that explore a kept database, ready to paste. */
export function renderKeptFolder(
  dataDir: string,
  callId: number,
  options: { isDatabaseUrlSet: boolean; colors: ChalkInstance },
): string {
  const prefix = `AIRCALL_DATA_DIR=${quoteForShell(dataDir)} aircall`
  const commands = [
    `${prefix} calls list`,
    `${prefix} calls show ${callId}`,
    `${prefix} lines list`,
  ]
  const warning = options.isDatabaseUrlSet
    ? ['DATABASE_URL is set, and it wins over AIRCALL_DATA_DIR: unset it for these.']
    : []
  return [
    '',
    `The demo’s database is kept in ${dataDir}. Explore it with:`,
    ...commands.map((command) => `  ${options.colors.cyan(command)}`),
    ...warning,
    'Without aircall on your PATH, `npx aircall` runs it from inside this project.',
    `Remove it with: rm -rf ${quoteForShell(dataDir)}`,
  ].join('\n')
}

function quoteForShell(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text
  return `'${text.replace(/'/g, `'\\''`)}'`
}
