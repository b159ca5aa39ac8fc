import { findApp } from '../db/apps.ts'
import { type Call, findCall } from '../db/call-history.ts'
import { findLine } from '../db/lines.ts'
import { UserError } from '../errors.ts'
import {
  type CallStep,
  type SimulatedCall,
  simulateCall,
} from '../sandbox/call/simulate.ts'
import type { MorningClock } from './clock.ts'
import type { MorningCall } from './morning.ts'
import type { Stage } from './stage.ts'

export type PlayedCall = { simulated: SimulatedCall; call: Call }

/**
 * Plays one call of the morning as Plivo would: the line's endpoint leads to the
 * Application the provisioning made, whose answer URL is our server; the simulator
 * carries out the XML it answers. Resolves with the call as the history then shows it.
 */
export async function playCall(
  stage: Stage,
  clock: MorningClock,
  scene: MorningCall,
  onStep: (step: CallStep) => void,
): Promise<PlayedCall> {
  const { knex } = stage
  const line = await findLine(knex, scene.line)
  if (!line.sipUri)
    throw new UserError(`provisioning left ${line.name} without an endpoint`)
  const to = line.sipUri
  const application = findApplication(stage, to)
  const sipUriOf = async (app: string) => (await findApp(knex, app)).sipUri ?? app

  const simulated = await simulateCall({
    ...application,
    authId: stage.account.authId,
    authToken: stage.account.authToken,
    to,
    from: scene.from,
    callerName: scene.callerName,
    script: {
      answeredBy: scene.answeredBy && (await sipUriOf(scene.answeredBy)),
      answerAfterSeconds: scene.answerAfterSeconds,
      busy: await Promise.all((scene.busy ?? []).map(sipUriOf)),
      talkSeconds: scene.talkSeconds,
      messageSeconds: scene.messageSeconds,
      callerHangsUpAfterSeconds: scene.callerHangsUpAfterSeconds,
    },
    clock: clock.startCall(scene.atMinute),
    onStep,
  })

  // A write the server could not make at once waits in its queue; the history must
  // hold the whole call before it is read.
  await stage.server.writes.flush()
  const found = await findCall(knex, simulated.callUuid)
  if (!found) {
    throw new UserError(`the call to ${line.name} is missing from the history`, {
      hint: 'run `aircall demo --verbose` to see the server’s log',
    })
  }
  return { simulated, call: found.call }
}

/** What Plivo looks up when a call reaches an endpoint: the endpoint's Application. */
function findApplication(stage: Stage, sipUri: string) {
  const { store } = stage.sandbox
  const endpoint = store.findEndpointBySipUri(sipUri)
  const application = endpoint?.appId ? store.getApplication(endpoint.appId) : undefined
  if (!application?.answerUrl) {
    throw new UserError(`provisioning left the endpoint ${sipUri} without an Application`)
  }
  return {
    answerUrl: application.answerUrl,
    answerMethod: application.answerMethod,
    hangupUrl: application.hangupUrl || undefined,
    hangupMethod: application.hangupMethod,
    fallbackAnswerUrl: application.fallbackAnswerUrl || undefined,
    fallbackMethod: application.fallbackMethod,
  }
}
