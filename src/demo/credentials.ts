import { randomBytes } from 'node:crypto'
import type { PlivoAccount } from '../provision/session.ts'

/**
 * A Plivo account that exists only for one demo: the sandbox serves it, the server checks
 * webhook signatures with its token, and nothing outside this process ever learns it.
 * Shaped like Plivo's own (an `MA` id of 20 characters, a 40-character token).
 */
export function createThrowawayCredentials(): Omit<PlivoAccount, 'apiUrl'> {
  return {
    authId: `MA${randomBytes(9).toString('hex').toUpperCase()}`,
    authToken: randomBytes(30).toString('base64url'),
  }
}
