import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse as parseDotenv } from 'dotenv'
import { UserError, quote } from './errors.ts'

export const PLIVO_API_URL_DEFAULT = 'https://api.plivo.com'

export type Config = Readonly<{
  databaseUrl?: string
  dataDir: string
  plivoAuthId?: string
  plivoAuthToken?: string
  plivoApiUrl: string
  publicUrl?: string
  port: number
  logLevel: string
  /** The file the values came from, when there was one. */
  envFile?: string
}>

export type Env = Record<string, string | undefined>

/**
 * Reads the configuration once: the environment first, then `.env` in the working
 * directory for whatever the environment leaves unset. Nothing else reads process.env.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const envFile = resolve(cwd, '.env')
  const hasEnvFile = isFile(envFile)
  const fromFile = hasEnvFile ? parseDotenv(readFileSync(envFile)) : {}
  const value = (name: string) => nonEmpty(env[name]) ?? nonEmpty(fromFile[name])

  return Object.freeze({
    databaseUrl: value('DATABASE_URL'),
    dataDir: resolve(cwd, value('AIRCALL_DATA_DIR') ?? '.aircall'),
    plivoAuthId: value('PLIVO_AUTH_ID'),
    plivoAuthToken: value('PLIVO_AUTH_TOKEN'),
    plivoApiUrl: parseHttpUrl(
      value('PLIVO_API_URL') ?? PLIVO_API_URL_DEFAULT,
      'PLIVO_API_URL',
    ),
    publicUrl: value('PUBLIC_URL')?.replace(/\/+$/, ''),
    port: parsePort(value('PORT') ?? '3000', 'PORT'),
    logLevel: parseLogLevel(value('LOG_LEVEL') ?? 'info'),
    envFile: hasEnvFile ? envFile : undefined,
  })
}

export function parsePort(text: string, name: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(
      `${name} must be a port number from 0 to 65535, not ${quote(text)}`,
    )
  }
  return port
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function parseLogLevel(text: string): string {
  const level = text.toLowerCase()
  if (!LOG_LEVELS.includes(level)) {
    throw new UserError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${quote(text)}`,
    )
  }
  return level
}

/** An absolute http(s) URL without its trailing slashes. */
function parseHttpUrl(text: string, name: string): string {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new UserError(`${name} must be an absolute http(s) URL, not ${quote(text)}`)
  }
  return text.replace(/\/+$/, '')
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * What is wrong with a PUBLIC_URL, if anything. Webhook URLs are built by appending
 * `/plivo/answer` to it, so it must be an origin: a path, query or fragment would end up
 * in front of or inside every one of them (`…?x=1/plivo/answer`), and Plivo would get 404s.
 */
export function describeBadPublicUrl(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `must be an absolute http(s) URL, not ${quote(value)}`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must be an absolute http(s) URL, not ${quote(value)}`
  }
  // Credentials in it would be written into the Application's URLs for anyone to read.
  if (url.username || url.password) {
    return `must not carry a user name or password, not ${quote(url.origin)} with credentials`
  }
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value)) {
    return `must be the server's origin, with no path, query or fragment, not ${quote(value)}`
  }
  return undefined
}

/** Stops with one line when PUBLIC_URL cannot be the base of webhook URLs. */
export function assertPublicUrl(value: string): void {
  const problem = describeBadPublicUrl(value)
  if (problem) {
    throw new UserError(`PUBLIC_URL ${problem}`, {
      hint: 'for example https://calls.example.com',
    })
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  return trimmed ? trimmed : undefined
}
