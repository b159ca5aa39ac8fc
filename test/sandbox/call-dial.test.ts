import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CallScript, simulateCall } from '../../src/sandbox/call/simulate.ts'
import { useCallTestApp } from './call-test-app.ts'

const authToken = 'SandboxAuthToken000000000000000000000001'
const jane = 'sip:jane230101120000@phone.plivo.com'
const bob = 'sip:bob230101120000@phone.plivo.com'
const line = 'sip:sales230101120000@phone.plivo.com'

const stage = useCallTestApp(authToken, { '/callback': '', '/hangup': '' })

function dialXml(users: string[], attributes = '') {
  const legs = users.map((user) => `<User>${user}</User>`).join('')
  return `<Response><Dial action="${stage.app.origin}/dial-action" callbackUrl="${stage.app.origin}/callback" timeout="20"${attributes}>${legs}</Dial></Response>`
}

function placeCall(script: CallScript) {
  return simulateCall({
    answerUrl: `${stage.app.origin}/answer`,
    hangupUrl: `${stage.app.origin}/hangup`,
    authId: 'MAANSWERTESTACCOUNT1',
    authToken,
    to: line,
    from: '+14155550100',
    callerName: 'Ada Caller',
    script,
  })
}

function callbackEvents() {
  return stage.app
    .requestsTo('/callback')
    .map(({ params }) => [
      params.DialAction,
      params.DialBLegTo,
      params.DialBLegHangupCauseCode,
    ])
}

describe('simulateCall with <Dial>', () => {
  it('posts the answer URL as Plivo does: signed, ringing, inbound, without the plus', async () => {
    stage.app.on('/answer', '<Response><Hangup/></Response>')

    const call = await placeCall({})

    const [answer] = stage.app.requestsTo('/answer')
    assert.equal(answer.isSigned, true)
    assert.deepEqual(
      { ...answer.params, SessionStart: undefined },
      {
        CallUUID: call.callUuid,
        From: '14155550100',
        To: line,
        CallerName: 'Ada Caller',
        Direction: 'inbound',
        CallStatus: 'ringing',
        Event: 'StartApp',
        SessionStart: undefined,
      },
    )
  })

  it('bridges the first app to answer, tells the others they lost, and closes the call', async () => {
    stage.app.on('/answer', dialXml([jane, bob]))

    const call = await placeCall({
      answeredBy: jane,
      answerAfterSeconds: 4,
      talkSeconds: 30,
    })

    assert.equal(call.ok, true)
    assert.deepEqual(callbackEvents(), [
      ['answer', jane, undefined],
      ['hangup', bob, '9000'],
      ['hangup', jane, '4000'],
    ])
    const janeHangup = stage.app.requestsTo('/callback')[2].params
    assert.equal(janeHangup.DialBLegDuration, '30')
    assert.equal(janeHangup.DialBLegHangupSource, 'Caller')
    assert.equal(janeHangup.DialALegUUID, call.callUuid)
    // The caller hung up the bridged call: a redirecting action is not requested (§2.2).
    assert.equal(stage.app.requestsTo('/dial-action').length, 0)
    const hangup = stage.app.requestsTo('/hangup')[0].params
    assert.equal(hangup.CallStatus, 'completed')
    assert.equal(hangup.Duration, '34')
    assert.equal(hangup.HangupCause, 'NORMAL_CLEARING')
    assert.equal(hangup.HangupSource, 'Caller')
    assert.ok(stage.app.received.every((request) => request.isSigned))
  })

  it('reports no-answer to the action URL when the ring timeout passes, in no real time', async () => {
    stage.app.on('/answer', dialXml([jane, bob]))
    stage.app.on('/dial-action', '<Response><Hangup/></Response>')

    const startedAt = performance.now()
    const call = await placeCall({})

    assert.ok(performance.now() - startedAt < 1000)
    const action = stage.app.requestsTo('/dial-action')[0].params
    assert.equal(action.DialStatus, 'no-answer')
    assert.equal(action.DialRingStatus, 'true')
    assert.equal(action.DialHangupCause, 'NO_ANSWER')
    assert.equal(action.DialBLegUUID, '')
    assert.equal(action.DialALegUUID, call.callUuid)
    assert.equal(action.CallStatus, 'in-progress')
    assert.deepEqual(callbackEvents(), [
      ['hangup', jane, '6010'],
      ['hangup', bob, '6010'],
    ])
    assert.equal(stage.app.requestsTo('/hangup')[0].params.Duration, '20')
    assert.equal(call.hangup.source, 'Answer XML')
  })

  it('lets an app answer only within the timeout', async () => {
    stage.app.on('/answer', dialXml([jane]))
    stage.app.on('/dial-action', '<Response/>')

    await placeCall({ answeredBy: jane, answerAfterSeconds: 25 })

    assert.equal(stage.app.requestsTo('/dial-action')[0].params.DialStatus, 'no-answer')
  })

  it('ends the dial at once: busy when no app can ring and one is busy, failed when none is registered', async () => {
    stage.app.on('/answer', dialXml([jane, bob]))
    stage.app.on('/dial-action', '<Response/>')

    await placeCall({ busy: [jane], unregistered: [bob] })
    const busy = stage.app.requestsTo('/dial-action')[0].params
    assert.deepEqual([busy.DialStatus, busy.DialRingStatus], ['busy', 'false'])
    assert.deepEqual(callbackEvents(), [
      ['hangup', jane, '3010'],
      ['hangup', bob, '2020'],
    ])
    assert.equal(stage.app.requestsTo('/hangup')[0].params.Duration, '0')

    stage.app.received.length = 0
    await placeCall({ unregistered: [jane, bob] })
    assert.equal(stage.app.requestsTo('/dial-action')[0].params.DialStatus, 'failed')
  })

  it('cancels the ringing apps when the caller hangs up, and requests no action', async () => {
    stage.app.on('/answer', dialXml([jane, bob]))

    const call = await placeCall({
      answeredBy: jane,
      answerAfterSeconds: 8,
      callerHangsUpAfterSeconds: 5,
    })

    assert.equal(call.ok, true)
    assert.deepEqual(
      stage.app.requestsTo('/callback').map(({ params }) => params.DialBLegHangupCause),
      ['ORIGINATOR_CANCEL', 'ORIGINATOR_CANCEL'],
    )
    assert.equal(stage.app.requestsTo('/dial-action').length, 0)
    const hangup = stage.app.requestsTo('/hangup')[0].params
    assert.deepEqual([hangup.Duration, hangup.HangupSource], ['5', 'Caller'])
  })

  it('can request the action after the caller hung up, with DialStatus cancel', async () => {
    stage.app.on('/answer', dialXml([jane]))
    stage.app.on('/dial-action', '<Response/>')

    await placeCall({ callerHangsUpAfterSeconds: 5, actionAfterCallerHangup: true })

    const action = stage.app.requestsTo('/dial-action')[0].params
    assert.deepEqual([action.DialStatus, action.CallStatus], ['cancel', 'completed'])
  })

  it('rings the next member from the action document (sequential ringing)', async () => {
    stage.app.on('/answer', dialXml([jane]))
    stage.app.on('/dial-action', (params) =>
      params.DialStatus === 'completed'
        ? '<Response/>'
        : `<Response><Dial action="${stage.app.origin}/dial-action" timeout="15"><User>${bob}</User></Dial></Response>`,
    )

    const call = await placeCall({
      answeredBy: bob,
      answerAfterSeconds: 2,
      talkSeconds: 10,
      talkEndedBy: 'callee',
    })

    const statuses = stage.app
      .requestsTo('/dial-action')
      .map(({ params }) => params.DialStatus)
    assert.deepEqual(statuses, ['no-answer', 'completed'])
    assert.notEqual(stage.app.requestsTo('/dial-action')[1].params.DialBLegUUID, '')
    assert.equal(call.hangup.code, 4010)
    assert.equal(stage.app.requestsTo('/hangup')[0].params.Duration, '32')
  })

  it('bridges a screened app only when its person presses the confirm key', async () => {
    const screening = ` confirmSound="${stage.app.origin}/screen" confirmKey="1"`
    stage.app.on('/answer', dialXml([jane], screening))
    stage.app.on('/screen', '<Response><Speak>Call for Sales, press 1</Speak></Response>')
    stage.app.on('/dial-action', '<Response/>')

    await placeCall({ answeredBy: jane, talkEndedBy: 'callee' })
    assert.equal(stage.app.requestsTo('/screen')[0].params.DialBLegTo, jane)
    assert.equal(stage.app.requestsTo('/dial-action')[0].params.DialStatus, 'completed')

    stage.app.received.length = 0
    const call = await placeCall({ answeredBy: jane, pressesConfirmKey: false })
    assert.deepEqual(callbackEvents(), [['hangup', jane, '9110']])
    assert.equal(stage.app.requestsTo('/dial-action')[0].params.DialStatus, 'no-answer')
    assert.ok(
      call.steps.some((step) => step.text === `${jane} hangs up without pressing 1`),
    )
  })

  it('carries on with the next verb when the Dial has redirect="false"', async () => {
    const xml = dialXml([jane], ' redirect="false"').replace(
      '</Dial>',
      '</Dial><Speak>Nobody is here</Speak>',
    )
    stage.app.on('/answer', xml)
    stage.app.on('/dial-action', '<Response><Hangup/></Response>')

    const call = await placeCall({})

    assert.equal(stage.app.requestsTo('/dial-action').length, 1)
    assert.ok(
      call.steps.some((step) => step.text === 'the caller hears “Nobody is here”'),
    )
    assert.equal(call.hangup.code, 4010)
  })

  it('rings for 120 seconds when the Dial sets no timeout', async () => {
    stage.app.on('/answer', `<Response><Dial><User>${jane}</User></Dial></Response>`)

    const call = await placeCall({})

    assert.equal(call.durationSeconds, 120)
    assert.equal(call.hangup.code, 4010)
  })

  it('can deliver every notification twice, as Plivo sometimes does', async () => {
    stage.app.on('/answer', dialXml([jane]))

    await placeCall({ answeredBy: jane, webhookDelivery: 'twice' })

    assert.deepEqual(callbackEvents(), [
      ['answer', jane, undefined],
      ['answer', jane, undefined],
      ['hangup', jane, '4000'],
      ['hangup', jane, '4000'],
    ])
    assert.equal(stage.app.requestsTo('/hangup').length, 2)
  })

  it('can hold notifications back and deliver them after the call, newest first', async () => {
    stage.app.on('/answer', dialXml([jane, bob]))

    await placeCall({ answeredBy: bob, webhookDelivery: 'late' })

    const order = stage.app.received.map(
      ({ path, params }) => `${path} ${params.DialAction ?? ''}`,
    )
    assert.deepEqual(order, [
      '/answer ',
      '/hangup ',
      '/callback hangup',
      '/callback hangup',
      '/callback answer',
    ])
  })

  it('rings phone numbers like apps, and can keep quiet about legs that did not win', async () => {
    const xml = `<Response><Dial callbackUrl="${stage.app.origin}/callback" timeout="20"><Number>+14155550111</Number><User>${jane}</User></Dial></Response>`
    stage.app.on('/answer', xml)

    const call = await placeCall({
      answeredBy: '14155550111',
      talkEndedBy: 'callee',
      reportUnansweredLegs: false,
    })

    assert.deepEqual(callbackEvents(), [
      ['answer', '+14155550111', undefined],
      ['hangup', '+14155550111', '4000'],
    ])
    assert.equal(call.hangup.code, 4010)
  })

  it('asks a GET answer URL with the parameters in a signed query string', async () => {
    stage.app.on('/answer', '<Response><Hangup/></Response>')

    await simulateCall({
      answerUrl: `${stage.app.origin}/answer?line=sales`,
      answerMethod: 'GET',
      hangupUrl: `${stage.app.origin}/hangup`,
      authId: 'MAANSWERTESTACCOUNT1',
      authToken,
      to: line,
      from: '14155550100',
    })

    const [answer] = stage.app.requestsTo('/answer')
    assert.equal(answer.method, 'GET')
    assert.equal(answer.isSigned, true)
    assert.deepEqual([answer.params.line, answer.params.Event], ['sales', 'StartApp'])
  })
})
