import {
  type HoursChange,
  type LinePolicies,
  findLinePolicies,
  updateLineHours,
} from '../../db/line-hours.ts'
import { findLine } from '../../db/lines.ts'
import type { CliContext } from '../context.ts'
import { WEEKDAYS, describeWeek } from '../format/hours.ts'
import type { HoursOptions } from '../line-hours.ts'

export async function hours(
  context: CliContext,
  reference: string,
  options: HoursOptions,
): Promise<void> {
  const { knex } = await context.database()
  const change = toChange(options)
  if (!hasChange(change)) {
    const line = await findLine(knex, reference)
    return context.print(describeHours(line.name, await findLinePolicies(knex, line.id)))
  }

  const { line, policies } = await updateLineHours(knex, reference, change)
  context.print(describeHours(line.name, policies))
}

/** "Sales is open (Europe/Paris):" and the week, or "Sales is always open.". */
export function describeHours(lineName: string, policies: LinePolicies): string {
  const { hours } = policies
  if (!hours) return `${lineName} is always open (no time zone set).`
  const lines = [
    `${lineName} takes calls (${hours.zone}):`,
    ...describeWeek(hours).map((line) => `  ${line}`),
  ]
  if (hours.closures.length > 0) lines.push(`  closed on ${hours.closures.join(', ')}`)
  return lines.join('\n')
}

function toChange(options: HoursOptions): HoursChange {
  const days = new Map<number, { opens: string; closes: string }[]>()
  WEEKDAYS.forEach((day, index) => {
    const ranges = options[day] ?? (index < 5 ? options.weekdays : undefined)
    if (ranges) days.set(index + 1, ranges)
  })
  return {
    zone: options.zone,
    days,
    close: options.closed,
    reopen: options.reopen,
    closedGreeting: options.closedGreeting,
    clear: options.clear,
  }
}

function hasChange(change: HoursChange): boolean {
  return Boolean(
    change.zone ||
      change.days?.size ||
      change.close?.length ||
      change.reopen?.length ||
      change.closedGreeting !== undefined ||
      change.clear,
  )
}
