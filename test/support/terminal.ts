import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import type { Io } from '../../src/cli/io.ts'

// An Io whose output is kept in memory as it is written (synchronously, so a test can
// read it the moment a command has printed), with a terminal of any width.

export type Terminal = { io: Io; stdout(): string; stderr(): string }

export function fakeTerminal(
  options: {
    env?: Record<string, string>
    columns?: number
    tty?: boolean
    interrupt?: AbortSignal
  } = {},
): Terminal {
  const stdout = collector(options)
  const stderr = collector(options)
  const io: Io = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Object.assign(new PassThrough(), { isTTY: options.tty ?? false }),
    env: { ...options.env },
    cwd: emptyFolder(),
    interrupt: options.interrupt ?? new AbortController().signal,
  }
  return { io, stdout: stdout.text, stderr: stderr.text }
}

// Commands run in an empty folder, so that a developer's own .env never leaks in.
let empty: string | undefined
function emptyFolder(): string {
  empty ??= mkdtempSync(join(tmpdir(), 'aircall-cwd-'))
  return empty
}

function collector(options: { columns?: number; tty?: boolean }) {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      done()
    },
  })
  Object.assign(stream, { isTTY: options.tty ?? false, columns: options.columns })
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}
