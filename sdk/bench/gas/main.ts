/**
 * `npm run bench:gas`: real transactions on a fresh anvil with the protocol deployed by the forge
 * script. Writes bench/gas.json (operation → gasUsed, 21,000 base included) at the repo root and
 * prints each operation beside its target and floor. Exits non-zero when an operation misses its
 * target, so a regression cannot pass unnoticed.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findRepoRoot } from '../../src/cli/devnet.js'
import { createGasContext, type GasContext, type GasMeasurement } from './context.js'
import { registryGas } from './registry.js'
import { royaltiesGas } from './royalties.js'
import { scoringGas } from './scoring.js'
import { stakingSuite } from './staking.js'
import { usageGas } from './usage.js'

/** Each module contributes one suite: a function that sends its operations and reports their gas. */
const suites: Array<(ctx: GasContext) => Promise<GasMeasurement[]>> = [
  registryGas,
  stakingSuite,
  royaltiesGas,
  scoringGas,
  usageGas,
]

async function main(): Promise<void> {
  const ctx = await createGasContext()
  const measurements: GasMeasurement[] = []
  try {
    for (const suite of suites) measurements.push(...(await suite(ctx)))
  } finally {
    await ctx.stop()
  }

  const out = join(findRepoRoot(), 'bench', 'gas.json')
  await mkdir(join(findRepoRoot(), 'bench'), { recursive: true })
  const record = Object.fromEntries(measurements.map((m) => [m.name, Number(m.gasUsed)]))
  await writeFile(out, `${JSON.stringify(record, null, 2)}\n`)

  console.table(
    measurements.map((m) => ({
      operation: m.name,
      gasUsed: Number(m.gasUsed),
      target: Number(m.target),
      'used/target': (Number(m.gasUsed) / Number(m.target)).toFixed(3),
      floor: m.floor === undefined ? '' : Number(m.floor),
      'used/floor': m.floor === undefined ? '' : (Number(m.gasUsed) / Number(m.floor)).toFixed(3),
      note: m.note ?? '',
    })),
  )
  console.log(`wrote ${out}`)
  const missed = measurements.filter((m) => m.gasUsed > m.target)
  if (missed.length > 0) {
    console.error(`over target: ${missed.map((m) => m.name).join(', ')}`)
    process.exitCode = 1
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
