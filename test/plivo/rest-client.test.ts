import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { PlivoRestClient } from '../../src/plivo/rest-client.ts'
import {
  PlivoAuthError,
  PlivoNetworkError,
  PlivoNotFoundError,
  PlivoRateLimitError,
  PlivoRequestError,
  PlivoServerError,
} from '../../src/plivo/rest-errors.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import { createSandboxClient, forgetSandbox } from '../support/plivo-sdk.ts'

const account = { authId: 'MARESTCLIENT00000001', authToken: 'rest-client-token' }
// 2026-12-03 17:45:09 UTC: the sandbox appends 261203174509 to usernames.
const clock = { now: () => Date.UTC(2026, 11, 3, 17, 45, 9), sleep: async () => {} }

let sandbox: Sandbox
let client: PlivoRestClient

before(async () => {
  sandbox = await startSandbox({ ...account, clock })
  client = new PlivoRestClient({ apiUrl: sandbox.url, ...account })
})

after(async () => {
  forgetSandbox(account.authId)
  await sandbox.close()
})

const settings = {
  appName: 'aircall',
  answerUrl: 'https://calls.example.com/plivo/answer',
  hangupUrl: 'https://calls.example.com/plivo/hangup',
  fallbackAnswerUrl: 'https://calls.example.com/plivo/fallback',
}

describe('applications', () => {
  test('a created application is listed with its three URLs, in camelCase', async () => {
    const { appId } = await client.createApplication(settings)

    const listed = (await client.listApplications()).find((app) => app.appId === appId)
    assert.deepEqual(listed, { appId, ...settings })
  })

  test('an update changes the URLs Plivo keeps', async () => {
    const { appId } = await client.createApplication({ ...settings, appName: 'renamed' })
    const moved = {
      ...settings,
      appName: 'renamed',
      answerUrl: 'https://new.example.com/a',
    }

    await client.updateApplication(appId, moved)

    assert.equal(
      sandbox.store.getApplication(appId)?.answerUrl,
      'https://new.example.com/a',
    )
  })
})

describe('endpoints', () => {
  test('a create returns the username Plivo made, and the list adds the SIP URI', async () => {
    const { appId } = await client.createApplication(settings)

    const made = await client.createEndpoint({
      username: 'line1sales',
      password: 'a-strong-password',
      alias: 'aircall-line-1-sales',
      appId,
    })

    assert.equal(made.username, 'line1sales261203174509')
    assert.match(made.endpointId, /^\d+$/)
    const listed = (await client.listEndpoints()).find(
      (e) => e.endpointId === made.endpointId,
    )
    assert.deepEqual(listed, {
      endpointId: made.endpointId,
      username: 'line1sales261203174509',
      alias: 'aircall-line-1-sales',
      sipUri: 'sip:line1sales261203174509@phone.plivo.com',
      appId,
    })
  })

  test('what the client creates reads the same through the official SDK', async () => {
    const made = await client.createEndpoint({
      username: 'app7alice',
      password: 'another-password',
      alias: 'aircall-app-7-alice-mobile',
    })

    const sdk = createSandboxClient(sandbox.url, account)
    const seen = await sdk.endpoints.get(made.endpointId)
    assert.equal(seen.username, made.username)
    assert.equal(seen.alias, 'aircall-app-7-alice-mobile')
    assert.equal((await client.getEndpoint(made.endpointId)).sipUri, seen.sipUri)
  })

  test('every page of a long list is read, not only the first 20', async () => {
    const before = (await client.listEndpoints()).length
    for (let i = 0; i < 45; i++) {
      sandbox.store.createEndpoint({
        username: `bulk${i}`,
        password: 'secret',
        alias: `bulk-${i}`,
      })
    }

    const endpoints = await client.listEndpoints()

    assert.equal(endpoints.length, before + 45)
    assert.equal(new Set(endpoints.map((e) => e.endpointId)).size, before + 45)
  })

  test('an update changes the alias and attaches the endpoint to an application', async () => {
    const { appId } = await client.createApplication({ ...settings, appName: 'other' })
    const made = await client.createEndpoint({
      username: 'x',
      password: 'secret',
      alias: 'x',
    })

    await client.updateEndpoint(made.endpointId, { alias: 'aircall-app-9', appId })

    const endpoint = await client.getEndpoint(made.endpointId)
    assert.equal(endpoint.alias, 'aircall-app-9')
    assert.equal(endpoint.appId, appId)
  })

  test('a deleted endpoint is gone: reading it fails as not found', async () => {
    const made = await client.createEndpoint({
      username: 'gone',
      password: 'secret',
      alias: 'g',
    })

    await client.deleteEndpoint(made.endpointId)

    await assert.rejects(client.getEndpoint(made.endpointId), PlivoNotFoundError)
  })

  test('a request Plivo finds invalid fails as a request error with its text', async () => {
    const error = await client
      .createEndpoint({
        username: '9starts-with-digit',
        password: 'secret',
        alias: 'bad',
      })
      .catch((caught) => caught)

    assert.ok(error instanceof PlivoRequestError)
    assert.equal(error.status, 400)
    assert.equal(error.isRetryable, false)
    assert.match(error.message, /^Plivo answered 400: /)
  })
})

describe('failures', () => {
  test('a wrong token is refused credentials, and the message does not carry the token', async () => {
    const wrong = new PlivoRestClient({
      apiUrl: sandbox.url,
      ...account,
      authToken: 'guess',
    })

    const error = await wrong.listEndpoints().catch((caught) => caught)

    assert.ok(error instanceof PlivoAuthError)
    assert.equal(error.message, 'Plivo refused the Auth ID and Auth Token')
    assert.equal(error.isRetryable, false)
  })

  test('a 429 and a 500 are retryable errors of their own kind', async () => {
    const limited = await startSandbox({ ...account, clock, faults: { rateLimit: 1 } })
    const failing = await startSandbox({ ...account, clock, faults: { errorRate: 1 } })
    try {
      const overLimit = new PlivoRestClient({ apiUrl: limited.url, ...account })
      await overLimit.listEndpoints()
      const refused = await overLimit.listEndpoints().catch((caught) => caught)
      const broken = await new PlivoRestClient({ apiUrl: failing.url, ...account })
        .listEndpoints()
        .catch((caught) => caught)

      assert.ok(refused instanceof PlivoRateLimitError)
      assert.equal(refused.isRetryable, true)
      assert.ok(broken instanceof PlivoServerError)
      assert.equal(broken.status, 500)
      assert.equal(broken.isRetryable, true)
    } finally {
      await limited.close()
      await failing.close()
    }
  })

  test('an address where nothing listens is a network error naming the URL', async () => {
    const closed = await startSandbox(account)
    const url = closed.url
    await closed.close()

    const error = await new PlivoRestClient({ apiUrl: url, ...account })
      .listEndpoints()
      .catch((caught) => caught)

    assert.ok(error instanceof PlivoNetworkError)
    assert.equal(error.message, `cannot reach Plivo at ${url} (ECONNREFUSED)`)
    assert.equal(error.isRetryable, true)
  })

  test('a 401 whose body is plain text still reads as refused credentials', async () => {
    // Plivo's 401 bodies have not always been JSON (contract §1.2).
    const server = createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain' })
      response.end('Authentication failed')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const error = await new PlivoRestClient({
        apiUrl: `http://127.0.0.1:${port}`,
        ...account,
      })
        .listEndpoints()
        .catch((caught) => caught)

      assert.ok(error instanceof PlivoAuthError)
    } finally {
      server.close()
    }
  })
})
