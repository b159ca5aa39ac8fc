import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context, Next } from 'koa'
import { PlivoApiError, notFound } from './errors.ts'

/**
 * HTTP Basic auth, Auth ID as the user and Auth Token as the password (§1.1).
 * Both sides are hashed first so the comparison takes the same time whatever the guess.
 */
export function authenticate(authId: string, authToken: string) {
  const expected = digest(`${authId}:${authToken}`)
  const accountPath = `/v1/Account/${authId}/`

  return async (ctx: Context, next: Next) => {
    const credentials = readBasicCredentials(ctx.get('authorization'))
    if (credentials === undefined || !timingSafeEqual(digest(credentials), expected)) {
      ctx.set('WWW-Authenticate', 'Basic realm="Plivo sandbox"')
      throw new PlivoApiError(401, 'authentication failed')
    }
    if (!ctx.path.startsWith(accountPath)) throw notFound()

    await next()
  }
}

function readBasicCredentials(header: string): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  return match ? Buffer.from(match[1], 'base64').toString('utf8') : undefined
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
