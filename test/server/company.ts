import type { Knex } from 'knex'

// A small provisioned company for the server's tests: endpoints as Plivo returns them
// (usernames with Plivo's digits, SIP URIs), one line per ring strategy.

export const SIP_PASSWORD = 'Sip-Password-Never-Logged-1'

export type Company = {
  lines: Record<
    'sales' | 'support' | 'rotation' | 'screened',
    { sipUri: string; id: number }
  >
  apps: Record<
    'adaMobile' | 'adaDesktop' | 'bobMobile' | 'cydDesktop' | 'deeMobile',
    string
  >
}

const sipUri = (username: string) => `sip:${username}@phone.plivo.com`

export async function insertCompany(knex: Knex): Promise<Company> {
  const users = await knex('users')
    .insert([
      { name: 'Ada', availability: 'available' },
      { name: 'Bob', availability: 'available' },
      { name: 'Cyd', availability: 'available' },
      { name: 'Dee', availability: 'away' },
    ])
    .returning(['id', 'name'])
  const userId = (name: string) => users.find((user) => user.name === name)?.id

  const apps = {
    adaMobile: ['Ada', 'mobile', 'adamobile261203100000'],
    adaDesktop: ['Ada', 'desktop', 'adadesktop261203100001'],
    bobMobile: ['Bob', 'mobile', 'bobmobile261203100002'],
    cydDesktop: ['Cyd', 'desktop', 'cyddesktop261203100003'],
    deeMobile: ['Dee', 'mobile', 'deemobile261203100004'],
  } as const
  await knex('apps').insert(
    Object.values(apps).map(([user, label, username]) => ({
      user_id: userId(user),
      label,
      plivo_endpoint_id: `ep-${username}`,
      plivo_username: username,
      sip_uri: sipUri(username),
      sip_password: SIP_PASSWORD,
    })),
  )

  const lineRows = [
    ['sales', 'Sales', 'simultaneous', false, ['Ada', 'Bob', 'Dee']],
    ['support', 'Support', 'sequential', false, ['Ada', 'Bob']],
    ['rotation', 'Rotation', 'round-robin', false, ['Ada', 'Bob', 'Cyd']],
    ['screened', 'Screened', 'simultaneous', true, ['Bob']],
  ] as const
  const lines = {} as Company['lines']
  for (const [slug, name, strategy, screening, members] of lineRows) {
    const username = `${slug}261203100100`
    const [line] = await knex('lines')
      .insert({
        name,
        slug,
        ring_strategy: strategy,
        screening,
        plivo_endpoint_id: `ep-${username}`,
        plivo_username: username,
        sip_uri: sipUri(username),
        sip_password: SIP_PASSWORD,
      })
      .returning('id')
    await knex('line_members').insert(
      members.map((member, index) => ({
        line_id: line.id,
        user_id: userId(member),
        position: index + 1,
      })),
    )
    lines[slug] = { id: line.id, sipUri: sipUri(username) }
  }

  return {
    lines,
    apps: Object.fromEntries(
      Object.entries(apps).map(([key, [, , username]]) => [key, sipUri(username)]),
    ) as Company['apps'],
  }
}
