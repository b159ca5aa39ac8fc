import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/aircall', import.meta.url))

type Exit = { code: number | null; stdout: string; stderr: string }

// The real executable in its own process: what a person runs after `npm install`. Its
// temporary folders go to a folder of the test's own, so that what is left is visible.
describe('bin/aircall demo as a process', () => {
  const folders: string[] = []
  const newFolder = (prefix: string) => {
    const folder = mkdtempSync(join(tmpdir(), prefix))
    folders.push(folder)
    return folder
  }
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  })

  function startDemo(temp: string): ChildProcess {
    return spawn(process.execPath, [BIN, 'demo'], {
      cwd: newFolder('aircall-demo-cwd-'),
      env: { PATH: process.env.PATH, TMPDIR: temp },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  }

  it('exits 0 on its own, leaving no temporary folder and no listening port', async () => {
    const temp = newFolder('aircall-demo-tmp-')
    const exit = await waitForExit(startDemo(temp))

    assert.equal(exit.code, 0, exit.stderr)
    assert.match(exit.stdout, /The history, as `aircall calls list` prints it:\n/)
    assert.ok(!`${exit.stdout}${exit.stderr}`.includes('\u001b'), 'no colour on a pipe')
    assert.deepEqual(leftBehind(temp), [])
    for (const url of listenedOn(exit.stderr)) {
      assert.equal(await isListening(url), false, `${url} still answers`)
    }
  })

  it('stops everything it started on Ctrl-C and exits 130', async () => {
    const temp = newFolder('aircall-demo-tmp-')
    const child = startDemo(temp)
    child.stdout?.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('Call 1 of 4')) child.kill('SIGINT')
    })
    const exit = await waitForExit(child)

    assert.equal(exit.code, 130, exit.stderr)
    assert.deepEqual(leftBehind(temp), [])
    for (const url of listenedOn(exit.stderr)) {
      assert.equal(await isListening(url), false, `${url} still answers`)
    }
  })
})

function waitForExit(child: ChildProcess): Promise<Exit> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The demo's own folders; tsx keeps its compile cache in the same temporary folder. */
function leftBehind(temp: string): string[] {
  return readdirSync(temp).filter((name) => name.startsWith('aircall-'))
}

/** The sandbox's and the server's addresses, as the demo announced them. */
function listenedOn(stderr: string): URL[] {
  const urls = [...stderr.matchAll(/ on (http:\/\/127\.0\.0\.1:\d+)/g)]
  assert.equal(urls.length, 2, stderr)
  return urls.map((match) => new URL(match[1]))
}

function isListening(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
