import type { Context, Next } from 'koa'
import { type Logger, createCallLogger, removeSecrets } from '../log.ts'
import { isValidPlivoSignature } from '../plivo/signature.ts'
import type { WebhookState } from './deps.ts'
import { readWebhook } from './read-webhook.ts'

/**
 * First on every Plivo route: read the fields, check the V3 signature, then require a
 * call. The URL checked is the public one Plivo called, PUBLIC_URL plus the path and
 * query, never the request's own host or scheme: a tunnel or proxy that terminates TLS
 * changes those (plivo-contract §5 pitfall 1). Nothing is written before this passes.
 */
export function verifyWebhook(options: {
  publicUrl: string
  authToken: string
  logger: Logger
  /** False for the screening prompt: the rung app hears it even if the call is unnamed. */
  isCallRequired: boolean
}) {
  return async (ctx: Context, next: Next) => {
    const webhook = await readWebhook(ctx)
    const isSigned = isValidPlivoSignature({
      url: `${options.publicUrl}${ctx.originalUrl}`,
      method: ctx.method,
      // A GET is signed over its URL alone; passing the query again would double it (§4.2).
      params: ctx.method === 'GET' ? {} : webhook.signed,
      nonce: ctx.get('x-plivo-signature-v3-nonce') || undefined,
      signature: ctx.get('x-plivo-signature-v3') || undefined,
      authToken: options.authToken,
    })
    if (!isSigned) {
      options.logger.warn({ path: ctx.path }, 'webhook refused: bad or missing signature')
      ctx.throw(403, 'invalid Plivo signature')
    }

    const callUuid = webhook.params.CallUUID?.trim() ?? ''
    if (!callUuid && options.isCallRequired) ctx.throw(400, 'CallUUID is missing')

    const state: WebhookState = {
      params: webhook.params,
      callUuid,
      log: createCallLogger(options.logger, callUuid),
    }
    Object.assign(ctx.state, state)
    state.log.debug(
      { path: ctx.path, params: removeSecrets(webhook.params) },
      'webhook received',
    )
    await next()
  }
}
