/** 0x1234…abcd */
export function short(hex: string, keep = 6): string {
  return hex.length <= keep * 2 + 2 ? hex : `${hex.slice(0, keep + 2)}…${hex.slice(-keep + 2)}`
}

/** An offer or round id as the API answers it (32-byte hex), as its number: `0x…01` → `1`. */
export function idNumber(hex: string): string {
  return BigInt(hex).toString()
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 ** 2).toFixed(1)} MB`
}

export function duration(seconds: number): string {
  if (seconds === 0) return 'perpetual'
  const days = seconds / 86_400
  if (Number.isInteger(days)) return `${days} day${days === 1 ? '' : 's'}`
  return `${Math.round(seconds / 3600)} h`
}

export function percent(x: number): string {
  return `${(x * 100).toFixed(2)} %`
}

/** The words of an SDK or wallet error: its short message and hints, without a stack. */
export function errorText(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string; metaMessages?: string[] }
  const head = e?.shortMessage ?? e?.message ?? String(error)
  const hints = (e?.metaMessages ?? []).filter(Boolean)
  return [head, ...hints].join(' ')
}
