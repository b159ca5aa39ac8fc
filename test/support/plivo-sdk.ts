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

type Params = Record<string, unknown>
type Parsed = Record<string, unknown>
type Meta = {
  limit: number
  next: string | null
  offset: number
  previous: string | null
}
type Listed<T> = T[] & { meta: Meta & { totalCount: number } }

/**
 * The SDK calls the tests make, typed as they behave at run time (plivo-contract.md
 * §1.6): the bundled typings make optional arguments required and type lists as objects.
 */
export type SandboxClient = {
  applications: {
    create(
      appName: string,
      params: Params,
    ): Promise<{ apiId: string; appId: string; message: string }>
    get(
      appId: string,
    ): Promise<Parsed & { appId: string; appName: string; defaultEndpointApp: boolean }>
    list(params?: Params): Promise<Listed<Parsed & { appId: string; appName: string }>>
    update(appId: string, params: Params): Promise<{ apiId: string; message: string }>
    delete(
      appId: string,
      params?: { cascade?: boolean; newEndpointApplication?: string },
    ): Promise<true>
  }
  endpoints: {
    create(
      username: string,
      password: string,
      alias: string,
      appId?: string,
    ): Promise<{
      alias: string
      apiId: string
      endpointId: string
      message: string
      username: string
    }>
    get(
      endpointId: string,
    ): Promise<Parsed & Endpoint & { password: string; apiId: string }>
    list(params?: Params): Promise<Listed<Parsed & Endpoint>>
    update(
      endpointId: string,
      params: Params,
    ): Promise<{ apiId: string; message: string }>
    delete(endpointId: string): Promise<true>
  }
}

type Endpoint = {
  alias: string
  application: string | null
  endpointId: string
  resourceUri: string
  sipRegistered: string
  sipUri: string
  subAccount: string | null
  username: string
}

/** A real `plivo.Client` whose Application and Endpoint calls reach the sandbox at `url`. */
export function createSandboxClient(
  url: string,
  credentials: { authId: string; authToken: string },
): SandboxClient {
  sandboxes.set(credentials.authId, url)
  swapAdapter()
  const client = new plivo.Client(credentials.authId, credentials.authToken)
  return silenceApplicationCreate(client as unknown as SandboxClient)
}

/** Forgets the sandbox, so a stray request for that account fails instead of leaking. */
export function forgetSandbox(authId: string) {
  sandboxes.delete(authId)
}

/**
 * `applications.create` prints its parameters with console.log (pitfall 11), which
 * would fill the test report; it does so synchronously, before the request starts.
 */
function silenceApplicationCreate(client: SandboxClient): SandboxClient {
  const create = client.applications.create.bind(client.applications)
  client.applications.create = (...args: Parameters<typeof create>) => {
    const log = console.log
    console.log = () => {}
    try {
      return create(...args)
    } finally {
      console.log = log
    }
  }
  return client
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
