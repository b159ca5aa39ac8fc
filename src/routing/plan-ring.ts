import type { CallStep, LineRoute, MemberRoute } from './types.ts'

export type RingPosition = {
  /** The ring step to plan: 0 when the call arrives, one more after each unanswered Dial. */
  step: number
  /** The round-robin turn the call took when it arrived (ignored by other strategies). */
  ringOffset: number
}

/**
 * Decides what the caller hears at a ring step: a Dial of the apps to ring, or the
 * line's voicemail once nobody is left to try.
 */
export function planRing(
  line: LineRoute,
  members: MemberRoute[],
  position: RingPosition,
): CallStep {
  const reachable = members.filter(isReachable)

  if (line.ringStrategy === 'simultaneous') {
    if (position.step > 0 || reachable.length === 0) return planVoicemail(line)
    return dial(line, position.step, reachable)
  }

  const first = line.ringStrategy === 'round-robin' ? position.ringOffset : 0
  const member = rotate(reachable, first)[position.step]
  if (!member) return planVoicemail(line)
  return dial(line, position.step, [member])
}

export function planVoicemail(line: Pick<LineRoute, 'name' | 'greeting'>): CallStep {
  const greeting = line.greeting?.trim() || defaultGreeting(line.name)
  return { kind: 'voicemail', greeting }
}

export function defaultGreeting(lineName: string): string {
  return (
    `You have reached ${lineName}. Nobody can take your call right now. ` +
    'Please leave a message after the beep, and press the hash key when you are done.'
  )
}

/** A member can be rung when they are available and have at least one app. */
export function isReachable(member: MemberRoute): boolean {
  return member.isAvailable && member.apps.length > 0
}

function dial(line: LineRoute, step: number, members: MemberRoute[]): CallStep {
  return {
    kind: 'dial',
    step,
    apps: members.flatMap((member) => member.apps),
    timeout: line.ringTimeout,
    screening: line.screening,
    lineName: line.name,
  }
}

function rotate<T>(items: T[], first: number): T[] {
  if (items.length === 0) return items
  const start = ((first % items.length) + items.length) % items.length
  return [...items.slice(start), ...items.slice(0, start)]
}
