import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type SimulateCallOptions,
  createRealClock,
  createSimulatedClock,
  simulateCall,
} from '../../src/sandbox/call/simulate.ts'
import { useCallTestApp } from './call-test-app.ts'

const authToken = 'SandboxAuthToken000000000000000000000004'

const stage = useCallTestApp(authToken, { '/hangup': '' })

function placeCall(options: Partial<SimulateCallOptions> = {}) {
  return simulateCall({
    answerUrl: `${stage.app.origin}/answer`,
    hangupUrl: `${stage.app.origin}/hangup`,
    authId: 'MAVERBSTESTACCOUNT01',
    authToken,
    to: 'sip:main230101120000@phone.plivo.com',
    from: '14155550100',
    ...options,
  })
}

function textsOf(steps: { kind: string; text: string }[], kind: string) {
  return steps.filter((step) => step.kind === kind).map((step) => step.text)
}

describe('simulateCall with Speak, Play, Wait, Redirect and Hangup', () => {
  it('announces what the caller hears and takes as long as it would', async () => {
    stage.app.on(
      '/answer',
      '<Response><Speak loop="2">Welcome to Example and Company</Speak><Play>https://cdn.example.com/hold.mp3</Play><Wait length="3"/></Response>',
    )

    const call = await placeCall()

    assert.deepEqual(textsOf(call.steps, 'audio'), [
      'the caller hears “Welcome to Example and Company” 2 times',
      'the caller hears https://cdn.example.com/hold.mp3',
      'the caller waits 3 s',
    ])
    // Five words ≈ 2 s, twice; a file counts 5 s; then the 3-second wait.
    assert.equal(call.durationSeconds, 12)
    assert.equal(call.hangup.code, 4010)
    assert.equal(call.hangup.source, 'Plivo')
  })

  it('follows a Redirect and never runs what came after it', async () => {
    stage.app.on(
      '/answer',
      `<Response><Redirect method="GET">${stage.app.origin}/next?step=2</Redirect><Speak>Skipped</Speak></Response>`,
    )
    stage.app.on('/next', '<Response><Speak>Redirected</Speak></Response>')

    const call = await placeCall()

    const [redirect] = stage.app.requestsTo('/next')
    assert.equal(redirect.method, 'GET')
    assert.equal(redirect.isSigned, true)
    assert.equal(redirect.params.step, '2')
    assert.equal(redirect.params.CallUUID, call.callUuid)
    assert.deepEqual(textsOf(call.steps, 'audio'), ['the caller hears “Redirected”'])
  })

  it('hangs up with the reason the XML gives, before or after answering', async () => {
    stage.app.on('/answer', '<Response><Hangup reason="busy"/></Response>')
    let call = await placeCall()
    assert.deepEqual([call.hangup.code, call.hangup.source], [3010, 'Answer XML'])
    assert.equal(stage.app.requestsTo('/hangup')[0].params.CallStatus, 'busy')
    assert.equal(stage.app.requestsTo('/hangup')[0].params.AnswerTime, '')

    stage.app.received.length = 0
    stage.app.on(
      '/answer',
      '<Response><Speak>Bye</Speak><Hangup reason="rejected"/></Response>',
    )
    call = await placeCall()
    assert.equal(call.hangup.code, 3020)
    assert.equal(stage.app.requestsTo('/hangup')[0].params.CallStatus, 'completed')
  })

  it('ends the call when a scheduled Hangup falls due, while later verbs run', async () => {
    stage.app.on(
      '/answer',
      '<Response><Hangup schedule="5"/><Speak>One</Speak><Wait length="60"/></Response>',
    )

    const call = await placeCall()

    assert.deepEqual([call.hangup.code, call.durationSeconds], [6000, 5])
  })

  it('plays PreAnswer media without answering the call', async () => {
    stage.app.on(
      '/answer',
      '<Response><PreAnswer><Speak>Please hold</Speak></PreAnswer><Wait length="2"/></Response>',
    )

    const call = await placeCall()

    const hangup = stage.app.requestsTo('/hangup')[0].params
    assert.deepEqual([hangup.Duration, hangup.BillDuration], ['3', '2'])
    assert.equal(
      textsOf(call.steps, 'audio')[0],
      'the caller (before the answer) hears “Please hold”',
    )
  })

  it('lets the caller hang up in the middle of an announcement', async () => {
    stage.app.on(
      '/answer',
      '<Response><Play loop="0">https://cdn.example.com/hold.mp3</Play></Response>',
    )

    const call = await placeCall({ script: { callerHangsUpAfterSeconds: 42 } })

    assert.deepEqual([call.hangup.source, call.durationSeconds], ['Caller', 42])
  })

  it('sends the caller number and name it was given, and reports steps as they happen', async () => {
    stage.app.on('/answer', '<Response><Speak>Hi</Speak></Response>')
    const seen: string[] = []

    await placeCall({
      from: '+442071838750',
      callerName: 'Zoë "Z" Müller',
      onStep: (step) => seen.push(step.kind),
    })

    const answer = stage.app.requestsTo('/answer')[0]
    assert.deepEqual(
      [answer.params.From, answer.params.CallerName],
      ['442071838750', 'Zoë "Z" Müller'],
    )
    assert.equal(answer.isSigned, true)
    assert.deepEqual(seen, ['call', 'webhook', 'call', 'audio', 'hangup', 'webhook'])
  })
})

describe('simulateCall with a hang-up signal', () => {
  it('ends the call as the caller’s hang-up at once, on a real clock, and still posts the hangup', async () => {
    stage.app.on(
      '/answer',
      '<Response><Speak>Hello</Speak><Wait length="600"/></Response>',
    )
    const hangUp = new AbortController()

    const startedAt = performance.now()
    const call = await placeCall({
      clock: createRealClock(1000),
      hangUp: hangUp.signal,
      onStep: (step) => {
        if (step.text === 'the caller waits 600 s') hangUp.abort()
      },
    })

    assert.ok(performance.now() - startedAt < 500)
    assert.deepEqual([call.hangup.source, call.hangup.code], ['Caller', 4000])
    assert.equal(stage.app.requestsTo('/hangup')[0].params.HangupSource, 'Caller')
    assert.ok(call.durationSeconds < 600)
  })
})

describe('clocks', () => {
  it('a simulated clock jumps forward by what it sleeps', async () => {
    const clock = createSimulatedClock(1_000)
    await clock.sleep(20_000)
    assert.equal(clock.now(), 21_000)
  })

  it('a real clock stops sleeping when its signal aborts, counting only the time slept', async () => {
    const clock = createRealClock(1)
    const stop = new AbortController()
    const before = clock.now()

    const sleeping = clock.sleep(60_000, stop.signal)
    setImmediate(() => stop.abort())
    await sleeping

    assert.ok(clock.now() - before < 1000)
  })

  it('a real clock sped up 1000 times sleeps a second of call time in about a millisecond', async () => {
    const clock = createRealClock(1000)
    const before = clock.now()
    const startedAt = performance.now()

    await clock.sleep(1000)

    assert.equal(clock.now() - before, 1000)
    assert.ok(performance.now() - startedAt < 200)
  })
})
