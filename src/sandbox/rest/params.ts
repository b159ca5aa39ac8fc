import type { Context } from 'koa'
import type { HttpMethod } from '../store.ts'
import { invalid, missing } from './errors.ts'

export type Params = Record<string, unknown>

/**
 * A request's arguments. The SDK sends JSON bodies, even on DELETE; the docs put GET
 * and DELETE arguments in the query string; forms work too (§1.1). Body wins.
 */
export function readParams(ctx: Context): Params {
  const body = (ctx.request as { body?: unknown }).body
  const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? body : {}
  return { ...ctx.query, ...(fromBody as Params) }
}

export function readText(params: Params, name: string): string | undefined {
  const value = params[name]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  throw invalid(name, value)
}

export function requireText(params: Params, name: string): string {
  const value = readText(params, name)
  if (value === undefined || value === '') throw missing(name)
  return value
}

/** Plivo names, aliases and usernames: letters, digits and sometimes `-` / `_`. */
export function readName(
  params: Params,
  name: string,
  rule: { pattern: RegExp; maxLength: number },
): string | undefined {
  const value = readText(params, name)
  if (value === undefined) return undefined
  if (value.length > rule.maxLength || !rule.pattern.test(value))
    throw invalid(name, value)
  return value
}

/** JSON booleans from the SDK, `"true"` / `"false"` from forms and for `cascade`. */
export function readBoolean(params: Params, name: string): boolean | undefined {
  const value = params[name]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'false') return value === 'true'
  throw invalid(name, value)
}

export function readMethod(params: Params, name: string): HttpMethod | undefined {
  const value = readText(params, name)
  if (value === undefined || value === '') return undefined
  const method = value.toUpperCase()
  if (method !== 'GET' && method !== 'POST') throw invalid(name, value)
  return method
}

/** A webhook address: an absolute http(s) URL, or '' to leave it unset. */
export function readUrl(params: Params, name: string): string | undefined {
  const value = readText(params, name)
  if (value === undefined || value === '') return value
  if (!isHttpUrl(value)) throw invalid(name, value)
  return value
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
