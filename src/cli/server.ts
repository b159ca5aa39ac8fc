import type { Command } from 'commander'
import type { Run } from './main.ts'
import { parseInteger } from './parse.ts'

export function declareServer(program: Command, run: Run): void {
  program
    .command('server')
    .description(
      "answer the Plivo Application's webhooks: route calls, record voicemail, log calls",
    )
    .option('--port <n>', 'port to listen on (default: PORT, else 3000)', portFlag)
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .addHelpText(
      'after',
      `
Needs PUBLIC_URL, the address Plivo reaches this server at (a tunnel or a proxy that
terminates TLS is fine), and PLIVO_AUTH_TOKEN: every webhook's signature is checked
against both, and an unsigned or forged request gets 403. Webhooks are served under
$PUBLIC_URL/plivo/ (answer, hangup, fallback, dial and record callbacks); GET /health
reports the database's state. Logs are JSON lines on stderr. It runs until Ctrl-C.

Examples:
  PUBLIC_URL=https://calls.example.com PLIVO_AUTH_TOKEN=... aircall server
  aircall server --port 8080`,
    )
    .action(
      run(async (context, flags: ServerFlags) =>
        (await import('./commands/server.ts')).serveCalls(context, flags),
      ),
    )
}

export type ServerFlags = { port?: number; host: string }

const portFlag = (value: string) => parseInteger(value, '--port', { min: 0, max: 65535 })
