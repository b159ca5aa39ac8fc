import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { stripVTControlCharacters } from 'node:util'
import { fitWidths, renderTable, wrap } from '../../../src/cli/format/table.ts'

describe('tables that fit the terminal', () => {
  it('keeps natural widths when they fit, and takes room from the widest columns first', () => {
    assert.deepEqual(fitWidths([4, 10, 30], 100), [4, 10, 30])
    assert.deepEqual(fitWidths([4, 10, 30], 36, { borders: true }), [4, 10, 12])
    assert.deepEqual(fitWidths([20, 20, 20], 40), [11, 11, 12])
  })

  it('takes the room from the column that wraps first while it keeps a few characters', () => {
    assert.deepEqual(fitWidths([20, 40, 8], 60, { wrapFirst: 1 }), [20, 26, 8])
    assert.deepEqual(fitWidths([20, 40, 8], 36, { wrapFirst: 1 }), [11, 11, 8])
  })

  it('wraps at spaces, and cuts a word longer than the column', () => {
    assert.deepEqual(wrap('Jane — desktop', 8), ['Jane —', 'desktop'])
    assert.deepEqual(wrap('https://example.test/rec.mp3', 10), [
      'https://ex',
      'ample.test',
      '/rec.mp3',
    ])
    assert.deepEqual(wrap('a\nb', 10), ['a', 'b'])
  })

  it('draws a boxed table no wider than asked, colouring cells after measuring them', () => {
    const yellow = (text: string) => `\u001b[33m${text}\u001b[39m`
    const table = renderTable({
      head: ['CALL', 'OUTCOME'],
      rows: [['#1', { text: 'voicemail https://example.test/rec.mp3', paint: yellow }]],
      maxWidth: 24,
      borders: true,
    })
    assert.equal(
      stripVTControlCharacters(table),
      [
        '┌──────┬───────────────┐',
        '│ CALL │ OUTCOME       │',
        '├──────┼───────────────┤',
        '│ #1   │ voicemail     │',
        '│      │ https://examp │',
        '│      │ le.test/rec.m │',
        '│      │ p3            │',
        '└──────┴───────────────┘',
      ].join('\n'),
    )
    assert.ok(table.includes(yellow('le.test/rec.m')))
  })
})
