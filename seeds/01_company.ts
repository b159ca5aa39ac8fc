import type { Knex } from 'knex'

// The example company. Every insert skips what is already there, so seeding twice leaves
// the same rows; a seeded row that someone has since changed is left as they made it.

const people = [
  { name: 'Jane', title: 'CEO', apps: ['mobile', 'desktop'] },
  { name: 'Peter', title: 'CTO', apps: ['mobile', 'desktop'] },
  { name: 'Luke', title: 'COO', apps: ['mobile'] },
]

const lines = [
  { name: 'Main Office', slug: 'main-office', strategy: 'simultaneous', members: ['Jane', 'Peter', 'Luke'] },
  { name: 'Sales', slug: 'sales', strategy: 'sequential', members: ['Jane', 'Luke'] },
  { name: 'Support', slug: 'support', strategy: 'sequential', members: ['Peter', 'Luke'] },
]

export async function seed(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    for (const person of people) {
      await trx.raw(
        'insert into users (name, title) values (?, ?) on conflict do nothing',
        [person.name, person.title],
      )
      for (const label of person.apps) {
        await trx.raw(
          `insert into apps (user_id, label)
           select id, ? from users where lower(name) = lower(?)
           on conflict do nothing`,
          [label, person.name],
        )
      }
    }

    for (const line of lines) {
      await trx.raw(
        `insert into lines (name, slug, ring_strategy) values (?, ?, ?)
         on conflict do nothing`,
        [line.name, line.slug, line.strategy],
      )
      for (const [index, member] of line.members.entries()) {
        await trx.raw(
          `insert into line_members (line_id, user_id, position)
           select lines.id, users.id, ? from lines, users
           where lower(lines.slug) = lower(?) and lower(users.name) = lower(?)
           on conflict do nothing`,
          [index + 1, line.slug, member],
        )
      }
    }
  })
}
