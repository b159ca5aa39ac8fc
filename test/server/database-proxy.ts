import { type Server, type Socket, connect, createServer } from 'node:net'

/**
 * A TCP relay between the server and its database, so a test can take the database
 * away mid-call (connections cut, new ones refused) and bring it back on the same port.
 */
export async function startDatabaseProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>()
  const pairs = new Set<[Socket, Socket]>()
  let server: Server | undefined
  let port = 0
  let isFrozen = false

  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }

  async function open(): Promise<void> {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host)
      track(client)
      track(upstream)
      client.once('close', () => upstream.destroy())
      upstream.once('close', () => client.destroy())
      const pair: [Socket, Socket] = [client, upstream]
      pairs.add(pair)
      client.once('close', () => pairs.delete(pair))
      if (isFrozen) client.pause()
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  }

  async function stop(): Promise<void> {
    const closing = new Promise((resolve) => server?.close(resolve))
    for (const socket of sockets) socket.destroy()
    await closing
  }

  /** A database that hangs: bytes stop flowing both ways, connections stay open. */
  function freeze(): void {
    isFrozen = true
    for (const [client, upstream] of pairs) {
      client.pause()
      upstream.pause()
    }
  }

  function thaw(): void {
    isFrozen = false
    for (const [client, upstream] of pairs) {
      client.resume()
      upstream.resume()
    }
  }

  await open()
  return {
    freeze,
    thaw,
    get url() {
      return `postgres://postgres@127.0.0.1:${port}/postgres`
    },
    stop,
    /** Takes the connections back, on the same port. */
    restart: open,
  }
}
