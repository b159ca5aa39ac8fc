import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Database } from '../db/connect.ts'
import type { Logger } from '../log.ts'
import { type CallServer, createServer } from '../server/create-server.ts'
import type { Clock } from '../server/deps.ts'

export type RunningCallServer = CallServer & {
  /** `http://127.0.0.1:PORT`, which is also its PUBLIC_URL. */
  url: string
  close(): Promise<void>
}

/**
 * The real webhook server, as `aircall server` runs it, on a free loopback port. The
 * port comes first because the server signs and checks against its own public URL.
 */
export async function startCallServer(options: {
  database: Database
  authToken: string
  logger: Logger
  clock: Clock
}): Promise<RunningCallServer> {
  const http = createHttpServer()
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const server = createServer({ ...options, publicUrl: url })
  http.on('request', server.app.callback())

  return {
    ...server,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()))
        http.closeAllConnections()
      }),
  }
}
