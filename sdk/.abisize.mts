import * as g from './src/generated/contracts.ts'

for (const [k, v] of Object.entries(g))
  if (k.endsWith('Abi')) {
    const by: Record<string, number> = {}
    for (const it of v as any[]) {
      const s = JSON.stringify(it, (key, val) => (key === 'internalType' ? undefined : val)).length
      by[it.type] = (by[it.type] ?? 0) + s
    }
    console.log(k, JSON.stringify(by))
  }
