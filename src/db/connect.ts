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
export function describeConnectionError(error: unknown, database: Database): UserError | undefined {
  const code = (error as { code?: string })?.code
  const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '3D000', '28P01', '28000']
  const timedOut = /timeout/i.test(String((error as Error)?.message))
  if (!code || (!unreachable.includes(code) && !timedOut)) return undefined
  return new UserError(`cannot reach the database at ${database.location} (${code ?? 'timeout'})`, {
    hint: database.backend === 'postgres' ? 'check DATABASE_URL and that Postgres is running' : undefined,
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
