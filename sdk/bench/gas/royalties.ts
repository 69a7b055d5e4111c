import { type Account, type Address, keccak256, parseEther, toHex } from 'viem'
import {
  daimmTokenAbi,
  marketplaceAbi,
  modelRegistryAbi,
  royaltySplitterAbi,
} from '../../src/index.js'
import { type GasContext, type GasMeasurement, TX_GAS_CAP } from './context.js'
import { floorGas } from './floor.js'
import { registration } from './registry.js'

const ETH = '0x0000000000000000000000000000000000000000' as const
/** Recipients per `setWeights` batch: 128 accounts × (1 + 1 accepted token) = 256 units, the maximum. */
const BATCH = 128

/** Binary CIDv1 (raw, sha2-256) of the license terms. */
const TERMS_CID = `0x01551220${keccak256(toHex('license terms')).slice(2)}` as const
const REVIEW_CID = `0x01551220${keccak256(toHex('a review')).slice(2)}` as const

function recipients(label: string, count: number): Address[] {
  return Array.from(
    { length: count },
    (_, i) => `0x${keccak256(toHex(`${label} recipient ${i}`)).slice(26)}` as Address,
  )
}

/**
 * Royalties and licenses, on root models (no parent), in steady state: each measured operation
 * follows an identical one, so the accumulators, balances and allowances it touches exist already.
 * - `deposit_eth_r1`, `deposit_eth_r1000`: `depositETH` into splits of 1 and 1,000 recipients; no
 *   new slot either way (O(1) in recipients).
 * - `deposit_erc20_r100`: `deposit` of DAIMM into a split of 100 (`transferFrom` included).
 * - `claim`: one recipient, one model, in ETH (the model's primary token): its first claim; `paid`
 *   shares the member slot with the weight, so no new slot.
 * - `buyLicense`: a buyer's first license through an uncapped offer, paid in DAIMM: one
 *   `transferFrom` into the splitter, which credits the fee to the treasury's account and the rest
 *   to the split; writes the license slot. (A capped offer also updates its sold count: +2,900.)
 * - `setWeights_128`: the largest batch of the 1,000-recipient split (its target is the cap).
 */
export async function royaltiesGas(ctx: GasContext): Promise<GasMeasurement[]> {
  const { contracts } = ctx.deployment
  const registry = { address: contracts.registry, abi: modelRegistryAbi } as const
  const splitter = { address: contracts.splitter, abi: royaltySplitterAbi } as const
  const market = { address: contracts.market, abi: marketplaceAbi } as const
  const token = { address: contracts.token, abi: daimmTokenAbi } as const
  const [owner, payer, buyer, claimer] = [
    await ctx.actor('model owner'),
    await ctx.actor('payer'),
    await ctx.actor('buyer'),
    await ctx.actor('claimer'),
  ]

  async function model(label: string): Promise<bigint> {
    const r = registration(label, 0n, 0)
    await ctx.send(owner, { ...registry, functionName: 'register', args: [r] })
    return BigInt(r.fingerprint)
  }

  /** Accepts `asset` and sets `accounts` at weight 1 in batches; returns the largest batch's gas. */
  async function split(id: bigint, asset: Address, accounts: Address[]) {
    await ctx.send(owner, { ...splitter, functionName: 'acceptToken', args: [id, asset] })
    let largest = { gasUsed: 0n, floor: 0n }
    for (let from = 0; from < accounts.length; from += BATCH) {
      const batch = accounts.slice(from, from + BATCH)
      const weights = batch.map(() => 1)
      const tx = await ctx.send(owner, {
        ...splitter,
        functionName: 'setWeights',
        args: [id, batch, weights],
      })
      // Each recipient's weight is a new slot (`paid` stays zero while revenue is zero).
      if (tx.gasUsed > largest.gasUsed)
        largest = { gasUsed: tx.gasUsed, floor: floorGas(tx.input, batch.length, tx.logs) }
    }
    return largest
  }

  async function depositETH(from: Account, id: bigint) {
    return ctx.send(from, {
      ...splitter,
      functionName: 'depositETH',
      args: [id],
      value: parseEther('1'),
    })
  }

  // ETH into 1 and 1,000 recipients.
  const r1 = await model('royalties r1')
  await split(r1, ETH, [claimer.address])
  await depositETH(payer, r1)
  const ethR1 = await depositETH(payer, r1)

  const r1000 = await model('royalties r1000')
  const largestBatch = await split(r1000, ETH, recipients('r1000', 1000))
  await depositETH(payer, r1000)
  const ethR1000 = await depositETH(payer, r1000)

  // DAIMM into 100 recipients, transfer included.
  const r100 = await model('royalties r100')
  await split(r100, contracts.token, recipients('r100', 100))
  await ctx.fund(payer.address, parseEther('1000'))
  await ctx.send(payer, {
    ...token,
    functionName: 'approve',
    args: [contracts.splitter, parseEther('1000')],
  })
  const deposit = {
    ...splitter,
    functionName: 'deposit',
    args: [r100, contracts.token, parseEther('1')],
  } as const
  await ctx.send(payer, deposit)
  const erc20R100 = await ctx.send(payer, deposit)

  // The single recipient of r1 claims its ETH.
  const claim = await ctx.send(claimer, { ...splitter, functionName: 'claim', args: [[r1], ETH] })

  // A license to r100, paid in DAIMM.
  await ctx.send(owner, {
    ...market,
    functionName: 'publishOffer',
    args: [
      {
        modelId: r100,
        token: contracts.token,
        price: parseEther('10'),
        duration: 30 * 24 * 3600,
        supplyCap: 0,
        commercial: true,
        termsCid: TERMS_CID,
      },
    ],
  })
  const offerId = 1n
  await ctx.fund(buyer.address, parseEther('1000'))
  await ctx.send(buyer, {
    ...token,
    functionName: 'approve',
    args: [contracts.splitter, parseEther('1000')],
  })
  const firstBuyer = await ctx.actor('first buyer')
  await ctx.fund(firstBuyer.address, parseEther('100'))
  await ctx.send(firstBuyer, {
    ...token,
    functionName: 'approve',
    args: [contracts.splitter, parseEther('100')],
  })
  await ctx.send(firstBuyer, {
    ...market,
    functionName: 'buyLicense',
    args: [offerId, parseEther('10')],
  })
  const buy = await ctx.send(buyer, {
    ...market,
    functionName: 'buyLicense',
    args: [offerId, parseEther('10')],
  })
  // The licensee's first review of r100, after the first buyer's (so the model's rating slot exists).
  await ctx.send(firstBuyer, { ...market, functionName: 'review', args: [r100, 4, REVIEW_CID] })
  const review = await ctx.send(buyer, {
    ...market,
    functionName: 'review',
    args: [r100, 5, REVIEW_CID],
  })

  return [
    {
      name: 'deposit_eth_r1',
      gasUsed: ethR1.gasUsed,
      target: 60_000n,
      floor: floorGas(ethR1.input, 0, ethR1.logs),
      note: 'no new slot',
    },
    {
      name: 'deposit_eth_r1000',
      gasUsed: ethR1000.gasUsed,
      target: 60_000n,
      floor: floorGas(ethR1000.input, 0, ethR1000.logs),
      note: `${(Number(ethR1000.gasUsed) / Number(ethR1.gasUsed)).toFixed(3)} × r1 (target ≤ 1.05)`,
    },
    {
      name: 'deposit_erc20_r100',
      gasUsed: erc20R100.gasUsed,
      target: 85_000n,
      floor: floorGas(erc20R100.input, 0, erc20R100.logs),
      note: 'DAIMM, transferFrom included',
    },
    {
      name: 'claim',
      gasUsed: claim.gasUsed,
      target: 70_000n,
      floor: floorGas(claim.input, 0, claim.logs),
      note: 'ETH, first claim, no new slot',
    },
    {
      name: 'buyLicense',
      gasUsed: buy.gasUsed,
      target: 130_000n,
      floor: floorGas(buy.input, 1, buy.logs),
      note: 'DAIMM, first license: 1 new slot',
    },
    {
      name: 'review',
      gasUsed: review.gasUsed,
      target: 75_000n,
      floor: floorGas(review.input, 1, review.logs),
      note: "a licensee's first review: 1 new slot",
    },
    {
      name: 'setWeights_128',
      gasUsed: largestBatch.gasUsed,
      target: TX_GAS_CAP,
      floor: largestBatch.floor,
      note: 'largest batch of the 1,000: 128 new slots',
    },
  ]
}
