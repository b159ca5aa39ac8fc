import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'
import { type Company, SIP_PASSWORD, insertCompany } from './company.ts'
import { AUTH_TOKEN, startCallServer } from './harness.ts'

for (const backend of testBackends()) {
  describe(`calls through the server (${backend})`, () => {
    let db: TestDatabase
    let company: Company
    let server: Awaited<ReturnType<typeof startCallServer>>

    before(async () => {
      db = await createTestDatabase(backend)
      company = await insertCompany(db.knex)
      server = await startCallServer(db.database)
    })
    after(async () => {
      await server?.close()
      await db?.destroy()
    })

    async function callRow(callUuid: string) {
      const row = await db.knex('calls').where('call_uuid', callUuid).first()
      assert.ok(row, `no call row for ${callUuid}`)
      return row
    }

    async function eventKinds(callUuid: string) {
      return db
        .knex('call_events')
        .join('calls', 'calls.id', 'call_events.call_id')
        .where('calls.call_uuid', callUuid)
        .orderBy('call_events.id')
        .pluck('call_events.kind')
    }

    it('rings every available app of a simultaneous line, and the first app answers', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.adaMobile,
        talkSeconds: 30,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(server.dialledGroups(), [
        [company.apps.adaMobile, company.apps.adaDesktop, company.apps.bobMobile],
      ])
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'answered')
      assert.equal(row.line_name, 'Sales')
      assert.equal(row.from_number, '+14155550100')
      assert.equal(row.caller_name, 'Zoe "Z" Caller')
      assert.equal(row.answered_by_user_name, 'Ada')
      assert.equal(row.answered_by_app_label, 'mobile')
      assert.equal(
        new Date(row.answered_at).getTime() - new Date(row.started_at).getTime(),
        3000,
      )
      assert.equal(row.duration_seconds, 33)
      assert.equal(row.hangup_cause, 'Normal Hangup')
      assert.deepEqual(await eventKinds(call.callUuid), [
        'answer',
        'dial-callback',
        'dial-callback',
        'dial-callback',
        'dial-callback',
        'hangup',
      ])
    })

    it('keeps at most 128 characters of a From or caller name, the cut marked', async () => {
      const from = `sip:${'x'.repeat(20_000)}@example.com`
      const call = await server.placeCall(
        company.lines.sales.sipUri,
        { answeredBy: company.apps.adaMobile },
        { from, callerName: 'N'.repeat(20_000) },
      )

      assert.equal(call.ok, true, call.error)
      const row = await callRow(call.callUuid)
      assert.equal(row.from_number, `sip:${'x'.repeat(123)}…`)
      assert.equal(row.caller_name, `${'N'.repeat(127)}…`)
      const [answer] = await db
        .knex('call_events')
        .where({ call_id: row.id, kind: 'answer' })
        .pluck('params')
      assert.equal(answer.From, row.from_number)
      assert.equal(answer.CallerName, row.caller_name)
    })

    it("is answered by another user's app", async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.bobMobile,
        talkEndedBy: 'callee',
      })

      assert.equal(call.ok, true, call.error)
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'answered')
      assert.equal(row.answered_by_user_name, 'Bob')
      assert.equal(row.answered_by_app_label, 'mobile')
      assert.equal(call.hangup.source, 'Plivo')
    })

    it('when nobody answers, the caller hears the greeting and leaves a voicemail', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        messageSeconds: 9,
      })

      assert.equal(call.ok, true, call.error)
      const spoken = call.steps.find(
        (step) => step.kind === 'audio' && step.text.includes('You have reached'),
      )
      assert.ok(spoken, 'the greeting is spoken')
      assert.match(spoken.text, /You have reached Sales\./)
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'voicemail')
      assert.match(
        row.voicemail_url,
        /^https:\/\/media\.plivo\.com\/v1\/Account\/.+\.mp3$/,
      )
      assert.equal(row.voicemail_seconds, 9)
      assert.equal(row.answered_by_user_name, null)
      assert.ok(row.ended_at)
      assert.deepEqual(
        (await eventKinds(call.callUuid)).filter(
          (kind) => !kind.startsWith('dial-callback'),
        ),
        ['answer', 'dial-action', 'record-action', 'record-callback', 'hangup'],
      )
    })

    it('is missed when the caller hangs up while the apps ring', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        callerHangsUpAfterSeconds: 7,
      })

      assert.equal(call.ok, true, call.error)
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'missed')
      assert.equal(row.duration_seconds, 7)
      assert.equal(row.voicemail_url, null)
      assert.ok(row.ended_at)
    })

    it('keeps the voicemail when the caller hangs up in the middle of it', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        messageSeconds: 60,
        callerHangsUpAfterSeconds: 40,
      })

      assert.equal(call.ok, true, call.error)
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'voicemail')
      assert.ok(
        row.voicemail_seconds > 0 && row.voicemail_seconds < 10,
        String(row.voicemail_seconds),
      )
      const kinds = await eventKinds(call.callUuid)
      assert.equal(kinds.includes('record-action'), false)
      assert.equal(kinds.includes('record-callback'), true)
    })

    it('rings the members of a sequential line one after the other', async () => {
      const call = await server.placeCall(company.lines.support.sipUri, {
        answeredBy: company.apps.bobMobile,
        answerAfterSeconds: 4,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(server.dialledGroups(), [
        [company.apps.adaMobile, company.apps.adaDesktop],
        [company.apps.bobMobile],
      ])
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'answered')
      assert.equal(row.answered_by_user_name, 'Bob')
      assert.equal(
        new Date(row.answered_at).getTime() - new Date(row.started_at).getTime(),
        24_000,
      )
    })

    it('starts each call of a round-robin line with the next member', async () => {
      const firsts: string[][] = []
      for (let index = 0; index < 3; index++) {
        const call = await server.placeCall(company.lines.rotation.sipUri, {
          callerHangsUpAfterSeconds: 5,
        })
        assert.equal(call.ok, true, call.error)
        firsts.push(server.dialledGroups()[0])
      }

      assert.deepEqual(firsts, [
        [company.apps.adaMobile, company.apps.adaDesktop],
        [company.apps.bobMobile],
        [company.apps.cydDesktop],
      ])
      const line = await db.knex('lines').where('id', company.lines.rotation.id).first()
      assert.equal(line.round_robin_next, 3)
    })

    it('shares round-robin turns between server instances on one database', async () => {
      const other = await startCallServer(db.database)
      const firsts: string[][] = []
      try {
        for (const instance of [other, server, other]) {
          const call = await instance.placeCall(company.lines.rotation.sipUri, {
            callerHangsUpAfterSeconds: 5,
          })
          assert.equal(call.ok, true, call.error)
          firsts.push(instance.dialledGroups()[0])
        }
      } finally {
        await other.close()
      }

      assert.deepEqual(firsts, [
        [company.apps.adaMobile, company.apps.adaDesktop],
        [company.apps.bobMobile],
        [company.apps.cydDesktop],
      ])
    })

    it('on a screened line, the call counts as answered only once the key is pressed', async () => {
      const refused = await server.placeCall(company.lines.screened.sipUri, {
        answeredBy: company.apps.bobMobile,
        pressesConfirmKey: false,
      })
      const accepted = await server.placeCall(company.lines.screened.sipUri, {
        answeredBy: company.apps.bobMobile,
      })

      assert.equal(refused.ok, true, refused.error)
      assert.ok(
        refused.steps.some((step) =>
          step.text.includes('Call for Screened. Press 1 to take it.'),
        ),
      )
      assert.equal((await callRow(refused.callUuid)).status, 'voicemail')
      const row = await callRow(accepted.callUuid)
      assert.equal(row.status, 'answered')
      assert.equal(row.answered_by_user_name, 'Bob')
      assert.ok((await eventKinds(accepted.callUuid)).includes('screen'))
    })

    it('tells the caller of an unknown line that it is not in service, and logs the call', async () => {
      const call = await server.placeCall('sip:nobody261203100999@phone.plivo.com')

      assert.equal(call.ok, true, call.error)
      assert.ok(call.steps.some((step) => step.text.includes('not in service')))
      const row = await callRow(call.callUuid)
      assert.equal(row.line_id, null)
      assert.equal(row.status, 'missed')
      assert.equal(row.hangup_cause, 'Normal Hangup')
    })

    it('closes the call when the hangup comes to the answer URL, without routing it again', async () => {
      const call = await server.placeCall(
        company.lines.sales.sipUri,
        { callerHangsUpAfterSeconds: 4 },
        { hangupUrl: undefined },
      )

      assert.equal(call.ok, true, call.error)
      assert.equal(server.dialledGroups().length, 1)
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'missed')
      assert.equal(row.duration_seconds, 4)
      assert.deepEqual(await eventKinds(call.callUuid), [
        'answer',
        'dial-callback',
        'dial-callback',
        'dial-callback',
        'hangup',
      ])
    })

    it('routes the call from the fallback URL when the answer URL cannot be reached', async () => {
      const call = await server.placeCall(
        company.lines.sales.sipUri,
        { answeredBy: company.apps.adaDesktop },
        { answerUrl: 'http://127.0.0.1:9/plivo/answer' },
      )

      assert.match(call.error ?? '', /answer URL .* failed/)
      const row = await callRow(call.callUuid)
      assert.equal(row.status, 'answered')
      assert.equal(row.answered_by_app_label, 'desktop')
      assert.equal((await eventKinds(call.callUuid))[0], 'fallback')
    })

    it('gives calls consecutive ids, however many webhooks each call has', async () => {
      const ids = await db.knex('calls').orderBy('id').pluck('id')

      assert.deepEqual(
        ids.map(Number),
        ids.map((_, index) => Number(ids[0]) + index),
      )
    })

    it('never writes a token or a SIP password to the log, and logs one line per request', () => {
      const text = server.logLines.join('\n')
      assert.equal(text.includes(AUTH_TOKEN), false)
      assert.equal(text.includes(SIP_PASSWORD), false)
      assert.equal(
        text.includes('4155550100'),
        false,
        'caller numbers are masked at info level',
      )
      const requests = server.logLines
        .map((line) => JSON.parse(line))
        .filter((entry) => entry.msg === 'request')
      assert.ok(requests.length > 20)
      for (const entry of requests) {
        assert.equal(typeof entry.ms, 'number')
        assert.equal(typeof entry.status, 'number')
      }
    })
  })
}
