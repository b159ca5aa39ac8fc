import type { Context, Next } from 'koa'
import type { Logger } from '../log.ts'
import type { WebhookState } from './deps.ts'
import { replyXml } from './reply.ts'

/**
 * The one place that decides what a client sees when something fails. Client mistakes
 * keep their status and short message. Anything else is logged; on the answer path the
 * caller still gets playable XML (the route's fallback, usually the voicemail), since a
 * 5xx would end the call (plivo-contract §2.8); elsewhere a plain, generic 500.
 */
export function handleErrors(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next()
    } catch (error) {
      const status = readClientStatus(error)
      if (status) {
        ctx.status = status
        ctx.type = 'text/plain'
        ctx.body = (error as Error).message
        return
      }

      const state = ctx.state as Partial<WebhookState>
      const log = state.log ?? logger
      log.error({ err: error, path: ctx.path }, 'webhook failed')
      if (state.fallbackXml) {
        replyXml(ctx, state.fallbackXml)
        return
      }
      ctx.status = 500
      ctx.type = 'text/plain'
      ctx.body = 'internal error'
    }
  }
}

function readClientStatus(error: unknown): number | undefined {
  const { status, expose } = error as { status?: number; expose?: boolean }
  if (typeof status === 'number' && status >= 400 && status < 500 && expose) return status
  return undefined
}
