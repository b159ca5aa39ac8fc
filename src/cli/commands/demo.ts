import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Call, listCalls } from '../../db/call-history.ts'
import { describeMismatch } from '../../demo/check-outcome.ts'
import { MorningClock } from '../../demo/clock.ts'
import { MORNING } from '../../demo/morning.ts'
import { playCall } from '../../demo/play-call.ts'
import { nameSipUris } from '../../db/sip-names.ts'
import { type Stage, openStage } from '../../demo/stage.ts'
import { UserError } from '../../errors.ts'
import { createLogger } from '../../log.ts'
import type { CliContext } from '../context.ts'
import type { DemoFlags } from '../demo.ts'
import { DEFAULT_LIMIT } from './calls-list.ts'
import { renderCallPage } from './calls-render.ts'
import { renderKeptFolder, renderOutcome, renderSceneHeading } from './demo-render.ts'
import { renderStep } from './simulate-render.ts'

/**
 * `aircall demo`: opens a whole installation in a temporary folder, plays the morning
 * and prints the history; whatever happens, closes everything it opened and, without
 * --keep, removes the folder.
 */
export async function runDemo(context: CliContext, flags: DemoFlags): Promise<void> {
  const { io } = context
  // Ctrl-C ends the demo at the next step, through the cleanup below.
  io.interruptHandled = true
  const checkInterrupted = () => {
    if (io.interrupt.aborted) {
      throw new UserError('the demo was interrupted', {
        hint: 'what it started is stopped',
        exitCode: 130,
      })
    }
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'aircall-demo-'))
  const clock = new MorningClock(MORNING[MORNING.length - 1].atMinute)
  let stage: Stage | undefined
  try {
    context.note(
      context.errorColors.bold('aircall demo: a morning of calls, all on this machine'),
    )
    stage = await openStage({
      dataDir,
      clock,
      logger: createDemoLogger(context),
      onProgress: (message) => context.note(message),
      checkInterrupted,
    })

    const calls = await playMorning(context, stage, clock, checkInterrupted)
    const page = await listCalls(stage.knex, {}, { limit: DEFAULT_LIMIT })
    context.print(
      `\n${context.colors.bold('The history, as `aircall calls list` prints it:')}`,
    )
    context.print(renderCallPage(page.calls, io, new Date()))

    if (flags.keep) {
      const voicemail = calls.find((call) => call.status === 'voicemail') ?? calls[0]
      context.print(
        renderKeptFolder(dataDir, voicemail.id, {
          isDatabaseUrlSet: Boolean(context.config.databaseUrl),
          colors: context.colors,
        }),
      )
    }
  } finally {
    try {
      await stage?.close()
    } finally {
      if (!flags.keep) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Each call of the morning, its steps printed as they happen, checked against the story. */
async function playMorning(
  context: CliContext,
  stage: Stage,
  clock: MorningClock,
  checkInterrupted: () => void,
): Promise<Call[]> {
  const { colors } = context
  const names = await nameSipUris(stage.knex)
  const calls: Call[] = []

  for (const [index, scene] of MORNING.entries()) {
    checkInterrupted()
    const startedAt = new Date(clock.startMs + scene.atMinute * 60_000)
    context.print(
      renderSceneHeading(scene, { index, count: MORNING.length, startedAt }, colors),
    )
    const played = await playCall(stage, clock, scene, (step) =>
      context.print(renderStep(step, colors, names)),
    )

    const mismatch = describeMismatch(scene, played)
    if (mismatch) {
      throw new UserError(`call ${index + 1} of the demo: ${mismatch}`, {
        hint: 'run `aircall demo --verbose` to see the server’s log',
      })
    }
    context.print(renderOutcome(played.call, colors))
    calls.push(played.call)
  }
  return calls
}

/** The server's log would bury the story: it shows only with --verbose, on stderr. */
function createDemoLogger(context: CliContext) {
  return createLogger({
    level: context.verbose ? context.config.logLevel : 'silent',
    destination: context.io.stderr,
  })
}
