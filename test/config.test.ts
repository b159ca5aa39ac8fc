import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { describeBadPublicUrl, loadConfig } from '../src/config.ts'

const folder = () => mkdtempSync(join(tmpdir(), 'aircall-config-'))

describe('the configuration', () => {
  it('takes the environment first and .env for what it leaves unset', () => {
    const cwd = folder()
    writeFileSync(
      join(cwd, '.env'),
      'PORT=4000\nPUBLIC_URL=https://calls.example.com/\nLOG_LEVEL=debug\n',
    )
    const config = loadConfig({ PORT: '5000' }, cwd)
    assert.equal(config.port, 5000)
    assert.equal(config.publicUrl, 'https://calls.example.com')
    assert.equal(config.logLevel, 'debug')
    assert.equal(config.plivoApiUrl, 'https://api.plivo.com')
    assert.equal(config.dataDir, join(cwd, '.aircall'))
    assert.equal(config.envFile, join(cwd, '.env'))
  })

  it('ignores a .env that is a folder', () => {
    const cwd = folder()
    mkdirSync(join(cwd, '.env'))
    assert.equal(loadConfig({}, cwd).envFile, undefined)
  })

  it('names the variable and the value it cannot use', () => {
    const cwd = folder()
    assert.throws(() => loadConfig({ PORT: 'eighty' }, cwd), {
      message: 'PORT must be a port number from 0 to 65535, not "eighty"',
    })
    assert.throws(() => loadConfig({ PLIVO_API_URL: 'api.plivo.com' }, cwd), {
      message: 'PLIVO_API_URL must be an absolute http(s) URL, not "api.plivo.com"',
    })
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }, cwd), {
      message:
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"',
    })
  })
})

describe('PUBLIC_URL', () => {
  it('is an origin: no path, query, fragment or credentials', () => {
    assert.equal(describeBadPublicUrl('https://calls.example.com'), undefined)
    assert.match(
      String(describeBadPublicUrl('https://calls.example.com/sub')),
      /no path, query or fragment/,
    )
    assert.match(
      String(describeBadPublicUrl('http://127.0.0.1:3000?x=1')),
      /no path, query or fragment/,
    )
    assert.equal(
      describeBadPublicUrl('https://user:secret@calls.example.com'),
      'must not carry a user name or password, not "https://calls.example.com" with credentials',
    )
  })
})
