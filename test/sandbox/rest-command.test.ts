import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { after, test } from 'node:test'
import { main } from '../../src/cli/main.ts'
import { runCli } from '../support/cli.ts'
import { createSandboxClient, forgetSandbox } from '../support/plivo-sdk.ts'

const credentials = { authId: 'MACOMMANDTEST0000001', authToken: 'command-token' }
const dataDir = mkdtempSync(join(tmpdir(), 'aircall-sandbox-command-'))

after(() => {
  forgetSandbox(credentials.authId)
  rmSync(dataDir, { recursive: true, force: true })
})

test('refuses to start without credentials, naming both variables', async () => {
  const result = await runCli(['sandbox', '--port', '0'])

  assert.equal(result.code, 1)
  assert.equal(result.stdout, '')
  assert.equal(
    result.stderr,
    'error: aircall sandbox needs PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN — set both (any letters and digits) in the environment or .env, as for the server\n',
  )
})

test('refuses an error rate above 1, naming the flag', async () => {
  const result = await runCli(['sandbox', '--error-rate', '1.5'], { env: environment() })

  assert.notEqual(result.code, 0)
  assert.match(result.stderr, /--error-rate takes a number from 0 to 1, not "1\.5"\./)
})

test('serves the SDK until interrupted, prints the URL to use and keeps the state', async () => {
  const interrupt = new AbortController()
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let printed = ''
  let logged = ''
  stderr.on('data', (chunk) => {
    logged += chunk
  })
  const url = new Promise<string>((resolve) => {
    stdout.on('data', (chunk) => {
      printed += chunk
      const match = /^PLIVO_API_URL=(\S+)$/m.exec(printed)
      if (match) resolve(match[1])
    })
  })
  const io = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: environment(),
    cwd: dataDir,
  }
  const exit = main(['sandbox', '--port', '0'], { ...io, interrupt: interrupt.signal })

  const plivo = createSandboxClient(await url, credentials)
  const created = await plivo.endpoints.create('desk', 'secret-1', 'desk')
  interrupt.abort()

  assert.equal(await exit, 0)
  assert.match(
    printed,
    /^Plivo sandbox listening on http:\/\/127\.0\.0\.1:\d+ for account MACOMMANDTEST0000001$/m,
  )
  assert.match(logged, /Sandbox stopped\.\n$/)
  assert.doesNotMatch(logged, /command-token|secret-1/)
  const state = JSON.parse(
    readFileSync(join(dataDir, 'data', 'sandbox', 'state.json'), 'utf8'),
  )
  assert.deepEqual(
    state.endpoints.map((endpoint: { endpointId: string }) => endpoint.endpointId),
    [created.endpointId],
  )
})

function environment() {
  return {
    PLIVO_AUTH_ID: credentials.authId,
    PLIVO_AUTH_TOKEN: credentials.authToken,
    AIRCALL_DATA_DIR: join(dataDir, 'data'),
  }
}
