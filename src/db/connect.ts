import knexFactory, { type Knex } from 'knex'
import { UserError } from '../errors.ts'
import { EmbeddedHost } from './embedded-host.ts'

export type Database = {
  knex: Knex
  /** 'embedded' for the PGlite database in a folder, 'postgres' for DATABASE_URL. */
  backend: 'embedded' | 'postgres'
  /** Where the data lives, for messages: the folder or the URL without its password. */
  location: string
  close(): Promise<void>
}

export type DatabaseOptions = {
  databaseUrl?: string
  dataDir: string
  /** Largest number of pooled connections; the server wants a few, a command one. */
  poolSize?: number
  /** A process that runs for long (the server) serves the embedded database itself. */
  longLived?: boolean
}

// knex prints pool warnings with console.warn; our commands report failures themselves.
const quietLog = { warn() {}, error() {}, deprecate() {}, debug() {} }

/**
 * One database layer, two backends: knex's `pg` client either on DATABASE_URL or on the
 * loopback socket that serves the embedded PGlite database (see embedded-host.ts).
 */
export function openDatabase(options: DatabaseOptions): Database {
  const pool = { min: 0, max: options.poolSize ?? 4 }

  if (options.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: options.databaseUrl, connectionTimeoutMillis: 5000 },
      pool,
      log: quietLog,
    })
    return {
      knex,
      backend: 'postgres',
      location: redactUrl(options.databaseUrl),
      close: () => knex.destroy(),
    }
  }

  const host = new EmbeddedHost(options.dataDir, { longLived: options.longLived })
  const knex = knexFactory({
    client: 'pg',
    connection: async () => ({
      host: '127.0.0.1',
      port: await host.port(),
      user: 'postgres',
      database: 'postgres',
    }),
    pool,
    log: quietLog,
  })
  return {
    knex,
    backend: 'embedded',
    location: options.dataDir,
    async close() {
      await knex.destroy()
      await host.close()
    },
  }
}

/** Turns a driver's connection failure into one line that says what to do. */
export function describeConnectionError(
  error: unknown,
  database: Database,
): UserError | undefined {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string }
  const where = database.location
  const onPostgres = database.backend === 'postgres'

  if (code === '3D000') {
    return new UserError(`the database in DATABASE_URL does not exist (${where})`, {
      hint: 'create it first, e.g. createdb NAME, or fix the name in DATABASE_URL',
    })
  }
  if (code === '28000' || code === '28P01') {
    return new UserError(`Postgres refused the user in DATABASE_URL (${where})`, {
      hint: 'check the user name and password, and that the role exists',
    })
  }
  if (/does not support SSL/i.test(message)) {
    return new UserError(`the Postgres server at ${where} does not accept SSL`, {
      hint: 'remove sslmode=require (or ssl=true) from DATABASE_URL, or enable SSL on the server',
    })
  }
  const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']
  const cutOff = /timeout|terminated unexpectedly/i.test(message)
  if (!(code && unreachable.includes(code)) && !cutOff) return undefined
  return new UserError(`cannot reach the database at ${where} (${code ?? 'no answer'})`, {
    hint: onPostgres ? 'check DATABASE_URL and that Postgres is running' : undefined,
  })
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(an unparseable DATABASE_URL)'
  }
}
