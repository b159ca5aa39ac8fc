import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { type CallScript, simulateCall } from '../../src/sandbox/call/simulate.ts'
import { startCallTestApp } from './call-test-app.ts'

const authToken = 'SandboxAuthToken000000000000000000000002'
const authId = 'MARECORDTESTACCOUNT1'

let app: Awaited<ReturnType<typeof startCallTestApp>>

before(async () => {
  app = await startCallTestApp(authToken)
})
after(() => app.close())
beforeEach(() => {
  app.reset()
  app.on('/record-callback', '')
  app.on('/hangup', '')
  app.on(
    '/record-action',
    '<Response><Speak>Thank you, goodbye</Speak><Hangup/></Response>',
  )
})

function voicemailXml(recordAttributes = '') {
  const record = `<Record action="${app.origin}/record-action" callbackUrl="${app.origin}/record-callback" maxLength="120" finishOnKey="#" playBeep="true"${recordAttributes}/>`
  return `<Response><Speak>Please leave a message</Speak>${record}</Response>`
}

function placeCall(script: CallScript) {
  return simulateCall({
    answerUrl: `${app.origin}/answer`,
    hangupUrl: `${app.origin}/hangup`,
    authId,
    authToken,
    to: 'sip:support230101120000@phone.plivo.com',
    from: '14155550100',
    script,
  })
}

describe('simulateCall with <Record>', () => {
  it('records the message, posts the action then the callback, and runs the action document', async () => {
    app.on('/answer', voicemailXml())

    const call = await placeCall({ messageSeconds: 12 })

    assert.equal(call.ok, true)
    const [action] = app.requestsTo('/record-action')
    const [callback] = app.requestsTo('/record-callback')
    assert.match(
      action.params.RecordUrl,
      new RegExp(
        `^https://media\\.plivo\\.com/v1/Account/${authId}/Recording/[0-9a-f-]{36}\\.mp3$`,
      ),
    )
    assert.equal(action.params.RecordingDuration, '12')
    assert.equal(action.params.RecordingDurationMs, '12000')
    assert.equal(action.params.Digits, '#')
    assert.equal(
      Number(action.params.RecordingEndMs) - Number(action.params.RecordingStartMs),
      12000,
    )
    assert.equal(callback.params.RecordingID, action.params.RecordingID)
    assert.equal(callback.params.RecordUrl, action.params.RecordUrl)
    assert.equal(callback.params.Digits, undefined)
    const order = app.received.map((request) => request.path)
    assert.deepEqual(order, ['/answer', '/record-action', '/record-callback', '/hangup'])
    assert.ok(call.steps.some((step) => step.text === 'the caller hears a beep'))
    assert.ok(
      call.steps.some((step) => step.text === 'the caller hears “Thank you, goodbye”'),
    )
    // Speak ~2 s + 12 s of message + ~2 s of goodbye.
    assert.equal(app.requestsTo('/hangup')[0].params.Duration, '16')
    assert.equal(call.hangup.source, 'Answer XML')
  })

  it('when the caller hangs up mid-message, posts the callback with the real length and no action', async () => {
    app.on('/answer', voicemailXml())

    const call = await placeCall({ messageSeconds: 30, callerHangsUpAfterSeconds: 7 })

    assert.equal(call.ok, true)
    assert.equal(app.requestsTo('/record-action').length, 0)
    const [callback] = app.requestsTo('/record-callback')
    assert.equal(callback.params.RecordingDuration, '5')
    assert.equal(callback.params.CallStatus, 'completed')
    const hangup = app.requestsTo('/hangup')[0].params
    assert.deepEqual([hangup.HangupSource, hangup.Duration], ['Caller', '7'])
  })

  it('still posts the action after a hang-up when the script asks for it, without Digits', async () => {
    app.on('/answer', voicemailXml())

    await placeCall({
      messageSeconds: 30,
      callerHangsUpAfterSeconds: 7,
      actionAfterCallerHangup: true,
    })

    const [action] = app.requestsTo('/record-action')
    assert.deepEqual([action.params.RecordingDuration, action.params.Digits], ['5', ''])
  })

  it('stops at maxLength, or after the silence timeout when the caller presses nothing', async () => {
    app.on(
      '/answer',
      voicemailXml(' timeout="4"').replace('maxLength="120"', 'maxLength="10"'),
    )

    await placeCall({ messageSeconds: 30 })
    let action = app.requestsTo('/record-action')[0].params
    assert.deepEqual([action.RecordingDuration, action.Digits], ['10', ''])

    app.received.length = 0
    await placeCall({ messageSeconds: 3, messageEndedBy: 'silence' })
    action = app.requestsTo('/record-action')[0].params
    assert.deepEqual([action.RecordingDuration, action.Digits], ['7', ''])
  })

  it('moves on to the next verb when the Record has redirect="false" or no action', async () => {
    const xml = voicemailXml(' redirect="false" fileFormat="wav"').replace(
      '</Response>',
      '<Speak>After the tone</Speak></Response>',
    )
    app.on('/answer', xml)

    const call = await placeCall({})

    assert.match(app.requestsTo('/record-action')[0].params.RecordUrl, /\.wav$/)
    assert.ok(
      call.steps.some((step) => step.text === 'the caller hears “After the tone”'),
    )
    assert.ok(!call.steps.some((step) => step.text.includes('Thank you')))
    assert.equal(call.hangup.code, 4010)
  })

  it('plays no beep when playBeep is false', async () => {
    app.on('/answer', '<Response><Record playBeep="false" maxLength="5"/></Response>')

    const call = await placeCall({})

    assert.ok(!call.steps.some((step) => step.text.includes('beep')))
    assert.equal(call.durationSeconds, 5)
  })
})
