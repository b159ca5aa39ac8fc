import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { declareApps } from './apps.ts'
import { declareCaller } from './caller.ts'
import { declareCalls } from './calls.ts'
import { CliContext } from './context.ts'
import { declareDb } from './db.ts'
import { declareDemo } from './demo.ts'
import { reportFailure } from './failure.ts'
import type { Io } from './io.ts'
import { declareLines } from './lines.ts'
import { declareProvision } from './provision.ts'
import { declareSandbox } from './sandbox.ts'
import { declareServer } from './server.ts'
import { declareSimulate } from './simulate.ts'
import { declareUsers } from './users.ts'

/** Wraps a command's implementation: commander hands it the context first. */
export type Run = <Args extends unknown[]>(
  action: (context: CliContext, ...args: Args) => Promise<void>,
) => (...args: Args) => Promise<void>

/**
 * Declares every command and runs one. Implementations are imported only when their
 * command runs, so `aircall --help` opens no database and loads no Plivo code.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const context = new CliContext(io, { verbose: argv.includes('--verbose') })
  const run: Run =
    (action) =>
    (...args) =>
      action(context, ...args)
  const program = buildProgram(run, io)

  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode
    return reportFailure(error, context)
  } finally {
    await context.close().catch(() => {})
  }
}

function buildProgram(run: Run, io: Io): Command {
  const program = new Command('aircall')
    .description(
      "Route company phone lines to people's SIP apps through Plivo, and keep the call history.",
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--verbose', 'show stack traces and debug details on failure')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Configuration comes from the environment or a .env file: DATABASE_URL (unset: embedded
database in AIRCALL_DATA_DIR, default ./.aircall), PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN,
PLIVO_API_URL, PUBLIC_URL, PORT, LOG_LEVEL.

Start with:  aircall demo          (everything on a local sandbox, no account needed)`,
    )

  declareDb(program, run)
  declareUsers(program, run)
  declareLines(program, run)
  declareApps(program, run)
  declareCalls(program, run)
  declareProvision(program, run)
  declareCaller(program, run)
  declareServer(program, run)
  declareSandbox(program, run)
  declareSimulate(program, run)
  declareDemo(program, run)

  // Subcommands inherit the output settings and throw instead of exiting the process.
  for (const command of allCommands(program)) {
    command
      .exitOverride()
      .configureOutput(program.configureOutput())
      .showSuggestionAfterError()
  }
  return program
}

function packageVersion(): string {
  const packageFile = new URL('../../package.json', import.meta.url)
  return (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)])
}
