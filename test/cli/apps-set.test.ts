import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testBackends, useCliDatabase } from '../support/database.ts'

for (const backend of testBackends()) {
  describe(`aircall apps set (${backend})`, () => {
    const database = useCliDatabase(backend)
    const { aircall } = database

    it('marks an app that may answer by itself, and shows it in apps list', async () => {
      const set = await aircall('apps', 'set', 'jane/MOBILE', '--auto-answer', 'on')
      assert.equal(set.code, 0, set.stderr)
      assert.equal(
        set.stdout,
        'Jane/mobile may answer by itself: its calls ask for a key press before connecting.\n',
      )

      const list = await aircall('apps', 'list', '--user', 'Jane')
      assert.equal(
        list.stdout,
        'APP                            SIP URI\n' +
          'Jane/mobile (may auto-answer)  not provisioned\n' +
          'Jane/desktop                   not provisioned\n',
      )
      const json = JSON.parse((await aircall('apps', 'list', '--json')).stdout)
      assert.deepEqual(
        json
          .filter((app: { mayAutoAnswer: boolean }) => app.mayAutoAnswer)
          .map((app: { user: string; label: string }) => `${app.user}/${app.label}`),
        ['Jane/mobile'],
      )

      const off = await aircall('apps', 'set', 'Jane/mobile', '--auto-answer', 'off')
      assert.equal(off.code, 0, off.stderr)
      assert.equal(
        (
          await database.test
            .knex('apps')
            .where({ label: 'mobile' })
            .pluck('may_auto_answer')
        ).some(Boolean),
        false,
      )
    })

    it('asks for a setting, and refuses a value that is not on or off', async () => {
      const nothing = await aircall('apps', 'set', 'Jane/mobile')
      assert.equal(nothing.code, 1)
      assert.equal(
        nothing.stderr,
        'error: nothing to change — pass --auto-answer on or off\n',
      )

      const wrong = await aircall('apps', 'set', 'Jane/mobile', '--auto-answer', 'yes')
      assert.equal(wrong.code, 1)
      assert.match(wrong.stderr, /Allowed choices are on, off/)
    })
  })
}
