import { existsSync, readFileSync } from 'node:fs'
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
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {}
  const value = (name: string) => nonEmpty(env[name]) ?? nonEmpty(fromFile[name])

  return Object.freeze({
    databaseUrl: value('DATABASE_URL'),
    dataDir: resolve(cwd, value('AIRCALL_DATA_DIR') ?? '.aircall'),
    plivoAuthId: value('PLIVO_AUTH_ID'),
    plivoAuthToken: value('PLIVO_AUTH_TOKEN'),
    plivoApiUrl: (value('PLIVO_API_URL') ?? PLIVO_API_URL_DEFAULT).replace(/\/+$/, ''),
    publicUrl: value('PUBLIC_URL')?.replace(/\/+$/, ''),
    port: parsePort(value('PORT') ?? '3000', 'PORT'),
    logLevel: value('LOG_LEVEL') ?? 'info',
    envFile: existsSync(envFile) ? envFile : undefined,
  })
}

export function parsePort(text: string, name: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(`${name} must be a port number from 0 to 65535, not ${quote(text)}`)
  }
  return port
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  return trimmed ? trimmed : undefined
}
