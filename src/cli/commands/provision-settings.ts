import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { assertPublicUrl, describeBadPublicUrl } from '../../config.ts'
import { UserError } from '../../errors.ts'
import type { PlivoAccount } from '../../provision/session.ts'
import type { CliContext } from '../context.ts'
import { askText, confirm } from '../prompt.ts'

export type ProvisionSettings = { account: PlivoAccount; publicUrl: string }

type Setting = {
  name: string
  question: string
  secret?: boolean
  validate?: (value: string) => true | string
}

const ACCOUNT_SETTINGS: Setting[] = [
  { name: 'PLIVO_AUTH_ID', question: 'Plivo Auth ID (console.plivo.com → Overview)' },
  { name: 'PLIVO_AUTH_TOKEN', question: 'Plivo Auth Token', secret: true },
]

const SETTINGS: Setting[] = [
  ...ACCOUNT_SETTINGS,
  {
    name: 'PUBLIC_URL',
    question: 'Public URL of this server, as Plivo reaches it (https://…)',
    validate: (value) => describeBadPublicUrl(value) ?? true,
  },
]

/**
 * The Plivo account and public URL, from the environment or .env. On a terminal a
 * missing value is asked for, and the answers may be saved to .env; without one the
 * command stops naming the variable.
 */
export async function resolveProvisionSettings(
  context: CliContext,
): Promise<ProvisionSettings> {
  const value = await resolveSettings(context, SETTINGS)
  const publicUrl = value('PUBLIC_URL')
  assertPublicUrl(publicUrl)

  return { account: accountOf(context, value), publicUrl }
}

/**
 * The Plivo account alone, asked for and saved the same way: for commands that talk to
 * Plivo without setting up webhooks (`aircall caller`).
 */
export async function resolvePlivoAccount(context: CliContext): Promise<PlivoAccount> {
  return accountOf(context, await resolveSettings(context, ACCOUNT_SETTINGS))
}

function accountOf(context: CliContext, value: (name: string) => string): PlivoAccount {
  return {
    apiUrl: context.config.plivoApiUrl,
    authId: value('PLIVO_AUTH_ID'),
    authToken: value('PLIVO_AUTH_TOKEN'),
  }
}

/** Each setting's value, from the configuration or, when missing, from the person. */
async function resolveSettings(
  context: CliContext,
  settings: Setting[],
): Promise<(name: string) => string> {
  const { config } = context
  const known: Record<string, string | undefined> = {
    PLIVO_AUTH_ID: config.plivoAuthId,
    PLIVO_AUTH_TOKEN: config.plivoAuthToken,
    PUBLIC_URL: config.publicUrl,
  }
  const missing = settings.filter((setting) => !known[setting.name])

  if (missing.length > 0 && !context.isInteractive) {
    throw new UserError(`${missing[0].name} is not set`, {
      hint: 'set it in the environment or in .env (see .env.example)',
    })
  }
  const answers: Record<string, string> = {}
  for (const setting of missing) {
    const answer = await askText(context, setting.question, setting)
    answers[setting.name] = answer.trim().replace(/\/+$/, '')
  }
  if (missing.length > 0 && (await confirm(context, 'Save these answers to .env?'))) {
    saveToEnvFile(resolve(context.io.cwd, '.env'), answers)
    context.note('Saved to .env.')
  }

  return (name) => (known[name] ?? answers[name]) as string
}

/** Replaces the variables' lines in .env, or appends them; the file holds a secret. */
function saveToEnvFile(file: string, values: Record<string, string>): void {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []
  for (const [name, value] of Object.entries(values)) {
    const line = `${name}=${value}`
    const index = lines.findIndex((each) => each.startsWith(`${name}=`))
    if (index >= 0) lines[index] = line
    else lines.splice(lines.at(-1) === '' ? lines.length - 1 : lines.length, 0, line)
  }
  writeFileSync(file, `${lines.join('\n').replace(/\n*$/, '')}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
}
