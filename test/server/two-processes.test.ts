import assert from 'node:assert/strict'
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { openDatabase } from '../../src/db/connect.ts'
import { migrateLatest } from '../../src/db/migrate.ts'
import { simulateCall } from '../../src/sandbox/call/simulate.ts'
import { type Company, insertCompany } from './company.ts'

const BIN = join(import.meta.dirname, '../../bin/aircall')
const TOKEN = 'TwoProcessesAuthToken00000000000000000001'

describe('the server and a command on one embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aircall-two-processes-'))
  let company: Company
  let server: ChildProcess
  let publicUrl: string
  let env: Record<string, string>
  let serverStderr = ''

  before(async () => {
    const database = openDatabase({ dataDir })
    await migrateLatest(database.knex)
    company = await insertCompany(database.knex)
    await database.close()

    const port = await findFreePort()
    publicUrl = `http://127.0.0.1:${port}`
    env = {
      PATH: process.env.PATH ?? '',
      AIRCALL_DATA_DIR: dataDir,
      PUBLIC_URL: publicUrl,
      PLIVO_AUTH_TOKEN: TOKEN,
      PORT: String(port),
    }
    server = spawn(process.execPath, [BIN, 'server', '--host', '127.0.0.1'], { env })
    server.stderr?.on('data', (chunk) => {
      serverStderr += String(chunk)
    })
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (chunk) => {
        if (String(chunk).includes('listening')) resolve()
      })
      server.once('exit', (code) =>
        reject(new Error(`aircall server exited with ${code}`)),
      )
    })
  })
  after(() => {
    if (server?.exitCode === null) server.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('lists a call the running server has just logged', async () => {
    const call = await simulateCall({
      answerUrl: `${publicUrl}/plivo/answer`,
      hangupUrl: `${publicUrl}/plivo/hangup`,
      authId: 'MATWOPROCESSES000001',
      authToken: TOKEN,
      to: company.lines.sales.sipUri,
      from: '14155550100',
      script: { answeredBy: company.apps.bobMobile },
    })
    assert.equal(call.ok, true, call.error)

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [BIN, 'calls', 'list', '--json'],
      { env },
    )

    const calls = JSON.parse(stdout) as Record<string, unknown>[]
    assert.equal(calls.length, 1)
    assert.equal(JSON.stringify(calls[0]).includes(call.callUuid), true)
    assert.equal(JSON.stringify(calls[0]).includes('answered'), true)
    assert.equal(JSON.stringify(calls[0]).includes('Bob'), true)
  })

  it('stops on Ctrl-C as every command does (exit code 130), after one log line per request', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve))
    server.kill('SIGINT')

    assert.equal(await exited, 130)
    assert.match(serverStderr, /Server stopped\.\n$/)
    const requests = serverStderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request')
    assert.ok(requests.length >= 4)
    assert.equal(serverStderr.includes(TOKEN), false)
  })
})

function findFreePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
