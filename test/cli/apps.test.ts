import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testBackends, useCliDatabase } from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`aircall apps (${backend})`, () => {
    const database = useCliDatabase(backend)
    const { aircall } = database

    it("lists every app as user/label, or one user's apps", async () => {
      const all = await aircall('apps', 'list', '--json')
      assert.equal(all.code, 0, all.stderr)
      assert.deepEqual(
        JSON.parse(all.stdout).map(
          (app: { user: string; label: string }) => `${app.user}/${app.label}`,
        ),
        ['Jane/mobile', 'Jane/desktop', 'Peter/mobile', 'Peter/desktop', 'Luke/mobile'],
      )

      const peter = await aircall('apps', 'list', '--user', 'peter')
      assert.equal(peter.code, 0, peter.stderr)
      assert.equal(
        peter.stdout,
        'APP            SIP URI\nPeter/mobile   not provisioned\nPeter/desktop  not provisioned\n',
      )
    })

    it('never shows a SIP password in JSON', async () => {
      await database.test.knex('apps').update({ sip_password: 'very-secret-password' })
      const result = await aircall('apps', 'list', '--json')
      assert.doesNotMatch(result.stdout, /very-secret-password/)
      assert.doesNotMatch(result.stdout, /password/i)
    })

    it('adds an app and refuses the same label twice for one user', async () => {
      const added = await aircall('apps', 'add', 'Luke', 'desktop')
      assert.equal(added.code, 0, added.stderr)
      assert.match(added.stdout, /^Added Luke\/desktop\./)

      const again = await aircall('apps', 'add', 'luke', 'DESKTOP')
      assert.equal(again.code, 1)
      assert.equal(
        again.stderr,
        'error: Luke already has an app labelled "DESKTOP" — choose another label, e.g. desktop, mobile, tablet\n',
      )
      assert.equal(Number((await database.test.knex('apps').count({ n: '*' }))[0].n), 6)
    })

    it('refuses an app for an unknown user', async () => {
      const result = await aircall('apps', 'add', 'Zoe', 'mobile')
      assert.equal(result.code, 1)
      assert.equal(
        result.stderr,
        'error: no user is named "Zoe" — run `aircall users list` to see the names\n',
      )
    })

    it('removes an app named user/label, and explains a reference that is not one', async () => {
      const removed = await aircall('apps', 'remove', 'Jane/Desktop')
      assert.equal(removed.code, 0, removed.stderr)
      assert.equal(removed.stdout, 'Removed Jane/desktop.\n')

      const unknown = await aircall('apps', 'remove', 'Jane/desktop')
      assert.equal(unknown.code, 1)
      assert.match(unknown.stderr, /^error: Jane has no app labelled "desktop"/)

      const malformed = await aircall('apps', 'remove', 'Jane')
      assert.equal(malformed.code, 1)
      assert.match(
        malformed.stderr,
        /"Jane" does not name an app — write an app as user\/label/,
      )
      assert.equal(Number((await database.test.knex('apps').count({ n: '*' }))[0].n), 4)
    })
  })
}
