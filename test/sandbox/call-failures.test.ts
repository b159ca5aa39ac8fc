import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { describe, it } from 'node:test'
import {
  type SimulateCallOptions,
  simulateCall,
} from '../../src/sandbox/call/simulate.ts'
import { useCallTestApp } from './call-test-app.ts'

const authToken = 'SandboxAuthToken000000000000000000000003'
const jane = 'sip:jane230101120000@phone.plivo.com'

const stage = useCallTestApp(authToken, { '/hangup': '' })

function placeCall(options: Partial<SimulateCallOptions> = {}) {
  return simulateCall({
    answerUrl: `${stage.app.origin}/answer`,
    hangupUrl: `${stage.app.origin}/hangup`,
    authId: 'MAFAILURETESTACCOUNT',
    authToken,
    to: 'sip:sales230101120000@phone.plivo.com',
    from: '14155550100',
    ...options,
  })
}

async function closedPortUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/answer`
}

describe('simulateCall with XML Plivo would reject', () => {
  const rejected: [string, string, string][] = [
    ['an unknown verb', '<Response><Ring/></Response>', '<Ring> is not a Plivo verb'],
    [
      'an unknown attribute',
      `<Response><Dial timeOut="20"><User>${jane}</User></Dial></Response>`,
      '<Dial> has no attribute "timeOut"',
    ],
    [
      'a verb nested where it cannot be',
      `<Response><Dial><Speak>Hi</Speak><User>${jane}</User></Dial></Response>`,
      '<Speak> cannot be inside <Dial>',
    ],
    [
      'an empty Dial',
      '<Response><Dial/></Response>',
      '<Dial> must contain at least one <User> or <Number>',
    ],
    [
      'a User that is not a SIP URI',
      '<Response><Dial><User>jane</User></Dial></Response>',
      '<User> needs a sip: URI, not "jane"',
    ],
    [
      'a bad attribute value',
      '<Response><Record maxLength="a minute"/></Response>',
      '<Record maxLength="a minute"> must be a whole number',
    ],
    [
      'a wrong root',
      '<Reply><Hangup/></Reply>',
      'the root must be one <Response>, found <Reply>',
    ],
    ['an empty body', '', 'the reply is empty, not a <Response>'],
    [
      'XML that does not parse',
      '<Response><Speak>Tom & Jerry</Speak></Response>',
      "the XML is not well-formed: char '&' is not expected. (line 1, column 22)",
    ],
  ]

  for (const [what, xml, reason] of rejected) {
    it(`fails the call with 8011 for ${what}, and says why`, async () => {
      stage.app.on('/answer', xml)

      const call = await placeCall()

      assert.equal(call.ok, false)
      assert.equal(
        call.error,
        `the answer URL ${stage.app.origin}/answer failed: ${reason}`,
      )
      assert.equal(call.hangup.code, 8011)
      const hangup = stage.app.requestsTo('/hangup')[0].params
      assert.deepEqual(
        [hangup.HangupCauseCode, hangup.HangupSource, hangup.CallStatus],
        ['8011', 'Error', 'failed'],
      )
    })
  }
})

describe('simulateCall when a webhook fails', () => {
  it('fails the call with 7011 when the answer URL answers 500, and posts the hangup', async () => {
    stage.app.on('/answer', { status: 500, body: 'boom' })

    const call = await placeCall()

    assert.equal(
      call.error,
      `the answer URL ${stage.app.origin}/answer failed: answered HTTP 500`,
    )
    assert.equal(call.hangup.code, 7011)
    // Plivo retries timeouts only, never a 5xx (§2.9).
    assert.equal(stage.app.requestsTo('/answer').length, 1)
    assert.equal(
      stage.app.requestsTo('/hangup')[0].params.HangupCauseName,
      'Error Reaching Answer URL',
    )
  })

  it('uses the fallback answer URL when the answer URL fails, and still reports the failure', async () => {
    stage.app.on('/answer', { status: 503 })
    stage.app.on('/fallback', '<Response><Speak>Sorry, try later</Speak></Response>')

    const call = await placeCall({ fallbackAnswerUrl: `${stage.app.origin}/fallback` })

    assert.equal(stage.app.requestsTo('/fallback')[0].params.Event, 'StartApp')
    assert.equal(call.hangup.code, 4010)
    assert.equal(call.ok, false)
    assert.match(call.error ?? '', /answered HTTP 503$/)
  })

  it('fails with 7011 when nothing listens at the answer URL, sending the hangup there too', async () => {
    const call = await placeCall({
      answerUrl: await closedPortUrl(),
      hangupUrl: undefined,
    })

    assert.equal(call.hangup.code, 7011)
    assert.match(call.error ?? '', /could not connect \(ECONNREFUSED\)$/)
    const webhooks = call.steps.filter((step) => step.webhook)
    // A refused connection is retried once, like any connect failure (§2.9).
    assert.deepEqual(
      webhooks.map((step) => [step.webhook?.purpose, step.webhook?.attempts]),
      [
        ['answer URL', 2],
        ['hangup URL', 2],
      ],
    )
  })

  it('retries a webhook once after its read timeout, honouring #rt in the URL', async () => {
    stage.app.on('/slow', { status: 200, body: '<Response/>', delayMs: 300 })

    const call = await placeCall({ answerUrl: `${stage.app.origin}/slow#rt=100` })

    assert.equal(stage.app.requestsTo('/slow').length, 2)
    assert.equal(
      call.error,
      `the answer URL ${stage.app.origin}/slow#rt=100 failed: no answer within 100 ms`,
    )
  })

  it('fails with 7012 when the Dial action answers 404, and 8012 when its XML is invalid', async () => {
    const dial = `<Response><Dial action="${stage.app.origin}/action" timeout="5"><User>${jane}</User></Dial></Response>`
    stage.app.on('/answer', dial)

    let call = await placeCall()
    assert.equal(call.hangup.code, 7012)
    assert.equal(
      call.error,
      `the Dial action at ${stage.app.origin}/action failed: answered HTTP 404`,
    )

    stage.app.on('/action', 'OK')
    call = await placeCall()
    assert.equal(call.hangup.code, 8012)
  })

  it('carries the call on but reports a failing callback URL', async () => {
    const dial = `<Response><Dial callbackUrl="${stage.app.origin}/gone" timeout="5"><User>${jane}</User></Dial></Response>`
    stage.app.on('/answer', dial)

    const call = await placeCall({ script: { answeredBy: jane, answerAfterSeconds: 1 } })

    assert.equal(call.hangup.code, 4000)
    assert.equal(call.ok, false)
    assert.equal(
      call.error,
      `the Dial callback (answer ${jane}) at ${stage.app.origin}/gone failed: answered HTTP 404`,
    )
  })

  it('says plainly when a document uses a verb the simulator does not carry out', async () => {
    stage.app.on(
      '/answer',
      '<Response><GetDigits action="https://example.com/x"/></Response>',
    )

    const call = await placeCall()

    assert.equal(call.ok, false)
    assert.equal(call.error, 'the simulator does not carry out <GetDigits>')
    assert.equal(stage.app.requestsTo('/hangup').length, 1)
  })
})
