import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import {
  type SandboxClient,
  createSandboxClient,
  forgetSandbox,
} from '../support/plivo-sdk.ts'

const credentials = { authId: 'MAENDPOINTTEST000001', authToken: 'endpoint-token' }
const account = `/v1/Account/${credentials.authId}`
// 2026-12-03 17:45:09 UTC: Plivo's suffix for an endpoint made then is 261203174509.
const createdAt = Date.UTC(2026, 11, 3, 17, 45, 9)
const clock = { now: () => createdAt, sleep: async () => {} }

let sandbox: Sandbox
let plivo: SandboxClient
let appId: string

before(async () => {
  sandbox = await startSandbox({ ...credentials, clock })
  plivo = createSandboxClient(sandbox.url, credentials)
  appId = sandbox.store.createApplication({
    ...defaultApplication,
    appName: 'aircall',
    answerUrl: 'https://calls.example.com/answer',
  }).appId
})

after(async () => {
  forgetSandbox(credentials.authId)
  await sandbox.close()
})

describe('creating an endpoint', () => {
  test('answers 201 with the username Plivo made, the alias and a numeric endpoint id', async () => {
    const response = await post('/Endpoint/', {
      username: 'sales',
      password: 'secret-1',
      alias: 'Sales-line',
      app_id: appId,
    })

    assert.equal(response.status, 201)
    const body = await response.json()
    assert.deepEqual(Object.keys(body), [
      'username',
      'alias',
      'message',
      'endpoint_id',
      'api_id',
    ])
    assert.equal(body.username, 'sales261203174509')
    assert.equal(body.alias, 'Sales-line')
    assert.equal(body.message, 'created')
    assert.match(body.endpoint_id, /^[1-9][0-9]{13}$/)
    assert.match(
      body.api_id,
      /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
  })

  test('gives the same name asked twice in one second two different usernames', async () => {
    const first = await plivo.endpoints.create('twin', 'secret-1', 'twin')
    const second = await plivo.endpoints.create('twin', 'secret-1', 'twin')

    assert.equal(first.username, 'twin261203174509')
    assert.equal(second.username, 'twin261203174510')
    assert.notEqual(first.endpointId, second.endpointId)
  })

  test('attaches the endpoint to the default endpoint application when no app_id is given', async () => {
    const fallback = sandbox.store.createApplication({
      ...defaultApplication,
      appName: 'fallback',
      answerUrl: 'https://calls.example.com/fallback',
      defaultEndpointApp: true,
    })
    const created = await plivo.endpoints.create('loose', 'secret-1', 'loose')
    const endpoint = await plivo.endpoints.get(created.endpointId)

    assert.equal(endpoint.application, `${account}/Application/${fallback.appId}/`)
    sandbox.store.updateApplication(fallback.appId, { defaultEndpointApp: false })
  })

  const refusals: [string, Record<string, unknown>, string][] = [
    [
      'no username',
      { password: 'secret-1', alias: 'a' },
      'username parameter is missing',
    ],
    ['no password', { username: 'bob', alias: 'a' }, 'password parameter is missing'],
    ['no alias', { username: 'bob', password: 'secret-1' }, 'alias parameter is missing'],
    [
      'a username with a dash',
      { username: 'line-1', password: 'secret-1', alias: 'a' },
      '"line-1" is not a valid username.',
    ],
    [
      'a username starting with a digit',
      { username: '1line', password: 'secret-1', alias: 'a' },
      '"1line" is not a valid username.',
    ],
    [
      'a username of 26 letters',
      { username: 'a'.repeat(26), password: 'secret-1', alias: 'a' },
      `"${'a'.repeat(26)}" is not a valid username.`,
    ],
    [
      'a 4-character password',
      { username: 'bob', password: 'abcd', alias: 'a' },
      'password must be 5 to 32 characters long.',
    ],
    [
      'an alias with a space',
      { username: 'bob', password: 'secret-1', alias: 'Main Office' },
      '"Main Office" is not a valid alias.',
    ],
    [
      'an unknown app_id',
      { username: 'bob', password: 'secret-1', alias: 'a', app_id: '404' },
      '"404" is not a valid app_id.',
    ],
  ]
  for (const [what, params, message] of refusals) {
    test(`refuses ${what} with 400 and creates nothing`, async () => {
      const before = sandbox.store.listEndpoints().length
      const response = await post('/Endpoint/', params)

      assert.equal(response.status, 400)
      const body = await response.json()
      assert.deepEqual(Object.keys(body), ['api_id', 'error'])
      assert.equal(body.error, message)
      assert.equal(sandbox.store.listEndpoints().length, before)
    })
  }

  test('never repeats a refused password in the error', async () => {
    const response = await post('/Endpoint/', {
      username: 'bob',
      password: 'x'.repeat(40),
      alias: 'a',
    })

    assert.doesNotMatch(await response.text(), /xxxxx/)
  })

  test('refuses a body that is not JSON with 400 and a Plivo error', async () => {
    const response = await fetch(`${sandbox.url}${account}/Endpoint/`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: '{"username": ',
    })

    assert.equal(response.status, 400)
    assert.equal((await response.json()).error, 'invalid request body')
  })

  test('accepts a form body as well as JSON', async () => {
    const response = await fetch(`${sandbox.url}${account}/Endpoint/`, {
      method: 'POST',
      headers: {
        authorization: basic(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        username: 'form',
        password: 'secret-1',
        alias: 'form',
      }),
    })

    assert.equal(response.status, 201)
    assert.equal((await response.json()).username, 'form261203174509')
  })
})

describe('reading endpoints', () => {
  test('shows one endpoint with its SIP URI, the string "false" and an MD5 of the password', async () => {
    const created = await plivo.endpoints.create('reader', 'secret-1', 'reader', appId)
    const endpoint = await plivo.endpoints.get(created.endpointId)

    assert.equal(endpoint.username, 'reader261203174509')
    assert.equal(endpoint.sipUri, 'sip:reader261203174509@phone.plivo.com')
    assert.equal(endpoint.sipRegistered, 'false')
    assert.equal(endpoint.password, '5926ed10493e613137208e1d5360d8f3') // md5('secret-1')
    assert.equal(endpoint.application, `${account}/Application/${appId}/`)
    assert.equal(endpoint.resourceUri, `${account}/Endpoint/${created.endpointId}/`)
    assert.equal(endpoint.subAccount, null)
  })

  test('shows "true" and the registration details while a device is registered', async () => {
    const created = await plivo.endpoints.create('phone', 'secret-1', 'phone', appId)
    sandbox.store.setRegistration(created.endpointId, {
      contact: 'sip:phone261203174509@10.0.0.7:5060',
      userAgent: 'Softphone 1.0',
      expiresAt: '2026-12-03 18:45:09',
    })
    const response = await get(`/Endpoint/${created.endpointId}/`)
    const body = await response.json()

    assert.equal(body.sip_registered, 'true')
    assert.equal(body.sip_contact, 'sip:phone261203174509@10.0.0.7:5060')
    assert.equal(body.sip_user_agent, 'Softphone 1.0')
    assert.equal(body.sip_expires, '2026-12-03 18:45:09')
  })

  test('answers 404 "not found" for an unknown endpoint', async () => {
    await assert.rejects(plivo.endpoints.get('12345678901234'), {
      status: 404,
      message: 'not found',
    })
  })

  test('lists endpoints a page at a time with Plivo meta and no passwords', async () => {
    const total = sandbox.store.listEndpoints().length
    const page = await plivo.endpoints.list({ limit: 2, offset: 2 })
    const response = await get('/Endpoint/?limit=2&offset=2')
    const body = await response.json()

    assert.equal(page.length, 2)
    assert.deepEqual(page.meta, {
      limit: 2,
      next: total > 4 ? `${account}/Endpoint/?limit=2&offset=4` : null,
      offset: 2,
      previous: `${account}/Endpoint/?limit=2&offset=0`,
      totalCount: total,
    })
    assert.equal(body.objects[0].password, undefined)
    assert.deepEqual(
      page.map((endpoint: { endpointId: string }) => endpoint.endpointId),
      sandbox.store
        .listEndpoints()
        .slice(2, 4)
        .map((endpoint) => endpoint.endpointId),
    )
  })

  test('ends the list with next null and defaults to 20 from offset 0', async () => {
    const body = await (await get('/Endpoint/')).json()

    assert.equal(body.meta.limit, 20)
    assert.equal(body.meta.offset, 0)
    assert.equal(body.meta.previous, null)
    assert.equal(body.meta.next, null)
  })

  for (const query of ['limit=0', 'limit=21', 'limit=two', 'offset=-1']) {
    test(`refuses ${query} with 400`, async () => {
      const response = await get(`/Endpoint/?${query}`)

      assert.equal(response.status, 400)
      assert.match((await response.json()).error, /is not a valid (limit|offset)\.$/)
    })
  }
})

describe('changing and deleting endpoints', () => {
  test('updates alias, password and application and answers 202 "changed"', async () => {
    const created = await plivo.endpoints.create('mover', 'secret-1', 'mover')
    const response = await post(`/Endpoint/${created.endpointId}/`, {
      alias: 'moved',
      password: 'secret-2',
      app_id: appId,
      username: 'renamed',
    })
    const endpoint = await plivo.endpoints.get(created.endpointId)

    assert.equal(response.status, 202)
    assert.equal((await response.json()).message, 'changed')
    assert.equal(endpoint.alias, 'moved')
    assert.equal(endpoint.password, md5('secret-2'))
    assert.equal(endpoint.application, `${account}/Application/${appId}/`)
    assert.equal(endpoint.username, 'mover261203174509')
  })

  test('answers 404 when updating an unknown endpoint', async () => {
    await assert.rejects(plivo.endpoints.update('1', { alias: 'x' }), { status: 404 })
  })

  test('deletes with 204 and no body, then answers 404', async () => {
    const created = await plivo.endpoints.create('gone', 'secret-1', 'gone')
    const response = await del(`/Endpoint/${created.endpointId}/`)

    assert.equal(response.status, 204)
    assert.equal(await response.text(), '')
    assert.equal(
      await plivo.endpoints
        .delete(created.endpointId)
        .catch((error: { status?: number }) => error.status),
      404,
    )
  })

  test('deletes through the SDK, which resolves true', async () => {
    const created = await plivo.endpoints.create('sdkgone', 'secret-1', 'sdkgone')

    assert.equal(await plivo.endpoints.delete(created.endpointId), true)
    assert.equal(sandbox.store.getEndpoint(created.endpointId), undefined)
  })
})

const defaultApplication = {
  answerMethod: 'POST',
  hangupUrl: '',
  hangupMethod: 'POST',
  fallbackAnswerUrl: '',
  fallbackMethod: 'POST',
  messageUrl: '',
  messageMethod: 'POST',
  defaultApp: false,
  defaultEndpointApp: false,
  publicUri: false,
  logIncomingMessages: true,
} as const

function basic(): string {
  return `Basic ${Buffer.from(`${credentials.authId}:${credentials.authToken}`).toString('base64')}`
}

function post(path: string, params: Record<string, unknown>) {
  return fetch(`${sandbox.url}${account}${path}`, {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'application/json' },
    body: JSON.stringify(params),
  })
}

function get(path: string) {
  return fetch(`${sandbox.url}${account}${path}`, { headers: { authorization: basic() } })
}

function del(path: string) {
  return fetch(`${sandbox.url}${account}${path}`, {
    method: 'DELETE',
    headers: { authorization: basic() },
  })
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex')
}
