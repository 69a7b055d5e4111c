import { type Hex, parseEther, sha256, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { keyEnv, testKey, useDaimm } from './cli-run.js'
import { chain, clientOf, freshRegistration, giveEth, revertAfterFile } from './local.js'

const { publicClient } = chain
const termsCid = `0x01551220${sha256(toHex('cli terms')).slice(2)}` as Hex
const seller = testKey('cli.market.seller')
const contributor = testKey('cli.market.contributor')
const buyer = testKey('cli.market.buyer')

describe('daimm buy and daimm claim of royalties', () => {
  revertAfterFile()
  const { daimm } = useDaimm()
  const bySeller = clientOf(seller.account)
  let modelId: Hex
  let splitModelId: Hex
  let offerId: bigint
  let splitOfferId: bigint

  test('buy pays an offer’s price and records a license; --max-price protects the buyer', async () => {
    await giveEth(seller.account, contributor.account, buyer.account)
    ;({ id: modelId } = await bySeller.registry.register({ registration: freshRegistration() }))
    ;({ offerId } = await bySeller.market.publishOffer({
      terms: { modelId, price: parseEther('0.1'), duration: 86_400n, termsCid, commercial: true },
    }))

    const tooCheap = await daimm(['buy', String(offerId), '--max-price', '0.05'], {
      env: keyEnv('cli.market.buyer'),
    })
    expect(tooCheap.code).toBe(1)
    expect(tooCheap.stderr.split('\n')[0]).toBe(
      `daimm buy: Offer ${offerId} costs 100000000000000000, above the maximum price of 50000000000000000 you set (in the token's base units): raise maxPrice if you accept that price.`,
    )

    const balance = await publicClient.getBalance({ address: buyer.account.address })
    const { code, stdout, stderr } = await daimm(
      ['buy', String(offerId), '--max-price', '0.1', '--json'],
      { env: keyEnv('cli.market.buyer') },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const bought = JSON.parse(stdout)
    expect(bought).toMatchObject({
      offerId: String(offerId),
      modelId,
      buyer: buyer.account.address,
      price: parseEther('0.1').toString(),
      commercial: true,
      termsCid: expect.stringMatching(/^bafkrei/),
    })
    const { timestamp } = await publicClient.getBlock()
    expect(bought.expiresAt).toBe((timestamp + 86_400n).toString())
    expect(await bySeller.market.hasValidLicense({ modelId, account: buyer.account.address })).toBe(
      true,
    )
    expect(await publicClient.getBalance({ address: buyer.account.address })).toBeLessThan(
      balance - parseEther('0.1'),
    )
  })

  test('review: the licensee rates the model, daimm models shows it; a non-licensee is refused', async () => {
    const reviewed = await daimm(
      ['review', modelId, '--rating', '4', '--text', 'Accurate on our data.', '--json'],
      { env: keyEnv('cli.market.buyer') },
    )
    expect(reviewed.stderr).toBe('')
    expect(reviewed.code).toBe(0)
    expect(JSON.parse(reviewed.stdout)).toMatchObject({
      modelId,
      reviewer: buyer.account.address,
      rating: 4,
      previousRating: null,
      reviewCid: expect.stringMatching(/^bafkrei/),
      modelRating: { count: 1, sum: 4, average: 4 },
    })
    const listed = await daimm(['models', '--owner', seller.account.address, '--json'])
    const model = JSON.parse(listed.stdout).models.find((m: { id: Hex }) => m.id === modelId)
    expect(model.rating).toEqual({ count: 1, sum: 4, average: 4 })

    const refused = await daimm(['review', modelId, '--rating', '5', '--text', 'Great!'], {
      env: keyEnv('cli.market.contributor'),
    })
    expect(refused.code).toBe(1)
    expect(refused.stderr.split('\n')[0]).toBe(
      `daimm review: ${contributor.account.address} never held a license to model ${modelId}: only licensees may review it (buy a license first).`,
    )
  })

  test('without --max-price the offer’s price is paid, said on stderr', async () => {
    ;({ id: splitModelId } = await bySeller.registry.register({
      registration: freshRegistration(),
    }))
    await bySeller.royalties.acceptToken({ modelId: splitModelId })
    await bySeller.royalties.setWeights({
      modelId: splitModelId,
      recipients: [
        { account: seller.account.address, weight: 1 },
        { account: contributor.account.address, weight: 1 },
      ],
    })
    ;({ offerId: splitOfferId } = await bySeller.market.publishOffer({
      terms: { modelId: splitModelId, price: parseEther('1'), termsCid },
    }))
    const { code, stdout, stderr } = await daimm(['buy', String(splitOfferId)], {
      env: keyEnv('cli.market.buyer'),
    })
    expect(code).toBe(0)
    expect(stderr).toBe("Paying the offer's price, 1 ETH (set a ceiling with --max-price).\n")
    expect(stdout).toMatch(new RegExp(`^Bought a license to model ${splitModelId}\\n`))
    expect(stdout).toMatch(/\n {2}expires +never \(perpetual\)\n/)
    expect(stdout).toMatch(/\n {2}use +non-commercial\n/)
  })

  test('claim finds the owner’s credits and the split’s shares, and pays them', async () => {
    // 2.5% protocol fee: 0.0975 ETH to the owner of the model without a split, and 0.975 ETH
    // shared 1:1 on the other.
    const dry = await daimm(['claim', '--dry-run', '--json'], { env: keyEnv('cli.market.seller') })
    expect(dry.code).toBe(0)
    const { claimable } = JSON.parse(dry.stdout)
    expect(claimable).toEqual(
      expect.arrayContaining([
        { kind: 'royalties', modelId, token: zero, amount: parseEther('0.0975').toString() },
        {
          kind: 'royalties',
          modelId: splitModelId,
          token: zero,
          amount: parseEther('0.4875').toString(),
        },
      ]),
    )
    expect(claimable).toHaveLength(2)

    const before = await publicClient.getBalance({ address: seller.account.address })
    const { code, stdout, stderr } = await daimm(['claim', '--json'], {
      env: keyEnv('cli.market.seller'),
    })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const { claims } = JSON.parse(stdout)
    // One transaction for both models: same token.
    expect(claims).toMatchObject([
      { kind: 'royalties', token: zero, amount: parseEther('0.585').toString() },
    ])
    expect(await publicClient.getBalance({ address: seller.account.address })).toBeGreaterThan(
      before,
    )

    const theirs = await daimm(['claim', '--model', splitModelId, '--token', 'ETH'], {
      env: keyEnv('cli.market.contributor'),
    })
    expect(theirs.code).toBe(0)
    expect(theirs.stdout).toMatch(
      new RegExp(`\\n {2}royalties on model ${splitModelId} +0\\.4875 ETH\\n`),
    )
    const again = await daimm(['claim', '--model', splitModelId], {
      env: keyEnv('cli.market.contributor'),
    })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/^daimm claim: 0x[0-9a-fA-F]{40} has nothing to claim on model 0x/)
  })

  test('unknown offers and bad ids fail in one line', async () => {
    const unknown = await daimm(['buy', '999'], { env: keyEnv('cli.market.buyer') })
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.split('\n')[0]).toBe('daimm buy: No offer has id 999.')
    const bad = await daimm(['buy', 'first'], { env: keyEnv('cli.market.buyer') })
    expect(bad.code).toBe(2)
    const badModel = await daimm(['claim', '--model', '0x12'], { env: keyEnv('cli.market.buyer') })
    expect(badModel.code).toBe(2)
    expect(badModel.stderr.split('\n')[0]).toBe(
      'daimm claim: --model takes a model id (0x and 64 hex digits, the file\'s SHA-256), not "0x12".',
    )
  })
})

const zero = '0x0000000000000000000000000000000000000000'
