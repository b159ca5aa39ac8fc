import { UserError, quote } from '../../errors.ts'
import { createLogger } from '../../log.ts'
import { startSandbox } from '../../sandbox/start.ts'
import type { CliContext } from '../context.ts'
import type { SandboxFlags } from '../sandbox.ts'

/** `aircall sandbox`: serves the Plivo stand-in until Ctrl-C, then closes it. */
export async function serveSandbox(
  context: CliContext,
  flags: SandboxFlags,
): Promise<void> {
  const { authId, authToken } = readCredentials(context)
  const { dataDir, logLevel, plivoApiUrl } = context.config
  const logger = createLogger({ level: logLevel, destination: context.io.stderr })

  const sandbox = await startSandbox({
    authId,
    authToken,
    dataDir,
    port: flags.port,
    host: flags.host,
    faults: {
      latencyMs: flags.latency,
      rateLimit: flags.rateLimit,
      errorRate: flags.errorRate,
      seed: flags.seed,
      errorsAfterWrite: flags.errorsAfterWrite,
    },
    logger,
  }).catch((error: unknown) => {
    throw explainListenError(error, flags)
  })

  context.print(`Plivo sandbox listening on ${sandbox.url} for account ${authId}`)
  context.print(`PLIVO_API_URL=${sandbox.url}`)
  context.note(
    `State: ${sandbox.store.file}. Faults: ${describeFaults(flags)}. Ctrl-C stops it.`,
  )
  if (plivoApiUrl !== sandbox.url) {
    context.note(
      `PLIVO_API_URL here is ${plivoApiUrl}: set it as above so aircall uses this sandbox.`,
    )
  }

  await context.untilInterrupted()
  await sandbox.close()
  context.note('Sandbox stopped.')
}

/** No invented credentials: the server and provision must use the same pair. */
function readCredentials(context: CliContext) {
  const { plivoAuthId: authId, plivoAuthToken: authToken } = context.config
  if (!authId || !authToken) {
    throw new UserError('aircall sandbox needs PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN', {
      hint: 'set both (any letters and digits) in the environment or .env, as for the server',
    })
  }
  if (!/^[A-Za-z0-9]+$/.test(authId)) {
    throw new UserError(`PLIVO_AUTH_ID must be letters and digits, not ${quote(authId)}`)
  }
  return { authId, authToken }
}

function explainListenError(error: unknown, flags: SandboxFlags): unknown {
  const code = (error as { code?: string }).code
  if (code === 'EADDRINUSE') {
    return new UserError(`port ${flags.port} is already in use`, {
      hint: 'stop what uses it, or pass --port with another number (0 for any free one)',
    })
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new UserError(`cannot listen on ${quote(flags.host)}`, {
      hint: 'pass --host with an address of this machine, such as 127.0.0.1',
    })
  }
  return error
}

function describeFaults(flags: SandboxFlags): string {
  const rate =
    flags.rateLimit === 0
      ? 'no rate limit'
      : `429 past ${flags.rateLimit} requests per 5 s`
  const latency = flags.latency ? `, ${flags.latency} ms latency` : ''
  const when = flags.errorsAfterWrite ? ' after the change' : ''
  const errors = flags.errorRate
    ? `, ${flags.errorRate * 100}% answered 500${when} (seed ${flags.seed})`
    : ''
  return `${rate}${latency}${errors}`
}
