import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import {
  type SandboxClient,
  createSandboxClient,
  forgetSandbox,
} from '../support/plivo-sdk.ts'

const credentials = { authId: 'MAAPPLICATIONTEST001', authToken: 'application-token' }
const account = `/v1/Account/${credentials.authId}`
const urls = {
  answerUrl: 'https://calls.example.com/plivo/answer?line=sales&x=1',
  hangupUrl: 'https://calls.example.com/plivo/hangup',
  fallbackAnswerUrl: 'https://calls.example.com/plivo/fallback',
}

let sandbox: Sandbox
let plivo: SandboxClient

before(async () => {
  sandbox = await startSandbox(credentials)
  plivo = createSandboxClient(sandbox.url, credentials)
})

after(async () => {
  forgetSandbox(credentials.authId)
  await sandbox.close()
})

describe('creating an application', () => {
  test('answers 201 "created" with a numeric app id', async () => {
    const response = await post('/Application/', {
      app_name: 'aircall',
      answer_url: urls.answerUrl,
    })
    const body = await response.json()

    assert.equal(response.status, 201)
    assert.deepEqual(Object.keys(body), ['message', 'app_id', 'api_id'])
    assert.equal(body.message, 'created')
    assert.match(body.app_id, /^[1-9][0-9]{16}$/)
  })

  test('keeps the answer, hangup and fallback URLs exactly as set', async () => {
    const created = await plivo.applications.create('exact', {
      ...urls,
      answerMethod: 'GET',
    })
    const body = await (await get(`/Application/${created.appId}/`)).json()

    assert.equal(body.answer_url, urls.answerUrl)
    assert.equal(body.answer_method, 'GET')
    assert.equal(body.hangup_url, urls.hangupUrl)
    assert.equal(body.hangup_method, 'POST')
    assert.equal(body.fallback_answer_url, urls.fallbackAnswerUrl)
    assert.equal(body.sip_uri, `sip:${created.appId}@app.plivo.com`)
    assert.equal(body.resource_uri, `${account}/Application/${created.appId}/`)
  })

  test('sends hangups to the answer URL when no hangup URL is set', async () => {
    const created = await plivo.applications.create('nohangup', {
      answerUrl: urls.answerUrl,
    })
    const body = await (await get(`/Application/${created.appId}/`)).json()

    assert.equal(body.hangup_url, urls.answerUrl)
    assert.equal(body.fallback_answer_url, '')
  })

  const refusals: [string, Record<string, unknown>, string][] = [
    ['no app_name', { answer_url: urls.answerUrl }, 'app_name parameter is missing'],
    ['no answer_url', { app_name: 'x' }, 'answer_url parameter is missing'],
    [
      'an app_name with a space',
      { app_name: 'a b', answer_url: urls.answerUrl },
      '"a b" is not a valid app_name.',
    ],
    [
      'an answer_url that is not http',
      { app_name: 'x', answer_url: 'ftp://x' },
      '"ftp://x" is not a valid answer_url.',
    ],
    [
      'an answer_method of PUT',
      { app_name: 'x', answer_url: urls.answerUrl, answer_method: 'PUT' },
      '"PUT" is not a valid answer_method.',
    ],
    [
      'a default_endpoint_app of "yes"',
      { app_name: 'x', answer_url: urls.answerUrl, default_endpoint_app: 'yes' },
      '"yes" is not a valid default_endpoint_app.',
    ],
  ]
  for (const [what, params, message] of refusals) {
    test(`refuses ${what} with 400 and creates nothing`, async () => {
      const before = sandbox.store.listApplications().length
      const response = await post('/Application/', params)

      assert.equal(response.status, 400)
      assert.equal((await response.json()).error, message)
      assert.equal(sandbox.store.listApplications().length, before)
    })
  }
})

describe('reading, listing and changing applications', () => {
  test('lists applications filtered by a name prefix, with meta', async () => {
    await plivo.applications.create('prefix-one', { answerUrl: urls.answerUrl })
    await plivo.applications.create('prefix-two', { answerUrl: urls.answerUrl })
    const page = await plivo.applications.list({ appName: 'prefix-', limit: 1 })

    assert.deepEqual(
      page.map((app: { appName: string }) => app.appName),
      ['prefix-one'],
    )
    assert.deepEqual(page.meta, {
      limit: 1,
      next: `${account}/Application/?limit=1&offset=1`,
      offset: 0,
      previous: null,
      totalCount: 2,
    })
  })

  test('answers 404 "not found" for an unknown application', async () => {
    await assert.rejects(plivo.applications.get('10000000000000000'), {
      status: 404,
      message: 'not found',
    })
  })

  test('updates the URLs and answers 202 "changed"', async () => {
    const created = await plivo.applications.create('changing', {
      answerUrl: urls.answerUrl,
    })
    const response = await post(`/Application/${created.appId}/`, {
      answer_url: 'https://new.example.com/answer',
      hangup_url: 'https://new.example.com/hangup',
    })
    const body = await (await get(`/Application/${created.appId}/`)).json()

    assert.equal(response.status, 202)
    assert.equal((await response.json()).message, 'changed')
    assert.equal(body.answer_url, 'https://new.example.com/answer')
    assert.equal(body.hangup_url, 'https://new.example.com/hangup')
    assert.equal(body.app_name, 'changing')
  })

  test('keeps one default endpoint application per account', async () => {
    const first = await plivo.applications.create('first', { answerUrl: urls.answerUrl })
    const second = await plivo.applications.create('second', {
      answerUrl: urls.answerUrl,
    })
    await plivo.applications.update(first.appId, { defaultEndpointApp: true })
    await plivo.applications.update(second.appId, { defaultEndpointApp: true })

    assert.equal((await plivo.applications.get(first.appId)).defaultEndpointApp, false)
    assert.equal((await plivo.applications.get(second.appId)).defaultEndpointApp, true)
    await plivo.applications.update(second.appId, { defaultEndpointApp: false })
  })
})

describe('deleting an application', () => {
  test('deletes its endpoints too by default', async () => {
    const app = await plivo.applications.create('cascade', { answerUrl: urls.answerUrl })
    const endpoint = await plivo.endpoints.create(
      'attached',
      'secret-1',
      'attached',
      app.appId,
    )
    const other = await plivo.endpoints.create('other', 'secret-1', 'other')

    assert.equal(await plivo.applications.delete(app.appId), true)
    await assert.rejects(plivo.applications.get(app.appId), { status: 404 })
    await assert.rejects(plivo.endpoints.get(endpoint.endpointId), { status: 404 })
    assert.equal(
      (await plivo.endpoints.get(other.endpointId)).endpointId,
      other.endpointId,
    )
  })

  test('with cascade false, leaves its endpoints without an application', async () => {
    const app = await plivo.applications.create('keep', { answerUrl: urls.answerUrl })
    const endpoint = await plivo.endpoints.create('kept', 'secret-1', 'kept', app.appId)

    await plivo.applications.delete(app.appId, { cascade: false })

    assert.equal((await plivo.endpoints.get(endpoint.endpointId)).application, null)
  })

  test('with cascade false and a new application, moves its endpoints there', async () => {
    const app = await plivo.applications.create('old', { answerUrl: urls.answerUrl })
    const next = await plivo.applications.create('new', { answerUrl: urls.answerUrl })
    const endpoint = await plivo.endpoints.create(
      'moving',
      'secret-1',
      'moving',
      app.appId,
    )

    await plivo.applications.delete(app.appId, {
      cascade: false,
      newEndpointApplication: next.appId,
    })

    const moved = await plivo.endpoints.get(endpoint.endpointId)
    assert.equal(moved.application, `${account}/Application/${next.appId}/`)
  })

  test('reads cascade from the query string too, and answers 204 with no body', async () => {
    const app = await plivo.applications.create('query', { answerUrl: urls.answerUrl })
    const endpoint = await plivo.endpoints.create(
      'queried',
      'secret-1',
      'queried',
      app.appId,
    )
    const response = await fetch(
      `${sandbox.url}${account}/Application/${app.appId}/?cascade=false`,
      {
        method: 'DELETE',
        headers: { authorization: basic() },
      },
    )

    assert.equal(response.status, 204)
    assert.equal(await response.text(), '')
    assert.equal((await plivo.endpoints.get(endpoint.endpointId)).application, null)
  })

  test('refuses an unknown new_endpoint_application and deletes nothing', async () => {
    const app = await plivo.applications.create('stays', { answerUrl: urls.answerUrl })
    const response = await fetch(`${sandbox.url}${account}/Application/${app.appId}/`, {
      method: 'DELETE',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ cascade: 'false', new_endpoint_application: '999' }),
    })

    assert.equal(response.status, 400)
    assert.equal(
      (await response.json()).error,
      '"999" is not a valid new_endpoint_application.',
    )
    assert.equal((await plivo.applications.get(app.appId)).appName, 'stays')
  })
})

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
