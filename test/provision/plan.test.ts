import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { PlivoEndpoint } from '../../src/plivo/rest-client.ts'
import { aliasFor, ownerOfAlias, requestedUsername } from '../../src/provision/naming.ts'
import {
  type EndpointRow,
  type PlanInput,
  applicationSettingsFor,
  isPlanEmpty,
  planProvisioning,
} from '../../src/provision/plan.ts'

const installation = '0a1b2c3d'
const desired = applicationSettingsFor('https://calls.example.com', installation)
const application = { appId: '100', ...desired }

function line(id: number, name: string, endpoint?: PlivoEndpoint): EndpointRow {
  return {
    owner: { kind: 'line', id },
    name,
    endpointId: endpoint?.endpointId ?? null,
    username: endpoint?.username ?? null,
    sipUri: endpoint?.sipUri ?? null,
    hasPassword: endpoint !== undefined,
  }
}

function endpoint(
  id: string,
  alias: string,
  appId: string | null = '100',
): PlivoEndpoint {
  return {
    endpointId: id,
    username: `u${id}`,
    alias,
    sipUri: `sip:u${id}@phone.plivo.com`,
    appId,
  }
}

function plan(input: Partial<PlanInput>) {
  return planProvisioning({
    installation,
    desired,
    stored: application,
    applications: [application],
    rows: [],
    endpoints: [],
    prune: false,
    ...input,
  })
}

describe('naming', () => {
  test("an alias names its installation and row first and stays within Plivo's 50 characters", () => {
    const alias = aliasFor(
      installation,
      { kind: 'app', id: 12 },
      'Zoë Ångström-Müller the second mobile phone',
    )

    assert.equal(alias, 'aircall-0a1b2c3d-app-12-zoe-angstrom-muller-the-se')
    assert.deepEqual(ownerOfAlias(alias, installation), { kind: 'app', id: 12 })
    assert.equal(ownerOfAlias(alias, 'ffffffff'), undefined)
    assert.equal(ownerOfAlias('aircall-0a1b2c3d-app-12x', installation), undefined)
    assert.equal(ownerOfAlias('aircall-0a1b2c3d-caller-1', installation), undefined)
    assert.equal(ownerOfAlias('sales-desk', installation), undefined)
  })

  test('a requested username is letters and digits, starts with a letter, at most 25', () => {
    const username = requestedUsername(
      { kind: 'line', id: 3 },
      'Customer Support (EMEA) — 24/7',
    )

    assert.equal(username, 'line3customersupportemea2')
  })
})

describe('planning', () => {
  test('an empty Plivo account gets the Application and one endpoint per row', () => {
    const result = plan({ stored: null, applications: [], rows: [line(1, 'Sales')] })

    assert.deepEqual(result.application, { action: 'create', settings: desired })
    assert.deepEqual(
      result.endpoints.map((step) => step.action),
      ['create'],
    )
  })

  test('rows that match Plivo plan nothing', () => {
    const sales = endpoint('5', 'aircall-0a1b2c3d-line-1-sales')

    const result = plan({ rows: [line(1, 'Sales', sales)], endpoints: [sales] })

    assert.equal(isPlanEmpty(result), true)
    assert.equal(result.unchanged, 2)
  })

  test('an endpoint a crashed run made is adopted by the row its alias names', () => {
    const made = endpoint('5', 'aircall-0a1b2c3d-line-1-sales')

    const [step] = plan({
      rows: [{ ...line(1, 'Sales'), hasPassword: true }],
      endpoints: [made],
    }).endpoints

    assert.deepEqual(step, {
      action: 'adopt',
      row: { ...line(1, 'Sales'), hasPassword: true },
      endpoint: made,
      edits: {},
    })
  })

  test('a renamed line keeps its endpoint and gets a new alias', () => {
    const old = endpoint('5', 'aircall-0a1b2c3d-line-1-sales')

    const [step] = plan({
      rows: [line(1, 'Sales EMEA', old)],
      endpoints: [old],
    }).endpoints

    assert.equal(step.action, 'update')
    assert.deepEqual(step.action === 'update' && step.edits, {
      alias: 'aircall-0a1b2c3d-line-1-sales-emea',
    })
  })

  test('a line endpoint attached elsewhere is attached to our Application', () => {
    const loose = endpoint('5', 'aircall-0a1b2c3d-line-1-sales', null)

    const [step] = plan({ rows: [line(1, 'Sales', loose)], endpoints: [loose] }).endpoints

    assert.deepEqual(step.action === 'update' && step.edits, { attach: true })
  })

  test('a second endpoint with the same owner is deleted as a duplicate', () => {
    const kept = endpoint('5', 'aircall-0a1b2c3d-line-1-sales')
    const twin = endpoint('6', 'aircall-0a1b2c3d-line-1-sales')

    const result = plan({ rows: [line(1, 'Sales', kept)], endpoints: [kept, twin] })

    assert.deepEqual(result.endpoints, [
      { action: 'delete', endpoint: twin, reason: 'duplicate' },
    ])
  })

  test('endpoints of removed rows are deleted only with prune, and others never', () => {
    const orphan = endpoint('7', 'aircall-0a1b2c3d-app-9-bob-mobile')
    const foreign = endpoint('8', 'front-desk-phone')

    const kept = plan({ endpoints: [orphan, foreign] })
    const pruned = plan({ endpoints: [orphan, foreign], prune: true })

    assert.deepEqual(kept.endpoints, [])
    assert.deepEqual(kept.orphans, [orphan])
    assert.deepEqual(pruned.endpoints, [
      { action: 'delete', endpoint: orphan, reason: 'orphan' },
    ])
  })

  test("another installation's endpoints are never adopted nor pruned, only counted", () => {
    const theirs = endpoint('7', 'aircall-ffffffff-line-1-sales')
    const theirCaller = endpoint('8', 'aircall-ffffffff-caller-1', null)

    const result = plan({
      rows: [{ ...line(1, 'Sales'), hasPassword: true }],
      endpoints: [theirs, theirCaller],
      prune: true,
    })

    assert.deepEqual(
      result.endpoints.map((step) => step.action),
      ['create'],
    )
    assert.equal(result.foreign, 2)
  })

  test("another installation's Application is not adopted by its name", () => {
    const theirs = {
      ...applicationSettingsFor('https://calls.example.com', 'ffffffff'),
      appId: '200',
    }

    const result = plan({ stored: null, applications: [theirs] })

    assert.deepEqual(result.application, { action: 'create', settings: desired })
  })

  test('a changed PUBLIC_URL updates the Application in place', () => {
    const result = plan({
      desired: applicationSettingsFor('https://new.example.com', installation),
    })

    assert.equal(result.application.action, 'update')
  })

  test('an Application a crashed run made is found by its name', () => {
    const result = plan({ stored: null })

    assert.deepEqual(result.application, {
      action: 'adopt',
      appId: '100',
      settings: desired,
      edit: false,
    })
  })
})
