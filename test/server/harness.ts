import { type Server, createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { Database } from '../../src/db/connect.ts'
import { createLogger } from '../../src/log.ts'
import {
  type CallScript,
  type Clock,
  createSimulatedClock,
  simulateCall,
} from '../../src/sandbox/call/simulate.ts'
import { type CallServer, createServer } from '../../src/server/create-server.ts'

export const AUTH_ID = 'MAAIRCALLSERVERTEST1'
export const AUTH_TOKEN = 'ServerTestAuthToken0000000000000000000001'
export const CALLER = '+14155550100'

export type PlaceCallOptions = Partial<
  Pick<
    Parameters<typeof simulateCall>[0],
    'onStep' | 'answerUrl' | 'hangupUrl' | 'fallbackAnswerUrl' | 'from' | 'callerName'
  >
> & {
  /** When the call starts, on the server's clock too; by default an hour after the last. */
  startAt?: Date
}

/** Our server on a real port, its log lines kept, its clock following the call's. */
export async function startCallServer(
  database: Database,
  options: { databaseDeadlineMs?: number } = {},
) {
  const logLines: string[] = []
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).trim().split('\n'))
        done()
      },
    }),
  })

  let callClock: Clock = createSimulatedClock(Date.parse('2026-12-03T10:00:00Z'))
  const http: Server = createHttpServer()
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const publicUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const server: CallServer = createServer({
    database,
    publicUrl,
    authToken: AUTH_TOKEN,
    logger,
    clock: { now: () => new Date(callClock.now()) },
    databaseDeadlineMs: options.databaseDeadlineMs,
  })
  const handle = server.app.callback()
  const replies: { path: string; body: string }[] = []
  http.on('request', (request, response) => {
    const end = response.end.bind(response)
    response.end = ((body?: unknown, ...rest: never[]) => {
      if (typeof body === 'string') replies.push({ path: String(request.url), body })
      return end(body as never, ...rest)
    }) as typeof response.end
    void handle(request, response)
  })

  return {
    publicUrl,
    writes: server.writes,
    logLines,
    /** The SIP URIs of each <Dial> the server answered, in order, since the last call. */
    dialledGroups(): string[][] {
      return replies
        .filter((reply) => reply.body.includes('<Dial '))
        .map((reply) =>
          [...reply.body.matchAll(/<User>([^<]+)<\/User>/g)].map((m) => m[1]),
        )
    },
    /** Sets the time the server sees (for replays); calls set it themselves. */
    useClock(clock: Clock) {
      callClock = clock
    },
    placeCall(
      to: string,
      script: CallScript = {},
      { startAt, ...options }: PlaceCallOptions = {},
    ) {
      callClock = createSimulatedClock(startAt?.getTime() ?? callClock.now() + 3600_000)
      replies.length = 0
      return simulateCall({
        answerUrl: `${publicUrl}/plivo/answer`,
        hangupUrl: `${publicUrl}/plivo/hangup`,
        fallbackAnswerUrl: `${publicUrl}/plivo/fallback`,
        from: CALLER,
        callerName: 'Zoe "Z" Caller',
        ...options,
        authId: AUTH_ID,
        authToken: AUTH_TOKEN,
        to,
        script,
        clock: callClock,
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      }),
  }
}
