import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  readDialLegNews,
  readHangupFacts,
  readRecordingFact,
} from '../../src/routing/call-facts.ts'
import {
  type CallFact,
  type CallRecord,
  fillDuration,
  mergeCallFact,
} from '../../src/routing/call-state.ts'
import { normaliseCaller, readSipUsername } from '../../src/routing/sip.ts'

const start = new Date('2026-12-03T10:00:00Z')
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000)

const ringing: CallRecord = {
  status: 'ringing',
  startedAt: at(1),
  answeredAt: null,
  answeredBy: null,
  voicemailUrl: null,
  voicemailSeconds: null,
  endedAt: null,
  durationSeconds: null,
  hangupCause: null,
  hangupCode: null,
  hasRung: false,
  routeEnd: null,
}

const by = { userId: 1, userName: 'Ada', appId: 10, appLabel: 'mobile' }

function mergeAll(facts: CallFact[]): CallRecord {
  return fillDuration(facts.reduce(mergeCallFact, ringing))
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  )
}

describe('the call state machine', () => {
  it('ends answered with who and when, whatever order and how often the facts come', () => {
    const facts: CallFact[] = [
      { kind: 'started', at: at(0) },
      { kind: 'answered', at: at(5), by },
      { kind: 'answered', at: null, by: null },
      { kind: 'ended', at: at(65), durationSeconds: 65, cause: 'Normal Hangup' },
    ]
    const expected = mergeAll(facts)
    assert.deepEqual(expected, {
      status: 'answered',
      startedAt: at(0),
      answeredAt: at(5),
      answeredBy: by,
      voicemailUrl: null,
      voicemailSeconds: null,
      endedAt: at(65),
      durationSeconds: 65,
      hangupCause: 'Normal Hangup',
      hangupCode: null,
      hasRung: false,
      routeEnd: null,
    })
    for (const order of permutations([...facts, ...facts])) {
      assert.deepEqual(mergeAll(order), expected)
    }
  })

  it('becomes a voicemail even when the hangup came before the recording', () => {
    const call = mergeAll([
      { kind: 'ended', at: at(40), durationSeconds: null, cause: 'Normal Hangup' },
      { kind: 'voicemail', url: 'https://media/r.mp3', seconds: 12 },
    ])
    assert.equal(call.status, 'voicemail')
    assert.equal(call.voicemailSeconds, 12)
    assert.equal(call.durationSeconds, 39)
  })

  it('is missed when the caller hangs up before anyone answers', () => {
    const call = mergeAll([
      { kind: 'ended', at: at(8), durationSeconds: 7, cause: 'Normal Hangup' },
    ])
    assert.equal(call.status, 'missed')
  })
})

describe('reading facts from webhooks', () => {
  it('prefers RecordingDurationMs over RecordingDuration', () => {
    assert.deepEqual(
      readRecordingFact({
        RecordUrl: 'u',
        RecordingDuration: '12500',
        RecordingDurationMs: '12500',
      }),
      { kind: 'voicemail', url: 'u', seconds: 13 },
    )
    assert.deepEqual(readRecordingFact({ RecordUrl: 'u', RecordingDuration: '-1' }), {
      kind: 'voicemail',
      url: 'u',
      seconds: null,
    })
    assert.equal(readRecordingFact({ RecordingDuration: '3' }), undefined)
  })

  it("reads Plivo's UTC times and falls back to the server's clock", () => {
    const facts = readHangupFacts(
      {
        StartTime: '2026-12-03 10:00:00',
        EndTime: '2026-12-03 10:01:05',
        Duration: '65',
        HangupCause: 'NORMAL_CLEARING',
      },
      at(999),
    )
    assert.deepEqual(facts, [
      { kind: 'started', at: at(0) },
      {
        kind: 'ended',
        at: at(65),
        durationSeconds: 65,
        cause: 'NORMAL_CLEARING',
        code: null,
      },
    ])
    assert.deepEqual(readHangupFacts({}, at(7)), [
      { kind: 'ended', at: at(7), durationSeconds: null, cause: null, code: null },
    ])
  })

  it('counts a pick-up on a screened line only once the leg is bridged', () => {
    const answer = {
      DialAction: 'answer',
      DialBLegUUID: 'leg-1',
      DialBLegTo: 'sip:Ada-Mobile123@phone.plivo.com',
    }
    assert.deepEqual(readDialLegNews(answer, false), {
      uuid: 'leg-1',
      news: 'picked-up',
      appUsername: 'ada-mobile123',
    })
    assert.equal(readDialLegNews(answer, true)?.news, 'picked-up-unconfirmed')
    assert.equal(
      readDialLegNews({ ...answer, DialAction: 'connected' }, true)?.news,
      'picked-up',
    )
    assert.equal(readDialLegNews({ ...answer, DialAction: 'hangup' }, false), undefined)
  })

  it('reads a SIP username without case or a leading plus, and stores numbers in E.164', () => {
    assert.equal(
      readSipUsername('sip:Sales230101120000@phone.plivo.com'),
      'sales230101120000',
    )
    assert.equal(readSipUsername('+14155550100'), '14155550100')
    assert.equal(readSipUsername(''), undefined)
    assert.equal(normaliseCaller('14155550100'), '+14155550100')
    assert.equal(normaliseCaller('+14155550100'), '+14155550100')
    assert.equal(normaliseCaller('sip:ada@phone.plivo.com'), 'sip:ada@phone.plivo.com')
  })
})
