import { describeStep } from '../../provision/explain.ts'
import type { EndpointStep } from '../../provision/plan.ts'
import type { CliContext } from '../context.ts'

export type Progress = { advance(step: EndpointStep): void; finish(): void }

const BAR_WIDTH = 30
const REDRAW_MS = 100

/**
 * On a terminal, one bar redrawn in place on stderr; in a pipe, one plain line per step,
 * so that a log shows what was done.
 */
export function createProgress(context: CliContext, total: number): Progress {
  const stream = context.io.stderr
  let done = 0

  if (!stream.isTTY) {
    return {
      advance(step) {
        done++
        context.note(`done ${done}/${total}: ${describeStep(step)}`)
      },
      finish() {},
    }
  }

  let drawnAt = 0
  const draw = () => {
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`
    stream.write(`\r${bar} ${done}/${total} steps`)
    drawnAt = Date.now()
  }
  return {
    advance() {
      done++
      if (Date.now() - drawnAt >= REDRAW_MS) draw()
    },
    finish() {
      draw()
      stream.write('\n')
    },
  }
}
