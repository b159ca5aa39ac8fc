import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath, pathToFileURL } from 'node:url'
import Router from '@koa/router'
import autocannon from 'autocannon'
import Koa from 'koa'
import knexFactory from 'knex'
import pino from 'pino'
import { openDatabase } from '../src/db/connect.ts'
import { migrateLatest } from '../src/db/migrate.ts'
import { signPlivoRequest } from '../src/plivo/signature.ts'
import { createServer } from '../src/server/create-server.ts'
import { insertCompany } from '../test/server/company.ts'

// How fast the answer webhook is, beside a bare Koa route that returns fixed XML: both
// are loaded with the same signed answer requests, each in a process of its own, one
// after the other. The real route checks the signature, finds the line, writes the call
// and its event on the embedded database, and logs one line per request.

export type BenchRow = { name: string; value: number; unit: string; note?: string }

const PUBLIC_URL = 'https://calls.example.com'
const AUTH_TOKEN = 'BenchAuthToken00000000000000000000000001'
const LINE_URI = 'sip:sales261203100100@phone.plivo.com'
const SECONDS = 8
const CONNECTIONS = 10
const FIXED_XML =
  '<Response><Dial action="https://calls.example.com/plivo/dial-action?step=0" timeout="20">' +
  '<User>sip:adamobile261203100000@phone.plivo.com</User></Dial></Response>'

/** The bare route, or the answer route on the embedded database or on Postgres. */
type Mode = 'bare' | 'embedded' | 'postgres'

export async function run(): Promise<BenchRow[]> {
  const bare = await load('bare')
  const rows: BenchRow[] = [
    {
      name: 'bare Koa XML route: requests per second',
      value: bare.rps,
      unit: 'req/s',
      note: NOTE,
    },
    { name: 'bare Koa XML route: p50 latency', value: bare.p50, unit: 'ms' },
    { name: 'bare Koa XML route: p99 latency', value: bare.p99, unit: 'ms' },
  ]
  const backends: Mode[] = process.env.TEST_DATABASE_URL
    ? ['embedded', 'postgres']
    : ['embedded']
  for (const backend of backends)
    rows.push(...describeAnswer(backend, await load(backend), bare))
  return rows
}

const NOTE = `${CONNECTIONS} connections, ${SECONDS} s, server in its own process`

function describeAnswer(backend: Mode, answer: Load, bare: Load): BenchRow[] {
  const name = `answer webhook (${backend})`
  return [
    {
      name: `${name}: requests per second`,
      value: answer.rps,
      unit: 'req/s',
      note: NOTE,
    },
    { name: `${name}: p50 latency`, value: answer.p50, unit: 'ms' },
    { name: `${name}: p99 latency`, value: answer.p99, unit: 'ms' },
    {
      name: `${name} / bare route throughput`,
      value: Math.round((answer.rps / bare.rps) * 1000) / 1000,
      unit: 'ratio',
    },
    {
      // The answer route never fails the caller (a database error still gets voicemail),
      // so what reached the call log is counted rather than assumed.
      name: `${name}: calls logged / answers sent`,
      value: Math.round((answer.callsLogged / answer.requests) * 1000) / 1000,
      unit: 'ratio',
      note: `${answer.callsLogged} of ${answer.requests}; error log lines ${answer.errorLines}, non-2xx ${answer.non2xx}, socket errors ${answer.errors}`,
    },
  ]
}

type Load = Awaited<ReturnType<typeof load>>

async function load(mode: Mode) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', mode], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { port: number }).port))
      child.once('exit', (code) =>
        reject(new Error(`the ${mode} server exited (${code})`)),
      )
    })
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: 'POST', path: '/plivo/answer', setupRequest: signedAnswer }],
    })
    const logged = await askChild(child)
    return {
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors,
      non2xx: result.non2xx,
      ...logged,
    }
  } finally {
    await stop(child)
  }
}

let sequence = 0

/** A new call each time, signed as Plivo would sign it for the public URL. */
function signedAnswer(request: autocannon.Request): autocannon.Request {
  sequence += 1
  const params = {
    CallUUID: `bench-${process.pid}-${sequence}`,
    From: '14155550100',
    To: LINE_URI,
    CallStatus: 'ringing',
    Direction: 'inbound',
    Event: 'StartApp',
  }
  const url = `${PUBLIC_URL}/plivo/answer`
  const headers = signPlivoRequest({ url, method: 'POST', params, authToken: AUTH_TOKEN })
  return {
    ...request,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  }
}

/** After the load: how many calls reached the log, and how many error lines were logged. */
function askChild(
  child: ChildProcess,
): Promise<{ callsLogged: number; errorLines: number }> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as never))
    child.send('report')
  })
}

async function serve(mode: Mode): Promise<void> {
  const counts = { callsLogged: 0, errorLines: 0 }
  const served =
    mode === 'bare'
      ? { app: createBareApp(), countCalls: async () => 0, close: async () => {} }
      : await createAnswerApp(mode, counts)
  process.on('message', async () => {
    process.send?.({ ...counts, callsLogged: await served.countCalls() })
  })
  process.once('SIGTERM', async () => {
    await served.close()
    process.exit(0)
  })
  const http = served.app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (http.address() as { port: number }).port })
  })
}

function createBareApp(): Koa {
  const router = new Router()
  router.post('/plivo/answer', (ctx) => {
    ctx.type = 'application/xml; charset=utf-8'
    ctx.body = FIXED_XML
  })
  const app = new Koa()
  app.use(router.routes())
  return app
}

async function createAnswerApp(backend: Mode, counts: { errorLines: number }) {
  const { database, drop } =
    backend === 'postgres' ? await createPostgresDatabase() : createEmbeddedDatabase()
  await migrateLatest(database.knex)
  await insertCompany(database.knex)

  // Logs at info as in production, to nowhere; error lines are counted on the way.
  const destination = new Writable({
    write(chunk, _encoding, done) {
      counts.errorLines += String(chunk).match(/"level":50/g)?.length ?? 0
      done()
    },
  })
  const logger = pino({ level: 'info' }, destination)
  const { app } = createServer({
    database,
    publicUrl: PUBLIC_URL,
    authToken: AUTH_TOKEN,
    logger,
  })
  const countCalls = async () => {
    const [{ count }] = await database.knex('calls').count({ count: '*' })
    return Number(count)
  }
  const close = async () => {
    await database.close()
    await drop()
  }
  return { app, countCalls, close }
}

function createEmbeddedDatabase() {
  const dataDir = mkdtempSync(join(tmpdir(), 'aircall-bench-'))
  return {
    database: openDatabase({ dataDir, poolSize: 8 }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

/** A database of its own on the TEST_DATABASE_URL server, dropped when the run ends. */
async function createPostgresDatabase() {
  const serverUrl = process.env.TEST_DATABASE_URL as string
  const name = `aircall_bench_answer_${process.pid}`
  const admin = knexFactory({
    client: 'pg',
    connection: serverUrl,
    pool: { min: 0, max: 1 },
  })
  await admin.raw(`create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    database: openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 8 }),
    drop: async () => {
      await admin.raw(`drop database if exists ${name} with (force)`)
      await admin.destroy()
    },
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] as Mode)
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run())
}
