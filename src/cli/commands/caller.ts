import type { Knex } from 'knex'
import { createTestCaller, isReady } from '../../caller/create-caller.ts'
import { removeTestCaller } from '../../caller/remove-caller.ts'
import { type TestCaller, findTestCaller } from '../../db/test-callers.ts'
import { UserError, quote } from '../../errors.ts'
import { PlivoRestClient } from '../../plivo/rest-client.ts'
import { explainProvisionFailure } from '../../provision/explain.ts'
import type { PlivoAccount } from '../../provision/session.ts'
import type { CliContext } from '../context.ts'
import { callerToJson, renderCallerCredentials } from './caller-render.ts'
import { resolvePlivoAccount } from './provision-settings.ts'

export type CallerOptions = { json?: boolean; showPassword?: boolean }

export async function create(
  context: CliContext,
  options: CallerOptions & { name: string },
): Promise<void> {
  const name = options.name.trim()
  if (!name) throw new UserError('--name cannot be empty')
  const account = await resolvePlivoAccount(context)
  const { knex } = await context.database()

  const { caller, existed } = await talkToPlivo(account, (client) =>
    createTestCaller(knex, client, name),
  )

  if (options.json) {
    return context.printJson({
      ...callerToJson(caller, options.showPassword),
      created: !existed,
    })
  }
  if (existed) {
    context.note(
      `A test caller already exists (${quote(caller.name)}); \`aircall caller remove\` first to make another.`,
    )
  }
  // A caller made earlier had its password printed then; printing it on every run
  // would spread it through logs for no reason.
  const showPassword = !existed || Boolean(options.showPassword)
  context.print(renderCallerCredentials(caller, context.colors, showPassword))
  context.note(
    "Register a softphone with these, then call a line's SIP URI (`aircall lines list`).",
  )
}

export async function show(context: CliContext, options: CallerOptions): Promise<void> {
  const { knex } = await context.database()
  const caller = await requireTestCaller(knex)
  if (!isReady(caller)) {
    throw new UserError('the test caller was not finished: Plivo never confirmed it', {
      hint: 'run `aircall caller create` again to finish it',
    })
  }

  if (options.json) return context.printJson(callerToJson(caller, options.showPassword))
  context.print(renderCallerCredentials(caller, context.colors))
}

export async function remove(context: CliContext): Promise<void> {
  const { knex } = await context.database()
  const caller = await requireTestCaller(knex)
  const account = await resolvePlivoAccount(context)

  await talkToPlivo(account, (client) => removeTestCaller(knex, client, caller))
  const endpoint = caller.endpointId ? ` and its Plivo endpoint ${caller.endpointId}` : ''
  context.print(`Removed the test caller ${quote(caller.name)}${endpoint}.`)
}

async function requireTestCaller(knex: Knex): Promise<TestCaller> {
  const caller = await findTestCaller(knex)
  if (!caller) {
    throw new UserError('there is no test caller', {
      hint: 'run `aircall caller create` to make one',
    })
  }
  return caller
}

/**
 * Runs the requests with a client of the account; a Plivo failure becomes one line that
 * says what to check. Every step can be run again, so the hint says to.
 */
async function talkToPlivo<T>(
  account: PlivoAccount,
  work: (client: PlivoRestClient) => Promise<T>,
): Promise<T> {
  try {
    return await work(new PlivoRestClient(account))
  } catch (error) {
    const explained = explainProvisionFailure(error, account)
    if (!(explained instanceof UserError) || explained.hint) throw explained
    throw new UserError(explained.message, {
      hint: 'run the same command again: it picks up where this one stopped',
      cause: error,
    })
  }
}
