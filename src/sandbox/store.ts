import { createHash, randomInt } from 'node:crypto'
import type {
  ApplicationDeletion,
  ApplicationFields,
  EndpointChanges,
  NewEndpoint,
  Registration,
  SandboxApplication,
  SandboxEndpoint,
} from './resources.ts'
import { StateFile } from './state-file.ts'

export type * from './resources.ts'

type State = { applications: SandboxApplication[]; endpoints: SandboxEndpoint[] }

export const SIP_DOMAIN = 'phone.plivo.com'

/**
 * The sandbox's account: its Applications and Endpoints, in creation order. With a
 * data directory every change is saved at once (state-file.ts), so a restarted sandbox
 * knows what it created; without one the state lives in memory.
 */
export class SandboxStore {
  private readonly state: State
  private readonly now: () => number
  private readonly stateFile?: StateFile

  private constructor(state: State, now: () => number, stateFile?: StateFile) {
    this.state = state
    this.now = now
    this.stateFile = stateFile
  }

  static open(options: { dataDir?: string; now?: () => number } = {}): SandboxStore {
    const now = options.now ?? Date.now
    if (!options.dataDir) return new SandboxStore(emptyState(), now)

    const stateFile = StateFile.claim(options.dataDir)
    return new SandboxStore(stateFile.read(isState) ?? emptyState(), now, stateFile)
  }

  /** Where the state is saved, when it is. */
  get file(): string | undefined {
    return this.stateFile?.path
  }

  /** Lets another sandbox use the data directory. */
  close() {
    this.stateFile?.release()
  }

  listApplications(): SandboxApplication[] {
    return [...this.state.applications]
  }

  getApplication(appId: string): SandboxApplication | undefined {
    return this.state.applications.find((app) => app.appId === appId)
  }

  createApplication(fields: ApplicationFields): SandboxApplication {
    const taken = new Set(this.state.applications.map((app) => app.appId))
    const app: SandboxApplication = {
      ...fields,
      appId: generateDigits(17, taken),
      enabled: true,
      createdAt: new Date(this.now()).toISOString(),
    }
    this.state.applications.push(app)
    this.keepDefaultsUnique(app)
    this.save()
    return app
  }

  updateApplication(appId: string, changes: Partial<ApplicationFields>) {
    const app = this.getApplication(appId)
    if (!app) return undefined

    Object.assign(app, withoutUndefined(changes))
    this.keepDefaultsUnique(app)
    this.save()
    return app
  }

  /** Plivo deletes the attached endpoints unless told not to (§1.3, pitfall 15). */
  deleteApplication(appId: string, deletion: ApplicationDeletion): boolean {
    if (!this.getApplication(appId)) return false

    this.state.applications = this.state.applications.filter((app) => app.appId !== appId)
    if (deletion.cascade) {
      this.state.endpoints = this.state.endpoints.filter((e) => e.appId !== appId)
    } else {
      for (const endpoint of this.state.endpoints) {
        if (endpoint.appId === appId)
          endpoint.appId = deletion.newEndpointApplication ?? null
      }
    }
    this.save()
    return true
  }

  listEndpoints(): SandboxEndpoint[] {
    return [...this.state.endpoints]
  }

  getEndpoint(endpointId: string): SandboxEndpoint | undefined {
    return this.state.endpoints.find((endpoint) => endpoint.endpointId === endpointId)
  }

  findEndpointBySipUri(sipUri: string): SandboxEndpoint | undefined {
    return this.state.endpoints.find((endpoint) => sipUriOf(endpoint) === sipUri)
  }

  /** Without `appId` a new endpoint joins the default endpoint application (§1.5). */
  createEndpoint(request: NewEndpoint): SandboxEndpoint {
    const defaultApp = this.state.applications.find((app) => app.defaultEndpointApp)
    const endpoint: SandboxEndpoint = {
      endpointId: generateDigits(
        14,
        new Set(this.state.endpoints.map((e) => e.endpointId)),
      ),
      username: this.suffixUsername(request.username),
      alias: request.alias,
      passwordMd5: md5(request.password),
      appId: request.appId ?? defaultApp?.appId ?? null,
      createdAt: new Date(this.now()).toISOString(),
      registration: null,
    }
    this.state.endpoints.push(endpoint)
    this.save()
    return endpoint
  }

  updateEndpoint(endpointId: string, changes: EndpointChanges) {
    const endpoint = this.getEndpoint(endpointId)
    if (!endpoint) return undefined

    if (changes.alias !== undefined) endpoint.alias = changes.alias
    if (changes.password !== undefined) endpoint.passwordMd5 = md5(changes.password)
    if (changes.appId !== undefined) endpoint.appId = changes.appId
    this.save()
    return endpoint
  }

  deleteEndpoint(endpointId: string): boolean {
    const before = this.state.endpoints.length
    this.state.endpoints = this.state.endpoints.filter((e) => e.endpointId !== endpointId)
    if (this.state.endpoints.length === before) return false

    this.save()
    return true
  }

  /** For the call simulator: a SIP device registered (or left) with this endpoint. */
  setRegistration(endpointId: string, registration: Registration | null): boolean {
    const endpoint = this.getEndpoint(endpointId)
    if (!endpoint) return false

    endpoint.registration = registration
    this.save()
    return true
  }

  /**
   * Plivo appends 12 digits to the requested username (§1.4); read as the UTC
   * creation time `yyMMddHHmmss`. Two requests for one name in the same second get
   * the next free second, so usernames stay unique.
   */
  private suffixUsername(requested: string): string {
    const taken = new Set(this.state.endpoints.map((e) => e.username.toLowerCase()))
    let time = this.now()
    let username = requested + formatSuffix(time)
    while (taken.has(username.toLowerCase())) {
      time += 1000
      username = requested + formatSuffix(time)
    }
    return username
  }

  /** One account has at most one default application of each kind. */
  private keepDefaultsUnique(changed: SandboxApplication) {
    for (const app of this.state.applications) {
      if (app === changed) continue
      if (changed.defaultEndpointApp) app.defaultEndpointApp = false
      if (changed.defaultApp) app.defaultApp = false
    }
  }

  private save() {
    this.stateFile?.write(this.state)
  }
}

export function sipUriOf(endpoint: SandboxEndpoint): string {
  return `sip:${endpoint.username}@${SIP_DOMAIN}`
}

function isState(value: unknown): value is State {
  const state = value as Partial<State> | undefined
  return Array.isArray(state?.applications) && Array.isArray(state?.endpoints)
}

function emptyState(): State {
  return { applications: [], endpoints: [] }
}

function formatSuffix(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(2, 14)
}

function generateDigits(length: number, taken: Set<string>): string {
  for (;;) {
    let id = String(randomInt(1, 10))
    while (id.length < length) id += String(randomInt(0, 10))
    if (!taken.has(id)) return id
  }
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex')
}

function withoutUndefined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>
}
