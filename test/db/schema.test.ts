import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { migrateLatest, rollbackAll } from '../../src/db/migrate.ts'
import { runSeeds } from '../../src/db/seed.ts'
import * as testCallMark from '../../db/migrations/20261203193000_test_call_mark.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`the schema (${backend})`, () => {
    let test: TestDatabase

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(() => test.destroy())
    beforeEach(() => test.reset())

    it('rolls every migration back and applies them again', async () => {
      const reverted = await rollbackAll(test.knex)
      assert.ok(reverted.length >= 1)
      assert.equal(await test.knex.schema.hasTable('calls'), false)
      const applied = await migrateLatest(test.knex)
      assert.deepEqual([...applied].sort(), [...reverted].sort())
      assert.equal(await test.knex.schema.hasTable('calls'), true)
    })

    it('seeds the story, and a second seeding leaves the same rows', async () => {
      const first = await runSeeds(test.knex)
      const snapshot = async () => ({
        users: await test.knex('users').orderBy('id').select('id', 'name', 'title'),
        apps: await test.knex('apps').orderBy('id').select('id', 'user_id', 'label'),
        lines: await test
          .knex('lines')
          .orderBy('id')
          .select('id', 'name', 'slug', 'ring_strategy'),
        members: await test
          .knex('line_members')
          .orderBy(['line_id', 'position'])
          .select('*'),
      })
      const before = await snapshot()
      const second = await runSeeds(test.knex)
      assert.deepEqual(second, first)
      assert.deepEqual(await snapshot(), before)
      assert.deepEqual(first, { users: 3, lines: 3, apps: 5 })
    })

    it('keeps names unique without regard to case', async () => {
      await test.knex('users').insert({ name: 'Jane' })
      await assert.rejects(test.knex('users').insert({ name: 'JANE' }), { code: '23505' })
      await test.knex('lines').insert({ name: 'Sales', slug: 'sales' })
      await assert.rejects(
        test.knex('lines').insert({ name: 'sales', slug: 'sales-2' }),
        { code: '23505' },
      )
    })

    it('keeps a call readable after the user and app who answered are removed', async () => {
      await runSeeds(test.knex)
      const jane = await test.knex('users').where({ name: 'Jane' }).first()
      const app = await test
        .knex('apps')
        .where({ user_id: jane.id, label: 'mobile' })
        .first()
      await test.knex('calls').insert({
        call_uuid: 'answered-by-jane',
        status: 'answered',
        answered_by_user_id: jane.id,
        answered_by_app_id: app.id,
        answered_by_user_name: 'Jane',
        answered_by_app_label: 'mobile',
      })

      await test.knex('users').where({ id: jane.id }).delete()
      const call = await test
        .knex('calls')
        .where({ call_uuid: 'answered-by-jane' })
        .first()
      assert.equal(call.answered_by_user_id, null)
      assert.equal(call.answered_by_app_id, null)
      assert.equal(call.answered_by_user_name, 'Jane')
      assert.equal(call.answered_by_app_label, 'mobile')
    })

    it('marks the calls logged before the test call mark existed, however From is written', async () => {
      await testCallMark.down(test.knex)
      await test.knex('test_callers').insert({
        name: 'Tester',
        sip_password: 'secret',
        plivo_username: 'caller1tester230101',
      })
      await test.knex('calls').insert([
        { call_uuid: 'uri', from_number: 'sip:CALLER1tester230101@phone.plivo.com' },
        { call_uuid: 'bare', from_number: 'caller1tester230101' },
        { call_uuid: 'customer', from_number: '+14155550100' },
        { call_uuid: 'unknown', from_number: null },
      ])

      await testCallMark.up(test.knex)
      const marks = await test
        .knex('calls')
        .orderBy('id')
        .select('call_uuid', 'test_call')
      assert.deepEqual(marks, [
        { call_uuid: 'uri', test_call: true },
        { call_uuid: 'bare', test_call: true },
        { call_uuid: 'customer', test_call: false },
        { call_uuid: 'unknown', test_call: false },
      ])
    })

    it('refuses a second row for the same call UUID and an unknown status', async () => {
      await test.knex('calls').insert({ call_uuid: 'same' })
      await assert.rejects(test.knex('calls').insert({ call_uuid: 'same' }), {
        code: '23505',
      })
      await assert.rejects(
        test.knex('calls').insert({ call_uuid: 'other', status: 'lost' }),
        { code: '23514' },
      )
    })
  })
}
