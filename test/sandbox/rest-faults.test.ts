import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import type { FaultOptions, Sandbox } from '../../src/sandbox/start.ts'
import { startSandbox } from '../../src/sandbox/start.ts'
import { createSandboxClient, forgetSandbox } from '../support/plivo-sdk.ts'

const started: Sandbox[] = []
let accounts = 0

after(async () => {
  await Promise.all(started.map((sandbox) => sandbox.close()))
})

/** A sandbox of its own account, so each test's faults and counters start fresh. */
async function open(faults: FaultOptions = {}, clock = createManualClock()) {
  accounts += 1
  const credentials = {
    authId: `MAFAULTS${String(accounts).padStart(12, '0')}`,
    authToken: 'token',
  }
  const requests: string[] = []
  const logger = {
    info: (details: { method?: string; status?: number }) => {
      requests.push(`${details.method} ${details.status}`)
    },
    error: () => {},
  }
  const sandbox = await startSandbox({ ...credentials, faults, clock, logger })
  started.push(sandbox)
  const account = `${sandbox.url}/v1/Account/${credentials.authId}`
  const authorization = `Basic ${Buffer.from(`${credentials.authId}:token`).toString('base64')}`
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${account}${path}`, { ...init, headers: { authorization, ...init.headers } })
  return { sandbox, credentials, account, call, clock, requests }
}

describe('authentication', () => {
  test('answers 401 with a Plivo error body to a wrong token, and creates nothing', async () => {
    const { sandbox, credentials } = await open()
    const plivo = createSandboxClient(sandbox.url, { ...credentials, authToken: 'wrong' })

    await assert.rejects(plivo.endpoints.create('bob', 'secret-1', 'bob'), {
      status: 401,
      message: 'authentication failed',
    })
    assert.equal(sandbox.store.listEndpoints().length, 0)
    forgetSandbox(credentials.authId)
  })

  test('answers 401 and asks for Basic auth when no credentials are sent', async () => {
    const { account } = await open()
    const response = await fetch(`${account}/Endpoint/`)

    assert.equal(response.status, 401)
    assert.equal(response.headers.get('www-authenticate'), 'Basic realm="Plivo sandbox"')
    assert.equal((await response.json()).error, 'authentication failed')
  })

  test('answers 404 for another account, a path without its slash, or an unknown resource', async () => {
    const { call, sandbox, credentials } = await open()
    const authorization = `Basic ${Buffer.from(`${credentials.authId}:token`).toString('base64')}`
    const elsewhere = await fetch(`${sandbox.url}/v1/Account/MAOTHER/Endpoint/`, {
      headers: { authorization },
    })

    assert.equal(elsewhere.status, 404)
    assert.equal((await call('/Endpoint')).status, 404)
    const unknown = await call('/Number/')
    assert.equal(unknown.status, 404)
    assert.equal((await unknown.json()).error, 'not found')
  })

  test('answers 405 to a method the resource does not have', async () => {
    const { call } = await open()
    const response = await call('/Endpoint/', { method: 'PUT' })

    assert.equal(response.status, 405)
    assert.equal((await response.json()).error, 'method not allowed')
  })
})

describe('the rate limit', () => {
  test('answers 429 past the limit and accepts again when the 5-second window ends', async () => {
    const { call, clock } = await open({ rateLimit: 3 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await call('/Endpoint/')).status)
    clock.advance(4999)
    statuses.push((await call('/Endpoint/')).status)
    clock.advance(1)
    statuses.push((await call('/Endpoint/')).status)

    assert.deepEqual(statuses, [200, 200, 200, 429, 429, 200])
  })

  test('defaults to Plivo’s 300 requests per window', async () => {
    const { call } = await open()
    const statuses = new Set<number>()
    for (let i = 0; i < 300; i++) statuses.add((await call('/Application/')).status)
    const over = await call('/Application/')

    assert.deepEqual([...statuses], [200])
    assert.equal(over.status, 429)
    assert.equal((await over.json()).error, 'too many requests')
  })

  test('reaches the SDK as a plain error without a status, as Plivo’s does', async () => {
    const { sandbox, credentials } = await open({ rateLimit: 1 })
    const plivo = createSandboxClient(sandbox.url, credentials)
    await plivo.endpoints.list()

    await assert.rejects(
      plivo.endpoints.list(),
      (error: { status?: number; message: string }) => {
        assert.equal(error.status, undefined)
        assert.match(error.message, /status code 429/)
        return true
      },
    )
  })
})

describe('injected server errors', () => {
  test('fail the same share of requests for the same seed', async () => {
    const first = await open({ errorRate: 0.25, seed: 7 })
    const second = await open({ errorRate: 0.25, seed: 7 })
    const run = async (call: typeof first.call) => {
      const statuses = []
      for (let i = 0; i < 40; i++) statuses.push((await call('/Endpoint/')).status)
      return statuses
    }
    const statuses = await run(first.call)

    assert.deepEqual(await run(second.call), statuses)
    const failures = statuses.filter((status) => status === 500).length
    assert.ok(failures > 0 && failures < 40, `${failures} of 40 failed`)
    assert.deepEqual(new Set(statuses), new Set([200, 500]))
  })

  test('make the SDK try a create three times, and nothing is created', async () => {
    const { sandbox, credentials, requests } = await open({ errorRate: 1 })
    const plivo = createSandboxClient(sandbox.url, credentials)

    await assert.rejects(plivo.endpoints.create('bob', 'secret-1', 'bob'), {
      status: 500,
      message: 'internal server error',
    })
    assert.deepEqual(requests, ['POST 500', 'POST 500', 'POST 500'])
    assert.equal(sandbox.store.listEndpoints().length, 0)
  })

  test('given after the write, make the SDK create the endpoint three times', async () => {
    const { sandbox, credentials, requests } = await open({
      errorRate: 1,
      errorsAfterWrite: true,
    })
    const plivo = createSandboxClient(sandbox.url, credentials)

    await assert.rejects(plivo.endpoints.create('bob', 'secret-1', 'bob'), {
      status: 500,
    })
    assert.deepEqual(requests, ['POST 500', 'POST 500', 'POST 500'])
    assert.deepEqual(
      sandbox.store.listEndpoints().map((endpoint) => endpoint.alias),
      ['bob', 'bob', 'bob'],
    )
  })
})

describe('latency', () => {
  test('holds every answer for the configured time on the sandbox clock', async () => {
    const { call, clock } = await open({ latencyMs: 250 })
    let isAnswered = false
    const answer = call('/Endpoint/').then((response) => {
      isAnswered = true
      return response
    })

    await clock.sleeping()
    clock.advance(249)
    await turns(5)
    assert.equal(isAnswered, false)
    clock.advance(1)
    assert.equal((await answer).status, 200)
  })
})

/** A clock that moves only when told to; sleepers wake when it passes their time. */
function createManualClock(start = Date.UTC(2026, 11, 3, 18)) {
  let now = start
  let sleepers: { until: number; wake: () => void }[] = []
  let onSleep: (() => void) | undefined

  return {
    now: () => now,
    sleep(ms: number) {
      return new Promise<void>((wake) => {
        sleepers.push({ until: now + ms, wake })
        onSleep?.()
      })
    },
    advance(ms: number) {
      now += ms
      const due = sleepers.filter((sleeper) => sleeper.until <= now)
      sleepers = sleepers.filter((sleeper) => sleeper.until > now)
      for (const sleeper of due) sleeper.wake()
    },
    sleeping: () =>
      new Promise<void>((resolve) => {
        if (sleepers.length > 0) resolve()
        else onSleep = resolve
      }),
  }
}

/** Lets the event loop run a few times, so a request that could finish would. */
async function turns(count: number) {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve))
}
