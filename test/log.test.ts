import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import {
  createCallLogger,
  createLogger,
  maskNumber,
  removeSecrets,
  serializeError,
} from '../src/log.ts'

function captureLogger(level: string) {
  const lines: Record<string, unknown>[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  return { logger: createLogger({ level, destination }), lines }
}

describe('logs', () => {
  it('masks all but the last two digits of a number above debug level', () => {
    const { logger } = captureLogger('info')
    const { logger: debug } = captureLogger('debug')

    assert.equal(maskNumber(logger, '+14155550100'), '+•••••••••00')
    assert.equal(maskNumber(logger, '14155550100'), '•••••••••00')
    assert.equal(maskNumber(debug, '+14155550100'), '+14155550100')
  })

  it('carries the call UUID on every line of a call logger, and censors secret fields', () => {
    const { logger, lines } = captureLogger('info')

    createCallLogger(logger, 'call-1').info({ authToken: 'abc', password: 'p' }, 'routed')

    assert.deepEqual(
      lines.map(({ time, ...line }) => line),
      [
        {
          level: 30,
          callUuid: 'call-1',
          authToken: '[secret]',
          password: '[secret]',
          msg: 'routed',
        },
      ],
    )
  })

  it('drops the SQL and its values that knex puts in front of a query error', () => {
    const error = Object.assign(
      new Error(
        "insert into calls (from_number) values ('+14155550100') - duplicate key value violates unique constraint",
      ),
      { code: '23505' },
    )

    const logged = serializeError(error)

    assert.equal(logged.message, 'duplicate key value violates unique constraint')
    assert.equal(logged.code, '23505')
    assert.equal(String(logged.stack).includes('4155550100'), false)
  })

  it('keeps webhook parameters but not those that could be credentials', () => {
    assert.deepEqual(
      removeSecrets({
        CallUUID: 'u',
        ParentAuthID: 'MA1',
        'X-PH-Password': 'p',
        From: '1',
      }),
      { CallUUID: 'u', From: '1' },
    )
  })
})
