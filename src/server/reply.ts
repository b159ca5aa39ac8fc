import type { Context } from 'koa'

export const EMPTY_RESPONSE = '<Response/>'

/** Plivo wants XML back from every URL; notifications get an empty document. */
export function replyXml(ctx: Context, xml: string = EMPTY_RESPONSE): void {
  ctx.status = 200
  ctx.type = 'application/xml; charset=utf-8'
  ctx.body = xml
}
