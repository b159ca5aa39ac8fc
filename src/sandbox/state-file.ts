import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../errors.ts'

/**
 * The sandbox's state on disk, `<dataDir>/sandbox/state.json`. Writes go through a
 * temporary file and a rename, so a crash never leaves half a file. One sandbox owns it
 * at a time (a lock file holds its process id): two writing the same file would each
 * drop the other's changes.
 */
export class StateFile {
  readonly path: string
  private readonly lockPath: string

  private constructor(folder: string) {
    this.path = join(folder, 'state.json')
    this.lockPath = join(folder, 'state.lock')
  }

  static claim(dataDir: string): StateFile {
    const folder = join(dataDir, 'sandbox')
    mkdirSync(folder, { recursive: true })
    const file = new StateFile(folder)
    file.lock()
    return file
  }

  /** The saved value, undefined when there is none yet; `isValid` checks its shape. */
  read<T>(isValid: (value: unknown) => value is T): T | undefined {
    const text = readOptional(this.path)
    if (text === undefined) return undefined

    const value = parseJson(text)
    if (isValid(value)) return value
    this.release()
    throw new UserError(`the sandbox state in ${this.path} is not readable`, {
      hint: 'delete that file to start the sandbox with an empty account',
    })
  }

  write(value: unknown) {
    const temporary = `${this.path}.${process.pid}.tmp`
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`)
    renameSync(temporary, this.path)
  }

  release() {
    if (readOptional(this.lockPath) === String(process.pid))
      rmSync(this.lockPath, { force: true })
  }

  /** A lock left by a process that is gone is taken over; a live one stops the start. */
  private lock() {
    for (;;) {
      try {
        writeFileSync(this.lockPath, String(process.pid), { flag: 'wx' })
        return
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error
      }
      const owner = Number(readOptional(this.lockPath))
      if (isRunning(owner)) {
        throw new UserError(
          `another sandbox (process ${owner}) keeps its state in ${this.path}`,
          {
            hint: 'stop it, or give this one another AIRCALL_DATA_DIR',
          },
        )
      }
      rmSync(this.lockPath, { force: true })
    }
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined
    throw error
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
