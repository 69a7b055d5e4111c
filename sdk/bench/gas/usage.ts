import { keccak256, toHex } from 'viem'
import { modelRegistryAbi, usageAnchorsAbi } from '../../src/index.js'
import type { GasContext, GasMeasurement } from './context.js'
import { floorGas } from './floor.js'
import { registration } from './registry.js'

/**
 * Usage anchors, sent by a delegated operator (the gateway's key), as the anchoring job sends them.
 * - `anchor_first`: a model's first anchor: three new slots (the root, the packed range, the
 *   model's head).
 * - `anchor_next`: every later one: two new slots, the head updated.
 * Both pay, beyond their floor, the registry's owner lookup (an external call), the delegation
 * lookup and the head's read: targets are the floor's fixed part plus about 25,000.
 */
export async function usageGas(ctx: GasContext): Promise<GasMeasurement[]> {
  const { contracts } = ctx.deployment
  const registry = { address: contracts.registry, abi: modelRegistryAbi } as const
  const anchors = { address: contracts.usageAnchors, abi: usageAnchorsAbi } as const
  const [owner, operator] = [await ctx.actor('usage owner'), await ctx.actor('usage operator')]
  const r = registration('usage model', 0n, 0)
  await ctx.send(owner, { ...registry, functionName: 'register', args: [r] })
  const id = BigInt(r.fingerprint)
  await ctx.send(owner, { ...anchors, functionName: 'setOperator', args: [operator.address, true] })
  const root = (i: number) => keccak256(toHex(`usage root ${i}`))
  const first = await ctx.send(operator, {
    ...anchors,
    functionName: 'anchor',
    args: [id, root(0), 1n, 1_000n, 400],
  })
  const next = await ctx.send(operator, {
    ...anchors,
    functionName: 'anchor',
    args: [id, root(1), 1_001n, 2_000n, 400],
  })
  return [
    {
      name: 'anchor_first',
      gasUsed: first.gasUsed,
      target: 115_000n,
      floor: floorGas(first.input, 3, first.logs),
      note: "a model's first anchor: 3 new slots (target: 48,700 + 3 × 22,100)",
    },
    {
      name: 'anchor_next',
      gasUsed: next.gasUsed,
      target: 95_000n,
      floor: floorGas(next.input, 2, next.logs),
      note: 'later anchors: 2 new slots (target: 50,800 + 2 × 22,100)',
    },
  ]
}
