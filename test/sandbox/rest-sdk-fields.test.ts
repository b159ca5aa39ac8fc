import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { after, before, test } from 'node:test'
import { type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import {
  type SandboxClient,
  createSandboxClient,
  forgetSandbox,
} from '../support/plivo-sdk.ts'

/**
 * The SDK ships a test client that answers from Plivo's own canned responses
 * (dist/rest/request-test.js) through the same parsing as the real one. What the SDK
 * makes of those must have the same fields, of the same kinds, as what it makes of
 * the sandbox's answers.
 */
const requireFromSdk = createRequire(createRequire(import.meta.url).resolve('plivo'))
const { Client: CannedClient } = requireFromSdk('./client-test.js')
const canned: SandboxClient = new CannedClient('MANWVLYTK4ZWU1YTY4ZT', 'token')

const credentials = { authId: 'MASDKFIELDSTEST00001', authToken: 'fields-token' }
let sandbox: Sandbox
let plivo: SandboxClient
let appId: string
let endpointId: string

before(async () => {
  sandbox = await startSandbox(credentials)
  plivo = createSandboxClient(sandbox.url, credentials)
})

after(async () => {
  forgetSandbox(credentials.authId)
  await sandbox.close()
})

test('creating an application parses to the same fields', async () => {
  const params = { answerUrl: 'https://calls.example.com/answer' }
  const fromSandbox = await plivo.applications.create('aircall', params)
  appId = fromSandbox.appId

  assert.deepEqual(
    shapeOf(fromSandbox),
    shapeOf(await quietly(() => canned.applications.create('x', params))),
  )
})

test('getting and listing applications parse to the same fields, plus the api id', async () => {
  const expected = shapeOf(await canned.applications.get('1'))

  assert.deepEqual(shapeOf(await plivo.applications.get(appId)), {
    ...expected,
    apiId: 'string',
    defaultEndpointApp: 'boolean',
  })
  const list = await plivo.applications.list()
  const cannedList = await canned.applications.list()
  assert.deepEqual(shapeOf(list[0]), {
    ...shapeOf(cannedList[0]),
    defaultEndpointApp: 'boolean',
  })
  assert.deepEqual(shapeOf(list.meta), shapeOf(cannedList.meta))
})

test('updating an application parses to the same result', async () => {
  const changes = { answerUrl: 'https://calls.example.com/new' }

  assert.deepEqual(
    shapeOf(await plivo.applications.update(appId, changes)),
    shapeOf(await canned.applications.update('1', changes)),
  )
})

test('creating an endpoint parses to the same fields', async () => {
  const fromSandbox = await plivo.endpoints.create('zumba', 'secret-1', 'zumba', appId)
  endpointId = fromSandbox.endpointId

  assert.deepEqual(
    shapeOf(fromSandbox),
    shapeOf(await canned.endpoints.create('zumba', 'secret-1', 'zumba')),
  )
})

test('getting and listing endpoints parse to the same fields', async () => {
  assert.deepEqual(
    shapeOf(await plivo.endpoints.get(endpointId)),
    shapeOf(await canned.endpoints.get('1')),
  )

  const list = await plivo.endpoints.list()
  const cannedList = await canned.endpoints.list()
  assert.deepEqual(shapeOf(list[0]), shapeOf(cannedList[0]))
  assert.deepEqual(shapeOf(list.meta), shapeOf(cannedList.meta))
})

test('updating and deleting an endpoint parse to the same results', async () => {
  assert.deepEqual(
    shapeOf(await plivo.endpoints.update(endpointId, { alias: 'renamed' })),
    shapeOf(await canned.endpoints.update('1', { alias: 'renamed' })),
  )
  assert.equal(
    await plivo.endpoints.delete(endpointId),
    await canned.endpoints.delete('1'),
  )
  assert.equal(
    await plivo.applications.delete(appId),
    await canned.applications.delete('1'),
  )
})

/** Each defined field and the kind of its value: 'string', 'boolean', 'null'… */
function shapeOf(value: object): Record<string, string> {
  const fields = Object.entries(value).filter(([, field]) => field !== undefined)
  return Object.fromEntries(
    fields
      .map(([key, field]) => [key, field === null ? 'null' : typeof field])
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

/** The canned client prints its parameters on create, as the real one does (pitfall 11). */
async function quietly<T>(call: () => Promise<T>): Promise<T> {
  const log = console.log
  console.log = () => {}
  try {
    return await call()
  } finally {
    console.log = log
  }
}
