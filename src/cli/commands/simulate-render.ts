import type { ChalkInstance } from 'chalk'
import type { CallStep, SimulatedCall } from '../../sandbox/call/simulate.ts'

/**
 * One step as a line: call time, what kind of step, what happened, with the SIP URIs of
 * known apps and lines replaced by their names.
 */
export function renderStep(
  step: CallStep,
  colors: ChalkInstance,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const time = colors.dim(formatCallTime(step.atMs))
  const kind = paint(step, colors)(step.kind.padEnd(7))
  const text = step.text.replace(
    /sips?:[^\s,)]+/g,
    (uri) => names.get(uri.toLowerCase()) ?? uri,
  )
  return `${time}  ${kind}  ${text}`
}

export function renderSummary(call: SimulatedCall, colors: ChalkInstance): string {
  const { code, name, source } = call.hangup
  const verdict = call.ok ? colors.green('ok') : colors.red('failed')
  return `call ${call.callUuid} ${verdict}: ${code} ${name} (by ${source}) after ${call.durationSeconds} s`
}

/** `+m:ss.t` of call time: a ring timeout and a voicemail read at a glance. */
function formatCallTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  const seconds = ((ms % 60_000) / 1000).toFixed(1).padStart(4, '0')
  return `+${minutes}:${seconds}`
}

function paint(step: CallStep, colors: ChalkInstance) {
  if (step.kind === 'problem' || step.webhook?.error) return colors.red
  if (step.kind === 'webhook') return colors.cyan
  if (step.kind === 'hangup') return colors.yellow
  if (step.kind === 'leg' || step.kind === 'dial') return colors.magenta
  return colors.reset
}
