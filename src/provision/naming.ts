import { randomInt } from 'node:crypto'
import { slugify } from '../slug.ts'

/** A line or an app: each has exactly one SIP endpoint in Plivo. */
export type OwnerKind = 'line' | 'app'
export type Owner = { kind: OwnerKind; id: number }

// The alias names the row that owns an endpoint: it is how a run finds an endpoint that
// a crashed run created but never recorded, and how --prune knows an endpoint is ours.
// Aliases allow letters, digits, `-` and `_`, up to 50 characters (contract §1.4).
const ALIAS_PATTERN = /^aircall-(line|app)-(\d+)(?:-|$)/
const ALIAS_MAX = 50

/** `aircall-app-12-alice-smith-mobile`: the owner first, then a name a person recognises. */
export function aliasFor(owner: Owner, name: string): string {
  const prefix = `aircall-${owner.kind}-${owner.id}`
  const words = slugify(name)
  return (words ? `${prefix}-${words}` : prefix).slice(0, ALIAS_MAX).replace(/-+$/, '')
}

/** The row an alias names, when this tool made the endpoint. */
export function ownerOfAlias(alias: string): Owner | undefined {
  const match = ALIAS_PATTERN.exec(alias)
  if (!match) return undefined
  return { kind: match[1] as OwnerKind, id: Number(match[2]) }
}

export function ownerKey(owner: Owner): string {
  return `${owner.kind}-${owner.id}`
}

/**
 * The username asked for: letters and digits, starting with a letter, at most 25
 * characters. Plivo appends digits to it, so the stored username is the one it returns.
 */
export function requestedUsername(owner: Owner, name: string): string {
  const letters = slugify(name).replace(/-/g, '')
  return `${owner.kind}${owner.id}${letters}`.slice(0, 25)
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

/**
 * 24 characters from a 56-letter alphabet (about 139 bits): strong, and easy to type into
 * a phone app. Plivo accepts 5 to 32 characters (contract §1.4).
 */
export function generateSipPassword(): string {
  let password = ''
  for (let i = 0; i < 24; i++)
    password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]
  return password
}
