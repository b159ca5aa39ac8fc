import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`aircall db (${backend})`, () => {
    let test: TestDatabase
    const aircall = (args: string[], tty = false) => runCli(args, { env: test.env, tty })

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(() => test.destroy())

    it('says the schema is up to date when nothing is pending', async () => {
      const result = await aircall(['db', 'migrate'])
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /^The schema in .+ is up to date\.\n$/)
    })

    it('seeds twice with the same counts', async () => {
      const first = await aircall(['db', 'seed'])
      const second = await aircall(['db', 'seed'])
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stdout, /3 users, 3 lines, 5 apps\.\n$/)
      assert.equal(second.stdout, first.stdout)
    })

    it('refuses to reset without --yes when nobody can confirm, and keeps the rows', async () => {
      const result = await aircall(['db', 'reset'])
      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        'error: resetting the database needs a terminal to confirm — pass --yes to go ahead without asking\n',
      )
      assert.equal(Number((await test.knex('users').count({ n: '*' }))[0].n), 3)
    })

    it('warns that provisioned endpoints stay in Plivo after a reset', async () => {
      await test
        .knex('apps')
        .where({ label: 'mobile' })
        .update({ plivo_endpoint_id: test.knex.raw("'ep-' || id") })
      const result = await aircall(['db', 'reset', '--yes', '--seed'])
      assert.equal(result.code, 0, result.stderr)
      assert.match(
        result.stderr,
        /^Note: 3 Plivo endpoint\(s\) provisioned from this database stay in Plivo after a reset/,
      )
    })

    it('resets with --yes to an empty schema, and seeds again with --seed', async () => {
      const reset = await aircall(['db', 'reset', '--yes'])
      assert.equal(reset.code, 0, reset.stderr)
      assert.equal(Number((await test.knex('users').count({ n: '*' }))[0].n), 0)

      const reseeded = await aircall(['db', 'reset', '--yes', '--seed'])
      assert.equal(reseeded.code, 0, reseeded.stderr)
      assert.equal(Number((await test.knex('lines').count({ n: '*' }))[0].n), 3)
    })
  })
}

describe('a database that cannot be reached', () => {
  it('is named in one line with what to check', async () => {
    const result = await runCli(['users', 'list'], {
      env: { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' },
    })
    assert.equal(result.code, 1)
    assert.equal(
      result.stderr,
      'error: cannot reach the database at postgres://nobody:***@127.0.0.1:1/none (ECONNREFUSED) — check DATABASE_URL and that Postgres is running\n',
    )
  })
})

describe('a DATABASE_URL naming a database that does not exist', {
  skip: !process.env.TEST_DATABASE_URL,
}, () => {
  it('says so and how to create it', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL as string)
    url.pathname = '/aircall_no_such_database'
    const result = await runCli(['users', 'list'], {
      env: { DATABASE_URL: url.toString() },
    })
    assert.equal(result.code, 1)
    assert.match(
      result.stderr,
      /^error: the database in DATABASE_URL does not exist \(.+\/aircall_no_such_database\) — create it first/,
    )
  })
})
