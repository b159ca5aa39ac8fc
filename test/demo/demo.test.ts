import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openDatabase } from '../../src/db/connect.ts'
import { type CliResult, runCli } from '../support/cli.ts'

// One run of the whole demo (a new embedded database takes seconds to create), kept so
// that its database can be read back through the other commands. It runs on a terminal
// of 100 columns with NO_COLOR set; the process test sees it on a pipe. The settings of
// a real installation are set, and must be ignored.
const INSTALLATION = {
  DATABASE_URL: 'postgres://aircall@127.0.0.1:1/production',
  PLIVO_AUTH_ID: 'MAREALACCOUNT0000000',
  PLIVO_AUTH_TOKEN: 'real-token',
  PLIVO_API_URL: 'http://127.0.0.1:1',
  PUBLIC_URL: 'https://calls.example.com',
}

describe('aircall demo --keep', () => {
  let demo: CliResult
  let dataDir: string
  const onTerminal = { tty: true, env: { NO_COLOR: '1' } }
  const aircall = (...args: string[]) =>
    runCli(args, { ...onTerminal, env: { ...onTerminal.env, AIRCALL_DATA_DIR: dataDir } })

  before(async () => {
    demo = await runCli(['demo', '--keep'], {
      ...onTerminal,
      env: { ...onTerminal.env, ...INSTALLATION },
    })
    dataDir = demo.stdout.match(/database is kept in (\S+)\. Explore it with:/)?.[1] ?? ''
  })
  after(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('plays the morning and exits 0, telling how it set up on stderr', () => {
    assert.equal(demo.code, 0, demo.stderr)
    assert.match(demo.stderr, /^aircall demo: a morning of calls, all on this machine\n/)
    assert.match(
      demo.stderr,
      /\nProvisioned on the sandbox: the Application, and SIP endpoints for 3 lines and 5 apps\.\n$/,
    )
    assert.ok(dataDir, 'the kept folder is named')
  })

  it('prints each call’s steps as the simulator names them, then how the call ended', () => {
    const headings = demo.stdout.match(/^Call \d of 4 · \d\d:\d\d · .+$/gm)
    assert.deepEqual(
      headings?.map((heading) => heading.replace(/ · \d\d:\d\d/, '')),
      [
        'Call 1 of 4 · Main Office ← +14155550142 (Maria Garcia)',
        'Call 2 of 4 · Sales ← +12125550187 (Tom Becker)',
        'Call 3 of 4 · Support ← +13125550119 (Ana Silva)',
        'Call 4 of 4 · Main Office ← +16465550163',
      ],
    )
    assert.match(demo.stdout, /\n\+0:04\.0 {2}leg {6}Jane\/desktop picks up\n/)
    assert.match(demo.stdout, /\n\+0:20\.0 {2}leg {6}Luke\/mobile rings\n/)
    assert.match(demo.stdout, /\n\+0:00\.0 {2}leg {6}Peter\/mobile is busy\n/)
    assert.deepEqual(demo.stdout.match(/^→ .+$/gm), [
      '→ answered by Jane — desktop, 1:39 long',
      '→ answered by Luke — mobile, 3:25 long',
      '→ voicemail of 0:14, 0:47 long',
      '→ missed, 0:06 long',
    ])
  })

  it('prints the history exactly as `aircall calls list` prints it', async () => {
    const printed = demo.stdout
      .split('The history, as `aircall calls list` prints it:\n')[1]
      .split('\n\n')[0]
    const list = await aircall('calls', 'list')

    assert.equal(list.code, 0, list.stderr)
    // The ages may have ticked over a minute between the two.
    const withoutAges = (text: string) => text.replace(/\d+m ago/g, 'ago')
    assert.equal(withoutAges(`${printed}\n`), withoutAges(list.stdout))
    assert.equal(printed.match(/^│ #\d+ /gm)?.length, 4)
  })

  it('leaves a database whose calls read back with the statuses the story tells', async () => {
    const list = await aircall('calls', 'list', '--json')

    assert.equal(list.code, 0, list.stderr)
    const calls = JSON.parse(list.stdout) as {
      line: string
      from: string
      status: string
      answeredBy: { user: string; app: string } | null
      voicemailSeconds: number | null
    }[]
    assert.deepEqual(
      calls.map(({ line, from, status, answeredBy, voicemailSeconds }) => ({
        line,
        from,
        status,
        answeredBy,
        voicemailSeconds,
      })),
      [
        {
          line: 'Main Office',
          from: '+16465550163',
          status: 'missed',
          answeredBy: null,
          voicemailSeconds: null,
        },
        {
          line: 'Support',
          from: '+13125550119',
          status: 'voicemail',
          answeredBy: null,
          voicemailSeconds: 14,
        },
        {
          line: 'Sales',
          from: '+12125550187',
          status: 'answered',
          answeredBy: { user: 'Luke', app: 'mobile' },
          voicemailSeconds: null,
        },
        {
          line: 'Main Office',
          from: '+14155550142',
          status: 'answered',
          answeredBy: { user: 'Jane', app: 'desktop' },
          voicemailSeconds: null,
        },
      ],
    )
  })

  it('prints commands that work on the kept database as they are, once DATABASE_URL is unset', async () => {
    assert.match(
      demo.stdout,
      /\nDATABASE_URL is set, and it wins over AIRCALL_DATA_DIR: unset it for these\.\n/,
    )
    const commands = demo.stdout.match(/^ {2}AIRCALL_DATA_DIR=\S+ aircall .+$/gm) ?? []
    assert.deepEqual(
      commands.map((command) =>
        command.replace(/^ {2}AIRCALL_DATA_DIR=\S+ aircall /, ''),
      ),
      ['calls list', `calls show ${voicemailId()}`, 'lines list'],
    )

    for (const command of commands) {
      const args = command.replace(/^ {2}AIRCALL_DATA_DIR=\S+ aircall /, '').split(' ')
      const result = await aircall(...args)
      assert.equal(result.code, 0, `${command}: ${result.stderr}`)
    }
    const show = await aircall('calls', 'show', String(voicemailId()))
    assert.match(show.stdout, /\n {2}Status {12}voicemail\n/)
  })

  it('prints no SIP password, and no colour with NO_COLOR', async () => {
    const database = openDatabase({ dataDir })
    try {
      const passwords = [
        ...(await database.knex('apps').pluck('sip_password')),
        ...(await database.knex('lines').pluck('sip_password')),
      ]
      assert.equal(passwords.length, 8)
      for (const password of passwords) {
        assert.ok(!`${demo.stdout}${demo.stderr}`.includes(password))
      }
    } finally {
      await database.close()
    }
    assert.ok(!`${demo.stdout}${demo.stderr}`.includes('\u001b'))
  })

  function voicemailId(): number {
    const id = demo.stdout.match(/^│ #(\d+) .*│ voicemail /m)?.[1]
    assert.ok(id, 'the history shows the voicemail')
    return Number(id)
  }
})
