// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g

/**
 * Text from outside (a caller's name is whatever the caller's network says) made safe for
 * a terminal: control characters, escape sequences included, become visible \uXXXX, so
 * a crafted name can neither recolour nor rewrite the screen nor break a table's layout.
 */
export function printable(text: string | null | undefined): string {
  if (text == null) return ''
  return text.replace(
    CONTROL_CHARACTERS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
