import { type PublicClient, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  createDaimmClient,
  type LicenseEvent,
  type OfferEvent,
  type RoundEvent,
} from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import {
  chain,
  clientOf,
  freshRegistration,
  giveEth,
  revertAfterFile,
  testAccount,
} from './local.js'

const { publicClient, deployment } = chain
const owner = testAccount('reads.owner')
const buyer = testAccount('reads.buyer')
const termsCid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'

/** Resolves once `ready()` holds, polling every 50 ms; fails after `ms`. */
async function until(ready: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now()
  while (!ready()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((done) => setTimeout(done, 50))
  }
}

describe('reads at a block, pinned to one block, and watchers', () => {
  revertAfterFile()

  test('a read at an earlier block sees the earlier state', async () => {
    await giveEth(owner, buyer)
    const daimm = clientOf(owner)
    const unregistered = await publicClient.getBlockNumber({ cacheTime: 0 })
    const { id } = await daimm.registry.register({ registration: freshRegistration() })
    const before = await publicClient.getBlockNumber({ cacheTime: 0 })
    const old = await daimm.registry.getModel({ id })
    const newCard = freshRegistration().metadataCid
    await daimm.registry.updateMetadata({ id, metadataCid: newCard })
    const now = await daimm.registry.getModel({ id })
    if (!now) throw new Error('not registered')
    expect(now.metadataCid).not.toBe(old?.metadataCid)
    expect(await daimm.registry.getModel({ id, blockNumber: before })).toEqual(old)
    // A model registered after the block is unknown there: null, as every read of one thing by id.
    expect(await daimm.registry.getModel({ id, blockNumber: unregistered })).toBeNull()
    expect(await daimm.market.getOffer({ offerId: 10n ** 9n })).toBeNull()
    expect(
      (await daimm.staking.getStake({ account: owner.address, blockNumber: before })).staked,
    ).toBe(0n)
    expect(await daimm.scoring.getParameters({ blockNumber: before })).toEqual(
      await daimm.scoring.getParameters(),
    )
  })

  test('a read of several calls pins them to one block; a single call stays on latest', async () => {
    const blocks: (bigint | undefined)[] = []
    const spy = {
      ...publicClient,
      readContract: (parameters: Parameters<PublicClient['readContract']>[0]) => {
        blocks.push(parameters.blockNumber)
        return publicClient.readContract(parameters)
      },
    }
    const reader = createDaimmClient({ publicClient: spy, deployment })
    const head = await publicClient.getBlockNumber({ cacheTime: 0 })
    await reader.staking.getStake({ account: owner.address })
    expect(blocks).toHaveLength(6)
    expect(new Set(blocks)).toEqual(new Set([head]))
    blocks.length = 0
    await reader.scoring.getReputation({ contributor: owner.address })
    expect(blocks).toEqual([undefined])
    blocks.length = 0
    await reader.scoring.getParameters({ blockNumber: head - 1n })
    expect(new Set(blocks)).toEqual(new Set([head - 1n]))
  })

  test('watchOffers, watchLicenses and watchRounds report what is mined', async () => {
    const daimm = clientOf(owner)
    const offers: OfferEvent[] = []
    const licenses: LicenseEvent[] = []
    const rounds: RoundEvent[] = []
    const { id } = await daimm.registry.register({ registration: freshRegistration() })
    const { id: other } = await daimm.registry.register({ registration: freshRegistration() })
    const stops = [
      daimm.market.watchOffers({
        modelId: id,
        pollingInterval: 100,
        onOffers: (e) => offers.push(...e),
      }),
      daimm.market.watchLicenses({
        buyer: buyer.address,
        pollingInterval: 100,
        onLicenses: (e) => licenses.push(...e),
      }),
      daimm.scoring.watchRounds({ pollingInterval: 100, onRounds: (e) => rounds.push(...e) }),
    ]
    try {
      // Let the watchers install their filters before anything is mined.
      await new Promise((done) => setTimeout(done, 300))
      await daimm.market.publishOffer({ terms: { modelId: other, price: 1n, termsCid } })
      const { offerId } = await daimm.market.publishOffer({
        terms: { modelId: id, price: parseEther('0.01'), termsCid, commercial: true },
      })
      await clientOf(buyer).market.buyLicense({ offerId, maxPrice: parseEther('0.01') })
      await daimm.market.cancelOffer({ offerId })
      await fundFromGenesis(chain, owner.address, parseEther('100'))
      const { minBudgetPerSeat } = await daimm.scoring.getParameters()
      const { roundId } = await daimm.scoring.openRound({
        subjectId: id,
        datasetCid: termsCid,
        metric: 'accuracy',
        budget: minBudgetPerSeat,
        committeeSize: 1,
      })
      await until(() => offers.length >= 2 && licenses.length >= 1 && rounds.length >= 1)
      expect(offers.map(({ type, offerId: o, modelId }) => [type, o, modelId])).toEqual([
        ['published', offerId, id],
        ['cancelled', offerId, id],
      ])
      expect(offers[0]).toMatchObject({ price: parseEther('0.01'), commercial: true, termsCid })
      expect(licenses).toEqual([
        expect.objectContaining({ modelId: id, buyer: buyer.address, offerId, expiresAt: null }),
      ])
      expect(rounds).toEqual([
        expect.objectContaining({ type: 'opened', roundId, subjectId: id, committeeSize: 1 }),
      ])
    } finally {
      for (const stop of stops) stop()
    }
  })
})
