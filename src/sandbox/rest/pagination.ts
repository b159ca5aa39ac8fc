import { invalid } from './errors.ts'
import { type Params, readText } from './params.ts'

export type Page = { limit: number; offset: number }

/** Plivo pages lists 1 to 20 at a time, 20 by default, from offset 0 (§1.2). */
export function readPage(params: Params): Page {
  return {
    limit: readInteger(params, 'limit', { fallback: 20, min: 1, max: 20 }),
    offset: readInteger(params, 'offset', {
      fallback: 0,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    }),
  }
}

/** The list envelope: `meta` with relative `next` / `previous` links, then the page. */
export function renderPage<T>(items: T[], page: Page, listPath: string) {
  const { limit, offset } = page
  const link = (to: number) => `${listPath}?limit=${limit}&offset=${to}`
  return {
    meta: {
      limit,
      next: offset + limit < items.length ? link(offset + limit) : null,
      offset,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      total_count: items.length,
    },
    objects: items.slice(offset, offset + limit),
  }
}

function readInteger(
  params: Params,
  name: string,
  rule: { fallback: number; min: number; max: number },
): number {
  const text = readText(params, name)
  if (text === undefined || text === '') return rule.fallback

  const value = Number(text)
  if (!Number.isInteger(value) || value < rule.min || value > rule.max)
    throw invalid(name, text)
  return value
}
