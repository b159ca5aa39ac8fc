import type { ChalkInstance } from 'chalk'
import type { ReadyTestCaller } from '../../caller/create-caller.ts'
import { quote } from '../../errors.ts'

/** What a softphone asks for; the domain is the host part of the SIP URI. */
export function renderCallerCredentials(
  caller: ReadyTestCaller,
  colors: ChalkInstance,
  showPassword = true,
) {
  const password = showPassword
    ? caller.sipPassword
    : '(not shown again: `aircall caller show` prints it)'
  const fields = [
    ['SIP URI', caller.sipUri],
    ['Username', caller.username],
    ['Password', password],
    ['Domain', domainOf(caller.sipUri)],
  ]
  return [
    colors.bold(`SIP credentials of the test caller ${quote(caller.name)}:`),
    ...fields.map(([label, value]) => `  ${label.padEnd(10)}${value}`),
  ].join('\n')
}

/** JSON keeps the password out unless asked: JSON output tends to end up in logs. */
export function callerToJson(caller: ReadyTestCaller, showPassword = false) {
  return {
    name: caller.name,
    endpointId: caller.endpointId,
    sipUri: caller.sipUri,
    username: caller.username,
    domain: domainOf(caller.sipUri),
    ...(showPassword && { password: caller.sipPassword }),
  }
}

function domainOf(sipUri: string): string {
  return sipUri.split('@')[1] ?? ''
}
