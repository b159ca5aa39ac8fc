import { type HttpMethod, signPlivoRequest } from '../../plivo/signature.ts'

export type WebhookParams = Readonly<Record<string, string>>

export type WebhookRequest = {
  url: string
  method: HttpMethod
  params: WebhookParams
  authToken: string
  /** Read timeout when the URL carries no `#rt=`; Plivo's default is 40 s (§2.9). */
  timeoutMs?: number
}

export type WebhookResponse = { status: number; body: string; attempts: number }

/** Why a webhook gave no usable answer: Plivo's 7xxx hangup causes come from these. */
export class WebhookError extends Error {
  override name = 'WebhookError'
  readonly status?: number
  readonly attempts: number

  constructor(message: string, options: { status?: number; attempts: number }) {
    super(message)
    this.status = options.status
    this.attempts = options.attempts
  }
}

type Failure = 'ct' | 'rt' | '4xx' | '5xx'

/**
 * Delivers a webhook the way Plivo does: a signed form POST (or a GET with the parameters
 * in the query), the URL's `#ct/rt/rc/rp` fragment honoured and never sent (§2.9), and
 * by default one retry after a connect or read timeout, none after a 4xx or 5xx.
 */
export async function sendWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const [address, fragment = ''] = request.url.split('#', 2)
  if (!URL.canParse(address)) {
    throw new WebhookError(`${JSON.stringify(address)} is not a URL`, { attempts: 0 })
  }
  const settings = new URLSearchParams(fragment.replaceAll(',', '%2C'))
  const retries = clamp(Number(settings.get('rc') ?? 1), 0, 5)
  const retryOn = (settings.get('rp') ?? 'ct,rt').split(',')
  const timeoutMs = clamp(
    Number(settings.get('rt') ?? request.timeoutMs ?? 40_000),
    100,
    40_000,
  )

  for (let attempt = 1; ; attempt++) {
    const outcome = await deliverOnce(address, request, timeoutMs)
    if ('body' in outcome) return { ...outcome, attempts: attempt }

    const canRetry = retryOn.includes(outcome.failure) || retryOn.includes('all')
    if (attempt > retries || !canRetry) {
      throw new WebhookError(outcome.message, {
        status: outcome.status,
        attempts: attempt,
      })
    }
  }
}

async function deliverOnce(
  address: string,
  request: WebhookRequest,
  timeoutMs: number,
): Promise<
  | { status: number; body: string }
  | { failure: Failure; message: string; status?: number }
> {
  const url = request.method === 'GET' ? withQuery(address, request.params) : address
  const signed = { url, method: request.method, authToken: request.authToken }
  const headers = signPlivoRequest({
    ...signed,
    params: request.method === 'GET' ? {} : request.params,
  })

  let response: Response
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        ...headers,
        'User-Agent': 'PlivoHTTP/1.0 (aircall sandbox)',
        ...(request.method === 'POST' && {
          'Content-Type': 'application/x-www-form-urlencoded',
        }),
      },
      body: request.method === 'POST' ? new URLSearchParams(request.params) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const isTimeout = error instanceof Error && error.name === 'TimeoutError'
    if (isTimeout) return { failure: 'rt', message: `no answer within ${timeoutMs} ms` }
    return { failure: 'ct', message: `could not connect (${describeCause(error)})` }
  }

  const body = await response.text().catch(() => '')
  if (response.ok) return { status: response.status, body }
  const failure = response.status >= 500 ? '5xx' : '4xx'
  return { failure, status: response.status, message: `answered HTTP ${response.status}` }
}

function withQuery(address: string, params: WebhookParams): string {
  const url = new URL(address)
  for (const [key, value] of Object.entries(params)) url.searchParams.append(key, value)
  return url.toString()
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause ?? error) : error
  if (cause instanceof Error && 'code' in cause) return String(cause.code)
  return cause instanceof Error ? cause.message : String(cause)
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min
}
