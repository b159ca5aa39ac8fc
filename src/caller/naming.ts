// How the test caller's endpoint is named in Plivo. The alias is a function of the
// installation and the row alone, so a create that crashed after Plivo made the endpoint
// finds it again, and never finds another database's caller. Its kind is outside the
// provisioner's lines and apps (provision/naming.ts), so `aircall provision --prune`
// never takes it for an endpoint of a removed line or app.

export function callerAlias(installation: string, id: number): string {
  return `aircall-${installation}-caller-${id}`
}

/**
 * Letters and digits, starting with a letter, at most 25 characters (contract §1.4).
 * Plivo appends digits to it: the stored username is the one Plivo returns.
 */
export function requestedCallerUsername(id: number, name: string): string {
  const letters = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
  return `caller${id}${letters}`.slice(0, 25)
}
