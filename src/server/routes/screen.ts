import type { Context } from 'koa'
import { renderScreenPrompt } from '../../plivo/xml.ts'
import { replyXml } from '../reply.ts'

/** The Dial's confirmSound URL on a screened line: what the app hears on pick-up. */
export function promptScreenedApp() {
  return async (ctx: Context) => {
    const line = typeof ctx.query.line === 'string' ? ctx.query.line : ''
    replyXml(ctx, renderScreenPrompt(line))
  }
}
