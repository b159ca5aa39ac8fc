import type { PGlite } from '@electric-sql/pglite'

// pglite-socket runs the protocol messages of all its connections through one PGlite
// session, switching connections between any two messages unless a transaction is open.
// The extended protocol spreads one query over several messages (Parse, Bind, Execute,
// Sync), so two connections could bind each other's statements. This queue gives the
// session to one connection until PGlite answers it ReadyForQuery with the idle status:
// the end of its query or of its transaction, whichever comes last.

type Pending = {
  handlerId: number
  message: Uint8Array
  onData: (chunk: Uint8Array) => void
  resolve: (bytes: number) => void
  reject: (error: unknown) => void
}

const READY_FOR_QUERY = 0x5a // 'Z'
const IDLE = 0x49 // 'I'

export class SessionQueue {
  private readonly db: PGlite
  private readonly pending: Pending[] = []
  private holder: number | null = null
  private draining = false

  constructor(db: PGlite) {
    this.db = db
  }

  enqueue(handlerId: number, message: Uint8Array, onData: Pending['onData']): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject })
      void this.drain()
    })
  }

  /** Called by pglite-socket when a connection goes away: its messages are dropped. */
  clearQueueForHandler(handlerId: number): void {
    for (const item of this.pending.filter((entry) => entry.handlerId === handlerId)) {
      this.pending.splice(this.pending.indexOf(item), 1)
      item.reject(new Error('the connection closed'))
    }
  }

  /** A connection that left mid-transaction gives the session back, rolled back. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.holder !== handlerId) return
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK')
    this.holder = null
    void this.drain()
  }

  getQueueLength(): number {
    return this.pending.length
  }

  private next(): Pending | undefined {
    const index =
      this.holder === null ? 0 : this.pending.findIndex((item) => item.handlerId === this.holder)
    return index < 0 ? undefined : this.pending.splice(index, 1)[0]
  }

  private async drain(): Promise<void> {
    if (this.draining) return
    this.draining = true
    try {
      for (let item = this.next(); item; item = this.next()) await this.run(item)
    } finally {
      this.draining = false
    }
  }

  private async run(item: Pending): Promise<void> {
    this.holder = item.handlerId
    let bytes = 0
    let tail: number[] = []
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (chunk: Uint8Array) => {
            bytes += chunk.length
            tail = [...tail, ...chunk.slice(-6)].slice(-6)
            item.onData(chunk)
          },
        }),
      )
      const [type, , , , length, status] = tail
      if (type === READY_FOR_QUERY && length === 5 && status === IDLE) this.holder = null
      item.resolve(bytes)
    } catch (error) {
      this.holder = null
      item.reject(error)
    }
  }
}
