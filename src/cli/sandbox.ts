import { type Command, InvalidArgumentError } from 'commander'
import type { Run } from './main.ts'
import { parseInteger } from './parse.ts'

export const SANDBOX_DEFAULT_PORT = 4010

export function declareSandbox(program: Command, run: Run): void {
  program
    .command('sandbox')
    .description("serve a local stand-in for Plivo's Application and Endpoint REST API")
    .option(
      '--port <n>',
      'port to listen on, 0 for any free one',
      portFlag,
      SANDBOX_DEFAULT_PORT,
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--latency <ms>', 'milliseconds added before every answer', latencyFlag, 0)
    .option(
      '--rate-limit <n>',
      'requests per 5-second window before 429; 0 for none',
      rateFlag,
      300,
    )
    .option(
      '--error-rate <share>',
      'share of requests answered 500, from 0 to 1',
      shareFlag,
      0,
    )
    .option(
      '--seed <n>',
      'seed of the random that picks the failing requests',
      seedFlag,
      1,
    )
    .addHelpText(
      'after',
      `
It answers under /v1/Account/$PLIVO_AUTH_ID/ with Plivo's status codes and JSON, checks
HTTP Basic auth against PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN, and refuses to start when
either is unset: pick any letters and digits, and give the server and provision the same.
Its state is kept in $AIRCALL_DATA_DIR/sandbox/state.json, so a restart keeps what was
created. It runs until Ctrl-C.

Examples:
  PLIVO_AUTH_ID=MADEMO0000000000000 PLIVO_AUTH_TOKEN=demo-token aircall sandbox
  aircall sandbox --port 0 --latency 200 --rate-limit 20 --error-rate 0.1
Then point aircall at it:  PLIVO_API_URL=http://127.0.0.1:${SANDBOX_DEFAULT_PORT} aircall provision`,
    )
    .action(
      run(async (context, flags: SandboxFlags) =>
        (await import('./commands/sandbox.ts')).serveSandbox(context, flags),
      ),
    )
}

export type SandboxFlags = {
  port: number
  host: string
  latency: number
  rateLimit: number
  errorRate: number
  seed: number
  errorsAfterWrite?: boolean
}

const portFlag = (value: string) => parseInteger(value, '--port', { min: 0, max: 65535 })
const latencyFlag = (value: string) =>
  parseInteger(value, '--latency', { min: 0, max: 600000 })
const rateFlag = (value: string) => parseInteger(value, '--rate-limit', { min: 0 })
const seedFlag = (value: string) =>
  parseInteger(value, '--seed', { min: 0, max: 2 ** 32 - 1 })

function shareFlag(value: string): number {
  const share = Number(value)
  if (value.trim() === '' || !(share >= 0 && share <= 1)) {
    throw new InvalidArgumentError(
      `--error-rate takes a number from 0 to 1, not ${JSON.stringify(value)}.`,
    )
  }
  return share
}
