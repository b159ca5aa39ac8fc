import type { Call } from '../db/call-history.ts'
import type { MorningCall } from './morning.ts'
import type { PlayedCall } from './play-call.ts'

/**
 * Why a call of the morning did not go as the story says, in a sentence; undefined
 * when it did. The demo is also a check that the parts still work together.
 */
export function describeMismatch(
  scene: MorningCall,
  played: PlayedCall,
): string | undefined {
  const { simulated, call } = played
  if (!simulated.ok) return `the call to ${scene.line} failed: ${simulated.error}`

  const { status, answeredBy } = scene.expected
  if (call.status !== status) {
    return `the call to ${scene.line} ended ${call.status}, not ${status}`
  }
  const answerer = describeApp(call)
  if (answeredBy && answerer?.toLowerCase() !== answeredBy.toLowerCase()) {
    return `the call to ${scene.line} was answered by ${answerer ?? 'nobody'}, not ${answeredBy}`
  }
  return undefined
}

function describeApp(call: Call): string | undefined {
  if (!call.answeredBy) return undefined
  return `${call.answeredBy.user ?? '?'}/${call.answeredBy.app ?? '?'}`
}
