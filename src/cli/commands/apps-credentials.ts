import { findApp } from '../../db/apps.ts'
import { UserError } from '../../errors.ts'
import { readPassword } from '../../provision/records.ts'
import type { CliContext } from '../context.ts'

/**
 * What a person types into their SIP app: the SIP URI, username and password of the
 * app's endpoint. Asked for by name, so the password is printed, in --json too.
 */
export async function credentials(
  context: CliContext,
  reference: string,
  options: { json?: boolean },
): Promise<void> {
  const { knex } = await context.database()
  const app = await findApp(knex, reference)
  const name = `${app.userName}/${app.label}`
  if (!app.sipUri || !app.plivoUsername) {
    throw new UserError(`${name} has no SIP endpoint yet`, {
      hint: 'run `aircall provision` to create it',
    })
  }

  const password = await readPassword(knex, { kind: 'app', id: app.id })
  const domain = app.sipUri.split('@')[1] ?? ''
  if (options.json) {
    return context.printJson({
      app: name,
      sipUri: app.sipUri,
      username: app.plivoUsername,
      password,
      domain,
    })
  }
  const fields = [
    ['SIP URI', app.sipUri],
    ['Username', app.plivoUsername],
    ['Password', password],
    ['Domain', domain],
  ]
  context.print(`SIP credentials of ${name}:`)
  context.print(
    fields.map(([label, value]) => `  ${label.padEnd(10)}${value}`).join('\n'),
  )
}
