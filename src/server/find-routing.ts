import { findLineRouting, type LineRouting } from '../db/line-routes.ts'
import type { Logger } from '../log.ts'
import type { RouteDeps } from './deps.ts'
import { withDeadline } from './with-deadline.ts'

/**
 * The line and its members, or undefined when the database fails or is too slow: the
 * caller is then answered without it (the voicemail) rather than left in silence.
 */
export async function findRouting(
  deps: RouteDeps,
  username: string | undefined,
  log: Logger,
): Promise<LineRouting | undefined> {
  try {
    return await withDeadline(
      findLineRouting(deps.knex, username),
      deps.databaseDeadlineMs,
    )
  } catch (error) {
    log.error({ err: error }, 'line lookup failed; answering with voicemail')
    return undefined
  }
}
