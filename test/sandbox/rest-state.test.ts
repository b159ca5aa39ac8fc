import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { UserError } from '../../src/errors.ts'
import { startSandbox } from '../../src/sandbox/start.ts'
import { createSandboxClient, forgetSandbox } from '../support/plivo-sdk.ts'

const credentials = { authId: 'MASTATETEST000000001', authToken: 'state-token' }
const dataDir = mkdtempSync(join(tmpdir(), 'aircall-sandbox-state-'))
const stateFile = join(dataDir, 'sandbox', 'state.json')
const clock = { now: () => Date.UTC(2026, 11, 3, 18, 0, 0), sleep: async () => {} }

after(() => {
  forgetSandbox(credentials.authId)
  rmSync(dataDir, { recursive: true, force: true })
})

test('a restarted sandbox still knows the applications and endpoints it created', async () => {
  const first = await startSandbox({ ...credentials, dataDir, clock })
  const before = createSandboxClient(first.url, credentials)
  const app = await before.applications.create('aircall', {
    answerUrl: 'https://calls.example.com/answer',
    hangupUrl: 'https://calls.example.com/hangup',
  })
  const endpoint = await before.endpoints.create('sales', 'secret-1', 'sales', app.appId)
  await first.close()

  const second = await startSandbox({ ...credentials, dataDir, clock })
  const plivo = createSandboxClient(second.url, credentials)
  const kept = await plivo.endpoints.get(endpoint.endpointId)
  const again = await plivo.endpoints.create('sales', 'secret-1', 'sales', app.appId)

  assert.equal(kept.username, 'sales261203180000')
  assert.equal(
    kept.application,
    `/v1/Account/${credentials.authId}/Application/${app.appId}/`,
  )
  assert.equal(
    (await plivo.applications.get(app.appId)).answerUrl,
    'https://calls.example.com/answer',
  )
  assert.equal(again.username, 'sales261203180001')
  await second.close()
})

test('the state file holds no password and no temporary file is left beside it', () => {
  const text = readFileSync(stateFile, 'utf8')

  assert.doesNotMatch(text, /secret-1/)
  assert.deepEqual(readdirSync(join(dataDir, 'sandbox')), ['state.json'])
})

test('a deletion is on disk as soon as it is answered', async () => {
  const sandbox = await startSandbox({ ...credentials, dataDir, clock })
  const plivo = createSandboxClient(sandbox.url, credentials)
  const [app] = await plivo.applications.list()
  await plivo.applications.delete(app.appId)
  const state = JSON.parse(readFileSync(stateFile, 'utf8'))
  await sandbox.close()

  assert.deepEqual(state, { applications: [], endpoints: [] })
})

test('without a data directory the state lives in memory only', async () => {
  const sandbox = await startSandbox({ ...credentials, clock })

  assert.equal(sandbox.store.file, undefined)
  await sandbox.close()
})

test('an unreadable state file stops the start with a message naming the file', async () => {
  const broken = mkdtempSync(join(tmpdir(), 'aircall-sandbox-broken-'))
  after(() => rmSync(broken, { recursive: true, force: true }))
  const file = join(broken, 'sandbox', 'state.json')
  await startSandbox({ ...credentials, dataDir: broken }).then((sandbox) =>
    sandbox.close(),
  )
  writeFileSync(file, '{"applications": [')

  await assert.rejects(startSandbox({ ...credentials, dataDir: broken }), (error) => {
    assert.ok(error instanceof UserError)
    assert.equal(error.message, `the sandbox state in ${file} is not readable`)
    assert.equal(
      error.hint,
      'delete that file to start the sandbox with an empty account',
    )
    return true
  })
})

test('a second sandbox on the same data directory stops with a message naming the first', async () => {
  const running = await startSandbox({ ...credentials, dataDir, clock })

  await assert.rejects(startSandbox({ ...credentials, dataDir, clock }), {
    message: `another sandbox (process ${process.pid}) keeps its state in ${stateFile}`,
    hint: 'stop it, or give this one another AIRCALL_DATA_DIR',
  })
  await running.close()
  const next = await startSandbox({ ...credentials, dataDir, clock })
  await next.close()
})

test('a lock left by a process that is gone does not stop the start', async () => {
  const gone = spawnSync(process.execPath, ['-e', '']).pid
  writeFileSync(join(dataDir, 'sandbox', 'state.lock'), String(gone))

  const sandbox = await startSandbox({ ...credentials, dataDir, clock })
  await sandbox.close()
  assert.deepEqual(readdirSync(join(dataDir, 'sandbox')), ['state.json'])
})

test('a clock that reads a fraction of a millisecond still gets answers', async () => {
  const fractional = { now: () => Date.UTC(2026, 11, 3, 18, 0, 0) + 0.25, sleep: async () => {} }
  const sandbox = await startSandbox({ ...credentials, clock: fractional })
  after(() => sandbox.close())

  const response = await fetch(`${sandbox.url}/v1/Account/${credentials.authId}/Endpoint/`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.authId}:${credentials.authToken}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ username: 'frac', password: 'secret1', alias: 'frac' }),
  })
  assert.equal(response.status, 201)
  const body = (await response.json()) as { api_id: string; username: string }
  assert.match(body.api_id, /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-/)
  assert.match(body.username, /^frac\d{12}$/)
})
