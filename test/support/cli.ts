import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { main } from '../../src/cli/main.ts'

export type CliResult = { code: number; stdout: string; stderr: string }

export type CliOptions = {
  env?: Record<string, string | undefined>
  cwd?: string
  /** Pretend stdin and stdout are a terminal (prompts allowed, colour on unless NO_COLOR). */
  tty?: boolean
  /** Aborting it is Ctrl-C for commands that run until interrupted. */
  interrupt?: AbortSignal
}

/**
 * Runs the CLI in this process, as `aircall <args>` would, and captures what it prints.
 * The environment is exactly `options.env`: nothing leaks in from the test runner's.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const stdout = capture(options.tty)
  const stderr = capture(options.tty)
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty ?? false })

  const code = await main(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin,
    env: { ...options.env },
    cwd: options.cwd ?? emptyFolder(),
    interrupt: options.interrupt ?? new AbortController().signal,
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

// Runs start in an empty folder so that a developer's own .env never leaks into a test.
let empty: string | undefined
function emptyFolder(): string {
  empty ??= mkdtempSync(join(tmpdir(), 'aircall-cwd-'))
  return empty
}

function capture(tty = false) {
  const chunks: Buffer[] = []
  const stream = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 })
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}
