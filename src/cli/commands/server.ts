import { type Server, createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { assertPublicUrl } from '../../config.ts'
import { UserError } from '../../errors.ts'
import { createLogger } from '../../log.ts'
import { createServer } from '../../server/create-server.ts'
import type { CliContext } from '../context.ts'
import type { ServerFlags } from '../server.ts'

const RETRY_WRITES_EVERY_MS = 5000

/** `aircall server`: serves the webhooks until Ctrl-C, then closes what it opened. */
export async function serveCalls(context: CliContext, flags: ServerFlags): Promise<void> {
  const { publicUrl, authToken } = readServerSettings(context)
  const logger = createLogger({
    level: context.config.logLevel,
    destination: context.io.stderr,
  })
  const database = await context.database({ poolSize: 8, longLived: true })
  await database.knex.raw('select 1')

  const { app, writes } = createServer({ database, publicUrl, authToken, logger })
  const http = createHttpServer(app.callback())
  const port = flags.port ?? context.config.port
  await listen(http, port, flags.host)
  const retrying = setInterval(() => void writes.flush(), RETRY_WRITES_EVERY_MS)

  const { port: actualPort } = http.address() as AddressInfo
  context.print(`aircall server listening on http://${flags.host}:${actualPort}`)
  context.note(
    `Plivo answer URL: ${publicUrl}/plivo/answer (database: ${database.location})`,
  )

  await context.untilInterrupted()
  clearInterval(retrying)
  await new Promise<void>((resolve) => {
    http.close(() => resolve())
    http.closeIdleConnections()
  })
  await writes.flush()
  if (writes.size > 0) {
    context.note(
      `${writes.size} call log writes could not be saved: the database is away.`,
    )
  }
  context.note('Server stopped.')
}

function readServerSettings(context: CliContext) {
  const { publicUrl, plivoAuthToken } = context.config
  if (!publicUrl) {
    throw new UserError('aircall server needs PUBLIC_URL', {
      hint: 'set it to the address Plivo calls, e.g. PUBLIC_URL=https://calls.example.com',
    })
  }
  assertPublicUrl(publicUrl)
  if (!plivoAuthToken) {
    throw new UserError('aircall server needs PLIVO_AUTH_TOKEN', {
      hint: "webhook signatures are checked with it: set your Plivo account's auth token",
    })
  }
  return { publicUrl, authToken: plivoAuthToken }
}

function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        return reject(
          new UserError(`port ${port} is already in use`, {
            hint: 'stop what uses it, or pass --port with another number (0 for any free one)',
          }),
        )
      }
      reject(
        new UserError(
          `cannot listen on ${host}:${port} (${error.code ?? error.message})`,
          {
            hint: 'pass --host with an address of this machine, e.g. 127.0.0.1 or 0.0.0.0',
          },
        ),
      )
    })
    http.listen(port, host, () => resolve())
  })
}
