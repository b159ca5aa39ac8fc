import { findLineDetails } from '../../db/line-details.ts'
import type { CliContext } from '../context.ts'
import { describeHours } from './lines-hours.ts'

export async function show(
  context: CliContext,
  reference: string,
  options: { json?: boolean },
): Promise<void> {
  const { knex } = await context.database()
  const line = await findLineDetails(knex, reference)
  // `hours: null` rather than a missing key: the line is always open.
  if (options.json) return context.printJson({ ...line, hours: line.hours ?? null })

  const { colors } = context
  const fields: [string, string][] = [
    ['Slug', line.slug],
    ['Rings', `${line.ringStrategy}, ${line.ringTimeout}s per step`],
    [
      'Screening',
      line.screening
        ? 'on: every app presses a key'
        : 'off: only apps that may auto-answer press a key',
    ],
    ['Greeting', line.greeting ?? colors.dim('default')],
    ['Closed greeting', line.closedGreeting ?? colors.dim('default')],
    ['SIP URI', line.sipUri ?? colors.dim('not provisioned')],
  ]
  const width = Math.max(...fields.map(([label]) => label.length)) + 2
  const members = line.members.map((member, index) => {
    const away = member.availability === 'away' ? ' (away)' : ''
    const apps = member.apps
      .map((app) => (app.mayAutoAnswer ? `${app.label} (may auto-answer)` : app.label))
      .join(', ')
    return `  ${index + 1}. ${member.name}${away}: ${apps || colors.dim('no apps')}`
  })

  context.print(
    [
      colors.bold(line.name),
      ...fields.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
      '',
      colors.bold('Members (ring order)'),
      ...(members.length > 0 ? members : [`  ${colors.dim('nobody')}`]),
      '',
      colors.bold('Hours'),
      ...describeHours(line.name, line)
        .split('\n')
        .map((text) => `  ${text}`),
    ].join('\n'),
  )
}
