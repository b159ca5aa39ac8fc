import {
  type Line,
  type LineSettings,
  addLine,
  assignMember,
  listLines,
  removeLine,
  unassignMember,
  updateLineSettings,
} from '../../db/lines.ts'
import type { CliContext } from '../context.ts'
import type { LineOptions } from '../lines.ts'
import { renderTable } from '../output.ts'

export async function list(
  context: CliContext,
  options: { json?: boolean },
): Promise<void> {
  const { knex } = await context.database()
  const lines = await listLines(knex)
  if (options.json) return context.printJson(lines)
  if (lines.length === 0)
    return context.print('No lines yet. Add one with `aircall lines add <name>`.')

  const { colors } = context
  context.print(
    renderTable(
      [
        'LINE',
        'SLUG',
        'RINGS',
        'TIMEOUT',
        'SCREENING',
        'MEMBERS (ring order)',
        'SIP URI',
      ],
      lines.map((line) => [
        line.name,
        line.slug,
        line.ringStrategy,
        `${line.ringTimeout}s`,
        line.screening ? 'on' : 'off',
        line.members
          .map((member) =>
            member.availability === 'away'
              ? colors.dim(`${member.name} (away)`)
              : member.name,
          )
          .join(' → ') || colors.dim('nobody'),
        line.sipUri ?? colors.dim('not provisioned'),
      ]),
      colors,
    ),
  )
}

export async function add(
  context: CliContext,
  name: string,
  options: LineOptions & { slug?: string },
): Promise<void> {
  const { knex } = await context.database()
  const line = await addLine(knex, { name, slug: options.slug, ...toSettings(options) })
  context.print(
    `Added ${line.name} (${line.slug}). Next: \`aircall lines assign ${line.slug} <user>\`, then \`aircall provision\`.`,
  )
}

export async function remove(context: CliContext, reference: string): Promise<void> {
  const { knex } = await context.database()
  const line = await removeLine(knex, reference)
  context.print(
    `Removed ${line.name}; its past calls stay in the history.${pruneHint(line)}`,
  )
}

export async function assign(
  context: CliContext,
  line: string,
  user: string,
  options: { position?: number },
): Promise<void> {
  const { knex } = await context.database()
  const result = await assignMember(knex, line, user, options.position)
  context.print(
    `${result.line.name} now rings ${result.user.name} at position ${result.position}.`,
  )
}

export async function unassign(
  context: CliContext,
  line: string,
  user: string,
): Promise<void> {
  const { knex } = await context.database()
  const removed = await unassignMember(knex, line, user)
  context.print(`${removed.line.name} no longer rings ${removed.user.name}.`)
}

export async function set(
  context: CliContext,
  reference: string,
  options: LineOptions,
): Promise<void> {
  const { knex } = await context.database()
  const line = await updateLineSettings(knex, reference, toSettings(options))
  context.print(
    `${line.name}: rings ${line.ringStrategy}, ${line.ringTimeout}s per step, screening ${line.screening ? 'on' : 'off'}.`,
  )
}

function toSettings(options: LineOptions): LineSettings {
  return {
    ringStrategy: options.strategy,
    ringTimeout: options.timeout,
    greeting: options.greeting,
    screening: options.screening === undefined ? undefined : options.screening === 'on',
  }
}

function pruneHint(line: Line): string {
  return line.sipUri
    ? ' Run `aircall provision --prune` to delete its Plivo endpoint.'
    : ''
}
