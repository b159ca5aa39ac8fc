import { processIo } from './io.ts'
import { main } from './main.ts'

/**
 * Runs the CLI for this process. Ctrl-C ends a command with the conventional 130; a
 * long-running command that handles it (the server, say) first stops gracefully.
 */
export async function runFromProcess(): Promise<void> {
  const interrupt = new AbortController()
  const io = processIo(interrupt.signal)

  process.on('SIGINT', () => {
    if (!io.interruptHandled || interrupt.signal.aborted) {
      process.stderr.write('\n')
      process.exit(130)
    }
    interrupt.abort()
  })
  process.on('SIGTERM', () => interrupt.abort())
  // A reader that goes away (`aircall calls list | head`) is not a failure of ours.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      if (io.interruptHandled) interrupt.abort()
      else process.exit(0)
    })
  }

  const code = await main(process.argv.slice(2), io)
  process.exitCode = interrupt.signal.aborted && code === 0 ? 130 : code
}
