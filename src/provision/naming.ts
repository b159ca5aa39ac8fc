import { randomInt } from 'node:crypto'
import { slugify } from '../slug.ts'

/** A line or an app: each has exactly one SIP endpoint in Plivo. */
export type OwnerKind = 'line' | 'app'
export type Owner = { kind: OwnerKind; id: number }

// The alias names the installation and the row that own an endpoint: it is how a run
// finds an endpoint that a crashed run created but never recorded, and how --prune knows
// an endpoint is this database's. The installation (db/installation.ts) keeps a second
// database on the same Plivo account from taking the first one's endpoints for its own.
// Aliases allow letters, digits, `-` and `_`, up to 50 characters (contract §1.4).
const ALIAS_PATTERN = /^aircall-([0-9a-f]{8})-(line|app|caller)-(\d+)(?:-|$)/
const ALIAS_MAX = 50

/** `aircall-3f9a0c12-app-12-alice-smith-mobile`: installation and owner, then a name. */
export function aliasFor(installation: string, owner: Owner, name: string): string {
  const prefix = `aircall-${installation}-${owner.kind}-${owner.id}`
  const words = slugify(name)
  return (words ? `${prefix}-${words}` : prefix).slice(0, ALIAS_MAX).replace(/-+$/, '')
}

/** What an alias of this tool names: its installation, and a line, an app or the caller. */
export function readAlias(
  alias: string,
): { installation: string; kind: OwnerKind | 'caller'; id: number } | undefined {
  const match = ALIAS_PATTERN.exec(alias)
  if (!match) return undefined
  return {
    installation: match[1],
    kind: match[2] as OwnerKind | 'caller',
    id: Number(match[3]),
  }
}

/** The row an alias names, when this installation made the endpoint for a line or app. */
export function ownerOfAlias(alias: string, installation: string): Owner | undefined {
  const named = readAlias(alias)
  if (named?.installation !== installation || named.kind === 'caller') return undefined
  return { kind: named.kind, id: named.id }
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
