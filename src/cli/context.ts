import type { ChalkInstance } from 'chalk'
import { type Config, loadConfig } from '../config.ts'
import { type Database, openDatabase } from '../db/connect.ts'
import { migrateLatest } from '../db/migrate.ts'
import { UserError } from '../errors.ts'
import type { Io } from './io.ts'
import { colorsFor, renderJson } from './output.ts'

/**
 * What a command gets: the configuration (read once, on first use), the streams, colour,
 * and the database, opened on first use and closed by main when the command ends.
 */
export class CliContext {
  readonly io: Io
  readonly verbose: boolean
  private loadedConfig?: Config
  private openedDatabase?: Database
  private migrated = false

  constructor(io: Io, options: { verbose?: boolean } = {}) {
    this.io = io
    this.verbose = options.verbose ?? false
  }

  get config(): Config {
    this.loadedConfig ??= loadConfig(this.io.env, this.io.cwd)
    return this.loadedConfig
  }

  get colors(): ChalkInstance {
    return colorsFor(this.io, 'stdout')
  }

  get errorColors(): ChalkInstance {
    return colorsFor(this.io, 'stderr')
  }

  /** Prompts need a person at a terminal: inquirer would wait forever on an idle pipe. */
  get isInteractive(): boolean {
    return Boolean(this.io.stdin.isTTY && this.io.stdout.isTTY)
  }

  /** Results go to stdout. */
  print(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  printJson(value: unknown): void {
    this.io.stdout.write(renderJson(value))
  }

  /** Everything that is not the result (progress, notices) goes to stderr. */
  note(text: string): void {
    this.io.stderr.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  /**
   * The database, with the schema brought up to date: a new user's first command works
   * without a separate `db migrate`.
   */
  async database(
    options: { migrate?: boolean; poolSize?: number; longLived?: boolean } = {},
  ): Promise<Database> {
    const { databaseUrl, dataDir } = this.config
    this.openedDatabase ??= openDatabase({
      databaseUrl,
      dataDir,
      poolSize: options.poolSize,
      longLived: options.longLived,
    })
    if (options.migrate !== false && !this.migrated) {
      await migrateLatest(this.openedDatabase.knex)
      this.migrated = true
    }
    return this.openedDatabase
  }

  /**
   * For commands that run until Ctrl-C (or SIGTERM): resolves then, so that the command
   * can close what it opened before the process ends.
   */
  untilInterrupted(): Promise<void> {
    const { interrupt } = this.io
    this.io.interruptHandled = true
    if (interrupt.aborted) return Promise.resolve()
    return new Promise((resolve) =>
      interrupt.addEventListener('abort', () => resolve(), { once: true }),
    )
  }

  /** Fails fast, naming the flag, when a command would need to ask and nobody can answer. */
  requireInteractive(flag: string, question: string): void {
    if (!this.isInteractive) {
      throw new UserError(`${question} needs a terminal to confirm`, {
        hint: `pass ${flag} to go ahead without asking`,
      })
    }
  }

  /** The database if one was opened, so that a connection failure can be explained. */
  get openedDatabaseForErrors(): Database | undefined {
    return this.openedDatabase
  }

  async close(): Promise<void> {
    const database = this.openedDatabase
    this.openedDatabase = undefined
    await database?.close()
  }
}
