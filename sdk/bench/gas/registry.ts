import { sha256, stringToBytes, toHex } from 'viem'
import { modelRegistryAbi } from '../../src/index.js'
import type { GasContext, GasMeasurement } from './context.js'
import { floorGas } from './floor.js'

const RAW = 0x55
const DAG_PB = 0x70

/** Binary CIDv1 (sha2-256) for a one-byte codec: 0x01, codec, 0x12, 0x20, digest. */
function cid(codec: number, digest: `0x${string}`): `0x${string}` {
  return `0x01${codec.toString(16).padStart(2, '0')}1220${digest.slice(2)}`
}

export function registration(artifact: string, parent: bigint, relation: number) {
  const fingerprint = sha256(stringToBytes(artifact))
  return {
    fingerprint,
    artifactCid: cid(RAW, fingerprint),
    metadataCid: cid(DAG_PB, sha256(toHex(`model card of ${artifact}`))),
    kind: 0,
    parent,
    relation,
  } as const
}

/**
 * `register`: a publisher's first model, with a parent. New slots: owner (the packed small fields
 * ride in it), owner balance, artifact digest, metadata digest, parent.
 * `register_second`: the same publisher's next model: the balance slot exists already.
 */
export async function registryGas(ctx: GasContext): Promise<GasMeasurement[]> {
  const registry = { address: ctx.deployment.contracts.registry, abi: modelRegistryAbi } as const
  const [founder, publisher] = [await ctx.actor('founder'), await ctx.actor('publisher')]

  const base = registration('base model weights', 0n, 0)
  await ctx.send(founder, { ...registry, functionName: 'register', args: [base] })
  const parent = BigInt(base.fingerprint)

  const first = await ctx.send(publisher, {
    ...registry,
    functionName: 'register',
    args: [registration('fine-tuned weights', parent, 1)],
  })
  const second = await ctx.send(publisher, {
    ...registry,
    functionName: 'register',
    args: [registration('quantized weights', parent, 2)],
  })
  return [
    {
      name: 'register',
      gasUsed: first.gasUsed,
      target: 170_000n,
      floor: floorGas(first.input, 5, first.logs),
      note: '5 new slots',
    },
    {
      name: 'register_second',
      gasUsed: second.gasUsed,
      target: 150_000n,
      floor: floorGas(second.input, 4, second.logs),
      note: '4 new slots',
    },
  ]
}
