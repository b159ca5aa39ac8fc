import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'

const aircall = join(import.meta.dirname, '../../bin/aircall')
const run = promisify(execFile)

async function spawnAircall(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(aircall, args, { env: { PATH: process.env.PATH, ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('the aircall executable', () => {
  it('answers --help without opening the database or loading the Plivo SDK', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'aircall-help-')), 'data')
    const result = await spawnAircall(['--help'], {
      AIRCALL_DATA_DIR: dataDir,
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(
        "process.on('exit',()=>{for(const k of Object.keys(require.cache??{}))if(k.includes('plivo'))process.stderr.write('plivo loaded')})",
      )}`,
    })
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /^Usage: aircall \[options\] \[command\]/)
    for (const command of ['db', 'users', 'lines', 'apps', 'provision', 'server', 'calls']) {
      assert.match(result.stdout, new RegExp(`\\n  ${command} `))
    }
    assert.equal(existsSync(dataDir), false, 'no database folder was created')
  })

  it('prints its version', async () => {
    const result = await spawnAircall(['--version'])
    assert.equal(result.code, 0)
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/)
  })

  it('exits 1 with one line for an unknown command', async () => {
    const result = await spawnAircall(['dial'])
    assert.equal(result.code, 1)
    assert.equal(result.stderr, "error: unknown command 'dial'\n")
  })

  it('lets two commands share the embedded database at the same moment', async () => {
    const env = { AIRCALL_DATA_DIR: mkdtempSync(join(tmpdir(), 'aircall-two-')) }
    await spawnAircall(['db', 'seed'], env)

    const results = await Promise.all([
      spawnAircall(['users', 'add', 'Maria'], env),
      spawnAircall(['users', 'add', 'Omar'], env),
      spawnAircall(['lines', 'list', '--json'], env),
    ])
    for (const result of results) assert.equal(result.code, 0, result.stderr)

    const users = await spawnAircall(['users', 'list', '--json'], env)
    const names = JSON.parse(users.stdout).map((user: { name: string }) => user.name)
    assert.deepEqual(names.sort(), ['Jane', 'Luke', 'Maria', 'Omar', 'Peter'])
    assert.equal(existsSync(join(env.AIRCALL_DATA_DIR, 'owner.json')), false, 'the lock is released')
  })
})
