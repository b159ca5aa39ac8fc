import type { CallStatus } from '../db/call-history.ts'

/**
 * One call of the demo's morning. Apps are written user/label, as on the command line;
 * times are seconds of call time.
 */
export type MorningCall = {
  /** Minutes after the first call of the morning. */
  atMinute: number
  line: string
  from: string
  callerName?: string
  /** What the audience should watch for, in a sentence. */
  story: string
  answeredBy?: string
  answerAfterSeconds?: number
  busy?: string[]
  talkSeconds?: number
  messageSeconds?: number
  callerHangsUpAfterSeconds?: number
  /** How the history must record the call; anything else fails the demo. */
  expected: { status: CallStatus; answeredBy?: string }
}

// The seeded company: Main Office rings Jane, Peter and Luke at once; Sales rings Jane,
// then Luke; Support rings Peter, then Luke. Numbers are from the 555-01xx range that
// is reserved for fiction.
export const MORNING: readonly MorningCall[] = [
  {
    atMinute: 0,
    line: 'Main Office',
    from: '+14155550142',
    callerName: 'Maria Garcia',
    story: 'every app of the three rings at once; Jane picks up on her desktop',
    answeredBy: 'Jane/desktop',
    answerAfterSeconds: 4,
    talkSeconds: 95,
    expected: { status: 'answered', answeredBy: 'Jane/desktop' },
  },
  {
    atMinute: 14,
    line: 'Sales',
    from: '+12125550187',
    callerName: 'Tom Becker',
    story: 'Jane does not pick up, so Sales rings Luke next, who answers on his mobile',
    answeredBy: 'Luke/mobile',
    answerAfterSeconds: 5,
    talkSeconds: 180,
    expected: { status: 'answered', answeredBy: 'Luke/mobile' },
  },
  {
    atMinute: 31,
    line: 'Support',
    from: '+13125550119',
    callerName: 'Ana Silva',
    story:
      'Peter is on another call and Luke does not pick up: the caller leaves a voicemail',
    busy: ['Peter/mobile', 'Peter/desktop'],
    messageSeconds: 14,
    expected: { status: 'voicemail' },
  },
  {
    atMinute: 47,
    line: 'Main Office',
    from: '+16465550163',
    story: 'the caller gives up after 6 seconds of ringing, before anybody answers',
    callerHangsUpAfterSeconds: 6,
    expected: { status: 'missed' },
  },
]
