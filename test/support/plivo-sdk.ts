import { createRequire } from 'node:module'
import plivo from 'plivo'

/**
 * The official SDK pointed at a sandbox: a test-only trick. The SDK sends every
 * Application and Endpoint call to https://api.plivo.com whatever URL it is given
 * (plivo-contract.md §1.6), but it builds its requests with `axios.create`, which
 * inherits `axios.defaults.adapter`. Swapping that adapter for one that rewrites the
 * host sends the SDK's requests to the sandbox registered for the request's account.
 */

const PLIVO_ORIGIN = 'https://api.plivo.com'

// The axios copy the SDK itself loads, resolved from the SDK's own folder.
const axios = createRequire(createRequire(import.meta.url).resolve('plivo'))('axios')

/** Auth ID → sandbox origin; a request for an account not listed here fails loudly. */
const sandboxes = new Map<string, string>()
let isAdapterSwapped = false

export type SandboxClient = InstanceType<typeof plivo.Client>

/** A real `plivo.Client` whose Application and Endpoint calls reach the sandbox at `url`. */
export function createSandboxClient(
  url: string,
  credentials: { authId: string; authToken: string },
): SandboxClient {
  sandboxes.set(credentials.authId, url)
  swapAdapter()
  return new plivo.Client(credentials.authId, credentials.authToken)
}

/** Forgets the sandbox, so a stray request for that account fails instead of leaking. */
export function forgetSandbox(authId: string) {
  sandboxes.delete(authId)
}

function swapAdapter() {
  if (isAdapterSwapped) return

  const send = axios.getAdapter(axios.defaults.adapter)
  axios.defaults.adapter = (config: { url?: string }) => {
    if (!config.url?.startsWith(PLIVO_ORIGIN)) return send(config)

    const target = new URL(config.url)
    const authId = target.pathname.split('/')[3] ?? ''
    const sandbox = sandboxes.get(authId)
    if (!sandbox) {
      return Promise.reject(
        new Error(`no sandbox for account ${authId}: not calling Plivo`),
      )
    }
    return send({ ...config, url: `${sandbox}${target.pathname}${target.search}` })
  }
  isAdapterSwapped = true
}
