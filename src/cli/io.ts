import type { Readable, Writable } from 'node:stream'
import type { Env } from '../config.ts'

type TerminalStream = { isTTY?: boolean; columns?: number }

/** The process's streams and environment, passed in so that tests can run the CLI in-process. */
export type Io = {
  stdout: Writable & TerminalStream
  stderr: Writable & TerminalStream
  stdin: Readable & TerminalStream
  env: Env
  cwd: string
  /** Aborted on Ctrl-C, for commands that run until interrupted (server, sandbox, --follow). */
  interrupt: AbortSignal
  /** Set by such a command: Ctrl-C then stops it gracefully instead of ending the process. */
  interruptHandled?: boolean
}

export function processIo(interrupt: AbortSignal): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    interrupt,
  }
}
