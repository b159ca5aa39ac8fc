import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Clock, type FaultOptions, createFaults, systemClock } from './faults.ts'
import { type SandboxLogger, createRestApp } from './rest/app.ts'
import { SandboxStore } from './store.ts'

export type { Clock, FaultOptions } from './faults.ts'
export type { SandboxLogger } from './rest/app.ts'
export type { SandboxStore } from './store.ts'

export type SandboxOptions = {
  /** The account the sandbox serves; requests must use it in the path and in Basic auth. */
  authId: string
  authToken: string
  /**
   * Keep the state in `<dataDir>/sandbox/state.json`; without it the state is in memory.
   * One running sandbox per data directory: a second one fails to start.
   */
  dataDir?: string
  /** 0 (the default) takes a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Latency, rate limit (default Plivo's 300 per 5 s) and injected 5xx share. */
  faults?: FaultOptions
  /** The sandbox's time: ids, username suffixes, the rate window and latency use it. */
  clock?: Clock
  logger?: SandboxLogger
}

export type Sandbox = {
  /** `http://127.0.0.1:PORT`: the value for PLIVO_API_URL. */
  url: string
  /**
   * Stops listening, drops kept-alive connections and frees the data directory for
   * another sandbox; the state is already on disk.
   */
  close(): Promise<void>
  /** The sandbox's own state, for tests and the call simulator. */
  store: SandboxStore
}

/**
 * Starts a local stand-in for Plivo's Application and Endpoint REST API
 * (plivo-contract.md §1 and §6), answering under `${url}/v1/Account/${authId}/`.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (!/^[A-Za-z0-9]+$/.test(options.authId) || !options.authToken) {
    throw new TypeError('the sandbox needs an alphanumeric authId and an authToken')
  }
  const clock = options.clock ?? systemClock
  const faults = createFaults(options.faults, clock)
  const store = SandboxStore.open({ dataDir: options.dataDir, now: () => clock.now() })
  const app = createRestApp({ ...options, store, faults, clock })

  const server = createServer(app.callback())
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  }).catch((error: unknown) => {
    store.close()
    throw error
  })

  const { port } = server.address() as AddressInfo
  return {
    url: `http://${displayHost(host)}:${port}`,
    store,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      store.close()
    },
  }
}

/** A wildcard address is reachable on loopback; an IPv6 literal needs brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
