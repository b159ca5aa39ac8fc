import type { Knex } from 'knex'
import { findApp } from '../../db/apps.ts'
import { findLine } from '../../db/lines.ts'
import { nameSipUris } from '../../db/sip-names.ts'
import { findTestCaller } from '../../db/test-callers.ts'
import { UserError, quote } from '../../errors.ts'
import { PlivoRestClient } from '../../plivo/rest-client.ts'
import { PlivoError } from '../../plivo/rest-errors.ts'
import {
  type CallScript,
  createRealClock,
  createSimulatedClock,
  simulateCall,
} from '../../sandbox/call/simulate.ts'
import { isSameParty } from '../../sandbox/call/script.ts'
import type { CliContext } from '../context.ts'
import type { SimulateCallFlags } from '../simulate.ts'
import { renderStep, renderSummary } from './simulate-render.ts'

type Credentials = { authId: string; authToken: string; apiUrl: string }

/**
 * `aircall simulate call`: finds the line's Application through the REST API (the
 * sandbox), then places one call at its answer URL and prints the steps as they happen.
 */
export async function simulateLineCall(
  context: CliContext,
  flags: SimulateCallFlags,
): Promise<void> {
  const credentials = readCredentials(context)
  const knex = lazyKnex(context)

  const lineUri = await resolveLine(knex, flags.line)
  const from = flags.fromCaller ? await resolveTestCaller(knex) : flags.from
  const script = await buildScript(knex, flags)
  const application = await findApplication(credentials, lineUri)
  const names = knex.isOpen ? await nameSipUris(await knex()) : new Map<string, string>()

  // Ctrl-C, or a reader that goes away (`| head`: process.ts aborts the interrupt on
  // EPIPE), is the caller hanging up, --instant or not: the call still ends and the
  // server gets its hangup, where exiting at once would leave the call ringing forever.
  const isWatched = !flags.instant
  context.io.interruptHandled = true

  const result = await simulateCall({
    ...application,
    authId: credentials.authId,
    authToken: credentials.authToken,
    to: lineUri,
    from,
    callerName: flags.callerName,
    script,
    clock: isWatched ? createRealClock(flags.speed) : createSimulatedClock(),
    hangUp: context.io.interrupt,
    onStep: flags.json
      ? undefined
      : (step) => context.print(renderStep(step, context.colors, names)),
  })

  if (flags.json) context.printJson(result)
  else context.print(renderSummary(result, context.colors))
  if (!result.ok) {
    throw new UserError(`the call could not be carried out: ${result.error}`, {
      hint: 'check that `aircall server` runs at the Application’s URLs, and its log',
    })
  }
  // The call itself went fine, but not as asked: a script that reads "ok" here would
  // take a voicemail or a missed call for the answered call it wanted.
  const { answeredBy } = script
  const hasHungUp = context.io.interrupt.aborted
  if (
    answeredBy &&
    !hasHungUp &&
    !result.pickedUp.some((party) => isSameParty(party, answeredBy))
  ) {
    throw new UserError(`${flags.answer} never got to answer the call`, {
      hint: 'the steps above say why: give --after fewer seconds than the line’s timeout, or check that the app is on the line and its user available',
    })
  }
}

function readCredentials(context: CliContext): Credentials {
  const { plivoAuthId, plivoAuthToken, plivoApiUrl } = context.config
  if (!plivoAuthId || !plivoAuthToken) {
    throw new UserError('aircall simulate needs PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN', {
      hint: 'set the same pair as the sandbox and the server, in the environment or .env',
    })
  }
  return { authId: plivoAuthId, authToken: plivoAuthToken, apiUrl: plivoApiUrl }
}

type LazyKnex = (() => Promise<Knex>) & { isOpen: boolean }

/** Opens the database only when a name has to be looked up. */
function lazyKnex(context: CliContext): LazyKnex {
  const open = async () => {
    open.isOpen = true
    return (await context.database()).knex
  }
  open.isOpen = false
  return open
}

async function resolveLine(knex: LazyKnex, reference: string): Promise<string> {
  if (isSipUri(reference)) return reference.trim()

  const line = await findLine(await knex(), reference)
  if (!line.sipUri) {
    throw new UserError(`the line ${quote(line.name)} has no SIP endpoint yet`, {
      hint: 'run `aircall provision` first',
    })
  }
  return line.sipUri
}

async function resolveApp(knex: LazyKnex, reference: string): Promise<string> {
  if (isSipUri(reference)) return reference.trim()

  const app = await findApp(await knex(), reference)
  if (!app.sipUri) {
    throw new UserError(`the app ${quote(reference)} has no SIP endpoint yet`, {
      hint: 'run `aircall provision` first',
    })
  }
  return app.sipUri
}

/** The test caller's SIP URI, as Plivo sends From for a call from that endpoint (§1.5). */
async function resolveTestCaller(knex: LazyKnex): Promise<string> {
  const caller = await findTestCaller(await knex())
  if (!caller?.sipUri) {
    throw new UserError('there is no test caller to call from', {
      hint: 'run `aircall caller create` first',
    })
  }
  return caller.sipUri
}

async function buildScript(
  knex: LazyKnex,
  flags: SimulateCallFlags,
): Promise<CallScript> {
  const resolveAll = (references: string[]) =>
    Promise.all(references.map((reference) => resolveApp(knex, reference)))

  return {
    answeredBy: flags.answer ? await resolveApp(knex, flags.answer) : undefined,
    answerAfterSeconds: flags.after,
    busy: await resolveAll(flags.busy ?? []),
    unregistered: await resolveAll(flags.unregistered ?? []),
    callerHangsUpAfterSeconds: flags.hangupAfter,
    talkSeconds: flags.talk,
    talkEndedBy: flags.calleeHangsUp ? 'callee' : 'caller',
    messageSeconds: flags.message,
    messageEndedBy: flags.silence ? 'silence' : 'key',
    pressesConfirmKey: flags.confirm,
    webhookDelivery: flags.webhooks,
  }
}

/** The line's endpoint names its Application as a resource path (plivo-contract §1.4). */
async function findApplication(credentials: Credentials, lineUri: string) {
  const client = new PlivoRestClient(credentials)
  const where = `at ${credentials.apiUrl}`

  try {
    const endpoint = (await client.listEndpoints()).find(
      (candidate) => candidate.sipUri?.toLowerCase() === lineUri.toLowerCase(),
    )
    if (!endpoint) {
      throw new UserError(
        `no Plivo endpoint ${where} has the SIP URI ${quote(lineUri)}`,
        {
          hint: 'run `aircall provision` against this PLIVO_API_URL first',
        },
      )
    }
    const application = (await client.listApplications()).find(
      (candidate) => candidate.appId === endpoint.appId,
    )
    if (!application?.answerUrl) {
      throw new UserError(
        `the endpoint ${quote(lineUri)} has no Application with an answer URL`,
        {
          hint: 'run `aircall provision` to attach the lines to the Application',
        },
      )
    }
    return {
      answerUrl: application.answerUrl,
      hangupUrl: application.hangupUrl || undefined,
      fallbackAnswerUrl: application.fallbackAnswerUrl ?? undefined,
    }
  } catch (error) {
    if (!(error instanceof PlivoError)) throw error
    throw new UserError(error.message, {
      hint: 'start `aircall sandbox` and set PLIVO_API_URL, PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN to match',
      cause: error,
    })
  }
}

function isSipUri(text: string): boolean {
  return /^sips?:/i.test(text.trim())
}
