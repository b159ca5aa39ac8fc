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

// Every call nobody answered says why, and every app a call rang says what it did, as
// `aircall calls list` and `calls show` read them back.

for (const backend of testBackends()) {
  describe(`why a call was missed, and each app rung (${backend})`, () => {
    let db: TestDatabase
    let company: Company
    let server: Awaited<ReturnType<typeof startCallServer>>
    let nobodyLine: string
    const aircall = (...args: string[]) => runCli(args, { env: db.env })

    before(async () => {
      db = await createTestDatabase(backend)
      company = await insertCompany(db.knex)
      server = await startCallServer(db.database)
      nobodyLine = await insertLineOfAwayPeople(db)
    })
    after(async () => {
      await server?.close()
      await db?.destroy()
    })

    async function missed(callUuid: string) {
      const row = await db.knex('calls').where('call_uuid', callUuid).first()
      assert.ok(row, `no call row for ${callUuid}`)
      return {
        status: row.status,
        reason: row.missed_reason,
        afterSeconds: row.missed_after_seconds,
      }
    }

    async function attempts(callUuid: string) {
      const result = await aircall('calls', 'show', callUuid, '--json')
      assert.equal(result.code, 0, result.stderr)
      return JSON.parse(result.stdout).attempts.map(
        (attempt: { user: string; app: string; step: number; outcome: string }) =>
          `${attempt.step}: ${attempt.user}/${attempt.app} ${attempt.outcome}`,
      )
    }

    it('when nobody answers, the voicemail says nobody answered and each app did not', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri)

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(await missed(call.callUuid), {
        status: 'voicemail',
        reason: 'no-answer',
        afterSeconds: null,
      })
      assert.deepEqual(await attempts(call.callUuid), [
        '0: Ada/mobile no-answer',
        '0: Ada/desktop no-answer',
        '0: Bob/mobile no-answer',
      ])
    })

    it('tells which app answered, which lost the race, which was busy and which failed', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.adaDesktop,
        busy: [company.apps.bobMobile],
        unregistered: [company.apps.adaMobile],
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(await missed(call.callUuid), {
        status: 'answered',
        reason: null,
        afterSeconds: null,
      })
      assert.deepEqual(await attempts(call.callUuid), [
        '0: Ada/mobile failed',
        '0: Ada/desktop answered',
        '0: Bob/mobile busy',
      ])
    })

    it('counts a losing leg that Plivo never reports on as not answered', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        answeredBy: company.apps.bobMobile,
        reportUnansweredLegs: false,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(await attempts(call.callUuid), [
        '0: Ada/mobile no-answer',
        '0: Ada/desktop no-answer',
        '0: Bob/mobile answered',
      ])
    })

    it('on a sequential line, each ring step is numbered', async () => {
      const call = await server.placeCall(company.lines.support.sipUri, {
        answeredBy: company.apps.bobMobile,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(await attempts(call.callUuid), [
        '0: Ada/mobile no-answer',
        '0: Ada/desktop no-answer',
        '1: Bob/mobile answered',
      ])
    })

    it('says nobody was available when every member is away, and rings no app', async () => {
      const call = await server.placeCall(nobodyLine)

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(await missed(call.callUuid), {
        status: 'voicemail',
        reason: 'nobody-available',
        afterSeconds: null,
      })
      assert.deepEqual(await attempts(call.callUuid), [])
    })

    it('says how soon the caller hung up while the apps rang', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        callerHangsUpAfterSeconds: 7,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(await missed(call.callUuid), {
        status: 'missed',
        reason: 'caller-hung-up-ringing',
        afterSeconds: 7,
      })
      assert.deepEqual(await attempts(call.callUuid), [
        '0: Ada/mobile no-answer',
        '0: Ada/desktop no-answer',
        '0: Bob/mobile no-answer',
      ])
    })

    it('tells a caller who hung up during the greeting apart', async () => {
      // 20 s of ringing, then a greeting of about 12 s.
      const call = await server.placeCall(company.lines.sales.sipUri, {
        callerHangsUpAfterSeconds: 24,
      })

      assert.equal(call.ok, true, call.error)
      assert.deepEqual(await missed(call.callUuid), {
        status: 'missed',
        reason: 'caller-hung-up-greeting',
        afterSeconds: 24,
      })
    })

    it('blames an error when Plivo could not reach the server', async () => {
      const call = await server.placeCall(
        company.lines.sales.sipUri,
        {},
        {
          answerUrl: 'http://127.0.0.1:9/plivo/answer',
          fallbackAnswerUrl: 'http://127.0.0.1:9/plivo/fallback',
        },
      )

      assert.equal(call.hangup.code, 7011)
      assert.deepEqual(await missed(call.callUuid), {
        status: 'missed',
        reason: 'error',
        afterSeconds: null,
      })
    })

    it('says a line that does not exist is not in service', async () => {
      const call = await server.placeCall('sip:nobody261203100999@phone.plivo.com')

      assert.equal(call.ok, true, call.error)
      assert.equal((await missed(call.callUuid)).reason, 'not-in-service')
    })

    it('shows the reason in calls list, in its JSON, and the apps rung in calls show', async () => {
      const call = await server.placeCall(company.lines.sales.sipUri, {
        callerHangsUpAfterSeconds: 7,
      })
      const { id } = await db.knex('calls').where('call_uuid', call.callUuid).first('id')

      const list = await aircall('calls', 'list', '--limit', '1')
      assert.equal(list.code, 0, list.stderr)
      assert.match(
        list.stdout,
        /\n\d+ .* Sales .* missed: caller hung up while it rang \(0:07\) +0:07\n$/,
      )

      const json = JSON.parse(
        (await aircall('calls', 'list', '--json', '--limit', '1')).stdout,
      )
      assert.equal(json[0].missedReason, 'caller-hung-up-ringing')
      assert.equal(json[0].missedAfterSeconds, 7)

      const show = await aircall('calls', 'show', String(id))
      assert.equal(show.code, 0, show.stderr)
      assert.match(
        show.stdout,
        /\n {2}Why missed +caller hung up while it rang \(0:07\)\n/,
      )
      const rung = show.stdout.split('Apps rung\n')[1].split('\n\n')[0].split('\n')
      assert.match(rung[0], /^RANG +STEP +APP +OUTCOME$/)
      assert.match(rung[1], / +1 +Ada\/mobile +no-answer$/)
      assert.match(rung[3], / +1 +Bob\/mobile +no-answer$/)
      assert.equal(rung.length, 4)
    })
  })
}

/** A line whose only member is away: nobody can be rung. */
async function insertLineOfAwayPeople(db: TestDatabase): Promise<string> {
  const username = 'night261203100100'
  const [line] = await db
    .knex('lines')
    .insert({
      name: 'Night',
      slug: 'night',
      plivo_endpoint_id: `ep-${username}`,
      plivo_username: username,
      sip_uri: `sip:${username}@phone.plivo.com`,
    })
    .returning('id')
  const dee = await db.knex('users').where('name', 'Dee').first('id')
  await db.knex('line_members').insert({ line_id: line.id, user_id: dee.id, position: 1 })
  return `sip:${username}@phone.plivo.com`
}
