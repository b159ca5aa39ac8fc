import { PlivoAuthError, PlivoNetworkError, errorForStatus } from './rest-errors.ts'

// Our own client for the few Application / Endpoint calls we make: the SDK sends them to
// api.plivo.com whatever base URL it is given and retries creates on 5xx (contract §1.6,
// pitfalls 8–10). Plivo speaks snake_case; everything this file returns is camelCase.

export type PlivoApplication = {
  appId: string
  appName: string
  answerUrl: string
  hangupUrl: string
  fallbackAnswerUrl: string | null
}

export type ApplicationSettings = Omit<PlivoApplication, 'appId'>

export type PlivoEndpoint = {
  endpointId: string
  username: string
  alias: string
  sipUri: string | null
  /** The id of the Application the endpoint is attached to, when it is. */
  appId: string | null
}

export type NewEndpoint = {
  username: string
  password: string
  alias: string
  appId?: string
}

export type EndpointChanges = { alias?: string; password?: string; appId?: string }

/** Runs one HTTP request; the provisioner plugs rate limiting and retries in here. */
export type Schedule = <T>(send: () => Promise<T>) => Promise<T>

export type RestClientOptions = {
  apiUrl: string
  authId: string
  authToken: string
  timeoutMs?: number
  schedule?: Schedule
}

type Json = Record<string, unknown>
type ListPage = { meta?: { total_count?: number }; objects?: Json[] }

/** Plivo's page size ceiling (contract §1.2). */
const PAGE_SIZE = 20

export class PlivoRestClient {
  readonly apiUrl: string
  private readonly base: string
  private readonly authorization: string
  private readonly timeoutMs: number
  private readonly schedule: Schedule

  constructor(options: RestClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '')
    this.base = `${this.apiUrl}/v1/Account/${encodeURIComponent(options.authId)}/`
    const pair = `${options.authId}:${options.authToken}`
    this.authorization = `Basic ${Buffer.from(pair).toString('base64')}`
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.schedule = options.schedule ?? ((send) => send())
  }

  async listApplications(): Promise<PlivoApplication[]> {
    return (await this.listAll('Application/')).map(readApplication)
  }

  async createApplication(settings: ApplicationSettings): Promise<{ appId: string }> {
    const body = await this.send('POST', 'Application/', writeApplication(settings))
    return { appId: String(body.app_id) }
  }

  async updateApplication(appId: string, settings: ApplicationSettings): Promise<void> {
    await this.send('POST', `Application/${appId}/`, writeApplication(settings))
  }

  async listEndpoints(): Promise<PlivoEndpoint[]> {
    return (await this.listAll('Endpoint/')).map(readEndpoint)
  }

  async getEndpoint(endpointId: string): Promise<PlivoEndpoint> {
    return readEndpoint(await this.send('GET', `Endpoint/${endpointId}/`))
  }

  /** Plivo answers without `sip_uri` and with digits appended to the username (§1.4). */
  async createEndpoint(endpoint: NewEndpoint): Promise<Omit<PlivoEndpoint, 'sipUri'>> {
    const { username, password, alias, appId } = endpoint
    const body = await this.send('POST', 'Endpoint/', {
      username,
      password,
      alias,
      app_id: appId,
    })
    return {
      endpointId: String(body.endpoint_id),
      username: String(body.username),
      alias: String(body.alias ?? alias),
      appId: appId ?? null,
    }
  }

  async updateEndpoint(endpointId: string, changes: EndpointChanges): Promise<void> {
    const { alias, password, appId } = changes
    await this.send('POST', `Endpoint/${endpointId}/`, { alias, password, app_id: appId })
  }

  async deleteEndpoint(endpointId: string): Promise<void> {
    await this.send('DELETE', `Endpoint/${endpointId}/`)
  }

  /** Every page of a list: the first tells the total, the others are fetched together. */
  private async listAll(path: string): Promise<Json[]> {
    const page = (offset: number) =>
      this.send('GET', path, undefined, {
        limit: String(PAGE_SIZE),
        offset: String(offset),
      }) as Promise<ListPage>

    const first = await page(0)
    const total = first.meta?.total_count ?? first.objects?.length ?? 0
    const offsets: number[] = []
    for (let offset = PAGE_SIZE; offset < total; offset += PAGE_SIZE) offsets.push(offset)
    const rest = await Promise.all(offsets.map(page))
    return [first, ...rest].flatMap((each) => each.objects ?? [])
  }

  private send(
    method: string,
    path: string,
    body?: Json,
    query?: Record<string, string>,
  ): Promise<Json> {
    const url = new URL(path, this.base)
    for (const [name, value] of Object.entries(query ?? {}))
      url.searchParams.set(name, value)
    return this.schedule(() => this.fetchJson(method, url, body))
  }

  private async fetchJson(method: string, url: URL, body?: Json): Promise<Json> {
    let response: Response
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: this.authorization,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: body ? JSON.stringify(dropUndefined(body)) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (error) {
      throw new PlivoNetworkError(
        `cannot reach Plivo at ${this.apiUrl} (${describe(error)})`,
        {
          isRetryable: true,
          cause: error,
        },
      )
    }

    const text = await response.text().catch(() => '')
    // Any 2xx is success: Plivo documents 201/202/204 but 200 has been seen too (§1.2).
    if (response.ok) return text ? (parseJson(text) ?? {}) : {}

    if (response.status === 401) {
      throw new PlivoAuthError('Plivo refused the Auth ID and Auth Token', {
        status: 401,
      })
    }
    // 401 and other error bodies are not always JSON (§1.2); keep the text short.
    const reason =
      parseJson(text)?.error ?? (text.trim().slice(0, 200) || response.statusText)
    throw errorForStatus(response.status, `Plivo answered ${response.status}: ${reason}`)
  }
}

function readApplication(raw: Json): PlivoApplication {
  return {
    appId: String(raw.app_id),
    appName: String(raw.app_name ?? ''),
    answerUrl: String(raw.answer_url ?? ''),
    hangupUrl: String(raw.hangup_url ?? ''),
    fallbackAnswerUrl: raw.fallback_answer_url ? String(raw.fallback_answer_url) : null,
  }
}

function writeApplication(settings: ApplicationSettings): Json {
  return {
    app_name: settings.appName,
    answer_url: settings.answerUrl,
    answer_method: 'POST',
    hangup_url: settings.hangupUrl,
    hangup_method: 'POST',
    fallback_answer_url: settings.fallbackAnswerUrl ?? undefined,
    fallback_method: 'POST',
  }
}

function readEndpoint(raw: Json): PlivoEndpoint {
  // `application` is a resource path such as /v1/Account/MA…/Application/123/ (§1.4).
  const application = typeof raw.application === 'string' ? raw.application : ''
  return {
    endpointId: String(raw.endpoint_id),
    username: String(raw.username ?? ''),
    alias: String(raw.alias ?? ''),
    sipUri: raw.sip_uri ? String(raw.sip_uri) : null,
    appId: /\/Application\/([^/]+)\/?$/.exec(application)?.[1] ?? null,
  }
}

function parseJson(text: string): Json | undefined {
  try {
    const value = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Json) : undefined
  } catch {
    return undefined
  }
}

function dropUndefined(body: Json): Json {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  )
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause
  if (cause?.code) return cause.code
  if ((error as Error)?.name === 'TimeoutError') return 'timed out'
  return (error as Error)?.message ?? String(error)
}
