/**
 * The text cut to at most `max` characters, the last an ellipsis when it was cut so
 * that the cut shows. Characters, not UTF-16 units: an emoji is never split in two.
 */
export function truncate(text: string, max: number): string {
  const characters = [...text]
  if (characters.length <= max) return text
  return `${characters.slice(0, max - 1).join('')}…`
}
