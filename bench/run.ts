// `npm run bench`: runs every benchmark in this folder one after the other (they share
// two cores, so never in parallel) and prints all their figures as one table.
// `npm run bench -- provision` runs only the benchmarks whose file name contains a word.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

type BenchRow = { name: string; value: number; unit: string; note?: string }
type Bench = { run(): Promise<BenchRow[]> }

const folder = fileURLToPath(new URL('.', import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)))
  .sort()

const rows: (BenchRow & { bench: string })[] = []
for (const file of files) {
  const bench = file.replace(/\.ts$/, '')
  process.stderr.write(`running ${bench}…\n`)
  const module = (await import(`${folder}${file}`)) as Bench
  for (const row of await module.run()) rows.push({ bench, ...row })
}

const table = [
  ['BENCHMARK', 'MEASURE', 'VALUE', 'UNIT', 'NOTE'],
  ...rows.map((row) => [row.bench, row.name, formatValue(row.value), row.unit, row.note ?? '']),
]
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)))
for (const row of table) {
  console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd())
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1)
}
