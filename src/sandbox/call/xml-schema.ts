/**
 * What Plivo accepts in a document (plivo-contract §2.3–2.7): each element's attributes,
 * children and body. Attribute lists follow the official SDK's builder whitelist, which
 * is what Plivo documents; SSML tags inside <Speak> are accepted but not checked deeply.
 */

/** How an attribute value must read; Plivo rejects a document that breaks these. */
export type ValueKind =
  | 'boolean'
  | 'seconds'
  | 'method'
  | 'url'
  | 'key'
  | 'keys'
  | 'text'
  | { oneOf: readonly string[] }

export type ElementSpec = {
  attributes: Readonly<Record<string, ValueKind>>
  children: readonly string[]
  body: 'none' | 'text' | 'sip-uri' | 'number' | 'url'
  /** False for verbs that are valid Plivo XML but that this simulator cannot carry out. */
  isSimulated: boolean
}

const callback = { callbackUrl: 'url', callbackMethod: 'method' } as const
const action = { action: 'url', method: 'method', redirect: 'boolean' } as const
const ssml = [
  'break',
  'emphasis',
  'lang',
  'p',
  'phoneme',
  'prosody',
  's',
  'say-as',
  'sub',
  'w',
]

export const RESPONSE_CHILDREN = [
  'Speak',
  'Play',
  'GetDigits',
  'GetInput',
  'Record',
  'Dial',
  'Message',
  'Redirect',
  'Wait',
  'Hangup',
  'PreAnswer',
  'Conference',
  'DTMF',
  'MultiPartyCall',
  'Stream',
] as const

const leg = {
  sendDigits: 'text',
  sendOnPreanswer: 'boolean',
  callerId: 'text',
  callerName: 'text',
} as const

export const ELEMENTS: Readonly<Record<string, ElementSpec>> = {
  Dial: {
    attributes: {
      ...action,
      ...callback,
      timeout: 'seconds',
      timeLimit: 'seconds',
      hangupOnStar: 'boolean',
      callerId: 'text',
      callerName: 'text',
      confirmSound: 'url',
      confirmKey: 'key',
      confirmTimeout: 'seconds',
      dialMusic: 'text',
      digitsMatch: 'text',
      digitsMatchBLeg: 'text',
      sipHeaders: 'text',
    },
    children: ['Number', 'User'],
    body: 'none',
    isSimulated: true,
  },
  User: {
    attributes: { ...leg, sipHeaders: 'text' },
    children: [],
    body: 'sip-uri',
    isSimulated: true,
  },
  Number: {
    attributes: { ...leg, sendDigitsMode: 'text' },
    children: [],
    body: 'number',
    isSimulated: true,
  },
  Speak: {
    attributes: { voice: 'text', language: 'text', loop: 'seconds' },
    children: ssml,
    body: 'text',
    isSimulated: true,
  },
  Play: { attributes: { loop: 'seconds' }, children: [], body: 'url', isSimulated: true },
  Wait: {
    attributes: {
      length: 'seconds',
      silence: 'boolean',
      minSilence: 'seconds',
      min_silence: 'seconds',
      beep: 'boolean',
    },
    children: [],
    body: 'none',
    isSimulated: true,
  },
  Record: {
    attributes: {
      ...action,
      ...callback,
      timeout: 'seconds',
      finishOnKey: 'keys',
      maxLength: 'seconds',
      playBeep: 'boolean',
      recordSession: 'boolean',
      startOnDialAnswer: 'boolean',
      fileFormat: { oneOf: ['mp3', 'wav'] },
      transcriptionType: 'text',
      transcriptionUrl: 'url',
      transcriptionMethod: 'method',
      recordChannelType: { oneOf: ['mono', 'stereo'] },
    },
    children: [],
    body: 'none',
    isSimulated: true,
  },
  Redirect: {
    attributes: { method: 'method' },
    children: [],
    body: 'url',
    isSimulated: true,
  },
  Hangup: {
    attributes: { reason: { oneOf: ['rejected', 'busy'] }, schedule: 'seconds' },
    children: [],
    body: 'none',
    isSimulated: true,
  },
  PreAnswer: {
    attributes: {},
    children: ['Play', 'Speak', 'GetDigits', 'Wait', 'Redirect', 'Message', 'DTMF'],
    body: 'none',
    isSimulated: true,
  },
  ...Object.fromEntries(
    [
      'GetDigits',
      'GetInput',
      'Message',
      'Conference',
      'DTMF',
      'MultiPartyCall',
      'Stream',
    ].map((name) => [
      name,
      { attributes: {}, children: [], body: 'none', isSimulated: false },
    ]),
  ),
}

export const SSML_TAGS: readonly string[] = ssml
