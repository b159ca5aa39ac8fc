import type { Knex } from 'knex'
import { openDatabase } from '../db/connect.ts'
import { migrateLatest } from '../db/migrate.ts'
import { runSeeds } from '../db/seed.ts'
import type { Logger } from '../log.ts'
import type { PlivoAccount } from '../provision/session.ts'
import { type Sandbox, startSandbox } from '../sandbox/start.ts'
import { type RunningCallServer, startCallServer } from './call-server.ts'
import type { MorningClock } from './clock.ts'
import { createThrowawayCredentials } from './credentials.ts'
import { describeProvisioning, provisionCompany } from './provision.ts'
import { Teardown } from './teardown.ts'

export type Stage = {
  knex: Knex
  account: PlivoAccount
  sandbox: Sandbox
  server: RunningCallServer
  /** Stops the server, the sandbox and the database, in that order. */
  close(): Promise<void>
}

export type StageOptions = {
  /** An empty folder for the embedded database. */
  dataDir: string
  clock: MorningClock
  logger: Logger
  /** Told as each part comes up. */
  onProgress(message: string): void
  /** Throws when the user asked to stop; called between the steps. */
  checkInterrupted(): void
}

/**
 * Everything a real installation has, on this machine: the seeded embedded database,
 * the Plivo sandbox, the webhook server, and the company provisioned on the sandbox.
 * When a step fails, what the earlier steps started is stopped before the error goes on.
 */
export async function openStage(options: StageOptions): Promise<Stage> {
  const teardown = new Teardown()
  try {
    return await buildStage(options, teardown)
  } catch (error) {
    await teardown.run().catch(() => {})
    throw error
  }
}

async function buildStage(options: StageOptions, teardown: Teardown): Promise<Stage> {
  const { onProgress, checkInterrupted } = options

  onProgress(
    `Creating an embedded database in ${options.dataDir} (this takes a few seconds)…`,
  )
  const database = openDatabase({ dataDir: options.dataDir, poolSize: 8 })
  teardown.add(() => database.close())
  await migrateLatest(database.knex)
  const seeded = await runSeeds(database.knex)
  onProgress(
    `Seeded the example company: ${seeded.users} users, ${seeded.lines} lines, ${seeded.apps} apps.`,
  )
  checkInterrupted()

  const credentials = createThrowawayCredentials()
  const sandbox = await startSandbox(credentials)
  teardown.add(() => sandbox.close())
  const account = { ...credentials, apiUrl: sandbox.url }
  onProgress(`Plivo sandbox on ${sandbox.url}, with a throwaway account.`)

  const server = await startCallServer({
    database,
    authToken: account.authToken,
    logger: options.logger,
    clock: options.clock.server,
  })
  teardown.add(() => server.close())
  onProgress(`Webhook server on ${server.url}, which is also its PUBLIC_URL.`)
  checkInterrupted()

  const plan = await provisionCompany(database.knex, account, server.url)
  onProgress(describeProvisioning(plan))
  checkInterrupted()

  return {
    knex: database.knex,
    account,
    sandbox,
    server,
    close: () => teardown.run(),
  }
}
