import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { erc20Abi, type Hex, parseEther } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import { computeCid } from '../../src/index.js'
import { createLocalStore } from '../../src/node.js'
import { keyEnv, testKey, useDaimm } from './cli-run.js'
import { fundFromGenesis } from './genesis.js'
import { chain, clientOf, freshRegistration, giveEth, revertAfterFile } from './local.js'

const { publicClient, deployment } = chain
const seller = testKey('cli.offer.seller')
const buyer = testKey('cli.offer.buyer')
const signedBuyer = testKey('cli.offer.signed-buyer')
const asSeller = { env: keyEnv('cli.offer.seller') }
const asBuyer = { env: keyEnv('cli.offer.buyer') }
const asSignedBuyer = { env: keyEnv('cli.offer.signed-buyer') }
const license = new TextEncoder().encode('Licensed for evaluation and inference. No resale.\n')

describe('daimm offer: publish, sign, cancel; daimm buy --signed', () => {
  revertAfterFile()
  const { cli, daimm } = useDaimm()
  const bySeller = clientOf(seller.account)
  let modelId: Hex
  let daimmModelId: Hex
  let ethOfferId: string
  let daimmOfferId: string
  let termsFile: string
  let signedFile: string
  const path = (name: string) => join(cli.directory, name)

  beforeAll(async () => {
    await giveEth(seller.account, buyer.account, signedBuyer.account)
    ;({ id: modelId } = await bySeller.registry.register({ registration: freshRegistration() }))
    ;({ id: daimmModelId } = await bySeller.registry.register({
      registration: freshRegistration(),
    }))
    termsFile = path('LICENSE.txt')
    signedFile = path('signed.json')
    await writeFile(termsFile, license)
  })

  test('an ETH offer from a terms file, stored, bought with daimm buy', async () => {
    const store = path('store')
    const { code, stdout, stderr } = await daimm(
      [
        'offer',
        modelId,
        '--price',
        '0.1',
        '--duration',
        '30d',
        '--supply',
        '2',
        '--commercial',
        '--terms',
        termsFile,
        '--store',
        store,
        '--json',
      ],
      asSeller,
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const published = JSON.parse(stdout)
    const { cid } = await computeCid(license)
    expect(published).toEqual({
      offerId: expect.stringMatching(/^\d+$/),
      modelId,
      token: zero,
      price: parseEther('0.1').toString(),
      duration: 30 * 86_400,
      supplyCap: 2,
      commercial: true,
      termsCid: cid.toString(),
      seller: seller.account.address,
      stored: [`the store ${store}`],
      transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
    ethOfferId = published.offerId
    expect(new Uint8Array(await createLocalStore({ directory: store }).get(cid))).toEqual(license)
    expect(await bySeller.market.getOffer({ offerId: BigInt(ethOfferId) })).toMatchObject({
      modelId,
      seller: seller.account.address,
      price: parseEther('0.1'),
      duration: 30n * 86_400n,
      supplyCap: 2,
      commercial: true,
      signed: false,
      termsCid: cid.toString(),
    })

    const bought = await daimm(['buy', ethOfferId, '--max-price', '0.1', '--json'], asBuyer)
    expect(bought.stderr).toBe('')
    expect(bought.code).toBe(0)
    expect(JSON.parse(bought.stdout)).toMatchObject({
      offerId: ethOfferId,
      modelId,
      buyer: buyer.account.address,
      commercial: true,
      termsCid: cid.toString(),
    })
    expect(await bySeller.market.hasValidLicense({ modelId, account: buyer.account.address })).toBe(
      true,
    )
    expect(await bySeller.market.getOffer({ offerId: BigInt(ethOfferId) })).toMatchObject({
      sold: 1,
    })
  })

  test('a DAIMM offer with a CID for terms, in words; paid in DAIMM', async () => {
    const { cid } = await computeCid(license)
    const { code, stdout, stderr } = await daimm(
      ['offer', daimmModelId, '--price', '100', '--token', 'DAIMM', '--terms', cid.toString()],
      asSeller,
    )
    expect(code).toBe(0)
    const id = /^Published offer (\d+) of licenses to model 0x[0-9a-f]{64}\n/.exec(stdout)?.[1]
    expect(id).toBeDefined()
    daimmOfferId = id as string
    expect(stdout).toMatch(/\n {2}price +100 DAIMM\n/)
    expect(stdout).toMatch(/\n {2}licenses +perpetual\n/)
    expect(stdout).toMatch(/\n {2}supply +unlimited\n/)
    expect(stdout).toMatch(/\n {2}use +non-commercial\n/)
    expect(stdout).toContain(`\n  terms        ${cid}\n`)
    expect(stderr).toBe(`Buyers buy it with \`daimm buy ${daimmOfferId}\`.\n`)
    expect(await bySeller.market.getOffer({ offerId: BigInt(daimmOfferId) })).toMatchObject({
      token: deployment.contracts.token,
      price: parseEther('100'),
      duration: 0n,
    })

    await fundFromGenesis(chain, buyer.account.address, parseEther('100'))
    const balance = () =>
      publicClient.readContract({
        address: deployment.contracts.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [buyer.account.address],
      })
    const before = await balance()
    const bought = await daimm(['buy', daimmOfferId, '--max-price', '100'], asBuyer)
    expect(bought.code).toBe(0)
    expect(bought.stdout).toMatch(/\n {2}expires +never \(perpetual\)\n/)
    expect(before - (await balance())).toBe(parseEther('100'))
    expect(
      await bySeller.market.hasValidLicense({
        modelId: daimmModelId,
        account: buyer.account.address,
      }),
    ).toBe(true)
  })

  test('a signed offer: --sign writes a file, --max-price below its price sends nothing, buy --signed fills it', async () => {
    const signed = await daimm(
      [
        'offer',
        modelId,
        '--price',
        '0.05',
        '--duration',
        '12h',
        '--supply',
        '3',
        '--terms',
        termsFile,
        '--sign',
        '--deadline',
        '7d',
        '--out',
        signedFile,
      ],
      asSeller,
    )
    expect(signed.code).toBe(0)
    expect(signed.stdout).toMatch(
      new RegExp(`^Signed an offer of licenses to model ${modelId}, written to ${signedFile}\\n`),
    )
    expect(signed.stdout).toMatch(/\n {2}licenses +12 hours each\n/)
    expect(signed.stdout).toMatch(/\n {2}nonce +0\n/)
    expect(signed.stderr).toContain(`Hand ${signedFile} to buyers`)
    const { timestamp } = await publicClient.getBlock()
    const file = JSON.parse(await readFile(signedFile, 'utf8'))
    expect(file).toEqual({
      chainId: 31337,
      marketplace: deployment.contracts.market,
      offer: {
        modelId,
        seller: seller.account.address,
        token: zero,
        price: parseEther('0.05').toString(),
        duration: 12 * 3600,
        supplyCap: 3,
        commercial: false,
        termsCid: expect.stringMatching(/^0x01551220[0-9a-f]{64}$/),
        nonce: '0',
        deadline: (timestamp + 7n * 86_400n).toString(),
      },
      signature: expect.stringMatching(/^0x[0-9a-f]{130}$/),
    })

    const nonceBefore = await publicClient.getTransactionCount({
      address: signedBuyer.account.address,
    })
    const tooDear = await daimm(
      ['buy', '--signed', signedFile, '--max-price', '0.04'],
      asSignedBuyer,
    )
    expect(tooDear.code).toBe(1)
    expect(tooDear.stderr.split('\n')[0]).toBe(
      'daimm buy: The signed offer costs 0.05 ETH, above the maximum price of 0.04 ETH you set.',
    )
    expect(tooDear.stderr).toContain('Nothing was sent.')
    expect(await publicClient.getTransactionCount({ address: signedBuyer.account.address })).toBe(
      nonceBefore,
    )

    const { code, stdout, stderr } = await daimm(
      ['buy', '--signed', signedFile, '--max-price', '0.05', '--json'],
      asSignedBuyer,
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const bought = JSON.parse(stdout)
    expect(bought).toMatchObject({
      modelId,
      buyer: signedBuyer.account.address,
      price: parseEther('0.05').toString(),
      commercial: false,
      termsCid: (await computeCid(license)).cid.toString(),
    })
    expect(
      await bySeller.market.hasValidLicense({ modelId, account: signedBuyer.account.address }),
    ).toBe(true)
    expect(await bySeller.market.getOffer({ offerId: BigInt(bought.offerId) })).toMatchObject({
      modelId,
      sold: 1,
      supplyCap: 3,
      signed: true,
    })
  })

  test('a tampered or malformed file is refused in words', async () => {
    const file = JSON.parse(await readFile(signedFile, 'utf8'))
    const tampered = path('tampered.json')
    await writeFile(tampered, JSON.stringify({ ...file, offer: { ...file.offer, price: '1' } }))
    const cheap = await daimm(['buy', '--signed', tampered, '--max-price', '0.05'], asSignedBuyer)
    expect(cheap.code).toBe(1)
    expect(cheap.stderr.split('\n')[0]).toBe(
      `daimm buy: The signature is not the seller ${seller.account.address}'s for this offer: pass the offer exactly as signOffer returned it.`,
    )

    const { price: _, ...withoutPrice } = file.offer
    const broken = path('broken.json')
    await writeFile(broken, JSON.stringify({ ...file, offer: withoutPrice }))
    const missing = await daimm(['buy', '--signed', broken], asSignedBuyer)
    expect(missing.code).toBe(1)
    expect(missing.stderr.split('\n')[0]).toBe(
      `daimm buy: ${broken} is not a signed offer: "offer.price" is missing.`,
    )
    expect(missing.stderr).toContain('Use the file `daimm offer --sign` wrote, unchanged')

    await writeFile(broken, JSON.stringify({ ...file, chainId: 1 }))
    const otherChain = await daimm(['buy', '--signed', broken], asSignedBuyer)
    expect(otherChain.code).toBe(1)
    expect(otherChain.stderr.split('\n')[0]).toBe(
      `daimm buy: ${broken} is an offer on chain 1, but the node is chain 31337.`,
    )
  })

  test('cancelled offers, published or signed, sell no more', async () => {
    const stranger = await daimm(['offer', '--cancel', ethOfferId], asBuyer)
    expect(stranger.code).toBe(1)
    expect(stranger.stderr.split('\n')[0]).toBe(
      `daimm offer: Only the offer's seller ${seller.account.address} may cancel it, not ${buyer.account.address}.`,
    )

    const cancelled = await daimm(['offer', '--cancel', ethOfferId], asSeller)
    expect(cancelled.code).toBe(0)
    expect(cancelled.stdout).toMatch(
      new RegExp(`^Cancelled offer ${ethOfferId} of licenses to model ${modelId}\\n`),
    )
    const refused = await daimm(['buy', ethOfferId], asSignedBuyer)
    expect(refused.code).toBe(1)
    expect(refused.stderr.split('\n')[0]).toBe(
      `daimm buy: Offer ${ethOfferId} was cancelled by its seller.`,
    )

    // Listed already (it sold): cancelling it cancels the offer it was listed as.
    const listed = await daimm(['offer', '--cancel-signed', signedFile, '--json'], asSeller)
    expect(listed.stderr).toBe('')
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toMatchObject({ file: signedFile, modelId, nonce: '0' })
    const again = await daimm(['buy', '--signed', signedFile, '--max-price', '0.05'], asSignedBuyer)
    expect(again.code).toBe(1)
    expect(again.stderr.split('\n')[0]).toMatch(
      /^daimm buy: Offer \d+ was cancelled by its seller\.$/,
    )

    // Never sold: signed to stdout, with a nonce of its own, voided before its first sale.
    const fresh = await daimm(
      [
        'offer',
        modelId,
        '--price',
        '0.01',
        '--terms',
        termsFile,
        '--sign',
        '--deadline',
        '2099-01-01',
        '--nonce',
        '5',
        '--json',
      ],
      asSeller,
    )
    expect(fresh.stderr).toBe('')
    expect(fresh.code).toBe(0)
    const unsold = JSON.parse(fresh.stdout)
    expect(unsold.offer).toMatchObject({
      nonce: '5',
      deadline: String(Date.UTC(2099, 0, 1) / 1000),
    })
    const unsoldFile = path('unsold.json')
    await writeFile(unsoldFile, fresh.stdout)
    expect((await daimm(['offer', '--cancel-signed', unsoldFile], asSeller)).code).toBe(0)
    const revoked = await daimm(
      ['buy', '--signed', unsoldFile, '--max-price', '0.01'],
      asSignedBuyer,
    )
    expect(revoked.code).toBe(1)
    expect(revoked.stderr.split('\n')[0]).toMatch(
      /^daimm buy: The seller cancelled this signed offer \(digest 0x[0-9a-f]{64}\) already\.$/,
    )
  })

  test('usage errors exit 2 in one line; a model not yours, a token that is none fail in words', async () => {
    const noPrice = await daimm(['offer', modelId, '--terms', termsFile], asSeller)
    expect(noPrice.code).toBe(2)
    expect(noPrice.stderr.split('\n')[0]).toBe(
      'daimm offer: daimm offer needs --price: the price of one license.',
    )
    const badDuration = await daimm(
      ['offer', modelId, '--price', '1', '--duration', '3 days', '--terms', termsFile],
      asSeller,
    )
    expect(badDuration.code).toBe(2)
    expect(badDuration.stderr.split('\n')[0]).toBe(
      'daimm offer: --duration takes a duration (whole seconds, or a whole number of s, m, h, d or w), not "3 days".',
    )
    const notOwner = await daimm(['offer', modelId, '--price', '1', '--terms', termsFile], asBuyer)
    expect(notOwner.code).toBe(1)
    expect(notOwner.stderr.split('\n')[0]).toBe(
      `daimm offer: Model ${modelId} belongs to ${seller.account.address}, not to ${buyer.account.address}: only its owner can offer licenses to it.`,
    )
    const noToken = await daimm(
      ['offer', modelId, '--price', '1', '--terms', termsFile, '--token', dead],
      asSeller,
    )
    expect(noToken.code).toBe(1)
    expect(noToken.stderr.split('\n')[0]).toBe(
      `daimm offer: --token ${dead} is not an ERC-20 on chain 31337: it answers no decimals().`,
    )
  })
})

const zero = '0x0000000000000000000000000000000000000000'
const dead = '0x000000000000000000000000000000000000dEaD'
