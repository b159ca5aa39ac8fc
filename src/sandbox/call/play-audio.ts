import type { CallSession } from './call-session.ts'
import type { PlivoElement } from './xml-parse.ts'

/**
 * Plays Speak, Play or Wait to the caller, taking the time it would take. Returns false
 * when the caller hung up while listening.
 */
export async function playToCaller(
  session: CallSession,
  verb: PlivoElement,
  listener = 'the caller',
): Promise<boolean> {
  const loop = Number(verb.attributes.loop ?? 1)
  const isEndless = loop === 0

  if (verb.name === 'Wait') {
    const length = Number(verb.attributes.length ?? 1)
    session.note('audio', `${listener} waits ${length} s`)
    return session.wait(length * 1000)
  }

  const what =
    verb.name === 'Speak' ? `hears “${verb.body.trim()}”` : `hears ${verb.body.trim()}`
  const times = isEndless ? ' on a loop' : loop > 1 ? ` ${loop} times` : ''
  session.note('audio', `${listener} ${what}${times}`)

  // An endless loop lasts until the caller gives up; a script that never hangs up gives
  // up after a minute so the simulation ends.
  if (isEndless && !(await session.wait(60_000))) return false
  if (isEndless) {
    session.end('normal', 'Caller')
    return false
  }
  return session.wait(loop * estimateSeconds(verb) * 1000)
}

/** Speech at about two and a half words a second; audio files count as five seconds. */
function estimateSeconds(verb: PlivoElement): number {
  if (verb.name === 'Play') return 5
  const words = verb.body.trim().split(/\s+/).filter(Boolean).length
  return Math.max(1, Math.ceil(words / 2.5))
}
