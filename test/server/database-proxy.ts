import { type Server, type Socket, connect, createServer } from 'node:net'

/**
 * A TCP relay between the server and its database, so a test can take the database
 * away mid-call (connections cut, new ones refused) and bring it back on the same port.
 */
export async function startDatabaseProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0

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

  await open()
  return {
    get url() {
      return `postgres://postgres@127.0.0.1:${port}/postgres`
    },
    stop,
    /** Takes the connections back, on the same port. */
    restart: open,
  }
}
