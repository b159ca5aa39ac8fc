import type { HttpMethod } from '../../plivo/signature.ts'
import type { CallSession } from './call-session.ts'
import type { PlivoElement } from './xml-parse.ts'

/** What happens after a verb: the next sibling, a new document in its place, or nothing. */
export type VerbOutcome =
  | { next: 'sibling' }
  | { next: 'document'; elements: PlivoElement[] }
  | { next: 'stop' }

/**
 * Requests an action or redirect document and hands control to it; a failure ends the
 * call with 7012 / 8012 (plivo-contract §2.1; using them for <Redirect> too is [INF]).
 */
export async function followDocument(
  session: CallSession,
  purpose: string,
  url: string,
  method: HttpMethod,
  params: Record<string, string>,
): Promise<VerbOutcome> {
  const document = await session.fetchDocument(purpose, url, method, params)
  if ('elements' in document) return { next: 'document', elements: document.elements }

  session.report(`the ${purpose} at ${url} failed: ${document.message}`)
  session.end(
    document.failure === 'invalid' ? 'invalidActionXml' : 'actionUrlError',
    'Error',
  )
  return { next: 'stop' }
}
