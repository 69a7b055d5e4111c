import { encodeFunctionData, type Hex, hashTypedData, parseEther, sha256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  type ContractError,
  encodeSignedOffer,
  marketplaceAbi,
  modelRegistryAbi,
  offerTypedData,
} from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import { chain, clientOf, freshRegistration, giveEth, snapshot, testAccount } from './local.js'
import { asTimelock } from './treasury.js'

const { publicClient, deployment } = chain
const { contracts } = deployment
const termsCid = `0x01551220${sha256(toHex('terms')).slice(2)}` as Hex

const seller = testAccount('market.seller')
const buyer = testAccount('market.buyer')
const contributor = testAccount('market.contributor')
const [bySeller, byBuyer, byContributor] = [
  clientOf(seller),
  clientOf(buyer),
  clientOf(contributor),
]

describe('licenses sold through the market namespace, paid into the split, claimed', () => {
  let revert: () => Promise<void>
  let modelId: Hex

  beforeAll(async () => {
    revert = await snapshot()
    await giveEth(seller, buyer, contributor)
    ;({ id: modelId } = await bySeller.registry.register({ registration: freshRegistration() }))
    await bySeller.royalties.acceptToken({ modelId })
    await bySeller.royalties.setWeights({
      modelId,
      recipients: [
        { account: seller.address, weight: 3 },
        { account: contributor.address, weight: 1 },
      ],
    })
  })
  afterAll(async () => {
    await revert()
  })

  test('a signed offer: signOffer, buyWithSignature, then the split is claimed', async () => {
    const { timestamp } = await publicClient.getBlock()
    const { offer, signature } = await bySeller.market.signOffer({
      terms: {
        modelId,
        price: parseEther('1'),
        duration: 30n * 24n * 3600n,
        supplyCap: 2,
        commercial: true,
        termsCid,
      },
      deadline: timestamp + 3600n,
    })
    expect(offer.nonce).toBe(0n)
    // The SDK's typed data is what the Marketplace verifies.
    expect(
      await publicClient.readContract({
        address: contracts.market,
        abi: marketplaceAbi,
        functionName: 'hashSignedOffer',
        args: [encodeSignedOffer(offer)],
      }),
    ).toBe(hashTypedData(offerTypedData({ market: contracts.market, chainId: 31337, offer })))

    const { offerId, expiresAt } = await byBuyer.market.buyWithSignature({ offer, signature })
    expect(expiresAt).toBeGreaterThan(timestamp)
    expect(await byBuyer.market.hasValidLicense({ modelId, account: buyer.address })).toBe(true)
    expect(await byBuyer.market.getLicense({ modelId, account: buyer.address })).toEqual({
      offerId,
      commercial: true,
      expiresAt,
    })
    expect(await byBuyer.market.getOffer({ offerId })).toMatchObject({
      modelId,
      price: parseEther('1'),
      sold: 1,
      signed: true,
    })

    // 2.5% to the treasury's fee account (pseudo-model 0), the rest 3:1 to the split.
    const [fee, contributorShare] = await Promise.all([
      byBuyer.royalties.getClaimable({ modelId: 0n, account: contracts.timelock }),
      byBuyer.royalties.getClaimable({ modelId, account: contributor.address }),
    ])
    expect(fee).toBe(parseEther('0.025'))
    expect(contributorShare).toBe(parseEther('0.24375'))

    const before = await publicClient.getBalance({ address: contributor.address })
    const { amount, receipt } = await byContributor.royalties.claim({ modelIds: [modelId] })
    const after = await publicClient.getBalance({ address: contributor.address })
    expect(amount).toBe(contributorShare)
    expect(after - before + receipt.gasUsed * receipt.effectiveGasPrice).toBe(contributorShare)

    // Anyone sends the treasury its fees; nothing is left credited, nothing else moves.
    const treasuryBefore = await publicClient.getBalance({ address: contracts.timelock })
    const swept = await byContributor.royalties.sweepProtocolFees()
    expect(swept).toMatchObject({ treasury: contracts.timelock, amount: fee })
    expect(await publicClient.getBalance({ address: contracts.timelock })).toBe(
      treasuryBefore + fee,
    )
    expect(await byBuyer.royalties.getClaimable({ modelId: 0n, account: contracts.timelock })).toBe(
      0n,
    )
    const again = (await byContributor.royalties
      .sweepProtocolFees()
      .catch((e: unknown) => e)) as ContractError
    expect(again.errorName).toBe('NothingToClaim')
  })

  test('a published DAIMM offer: max price, approval, perpetual license, cancellation', async () => {
    const price = parseEther('100')
    await fundFromGenesis(chain, buyer.address, price)
    const { offerId } = await bySeller.market.publishOffer({
      terms: { modelId, price, token: contracts.token, termsCid },
    })
    expect(await bySeller.market.getOffer({ offerId })).toMatchObject({
      token: contracts.token,
      duration: 0n,
      supplyCap: 0,
      commercial: false,
      cancelled: false,
      signed: false,
    })

    const tooDear = await byBuyer.market
      .buyLicense({ offerId, maxPrice: price - 1n })
      .catch((e: unknown) => e)
    expect((tooDear as ContractError).errorName).toBe('PriceAboveMax')
    expect((tooDear as ContractError).shortMessage).toBe(
      `Offer ${offerId} costs ${price}, above the maximum price of ${price - 1n} you set (in the token's base units): raise maxPrice if you accept that price.`,
    )

    const { expiresAt } = await byBuyer.market.buyLicense({ offerId, maxPrice: price })
    expect(expiresAt).toBeNull()
    // The model's split takes ETH only, so DAIMM revenue goes to the owner, less the fee.
    expect(
      await bySeller.royalties.getClaimable({
        modelId,
        account: seller.address,
        token: contracts.token,
      }),
    ).toBe(parseEther('97.5'))

    await bySeller.market.cancelOffer({ offerId })
    const cancelled = await byBuyer.market
      .buyLicense({ offerId, maxPrice: price })
      .catch((e: unknown) => e)
    expect((cancelled as ContractError).shortMessage).toBe(
      `Offer ${offerId} was cancelled by its seller.`,
    )
  })

  test('a flagged model sells nothing until the arbiter clears it', async () => {
    const price = parseEther('0.01')
    const { offerId } = await bySeller.market.publishOffer({ terms: { modelId, price, termsCid } })
    const flag = (flagged: boolean) =>
      asTimelock(chain, {
        to: contracts.registry,
        data: encodeFunctionData({
          abi: modelRegistryAbi,
          functionName: 'setFlagged',
          args: [BigInt(modelId), flagged],
        }),
      })
    await flag(true)
    const refused = (await byBuyer.market
      .buyLicense({ offerId, maxPrice: price })
      .catch((e: unknown) => e)) as ContractError
    expect(refused.errorName).toBe('ModelFlagged')
    expect(refused.shortMessage).toBe(
      `Model ${modelId} is flagged by governance: its offers can be neither published nor filled until the flag is cleared.`,
    )
    await flag(false)
    await byBuyer.market.buyLicense({ offerId, maxPrice: price })
    expect(await byBuyer.market.hasValidLicense({ modelId, account: buyer.address })).toBe(true)
  })

  test('licensees review: the rating is on-chain and in getModel; a non-licensee is refused', async () => {
    // The buyer bought a license in the first test; the contributor never did.
    const reviewCid = `0x01551220${sha256(toHex('review: accurate')).slice(2)}` as Hex
    const first = await byBuyer.market.review({ modelId, rating: 4, reviewCid })
    expect(first.previousRating).toBeNull()
    const again = await byBuyer.market.review({ modelId, rating: 5, reviewCid })
    expect(again.previousRating).toBe(4)
    expect(await byBuyer.market.getRating({ modelId })).toEqual({ count: 1, sum: 5, average: 5 })
    expect((await byBuyer.registry.getModel({ id: modelId }))?.rating).toEqual({
      count: 1,
      sum: 5,
      average: 5,
    })
    const refused = (await byContributor.market
      .review({ modelId, rating: 5, reviewCid })
      .catch((e: unknown) => e)) as ContractError
    expect(refused.errorName).toBe('NotLicensee')
    expect(refused.shortMessage).toContain('never held a license')
  })

  test('signed offers are voided one by one or below a nonce', async () => {
    const { timestamp } = await publicClient.getBlock()
    const terms = { modelId, price: parseEther('0.5'), duration: 3600n, termsCid }
    const deadline = timestamp + 3600n

    const first = await bySeller.market.signOffer({ terms, deadline })
    await bySeller.market.cancelSignedOffer({ offer: first.offer })
    const revoked = await byBuyer.market.buyWithSignature(first).catch((e: unknown) => e)
    expect((revoked as ContractError).errorName).toBe('SignedOfferRevoked')

    const second = await bySeller.market.signOffer({ terms: { ...terms, price: 1n }, deadline })
    await bySeller.market.invalidateNonces({ minNonce: 1n })
    const stale = await byBuyer.market.buyWithSignature(second).catch((e: unknown) => e)
    expect((stale as ContractError).shortMessage).toBe(
      `${second.offer.seller} voided its signed offers with a nonce below 1, and this one has nonce 0: ask the seller to sign a new one.`,
    )

    // Perpetual, so it renews whatever license the buyer holds (a timed one cannot follow a perpetual one).
    const third = await bySeller.market.signOffer({
      terms: { ...terms, duration: 0n },
      deadline,
    })
    expect(third.offer.nonce).toBe(1n)
    await byBuyer.market.buyWithSignature(third)
  })
})
