import { type Command, InvalidArgumentError, Option } from 'commander'
import type { Run } from './main.ts'
import { parseInteger } from './parse.ts'

export type SimulateCallFlags = {
  line: string
  /** An app, or false for `--no-answer`; commander pairs the two flags. */
  answer?: string | false
  busy?: string[]
  unregistered?: string[]
  after: number
  hangupAfter?: number
  talk: number
  calleeHangsUp?: boolean
  message: number
  silence?: boolean
  confirm: boolean
  from: string
  /** Call from the test caller of `aircall caller` instead of --from. */
  fromCaller?: boolean
  callerName?: string
  webhooks: 'once' | 'twice' | 'late'
  speed: number
  instant?: boolean
  json?: boolean
}

export function declareSimulate(program: Command, run: Run): void {
  const simulate = program
    .command('simulate')
    .description('place simulated Plivo calls against the server, through the sandbox')

  simulate
    .command('call')
    .description('call a line as Plivo would: signed webhooks, the XML carried out')
    .requiredOption('--line <line>', "the line's name, slug or SIP URI")
    .option('--answer <app>', 'the app that picks up (user/label or SIP URI)')
    .option('--no-answer', 'nobody picks up (the default without --answer)')
    .option('--busy <app...>', 'apps on another call: their legs fail busy')
    .option('--unregistered <app...>', 'apps with no device registered')
    .option(
      '--after <s>',
      'seconds of ringing before --answer picks up',
      seconds('--after'),
      3,
    )
    .option(
      '--hangup-after <s>',
      'the caller hangs up this many seconds into the call',
      seconds('--hangup-after'),
    )
    .option('--talk <s>', 'seconds the conversation lasts', seconds('--talk'), 20)
    .option(
      '--callee-hangs-up',
      'the person who answered ends the conversation, not the caller',
    )
    .option(
      '--message <s>',
      'seconds the caller speaks into voicemail',
      seconds('--message'),
      8,
    )
    .option(
      '--silence',
      'the caller ends a message by falling silent, not by pressing the key',
    )
    .option('--no-confirm', 'the person who answers does not press the screening key')
    .addOption(
      new Option(
        '--webhooks <delivery>',
        'deliver notifications once, twice, or late and newest first',
      )
        .choices(['once', 'twice', 'late'])
        .default('once'),
    )
    .option('--from <number>', "the caller's number or SIP URI", '+14155550100')
    .addOption(
      new Option(
        '--from-caller',
        'call from the test caller (`aircall caller create`): From is its SIP URI',
      ).conflicts('from'),
    )
    .option('--caller-name <name>', "the caller's name")
    .option(
      '--speed <n>',
      'how many times faster than real time to play the call',
      speed,
      10,
    )
    .option('--instant', 'do not wait at all: print the whole call at once')
    .option('--json', 'print the result and every step as one JSON document')
    .addHelpText(
      'after',
      `
The line's endpoint and its Application are looked up through PLIVO_API_URL (the sandbox,
\`aircall sandbox\`) with PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN; the webhooks go to the
Application's answer and hangup URLs, so \`aircall server\` should be running. Apps are
written user/label, e.g. Jane/mobile. The exit code is 1 when the call could not be
carried out or a webhook failed. Ctrl-C makes the caller hang up.

Examples:
  aircall simulate call --line Sales --answer Jane/mobile --after 4 --talk 30
  aircall simulate call --line Sales --no-answer --message 12
  aircall simulate call --line Support --busy Jane/mobile --hangup-after 6 --instant
  aircall simulate call --line Sales --from-caller --answer Luke/mobile`,
    )
    .action(
      run(async (context, flags: SimulateCallFlags) =>
        (await import('./commands/simulate.ts')).simulateLineCall(context, flags),
      ),
    )
}

function seconds(flag: string) {
  return (value: string) => parseInteger(value, flag, { min: 0, max: 86_400 })
}

function speed(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !(number > 0 && number <= 10_000)) {
    throw new InvalidArgumentError(
      `--speed takes a number above 0 and up to 10000, not ${JSON.stringify(value)}.`,
    )
  }
  return number
}
