import { formatUnits } from 'viem'

/** A token amount with thousands separators, e.g. `1,000,000,000.5`. */
export function formatAmount(value: bigint, decimals: number): string {
  const [whole = '0', fraction] = formatUnits(value, decimals).split('.')
  const grouped = BigInt(whole).toLocaleString('en-US')
  return fraction ? `${grouped}.${fraction}` : grouped
}

/** A duration in seconds as the largest whole unit that fits, e.g. `2 days`, `60 s`. */
export function formatDuration(seconds: bigint): string {
  const units = [
    [86_400n, 'day'],
    [3_600n, 'hour'],
    [60n, 'minute'],
  ] as const
  for (const [size, unit] of units)
    if (seconds >= size && seconds % size === 0n) {
      const count = seconds / size
      return `${count} ${unit}${count === 1n ? '' : 's'}`
    }
  return `${seconds} s`
}

/** Left-aligned columns under a header row and a rule, indented by two spaces. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd()
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join(
    '\n',
  )
}

/** A fraction as a percentage with up to two decimals, e.g. `4%`, `12.5%`. */
export function formatPercent(numerator: bigint, denominator: bigint): string {
  const hundredths = (numerator * 10_000n) / denominator
  return `${formatAmount(hundredths, 2)}%`
}

/** A byte count in binary units with one decimal, e.g. `512 B`, `1.5 MiB`, `1.0 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`
}
