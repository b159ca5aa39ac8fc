import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as pause } from 'node:timers/promises'
import { after, describe, it } from 'node:test'
import { runCli } from '../support/cli.ts'

const TOKEN = 'CommandTestAuthToken00000000000000000001'

describe('aircall server', () => {
  // The server serves the embedded database itself (a long-lived owner), so each run
  // gets a folder of its own that no other process of this test has opened.
  const dataDir = mkdtempSync(join(tmpdir(), 'aircall-server-command-'))
  const db = { env: { AIRCALL_DATA_DIR: dataDir } }
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('refuses to start without PUBLIC_URL, saying what to set', async () => {
    const result = await runCli(['server'], {
      env: { ...db.env, PLIVO_AUTH_TOKEN: TOKEN },
    })

    assert.equal(result.code, 1)
    assert.equal(result.stdout, '')
    assert.equal(
      result.stderr,
      'error: aircall server needs PUBLIC_URL — set it to the address Plivo calls, ' +
        'e.g. PUBLIC_URL=https://calls.example.com\n',
    )
  })

  it('refuses a PUBLIC_URL with a query or a path in one line: webhook URLs would break', async () => {
    for (const publicUrl of [
      'http://127.0.0.1:3000?x=1',
      'https://calls.example.com/sub',
    ]) {
      const result = await runCli(['server'], {
        env: { ...db.env, PLIVO_AUTH_TOKEN: TOKEN, PUBLIC_URL: publicUrl },
      })

      assert.equal(result.code, 1)
      assert.equal(result.stdout, '')
      assert.equal(
        result.stderr,
        `error: PUBLIC_URL must be the server's origin, with no path, query or fragment, not "${publicUrl}" — for example https://calls.example.com\n`,
      )
    }
  })

  it('refuses to start without PLIVO_AUTH_TOKEN, and never prints a token', async () => {
    const result = await runCli(['server'], {
      env: { ...db.env, PUBLIC_URL: 'https://calls.example.com' },
    })

    assert.equal(result.code, 1)
    assert.match(result.stderr, /aircall server needs PLIVO_AUTH_TOKEN/)
  })

  it('rejects a port that is not a number', async () => {
    const result = await runCli(['server', '--port', 'eighty'], { env: db.env })

    assert.notEqual(result.code, 0)
    assert.match(
      result.stderr,
      /--port takes a whole number from 0 to 65535, not "eighty"/,
    )
  })

  it('serves /health until interrupted, then stops cleanly', async () => {
    const port = await findFreePort()
    const interrupt = new AbortController()
    const running = runCli(['server', '--port', String(port), '--host', '127.0.0.1'], {
      env: {
        ...db.env,
        PUBLIC_URL: 'https://calls.example.com',
        PLIVO_AUTH_TOKEN: TOKEN,
      },
      interrupt: interrupt.signal,
    })

    const health = await Promise.race([
      waitForHealth(`http://127.0.0.1:${port}/health`),
      running.then((result) => {
        throw new Error(`the server ended early: ${result.stderr}`)
      }),
    ])
    interrupt.abort()
    const result = await running

    assert.deepEqual(health, {
      status: 'ok',
      database: { backend: 'embedded', state: 'up' },
      pendingWrites: 0,
    })
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, `aircall server listening on http://127.0.0.1:${port}\n`)
    assert.match(
      result.stderr,
      /Plivo answer URL: https:\/\/calls\.example\.com\/plivo\/answer/,
    )
    assert.equal(result.stderr.includes(TOKEN), false)
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

/** The server starts in the same process; its port answers within moments. */
async function waitForHealth(url: string): Promise<unknown> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    const response = await fetch(url).catch(() => undefined)
    if (response) return response.json()
    await pause(25)
  }
  throw new Error(`${url} never answered`)
}
