import assert from 'node:assert/strict'
import { type Server, createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { createLogger } from '../../src/log.ts'
import { type SignedParams, signPlivoRequest } from '../../src/plivo/signature.ts'
import { createServer } from '../../src/server/create-server.ts'
import { type TestDatabase, createTestDatabase } from '../support/database.ts'
import { type Company, insertCompany } from './company.ts'

// The server believes it is reached at PUBLIC_URL through a proxy that terminates TLS,
// while the test talks to it over plain HTTP on a local port.
const PUBLIC_URL = 'https://calls.example.com'
const TOKEN = 'SecurityTestAuthToken0000000000000000001'

describe('webhook security and malformed requests', () => {
  let db: TestDatabase
  let company: Company
  let http: Server
  let local: string

  before(async () => {
    db = await createTestDatabase('embedded')
    company = await insertCompany(db.knex)
    const { app } = createServer({
      database: db.database,
      publicUrl: PUBLIC_URL,
      authToken: TOKEN,
      logger: createLogger({ level: 'silent' }),
    })
    http = createHttpServer(app.callback())
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    local = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  })
  after(async () => {
    http?.closeAllConnections()
    await new Promise((resolve) => http?.close(resolve))
    await db?.destroy()
  })

  const answerParams = (callUuid: string) => ({
    CallUUID: callUuid,
    From: '14155550100',
    To: company.lines.sales.sipUri,
    CallStatus: 'ringing',
    Direction: 'inbound',
    Event: 'StartApp',
  })

  function post(
    path: string,
    params: Record<string, string>,
    signing: { url?: string; token?: string; headers?: Record<string, string> } = {},
  ) {
    const signed = signPlivoRequest({
      url: signing.url ?? `${PUBLIC_URL}${path}`,
      method: 'POST',
      params: params as SignedParams,
      authToken: signing.token ?? TOKEN,
    })
    return fetch(`${local}${path}`, {
      method: 'POST',
      headers: {
        ...signed,
        'Content-Type': 'application/x-www-form-urlencoded',
        ...signing.headers,
      },
      body: new URLSearchParams(params),
    })
  }

  async function countCallRows() {
    const [{ count }] = await db.knex('calls').count({ count: '*' })
    const [{ events }] = await db.knex('call_events').count({ events: '*' })
    return Number(count) + Number(events)
  }

  it('answers a request signed for the public https URL, though it arrived over http', async () => {
    const response = await post('/plivo/answer', answerParams('call-signed'))

    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/xml; charset=utf-8')
    assert.match(await response.text(), /^<Response><Dial /)
  })

  it('refuses with 403 and writes nothing when the signature is forged, missing or for the local URL', async () => {
    const before = await countCallRows()
    const forged = await post('/plivo/answer', answerParams('call-forged'), {
      token: 'not-the-token',
    })
    const signedLocally = await post('/plivo/answer', answerParams('call-local'), {
      url: `${local}/plivo/answer`,
    })
    const unsigned = await fetch(`${local}/plivo/hangup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        CallUUID: 'call-unsigned',
        HangupCause: 'NORMAL_CLEARING',
      }),
    })
    const tampered = await post('/plivo/answer', answerParams('call-tampered'), {
      headers: { 'X-Plivo-Signature-V3-Nonce': '12345678901234567890' },
    })

    for (const response of [forged, signedLocally, unsigned, tampered]) {
      assert.equal(response.status, 403)
      assert.equal(await response.text(), 'invalid Plivo signature')
    }
    assert.equal(await countCallRows(), before)
  })

  it('answers 400 to a signed request without a CallUUID, and to a body that is not a form', async () => {
    const missing = await post('/plivo/hangup', { HangupCause: 'NORMAL_CLEARING' })
    const json = await fetch(`${local}/plivo/answer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"CallUUID":"x"}',
    })
    const badUtf8 = await fetch(`${local}/plivo/answer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.from([0x43, 0x61, 0x3d, 0xff, 0xfe]),
    })

    assert.equal(missing.status, 400)
    assert.equal(await missing.text(), 'CallUUID is missing')
    assert.equal(json.status, 400)
    assert.equal(
      await json.text(),
      'expected a form-encoded body (application/x-www-form-urlencoded)',
    )
    assert.equal(badUtf8.status, 400)
  })

  it('refuses a body over 64 KB with 413 before reading it all', async () => {
    const response = await post('/plivo/answer', {
      ...answerParams('call-big'),
      Padding: 'x'.repeat(70_000),
    })

    assert.equal(response.status, 413)
    assert.equal(await response.text(), 'request body too large')
  })

  it('takes a GET webhook signed over its full URL', async () => {
    const query = new URLSearchParams(answerParams('call-get'))
    const path = `/plivo/answer?${query}`
    const headers = signPlivoRequest({
      url: `${PUBLIC_URL}${path}`,
      method: 'GET',
      params: {},
      authToken: TOKEN,
    })

    const response = await fetch(`${local}${path}`, { headers })

    assert.equal(response.status, 200)
    assert.ok(await db.knex('calls').where('call_uuid', 'call-get').first())
  })

  it('reports the database state on /health', async () => {
    const response = await fetch(`${local}/health`)

    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), {
      status: 'ok',
      database: { backend: 'embedded', state: 'up' },
      pendingWrites: 0,
    })
  })
})
