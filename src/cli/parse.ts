import { InvalidArgumentError } from 'commander'

/** Parses an integer flag value; commander prints the message with the flag's name. */
export function parseInteger(
  value: string,
  flag: string,
  range: { min?: number; max?: number } = {},
): number {
  const number = Number(value)
  const { min = -Infinity, max = Infinity } = range
  if (!/^-?\d+$/.test(value.trim()) || number < min || number > max) {
    const bounds = Number.isFinite(max) ? `from ${min} to ${max}` : `of at least ${min}`
    throw new InvalidArgumentError(
      `${flag} takes a whole number ${bounds}, not ${JSON.stringify(value)}.`,
    )
  }
  return number
}
