import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testBackends, useCliDatabase } from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`aircall users (${backend})`, () => {
    const database = useCliDatabase(backend)
    const { aircall } = database

    it('lists the seeded people as JSON, with their apps', async () => {
      const result = await aircall('users', 'list', '--json')
      assert.equal(result.code, 0, result.stderr)
      const users = JSON.parse(result.stdout)
      assert.deepEqual(
        users.map((user: { name: string; title: string; apps: string[] }) => [
          user.name,
          user.title,
          user.apps,
        ]),
        [
          ['Jane', 'CEO', ['mobile', 'desktop']],
          ['Peter', 'CTO', ['mobile', 'desktop']],
          ['Luke', 'COO', ['mobile']],
        ],
      )
    })

    it('lists people as a table without colour when not on a terminal', async () => {
      const result = await aircall('users', 'list')
      assert.equal(result.code, 0)
      assert.match(result.stdout, /^NAME\s+TITLE\s+AVAILABILITY\s+APPS\n/)
      assert.match(result.stdout, /Luke\s+COO\s+available\s+mobile/)
      assert.doesNotMatch(result.stdout, /\u001b\[/)
    })

    it('adds a person, and refuses the same name in another case', async () => {
      const added = await aircall('users', 'add', 'Maria', '--title', 'CFO')
      assert.equal(added.code, 0, added.stderr)
      assert.match(added.stdout, /^Added Maria\./)

      const duplicate = await aircall('users', 'add', 'maria')
      assert.equal(duplicate.code, 1)
      assert.equal(duplicate.stdout, '')
      assert.equal(
        duplicate.stderr,
        'error: a user named "maria" already exists — choose another name, or `aircall users remove` the old one first\n',
      )
      const count = await database.test
        .knex('users')
        .whereRaw("lower(name) = 'maria'")
        .count({ n: '*' })
      assert.equal(Number(count[0].n), 1)
    })

    it('folds runs of spaces so that two names cannot merely look alike', async () => {
      await aircall('users', 'add', '  Ada   Lovelace ')
      const twin = await aircall('users', 'add', 'Ada Lovelace')
      assert.equal(twin.code, 1)
      assert.match(twin.stderr, /a user named "Ada Lovelace" already exists/)
      assert.equal(
        (await database.test.knex('users').where({ name: 'Ada Lovelace' }).first()).name,
        'Ada Lovelace',
      )
    })

    it('refuses an empty name and a missing argument', async () => {
      const blank = await aircall('users', 'add', '   ')
      assert.equal(blank.code, 1)
      assert.equal(blank.stderr, 'error: a user name cannot be empty\n')

      const missing = await aircall('users', 'add')
      assert.equal(missing.code, 1)
      assert.match(missing.stderr, /missing required argument 'name'/)
    })

    it('removes a person with their apps and memberships', async () => {
      const result = await aircall('users', 'remove', 'luke')
      assert.equal(result.code, 0, result.stderr)
      assert.deepEqual(await database.test.knex('users').orderBy('id').pluck('name'), [
        'Jane',
        'Peter',
      ])
      assert.equal(Number((await database.test.knex('apps').count({ n: '*' }))[0].n), 4)
      const lukeMemberships = await database.test
        .knex('line_members')
        .where({ user_id: 3 })
      assert.deepEqual(lukeMemberships, [])
    })

    it('names the unknown user and the command that lists them', async () => {
      const result = await aircall('users', 'remove', 'Nobody')
      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        'error: no user is named "Nobody" — run `aircall users list` to see the names\n',
      )
      assert.equal(Number((await database.test.knex('users').count({ n: '*' }))[0].n), 3)
    })

    it('marks a person away and available again', async () => {
      const away = await aircall('users', 'set', 'Peter', '--away')
      assert.equal(away.code, 0, away.stderr)
      assert.equal(away.stdout, 'Peter is now away.\n')
      assert.equal(
        (await database.test.knex('users').where({ name: 'Peter' }).first()).availability,
        'away',
      )

      const back = await aircall('users', 'set', 'peter', '--available')
      assert.equal(back.stdout, 'Peter is now available.\n')

      const neither = await aircall('users', 'set', 'Peter')
      assert.equal(neither.code, 1)
      assert.equal(
        neither.stderr,
        'error: say how to set them — pass --available or --away\n',
      )
    })
  })
}
