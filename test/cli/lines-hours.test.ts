import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testBackends, useCliDatabase } from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`aircall lines hours and lines show (${backend})`, () => {
    const database = useCliDatabase(backend)
    const { aircall } = database

    it('sets weekday hours, a Saturday and closures, and prints the week', async () => {
      const result = await aircall(
        'lines',
        'hours',
        'sales',
        '--zone',
        'Europe/Paris',
        '--weekdays',
        '09:00-12:00,14:00-18:00',
        '--friday',
        '09:00-16:00',
        '--saturday',
        '10:00-12:00',
        '--closed',
        '2026-12-25',
        '--closed',
        '2027-01-01',
      )

      assert.equal(result.code, 0, result.stderr)
      assert.equal(
        result.stdout,
        [
          'Sales takes calls (Europe/Paris):',
          '  Mon  09:00-12:00, 14:00-18:00',
          '  Tue  09:00-12:00, 14:00-18:00',
          '  Wed  09:00-12:00, 14:00-18:00',
          '  Thu  09:00-12:00, 14:00-18:00',
          '  Fri  09:00-16:00',
          '  Sat  10:00-12:00',
          '  Sun  closed',
          '  closed on 2026-12-25, 2027-01-01',
          '',
        ].join('\n'),
      )
    })

    it('changes only the days named, reopens a date, and clears everything', async () => {
      await aircall(
        'lines',
        'hours',
        'Sales',
        '--zone',
        'UTC',
        '--weekdays',
        '09:00-18:00',
      )
      await aircall('lines', 'hours', 'Sales', '--closed', '2026-12-25')
      const changed = await aircall(
        'lines',
        'hours',
        'Sales',
        '--monday',
        'closed',
        '--reopen',
        '2026-12-25',
      )
      assert.equal(changed.code, 0, changed.stderr)
      assert.match(changed.stdout, /\n {2}Mon {2}closed\n {2}Tue {2}09:00-18:00\n/)
      assert.doesNotMatch(changed.stdout, /closed on/)

      const cleared = await aircall('lines', 'hours', 'Sales', '--clear')
      assert.equal(cleared.stdout, 'Sales is always open (no time zone set).\n')
      assert.equal(
        Number((await database.test.knex('line_hours').count({ n: '*' }))[0].n),
        0,
      )
    })

    it('refuses a closed greeting with control characters or past 500 characters', async () => {
      const escape = await aircall(
        'lines',
        'hours',
        'Sales',
        '--closed-greeting',
        'hi\u001b[2Jx',
      )
      assert.equal(escape.code, 1)
      assert.match(
        escape.stderr,
        /^error: a closed greeting cannot contain control characters/,
      )
      const long = await aircall(
        'lines',
        'hours',
        'Sales',
        '--closed-greeting',
        'a'.repeat(501),
      )
      assert.equal(
        long.stderr,
        'error: a closed greeting is too long: at most 500 characters\n',
      )
      const line = await database.test.knex('lines').where({ slug: 'sales' }).first()
      assert.equal(line.closed_greeting, null)
    })

    it('refuses hours without a time zone, and a bad zone, range or date', async () => {
      const noZone = await aircall('lines', 'hours', 'Sales', '--weekdays', '09:00-18:00')
      assert.equal(noZone.code, 1)
      assert.match(noZone.stderr, /^error: Sales has no time zone yet — pass --zone/)

      const zone = await aircall('lines', 'hours', 'Sales', '--zone', 'Paris')
      assert.equal(zone.code, 1)
      assert.match(zone.stderr, /--zone takes an IANA time zone .* not "Paris"/)

      const range = await aircall('lines', 'hours', 'Sales', '--sunday', '18:00-09:00')
      assert.equal(range.code, 1)
      assert.match(range.stderr, /--sunday takes ranges like 09:00-18:00/)

      const date = await aircall('lines', 'hours', 'Sales', '--closed', '2026-02-30')
      assert.equal(date.code, 1)
      assert.match(date.stderr, /--closed takes a date like 2026-12-25, not "2026-02-30"/)
      assert.equal(
        Number((await database.test.knex('line_hours').count({ n: '*' }))[0].n),
        0,
      )
    })

    it('shows a line: settings, members with their apps, hours and closures; --json too', async () => {
      await aircall(
        'lines',
        'hours',
        'Sales',
        '--zone',
        'Europe/Paris',
        '--weekdays',
        '09:00-18:00',
        '--closed',
        '2026-12-25',
      )
      const shown = await aircall('lines', 'show', 'Sales')

      assert.equal(shown.code, 0, shown.stderr)
      const lines = shown.stdout.split('\n')
      assert.equal(lines[0], 'Sales')
      assert.match(shown.stdout, /\n {2}Rings +sequential, 20s per step\n/)
      assert.match(
        shown.stdout,
        /\nMembers \(ring order\)\n {2}1\. Jane: mobile, desktop\n {2}2\. Luke: mobile\n/,
      )
      assert.match(shown.stdout, /\n {4}Mon {2}09:00-18:00\n/)
      assert.match(shown.stdout, /\n {4}closed on 2026-12-25\n/)

      const json = JSON.parse((await aircall('lines', 'show', 'sales', '--json')).stdout)
      assert.equal(json.name, 'Sales')
      const support = JSON.parse(
        (await aircall('lines', 'show', 'support', '--json')).stdout,
      )
      assert.equal(support.hours, null)
      assert.equal(json.hours.zone, 'Europe/Paris')
      assert.deepEqual(json.hours.closures, ['2026-12-25'])
      assert.deepEqual(json.hours.weekly[0], {
        weekday: 1,
        opens: '09:00',
        closes: '18:00',
      })
      assert.deepEqual(
        json.members.map((member: { name: string; apps: { label: string }[] }) => [
          member.name,
          member.apps.map((app) => app.label),
        ]),
        [
          ['Jane', ['mobile', 'desktop']],
          ['Luke', ['mobile']],
        ],
      )
    })
  })
}
