import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createLogger } from '../../src/log.ts'
import { DeferredWrites } from '../../src/server/deferred-writes.ts'

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })

describe('call log writes kept while the database is away', () => {
  it('keeps a write the database could not take, and writes it in order once it is back', async () => {
    const writes = new DeferredWrites(createLogger({ level: 'silent' }))
    const written: string[] = []
    let isDatabaseUp = false
    const write = (name: string) => async () => {
      if (!isDatabaseUp) throw refused()
      written.push(name)
      return name
    }

    assert.equal(await writes.attempt('answer', write('answer'), 1000), undefined)
    assert.equal(await writes.attempt('hangup', write('hangup'), 1000), undefined)
    assert.equal(await writes.flush(), 0)
    assert.equal(writes.size, 2)

    isDatabaseUp = true
    assert.equal(await writes.flush(), 2)
    assert.deepEqual(written, ['answer', 'hangup'])
    assert.equal(writes.size, 0)
    assert.equal(await writes.attempt('record', write('record'), 1000), 'record')
  })

  it('drops a write the database refuses, which would fail the same way forever', async () => {
    const writes = new DeferredWrites(createLogger({ level: 'silent' }))
    const violation = Object.assign(new Error('violates check constraint'), {
      code: '23514',
    })

    const result = await writes.attempt('answer', () => Promise.reject(violation), 1000)

    assert.equal(result, undefined)
    assert.equal(writes.size, 0)
  })
})
