import type {
  AppTarget,
  CallStep,
  LineRoute,
  MemberRoute,
  VoicemailReason,
} from './types.ts'

export type RingPosition = {
  /** The ring stage to plan: 0 when the call arrives, one more after each unanswered Dial. */
  step: number
  /** The round-robin turn the call took when it arrived (ignored by other strategies). */
  ringOffset: number
}

/** One Dial of a call: the apps it rings together, and whether they must press a key. */
type RingStage = { apps: AppTarget[]; isScreened: boolean }

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
  if (reachable.length === 0) return planVoicemail(line, 'nobody-available')

  const stage = planStages(line, reachable, position.ringOffset)[position.step]
  if (!stage) return planVoicemail(line, 'no-answer')
  return {
    kind: 'dial',
    step: position.step,
    apps: stage.apps,
    timeout: line.ringTimeout,
    screening: stage.isScreened,
    lineName: line.name,
  }
}

/**
 * The Dials of a call, in order. The strategy groups the members (all at once, or one
 * after the other from the round-robin turn). Plivo sets `confirmKey` on a whole Dial
 * (plivo-contract §2.3), so a group that mixes apps which may answer by themselves with
 * apps that cannot becomes two Dials: the unscreened apps first, then the screened ones.
 * A line with screening on screens every app, in one Dial per group.
 */
function planStages(
  line: LineRoute,
  reachable: MemberRoute[],
  ringOffset: number,
): RingStage[] {
  const groups =
    line.ringStrategy === 'simultaneous'
      ? [reachable]
      : rotate(reachable, line.ringStrategy === 'round-robin' ? ringOffset : 0).map(
          (member) => [member],
        )

  return groups.flatMap((group) => {
    const apps = group.flatMap((member) => member.apps)
    if (line.screening) return [{ apps, isScreened: true }]
    const stages = [
      { apps: apps.filter((app) => !app.mayAutoAnswer), isScreened: false },
      { apps: apps.filter((app) => app.mayAutoAnswer), isScreened: true },
    ]
    return stages.filter((stage) => stage.apps.length > 0)
  })
}

export function planVoicemail(
  line: Pick<LineRoute, 'name' | 'greeting'>,
  reason: VoicemailReason,
): CallStep {
  const greeting = line.greeting?.trim() || defaultGreeting(line.name)
  return { kind: 'voicemail', greeting, reason }
}

/** Outside its hours a line plays its closed greeting and takes a message. */
export function planClosed(line: LineRoute): CallStep {
  const greeting = line.closedGreeting?.trim() || defaultClosedGreeting(line.name)
  return { kind: 'voicemail', greeting, reason: 'out-of-hours' }
}

export function defaultGreeting(lineName: string): string {
  return (
    `You have reached ${lineName}. Nobody can take your call right now. ` +
    'Please leave a message after the beep, and press the hash key when you are done.'
  )
}

export function defaultClosedGreeting(lineName: string): string {
  return (
    `You have reached ${lineName}. We are closed at the moment. ` +
    'Please leave a message after the beep, and press the hash key when you are done.'
  )
}

/** A member can be rung when they are available and have at least one app. */
export function isReachable(member: MemberRoute): boolean {
  return member.isAvailable && member.apps.length > 0
}

function rotate<T>(items: T[], first: number): T[] {
  if (items.length === 0) return items
  const start = ((first % items.length) + items.length) % items.length
  return [...items.slice(start), ...items.slice(0, start)]
}
