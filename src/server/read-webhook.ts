import type { Context } from 'koa'
import type { WebhookParams } from '../routing/types.ts'

export type Webhook = {
  /** Every field as sent, repeated keys kept, for the signature check. */
  signed: Record<string, string[]>
  /** The first value of every field, for everything else. */
  params: WebhookParams
}

export const BODY_LIMIT_BYTES = 64 * 1024

/**
 * Reads a webhook's fields: a POST's form body (size-limited) or a GET's query. The body
 * is decoded with URLSearchParams rather than a qs-style parser so that field names and
 * values reach the signature check exactly as Plivo signed them (plivo-contract §5 #6).
 */
export async function readWebhook(ctx: Context): Promise<Webhook> {
  if (ctx.method === 'GET') return fromSearch(new URLSearchParams(ctx.querystring))

  if (!ctx.is('application/x-www-form-urlencoded')) {
    ctx.throw(400, 'expected a form-encoded body (application/x-www-form-urlencoded)')
  }
  const body = await readBody(ctx)
  return fromSearch(new URLSearchParams(body))
}

async function readBody(ctx: Context): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0)
  if (declared > BODY_LIMIT_BYTES) ctx.throw(413, 'request body too large')

  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length
    if (size > BODY_LIMIT_BYTES) ctx.throw(413, 'request body too large')
    chunks.push(chunk as Buffer)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    return ctx.throw(400, 'request body is not valid UTF-8')
  }
}

function fromSearch(search: URLSearchParams): Webhook {
  const signed: Record<string, string[]> = {}
  const params: Record<string, string> = {}
  for (const [key, value] of search) {
    signed[key] = [...(signed[key] ?? []), value]
    params[key] ??= value
  }
  return { signed, params }
}
