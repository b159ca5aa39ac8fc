import { after, before, beforeEach } from 'node:test'
import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import { isValidPlivoSignature } from '../../src/plivo/signature.ts'

/** One webhook as the test app received it. */
export type ReceivedWebhook = {
  path: string
  method: string
  params: Record<string, string>
  isSigned: boolean
}

type Reply = string | { status: number; body?: string; delayMs?: number }
type Handler = (params: Record<string, string>) => Reply

/**
 * A small Koa app standing in for our server: each path answers what the test says,
 * every request is kept, and its V3 signature is checked with the SDK's validator.
 */
export async function startCallTestApp(authToken: string) {
  const handlers = new Map<string, Handler>()
  const received: ReceivedWebhook[] = []
  const app = new Koa()

  app.use(async (ctx) => {
    const url = `${origin}${ctx.url}`
    const body = ctx.method === 'POST' ? await readBody(ctx.req) : ''
    const params = Object.fromEntries(new URLSearchParams(body))
    const isSigned = isValidPlivoSignature({
      url,
      method: ctx.method,
      params,
      nonce: ctx.get('X-Plivo-Signature-V3-Nonce'),
      signature: ctx.get('X-Plivo-Signature-V3'),
      authToken,
    })
    const query = Object.fromEntries(new URLSearchParams(ctx.querystring))
    received.push({
      path: ctx.path,
      method: ctx.method,
      params: { ...query, ...params },
      isSigned,
    })

    const reply = handlers.get(ctx.path)?.(params) ?? { status: 404 }
    const {
      status,
      body: text,
      delayMs,
    } = typeof reply === 'string' ? { status: 200, body: reply, delayMs: 0 } : reply
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
    ctx.status = status
    ctx.type = 'text/xml'
    ctx.body = text ?? ''
  })

  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    origin,
    received,
    /** Answers `path` with `reply`, or with what `reply` returns for the request. */
    on(path: string, reply: Reply | Handler) {
      handlers.set(path, typeof reply === 'function' ? reply : () => reply)
    },
    /** The requests made to `path`, in order. */
    requestsTo(path: string) {
      return received.filter((request) => request.path === path)
    },
    reset() {
      handlers.clear()
      received.length = 0
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function readBody(stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

export type CallTestApp = Awaited<ReturnType<typeof startCallTestApp>>

/**
 * For a test file: one stand-in app for the whole file, reset before each test with the
 * given routes answering (e.g. `{ '/hangup': '' }`). Read `stage.app` inside tests.
 */
export function useCallTestApp(authToken: string, routes: Record<string, string> = {}) {
  const stage = {} as { app: CallTestApp }
  before(async () => {
    stage.app = await startCallTestApp(authToken)
  })
  after(() => stage.app.close())
  beforeEach(() => {
    stage.app.reset()
    for (const [path, reply] of Object.entries(routes)) stage.app.on(path, reply)
  })
  return stage
}
