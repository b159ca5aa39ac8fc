import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testBackends, useCliDatabase } from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`aircall lines (${backend})`, () => {
    const database = useCliDatabase(backend)
    const { aircall } = database
    const members = async (slug: string) =>
      database.test
        .knex('line_members')
        .join('lines', 'lines.id', 'line_members.line_id')
        .join('users', 'users.id', 'line_members.user_id')
        .where('lines.slug', slug)
        .orderBy('position')
        .select('users.name', 'position')

    it('lists the three seeded lines with their members in ring order', async () => {
      const result = await aircall('lines', 'list', '--json')
      assert.equal(result.code, 0, result.stderr)
      const lines = JSON.parse(result.stdout)
      assert.deepEqual(
        lines.map(
          (line: {
            name: string
            slug: string
            ringStrategy: string
            members: { name: string }[]
          }) => [
            line.name,
            line.slug,
            line.ringStrategy,
            line.members.map((member) => member.name),
          ],
        ),
        [
          ['Main Office', 'main-office', 'simultaneous', ['Jane', 'Peter', 'Luke']],
          ['Sales', 'sales', 'sequential', ['Jane', 'Luke']],
          ['Support', 'support', 'sequential', ['Peter', 'Luke']],
        ],
      )
      assert.equal(lines[0].ringTimeout, 20)
      assert.equal(lines[0].sipUri, null)
    })

    it('adds a line with a slug made from its name, and refuses a duplicate', async () => {
      const added = await aircall(
        'lines',
        'add',
        'Après-Vente',
        '--strategy',
        'round-robin',
        '--timeout',
        '30',
      )
      assert.equal(added.code, 0, added.stderr)
      const line = await database.test
        .knex('lines')
        .where({ slug: 'apres-vente' })
        .first()
      assert.equal(line.ring_strategy, 'round-robin')
      assert.equal(line.ring_timeout, 30)

      const duplicate = await aircall('lines', 'add', 'sales')
      assert.equal(duplicate.code, 1)
      assert.match(
        duplicate.stderr,
        /^error: a line named "sales" or with slug "sales" would be confused with "Sales" \(slug "sales"\)/,
      )
      assert.equal(Number((await database.test.knex('lines').count({ n: '*' }))[0].n), 4)
    })

    it("refuses a name that is another line's slug, so every reference names one line", async () => {
      await aircall('lines', 'add', 'support-desk', '--slug', 'desk')
      const clash = await aircall('lines', 'add', 'Help', '--slug', 'support-desk')
      assert.equal(clash.code, 1)
      assert.match(clash.stderr, /would be confused with "support-desk" \(slug "desk"\)/)

      const removed = await aircall('lines', 'remove', 'support-desk')
      assert.match(removed.stdout, /^Removed support-desk;/)
      assert.deepEqual(await database.test.knex('lines').orderBy('id').pluck('slug'), [
        'main-office',
        'sales',
        'support',
      ])
    })

    it('refuses control characters, overlong names and a name without a slug', async () => {
      const escape = await aircall('lines', 'add', 'Evil\u001b[31mRed')
      assert.equal(escape.code, 1)
      assert.equal(
        escape.stderr,
        'error: a line name cannot contain control characters: "Evil\\u001b[31mRed"\n',
      )
      const long = await aircall('lines', 'add', 'x'.repeat(81))
      assert.equal(long.stderr, 'error: a line name is too long: at most 80 characters\n')
      const symbols = await aircall('lines', 'add', '!!!')
      assert.match(
        symbols.stderr,
        /the name "!!!" gives no slug to use in SIP names — pass one with --slug/,
      )
      assert.equal(Number((await database.test.knex('lines').count({ n: '*' }))[0].n), 3)
    })

    it('refuses an unusable slug and an out-of-range timeout, changing nothing', async () => {
      const slug = await aircall('lines', 'add', 'Night', '--slug', 'Night Shift')
      assert.equal(slug.code, 1)
      assert.match(slug.stderr, /the slug "Night Shift" is not usable/)

      const timeout = await aircall('lines', 'set', 'Sales', '--timeout', '500')
      assert.equal(timeout.code, 1)
      assert.match(
        timeout.stderr,
        /--timeout takes a whole number from 5 to 120, not "500"/,
      )
      assert.equal(
        (await database.test.knex('lines').where({ slug: 'sales' }).first()).ring_timeout,
        20,
      )
      assert.equal(Number((await database.test.knex('lines').count({ n: '*' }))[0].n), 3)
    })

    it('assigns a user at a position and unassigns them, keeping the order tight', async () => {
      const assigned = await aircall(
        'lines',
        'assign',
        'Sales',
        'Peter',
        '--position',
        '1',
      )
      assert.equal(assigned.code, 0, assigned.stderr)
      assert.deepEqual(await members('sales'), [
        { name: 'Peter', position: 1 },
        { name: 'Jane', position: 2 },
        { name: 'Luke', position: 3 },
      ])

      const unassigned = await aircall('lines', 'unassign', 'sales', 'jane')
      assert.equal(unassigned.code, 0, unassigned.stderr)
      assert.equal(unassigned.stdout, 'Sales no longer rings Jane.\n')
      assert.deepEqual(await members('sales'), [
        { name: 'Peter', position: 1 },
        { name: 'Luke', position: 2 },
      ])
    })

    it('refuses to assign a member twice or to unassign a stranger', async () => {
      const twice = await aircall('lines', 'assign', 'Sales', 'Jane')
      assert.equal(twice.code, 1)
      assert.equal(
        twice.stderr,
        'error: Jane already answers Sales — run `aircall lines list` to see the ring order\n',
      )

      const stranger = await aircall('lines', 'unassign', 'Sales', 'Peter')
      assert.equal(stranger.code, 1)
      assert.match(stranger.stderr, /Peter does not answer Sales/)
      assert.equal((await members('sales')).length, 2)
    })

    it('changes how a line rings', async () => {
      const result = await aircall(
        'lines',
        'set',
        'support',
        '--strategy',
        'round-robin',
        '--timeout',
        '15',
        '--greeting',
        'Support is busy; leave a message.',
        '--screening',
        'on',
      )
      assert.equal(result.code, 0, result.stderr)
      assert.equal(
        result.stdout,
        'Support: rings round-robin, 15s per step, screening on.\n',
      )
      const line = await database.test.knex('lines').where({ slug: 'support' }).first()
      assert.equal(line.voicemail_greeting, 'Support is busy; leave a message.')
      assert.equal(line.screening, true)

      const nothing = await aircall('lines', 'set', 'support')
      assert.equal(nothing.code, 1)
      assert.match(nothing.stderr, /nothing to change — pass --strategy/)
    })

    it('removes a line but keeps its calls in the history', async () => {
      const line = await database.test.knex('lines').where({ slug: 'sales' }).first()
      await database.test.knex('calls').insert({
        call_uuid: 'c-1',
        line_id: line.id,
        line_name: 'Sales',
        status: 'missed',
      })

      const result = await aircall('lines', 'remove', 'Sales')
      assert.equal(result.code, 0, result.stderr)
      const call = await database.test.knex('calls').where({ call_uuid: 'c-1' }).first()
      assert.equal(call.line_id, null)
      assert.equal(call.line_name, 'Sales')

      const unknown = await aircall('lines', 'remove', 'Sales')
      assert.equal(unknown.code, 1)
      assert.equal(
        unknown.stderr,
        'error: no line is named "Sales" — run `aircall lines list` to see the lines\n',
      )
    })
  })
}
