/**
 * How a call or a leg ended, as Plivo reports it: a code and name from the hangup-causes
 * page, the telephony cause name, and who hung up (plivo-contract §3.8). The telephony
 * names for codes the docs do not pair with one are FreeSWITCH's [INF].
 */
export type Hangup = {
  code: number
  name: string
  cause: string
  source: HangupSource
}

export type HangupSource = 'Caller' | 'Callee' | 'Plivo' | 'Answer XML' | 'Error'

const CAUSES = {
  normal: { code: 4000, name: 'Normal Hangup', cause: 'NORMAL_CLEARING' },
  endOfXml: { code: 4010, name: 'End Of XML Instructions', cause: 'NORMAL_CLEARING' },
  busy: { code: 3010, name: 'Busy Line', cause: 'USER_BUSY' },
  rejected: { code: 3020, name: 'Rejected', cause: 'CALL_REJECTED' },
  notRegistered: {
    code: 2020,
    name: 'Endpoint Not Registered',
    cause: 'USER_NOT_REGISTERED',
  },
  ringTimeout: { code: 6010, name: 'Ring Timeout Reached', cause: 'NO_ANSWER' },
  scheduled: { code: 6000, name: 'Scheduled Hangup', cause: 'ALLOTTED_TIMEOUT' },
  lostRace: { code: 9000, name: 'Lost Race', cause: 'LOSE_RACE' },
  confirmFailed: {
    code: 9110,
    name: 'Confirm Key Challenge Failed',
    cause: 'NORMAL_CLEARING',
  },
  canceled: { code: 4000, name: 'Normal Hangup', cause: 'ORIGINATOR_CANCEL' },
  answerUrlError: {
    code: 7011,
    name: 'Error Reaching Answer URL',
    cause: 'NORMAL_TEMPORARY_FAILURE',
  },
  actionUrlError: {
    code: 7012,
    name: 'Error Reaching Action URL',
    cause: 'NORMAL_TEMPORARY_FAILURE',
  },
  invalidAnswerXml: {
    code: 8011,
    name: 'Invalid Answer XML',
    cause: 'NORMAL_TEMPORARY_FAILURE',
  },
  invalidActionXml: {
    code: 8012,
    name: 'Invalid Action XML',
    cause: 'NORMAL_TEMPORARY_FAILURE',
  },
  internal: { code: 5010, name: 'Internal Error', cause: 'NORMAL_TEMPORARY_FAILURE' },
} as const

export type HangupKind = keyof typeof CAUSES

export function describeHangup(kind: HangupKind, source: HangupSource): Hangup {
  return { ...CAUSES[kind], source }
}

/** Codes that mean the call could not be carried out, rather than ended normally. */
export function isFailure(hangup: Hangup): boolean {
  return hangup.code === 5010 || (hangup.code >= 7000 && hangup.code < 9000)
}
