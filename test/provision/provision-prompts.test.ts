import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PassThrough } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { main } from '../../src/cli/main.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import { type TestDatabase, createTestDatabase } from '../support/database.ts'
import { type Terminal, fakeTerminal } from '../support/terminal.ts'

const account = { authId: 'MAPROVISIONTTY000001', authToken: 'provision-tty-token' }

describe('aircall provision on a terminal', () => {
  let test: TestDatabase
  let sandbox: Sandbox

  before(async () => {
    test = await createTestDatabase('embedded')
    await test.reset({ seed: true })
    sandbox = await startSandbox(account)
  })
  after(async () => {
    await sandbox.close()
    await test.destroy()
  })

  function terminalWith(env: Record<string, string>): Terminal {
    const terminal = fakeTerminal({
      tty: true,
      env: { ...test.env, PLIVO_API_URL: sandbox.url, NO_COLOR: '1', ...env },
    })
    terminal.io.cwd = mkdtempSync(join(tmpdir(), 'aircall-provision-tty-'))
    return terminal
  }

  it('asks for a missing token without echoing it, and saves it to .env when told', async () => {
    const terminal = terminalWith({
      PLIVO_AUTH_ID: account.authId,
      PUBLIC_URL: 'https://x.example.com',
    })

    const running = main(['provision', '--dry-run'], terminal.io)
    await answer(terminal, '? Plivo Auth Token', `${account.authToken}\r`)
    await answer(terminal, '✔ Plivo Auth Token', 'y\r')

    assert.equal(await running, 0, terminal.stderr())
    assert.doesNotMatch(terminal.stdout(), new RegExp(account.authToken))
    assert.match(terminal.stdout(), /Dry run: nothing was changed\./)
    const envFile = join(terminal.io.cwd, '.env')
    assert.equal(readFileSync(envFile, 'utf8'), `PLIVO_AUTH_TOKEN=${account.authToken}\n`)
    assert.equal(statSync(envFile).mode & 0o777, 0o600)
  })

  it('changes nothing when the person declines the plan', async () => {
    const terminal = terminalWith({
      PLIVO_AUTH_ID: account.authId,
      PLIVO_AUTH_TOKEN: account.authToken,
      PUBLIC_URL: 'https://x.example.com',
    })

    const running = main(['provision'], terminal.io)
    await answer(terminal, '? Apply these changes to Plivo?', 'n\r')

    assert.equal(await running, 1)
    assert.match(
      terminal.stderr(),
      /^error: nothing was changed — run again and answer yes, or pass --yes\n$/,
    )
    assert.equal(sandbox.store.listEndpoints().length, 0)
  })
})

/**
 * Types an answer once `shown` is on the screen. Inquirer reads the next prompt's keys
 * only after it has let go of the previous one, a few turns of the event loop later.
 */
async function answer(terminal: Terminal, shown: string, keys: string): Promise<void> {
  while (!terminal.stdout().includes(shown)) await turn()
  for (let i = 0; i < 100; i++) await turn()
  const stdin = terminal.io.stdin as PassThrough
  stdin.write(keys)
}

const turn = () => new Promise((resolve) => setImmediate(resolve))
