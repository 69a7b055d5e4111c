/**
 * A token amount with thousands separators, e.g. `1,000,000,000.5`. (viem's `formatUnits`, without
 * importing viem: offline commands start without it.)
 */
export function formatAmount(value: bigint, decimals: number): string {
  const sign = value < 0n ? '-' : ''
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '')
  const grouped = BigInt(whole).toLocaleString('en-US')
  return `${sign}${fraction ? `${grouped}.${fraction}` : grouped}`
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

/**
 * A reputation in basis points (0–10,000 of a perfect score) as a percentage, e.g. `72.5%`;
 * 5,000 (50%) is where every contributor starts.
 */
export function formatReputation(bps: number): string {
  return `${formatAmount(BigInt(bps), 2)}%`
}
