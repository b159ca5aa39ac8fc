import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { runCli } from '../support/cli.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { type Company, insertCompany } from './company.ts'
import { startCallServer } from './harness.ts'

// Ada's and Bob's mobiles may answer by themselves (a phone's own voicemail); desktops
// cannot. Plivo sets confirmKey on a whole Dial, so the mobiles ring in a Dial of their
// own, after the desktops, and must press 1 to get the caller.

const PROMPT = 'Call for Sales. Press 1 to take it.'
const SUPPORT_PROMPT = 'Call for Support. Press 1 to take it.'

for (const backend of testBackends()) {
  describe(`screening per app (${backend})`, () => {
    let db: TestDatabase
    let company: Company
    let server: Awaited<ReturnType<typeof startCallServer>>

    before(async () => {
      db = await createTestDatabase(backend)
      company = await insertCompany(db.knex)
      server = await startCallServer(db.database)
      for (const app of ['Ada/mobile', 'Bob/mobile']) {
        const set = await runCli(['apps', 'set', app, '--auto-answer', 'on'], {
          env: db.env,
        })
        assert.equal(set.code, 0, set.stderr)
      }
    })
    after(async () => {
      await server?.close()
      await db?.destroy()
    })

    async function outcome(callUuid: string) {
      const row = await db.knex('calls').where('call_uuid', callUuid).first()
      const attempts = await db
        .knex('call_attempts')
        .where('call_id', row.id)
        .orderBy(['step', 'id'])
        .select('user_name', 'app_label', 'step', 'is_screened', 'outcome')
      return {
        status: row.status,
        answeredBy:
          row.answered_by_app_label &&
          `${row.answered_by_user_name}/${row.answered_by_app_label}`,
        reason: row.missed_reason,
        attempts: attempts.map(
          (attempt) =>
            `${attempt.step}: ${attempt.user_name}/${attempt.app_label}${attempt.is_screened ? ' (screened)' : ''} ${attempt.outcome}`,
        ),
      }
    }

    const heard = (call: { steps: { text: string }[] }, text: string) =>
      call.steps.some((step) => step.text.includes(text))

    it('on a line mixing both, rings the desktops first without a key, then the mobiles screened', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.adaMobile,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(server.dialledGroups(), [
        [company.apps.adaDesktop],
        [company.apps.adaMobile, company.apps.bobMobile],
      ])
      assert.ok(heard(call, PROMPT))
      assert.deepEqual(await outcome(call.callUuid), {
        status: 'answered',
        answeredBy: 'Ada/mobile',
        reason: null,
        attempts: [
          '0: Ada/desktop no-answer',
          '1: Ada/mobile (screened) answered',
          '1: Bob/mobile (screened) no-answer',
        ],
      })
    })

    it('an app that cannot auto-answer takes the call without a key', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.adaDesktop,
        pressesConfirmKey: false,
      })

      assert.equal(call.ok, true, call.error)
      assert.equal(heard(call, PROMPT), false)
      assert.equal((await outcome(call.callUuid)).answeredBy, 'Ada/desktop')
    })

    it('a screened app that picks up without pressing the key does not take the call: voicemail', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.bobMobile,
        pressesConfirmKey: false,
        messageSeconds: 6,
      })

      assert.equal(call.ok, true, call.error)
      assert.ok(heard(call, PROMPT))
      assert.deepEqual(await outcome(call.callUuid), {
        status: 'voicemail',
        answeredBy: null,
        reason: 'no-answer',
        attempts: [
          '0: Ada/desktop no-answer',
          '1: Ada/mobile (screened) no-answer',
          '1: Bob/mobile (screened) declined',
        ],
      })
    })

    it('on a sequential line, a screened app that does not press the key passes the call to the next step', async () => {
      const call = await server.placeCall(company.lines.support.sipUri, {
        answeredBy: company.apps.adaMobile,
        pressesConfirmKey: false,
        callerHangsUpAfterSeconds: 40,
      })

      assert.equal(call.ok, true, call.error)
      assert.ok(heard(call, SUPPORT_PROMPT))
      assert.deepEqual(server.dialledGroups(), [
        [company.apps.adaDesktop],
        [company.apps.adaMobile],
        [company.apps.bobMobile],
      ])
      assert.deepEqual(await outcome(call.callUuid), {
        status: 'missed',
        answeredBy: null,
        reason: 'caller-hung-up-ringing',
        attempts: [
          '0: Ada/desktop no-answer',
          '1: Ada/mobile (screened) declined',
          '2: Bob/mobile (screened) no-answer',
        ],
      })
    })

    it('a line with screening on screens every app, in one Dial', async () => {
      const set = await runCli(['lines', 'set', 'Sales', '--screening', 'on'], {
        env: db.env,
      })
      assert.equal(set.code, 0, set.stderr)
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.adaDesktop,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(server.dialledGroups(), [
        [company.apps.adaMobile, company.apps.adaDesktop, company.apps.bobMobile],
      ])
      assert.ok(heard(call, PROMPT))
      assert.equal((await outcome(call.callUuid)).answeredBy, 'Ada/desktop')
    })
  })
}
