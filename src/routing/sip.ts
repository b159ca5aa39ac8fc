/**
 * The user part of a SIP URI (`sip:sales230101120000@phone.plivo.com` → the username),
 * lower-cased, since endpoint usernames are compared without case. A bare value is
 * taken as the user part itself; one leading `+` is dropped (plivo-contract §3.1).
 */
export function readSipUsername(address: string | undefined): string | undefined {
  const user = address
    ?.trim()
    .replace(/^sips?:/i, '')
    .split(/[@;]/)[0]
    .replace(/^\+/, '')
    .toLowerCase()
  return user || undefined
}

/**
 * The caller as stored: a phone number in E.164 with its `+` (Plivo usually sends the
 * digits alone, sometimes with the `+`, plivo-contract §3.1), anything else as sent.
 */
export function normaliseCaller(from: string | undefined): string | undefined {
  const trimmed = from?.trim()
  if (!trimmed) return undefined
  return /^\+?\d{6,15}$/.test(trimmed) ? `+${trimmed.replace(/^\+/, '')}` : trimmed
}
