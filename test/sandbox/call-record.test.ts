import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CallScript, simulateCall } from '../../src/sandbox/call/simulate.ts'
import { useCallTestApp } from './call-test-app.ts'

const authToken = 'SandboxAuthToken000000000000000000000002'
const authId = 'MARECORDTESTACCOUNT1'

const stage = useCallTestApp(authToken, {
  '/record-callback': '',
  '/hangup': '',
  '/record-action': '<Response><Speak>Thank you, goodbye</Speak><Hangup/></Response>',
})

function voicemailXml(recordAttributes = '') {
  const record = `<Record action="${stage.app.origin}/record-action" callbackUrl="${stage.app.origin}/record-callback" maxLength="120" finishOnKey="#" playBeep="true"${recordAttributes}/>`
  return `<Response><Speak>Please leave a message</Speak>${record}</Response>`
}

function placeCall(script: CallScript) {
  return simulateCall({
    answerUrl: `${stage.app.origin}/answer`,
    hangupUrl: `${stage.app.origin}/hangup`,
    authId,
    authToken,
    to: 'sip:support230101120000@phone.plivo.com',
    from: '14155550100',
    script,
  })
}

describe('simulateCall with <Record>', () => {
  it('records the message, posts the action then the callback, and runs the action document', async () => {
    stage.app.on('/answer', voicemailXml())

    const call = await placeCall({ messageSeconds: 12 })

    assert.equal(call.ok, true)
    const [action] = stage.app.requestsTo('/record-action')
    const [callback] = stage.app.requestsTo('/record-callback')
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
    const order = stage.app.received.map((request) => request.path)
    assert.deepEqual(order, ['/answer', '/record-action', '/record-callback', '/hangup'])
    assert.ok(call.steps.some((step) => step.text === 'the caller hears a beep'))
    assert.ok(
      call.steps.some((step) => step.text === 'the caller hears “Thank you, goodbye”'),
    )
    // Speak ~2 s + 12 s of message + ~2 s of goodbye.
    assert.equal(stage.app.requestsTo('/hangup')[0].params.Duration, '16')
    assert.equal(call.hangup.source, 'Answer XML')
  })

  it('when the caller hangs up mid-message, posts the callback with the real length and no action', async () => {
    stage.app.on('/answer', voicemailXml())

    const call = await placeCall({ messageSeconds: 30, callerHangsUpAfterSeconds: 7 })

    assert.equal(call.ok, true)
    assert.equal(stage.app.requestsTo('/record-action').length, 0)
    const [callback] = stage.app.requestsTo('/record-callback')
    assert.equal(callback.params.RecordingDuration, '5')
    assert.equal(callback.params.CallStatus, 'completed')
    const hangup = stage.app.requestsTo('/hangup')[0].params
    assert.deepEqual([hangup.HangupSource, hangup.Duration], ['Caller', '7'])
  })

  it('still posts the action after a hang-up when the script asks for it, without Digits', async () => {
    stage.app.on('/answer', voicemailXml())

    await placeCall({
      messageSeconds: 30,
      callerHangsUpAfterSeconds: 7,
      actionAfterCallerHangup: true,
    })

    const [action] = stage.app.requestsTo('/record-action')
    assert.deepEqual([action.params.RecordingDuration, action.params.Digits], ['5', ''])
  })

  it('stops at maxLength, or after the silence timeout when the caller presses nothing', async () => {
    stage.app.on(
      '/answer',
      voicemailXml(' timeout="4"').replace('maxLength="120"', 'maxLength="10"'),
    )

    await placeCall({ messageSeconds: 30 })
    let action = stage.app.requestsTo('/record-action')[0].params
    assert.deepEqual([action.RecordingDuration, action.Digits], ['10', ''])

    stage.app.received.length = 0
    await placeCall({ messageSeconds: 3, messageEndedBy: 'silence' })
    action = stage.app.requestsTo('/record-action')[0].params
    assert.deepEqual([action.RecordingDuration, action.Digits], ['7', ''])
  })

  it('moves on to the next verb when the Record has redirect="false" or no action', async () => {
    const xml = voicemailXml(' redirect="false" fileFormat="wav"').replace(
      '</Response>',
      '<Speak>After the tone</Speak></Response>',
    )
    stage.app.on('/answer', xml)

    const call = await placeCall({})

    assert.match(stage.app.requestsTo('/record-action')[0].params.RecordUrl, /\.wav$/)
    assert.ok(
      call.steps.some((step) => step.text === 'the caller hears “After the tone”'),
    )
    assert.ok(!call.steps.some((step) => step.text.includes('Thank you')))
    assert.equal(call.hangup.code, 4010)
  })

  it('plays no beep when playBeep is false', async () => {
    stage.app.on(
      '/answer',
      '<Response><Record playBeep="false" maxLength="5"/></Response>',
    )

    const call = await placeCall({})

    assert.ok(!call.steps.some((step) => step.text.includes('beep')))
    assert.equal(call.durationSeconds, 5)
  })
})
