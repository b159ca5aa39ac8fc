import {
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
  closeSync,
} from 'node:fs'
import { join } from 'node:path'
import type { Server } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { PGlite } from '@electric-sql/pglite'
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { UserError } from '../errors.ts'
import { isProcessAlive } from '../process-alive.ts'
import { SessionQueue } from './embedded-session-queue.ts'

// PGlite serves one connection inside one process. The process that opens the embedded
// database also serves it over a loopback Postgres socket (pglite-socket multiplexes
// connections and keeps transactions apart), and every aircall process, that one
// included, talks to it through `pg`. A lock file in the data directory names the
// serving process and its port, so a second process connects instead of opening the
// files twice. A process that stops serving first lets the others finish (they hold
// their connections only for one command), and a long-running process (the server) waits
// for a short-lived owner to finish rather than depend on it; when the serving process
// goes away anyway, the next connection takes over.

const OWNER_FILE = 'owner.json'
const START_WAIT_MS = 60_000
const CLIENTS_WAIT_MS = 15_000

type Owner = { pid: number; port?: number; longLived?: boolean }

export class EmbeddedHost {
  readonly dataDir: string
  private pglite?: PGlite
  private socketServer?: PGLiteSocketServer
  private ownPort?: number
  private ownsLock = false
  private starting?: Promise<number>

  private readonly longLived: boolean

  constructor(dataDir: string, options: { longLived?: boolean } = {}) {
    this.dataDir = dataDir
    this.longLived = options.longLived ?? false
  }

  get ownerFile(): string {
    return join(this.dataDir, OWNER_FILE)
  }

  /** The loopback port that serves the database, opening it here when nobody does. */
  async port(): Promise<number> {
    if (this.ownPort !== undefined) return this.ownPort
    this.starting ??= this.findOrServe().finally(() => {
      this.starting = undefined
    })
    return this.starting
  }

  private async findOrServe(): Promise<number> {
    mkdirSync(this.dataDir, { recursive: true })
    const deadline = Date.now() + START_WAIT_MS

    while (Date.now() < deadline) {
      if (this.claimOwnerFile()) {
        this.ownsLock = true
        return this.serve()
      }

      const owner = this.readOwner()
      if (owner && !isProcessAlive(owner.pid)) {
        removeQuietly(this.ownerFile)
        continue
      }
      // A long-running process would lose its connections when a one-command owner ends,
      // so it waits for that command to finish and serves the database itself; inside one
      // process (tests, the demo) the owner lives as long as its user anyway.
      const ownerOutlivesUs =
        owner?.longLived || !this.longLived || owner?.pid === process.pid
      if (owner?.port && ownerOutlivesUs) return owner.port
      await sleep(50)
    }
    throw new UserError(`the embedded database in ${this.dataDir} did not open in time`, {
      hint: `another aircall process may be stuck; stop it, or remove ${this.ownerFile} if none runs`,
    })
  }

  private claimOwnerFile(): boolean {
    try {
      closeSync(openSync(this.ownerFile, 'wx'))
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw error
    }
  }

  private readOwner(): Owner | undefined {
    try {
      const owner = JSON.parse(readFileSync(this.ownerFile, 'utf8')) as Owner
      return typeof owner.pid === 'number' ? owner : undefined
    } catch {
      return undefined
    }
  }

  private async serve(): Promise<number> {
    writeFileSync(this.ownerFile, JSON.stringify({ pid: process.pid }))
    process.once('exit', this.releaseOnExit)
    try {
      // Loaded here so that commands that never touch the database stay fast.
      const { PGlite } = await import('@electric-sql/pglite')
      const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
      this.pglite = await PGlite.create(join(this.dataDir, 'pgdata'))
      this.socketServer = new PGLiteSocketServer({
        db: this.pglite,
        host: '127.0.0.1',
        port: 0,
        maxConnections: 64,
      })
      // Replaces the library's queue before any connection arrives; see the queue's file.
      Object.assign(this.socketServer, { queryQueue: new SessionQueue(this.pglite) })
      await this.socketServer.start()
      const address = (
        this.socketServer as unknown as { server: Server }
      ).server.address()
      if (!address || typeof address === 'string')
        throw new Error('socket server has no port')
      this.ownPort = address.port
      const owner: Owner = {
        pid: process.pid,
        port: this.ownPort,
        longLived: this.longLived,
      }
      writeFileSync(this.ownerFile, JSON.stringify(owner))
      return this.ownPort
    } catch (error) {
      await this.close()
      throw new UserError(`could not open the embedded database in ${this.dataDir}`, {
        hint: `check that the folder is writable, or set DATABASE_URL (${(error as Error).message})`,
        cause: error,
      })
    }
  }

  private releaseOnExit = () => {
    if (this.ownsLock) removeQuietly(this.ownerFile)
  }

  /**
   * Stops serving, closes the files and frees the lock, when this process holds them.
   * Other processes still connected get a moment to finish their command first.
   */
  async close(): Promise<void> {
    await this.waitForOtherClients()
    const { socketServer, pglite } = this
    this.socketServer = undefined
    this.pglite = undefined
    this.ownPort = undefined
    process.off('exit', this.releaseOnExit)
    await socketServer?.stop().catch(() => {})
    await pglite?.close().catch(() => {})
    if (this.ownsLock) removeQuietly(this.ownerFile)
    this.ownsLock = false
  }

  private async waitForOtherClients(): Promise<void> {
    const server = this.socketServer
    if (!server) return
    const deadline = Date.now() + CLIENTS_WAIT_MS
    while (server.getStats().activeConnections > 0 && Date.now() < deadline)
      await sleep(50)
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}
