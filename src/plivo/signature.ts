import { createHmac, randomInt } from 'node:crypto'
import plivo from 'plivo'

/** Form fields or query parameters as Plivo sends them: strings, or lists for repeated keys. */
export type SignedParams = Readonly<Record<string, string | readonly string[]>>

export type HttpMethod = 'GET' | 'POST'

export type PlivoSignatureHeaders = {
  'X-Plivo-Signature-V3': string
  'X-Plivo-Signature-Ma-V3': string
  'X-Plivo-Signature-V3-Nonce': string
  'X-Plivo-Signature-V2': string
  'X-Plivo-Signature-Ma-V2': string
  'X-Plivo-Signature-V2-Nonce': string
}

export type SignRequest = {
  /** The exact URL called, query string included (a `#fragment` is ignored). */
  url: string
  method: HttpMethod
  /** The decoded form fields of a POST; for a GET, parameters not already in the URL. */
  params: SignedParams
  authToken: string
  /** The main account's token for the `Ma` headers; the same token for a main account. */
  mainAuthToken?: string
  nonce?: string
}

/**
 * Signs a webhook the way Plivo does (plivo-contract §4.1–4.2): V3 plus the legacy V2
 * headers, each also keyed with the main account's token.
 */
export function signPlivoRequest(request: SignRequest): PlivoSignatureHeaders {
  const nonce = request.nonce ?? createNonce()
  const mainAuthToken = request.mainAuthToken ?? request.authToken
  const v3 = { ...request, nonce }

  return {
    'X-Plivo-Signature-V3': computeV3Signature(v3),
    'X-Plivo-Signature-Ma-V3': computeV3Signature({ ...v3, authToken: mainAuthToken }),
    'X-Plivo-Signature-V3-Nonce': nonce,
    'X-Plivo-Signature-V2': computeV2Signature(request.url, nonce, request.authToken),
    'X-Plivo-Signature-Ma-V2': computeV2Signature(request.url, nonce, mainAuthToken),
    'X-Plivo-Signature-V2-Nonce': nonce,
  }
}

/** Real nonces are 20-digit strings (plivo-contract §4.1). */
export function createNonce(): string {
  let nonce = ''
  while (nonce.length < 20) nonce += String(randomInt(0, 10))
  return nonce
}

export function computeV3Signature(request: {
  url: string
  method: HttpMethod
  params: SignedParams
  nonce: string
  authToken: string
}): string {
  const base = buildV3Base(request.url, request.method, request.params)
  return hmacBase64(request.authToken, `${base}.${request.nonce}`)
}

/** V2 signs the URL without its query, then the nonce with no separator (§4.3). */
export function computeV2Signature(
  url: string,
  nonce: string,
  authToken: string,
): string {
  return hmacBase64(authToken, splitUrl(url).root + nonce)
}

/**
 * Checks an `X-Plivo-Signature-V3` header with the SDK's own validator, so the server
 * agrees with Plivo's reference. Never throws: a missing header is simply invalid.
 * For a GET, pass the full URL with its query and no params (plivo-contract §5 pitfall 2).
 */
export function isValidPlivoSignature(request: {
  url: string
  method: string
  params: SignedParams
  nonce: string | undefined
  signature: string | undefined
  authToken: string
}): boolean {
  const method = request.method.toUpperCase()
  if (!request.nonce || !request.signature || !request.authToken) return false
  // The SDK throws on anything but exactly GET or POST (plivo-contract §4.2).
  if (method !== 'GET' && method !== 'POST') return false

  // The SDK sorts list values in place; hand it copies so the caller's params stay as sent.
  const params = Object.fromEntries(
    Object.entries(request.params).map(([key, value]) => [key, copyValue(value)]),
  )
  return Boolean(
    plivo.validateV3Signature(
      method,
      request.url,
      request.nonce,
      request.authToken,
      request.signature,
      params,
    ),
  )
}

/**
 * The string Plivo signs before the nonce (plivo-contract §4.2): the URL root, then a
 * GET's merged sorted query, or a POST's own query followed by its fields as `keyvalue`.
 * The separators differ by case: `?` alone before the fields of a query-less POST.
 */
export function buildV3Base(
  url: string,
  method: HttpMethod,
  params: SignedParams,
): string {
  const { root, query } = splitUrl(url)
  const queryMap = parseQuery(query)

  if (method === 'GET') {
    mergeInto(queryMap, params)
    const queryString = joinQuery(queryMap)
    return queryString ? `${root}?${queryString}` : root
  }

  const queryString = joinQuery(queryMap)
  const fields = joinFields(params)
  if (!fields) return queryString ? `${root}?${queryString}` : root
  return queryString ? `${root}?${queryString}.${fields}` : `${root}?${fields}`
}

function splitUrl(url: string): { root: string; query: string } {
  const withoutFragment = url.split('#')[0]
  const questionMark = withoutFragment.indexOf('?')
  const beforeQuery =
    questionMark < 0 ? withoutFragment : withoutFragment.slice(0, questionMark)
  const query = questionMark < 0 ? '' : withoutFragment.slice(questionMark + 1)
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(beforeQuery)
    ? beforeQuery
    : `http://${beforeQuery}`

  // Credentials in the URL are not part of what Plivo signs.
  return { root: withScheme.replace(/^([^:]+:\/\/)[^/@]*@/, '$1'), query }
}

function parseQuery(query: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const [key, value] of new URLSearchParams(query)) {
    map.set(key, [...(map.get(key) ?? []), value])
  }
  return map
}

function mergeInto(map: Map<string, string[]>, params: SignedParams): void {
  for (const [key, value] of Object.entries(params)) {
    map.set(key, [...(map.get(key) ?? []), ...toList(value)])
  }
}

function joinQuery(map: Map<string, string[]>): string {
  return [...map.keys()]
    .sort()
    .flatMap((key) => [...(map.get(key) ?? [])].sort().map((value) => `${key}=${value}`))
    .join('&')
}

function joinFields(params: SignedParams): string {
  return Object.keys(params)
    .sort()
    .flatMap((key) =>
      toList(params[key])
        .sort()
        .map((value) => key + value),
    )
    .join('')
}

function toList(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value]
}

function copyValue(value: string | readonly string[]): string | string[] {
  return typeof value === 'string' ? value : [...value]
}

function hmacBase64(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('base64')
}
