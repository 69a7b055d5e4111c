// What a dApp developer meets first: decoded reverts from any contract of a call, no approval before
// the call is known to pass, permits, chainless and JSON-RPC wallets, every protocol event of a write,
// composable calls and transaction options.
import {
  type Address,
  createWalletClient,
  custom,
  type Hash,
  type Hex,
  keccak256,
  parseEther,
  sha256,
  toHex,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDaimmClient, daimmTokenAbi, modelRegistryAbi } from '../../src/index.js'
import {
  chain,
  clientOf,
  freshRegistration,
  giveEth,
  revertOf,
  snapshot,
  testAccount,
} from './local.js'
import { fundFromTreasury } from './treasury.js'

const { publicClient, testClient, transport, deployment } = chain
const { contracts } = deployment
const termsCid = `0x01551220${sha256(toHex('integrator terms')).slice(2)}` as Hex

const seller = testAccount('integrators.seller')
const buyer = testAccount('integrators.buyer')
const broke = testAccount('integrators.broke')
const [bySeller, byBuyer, byBroke] = [clientOf(seller), clientOf(buyer), clientOf(broke)]
/** A model id nobody registered. */
const unknownModel = keccak256(toHex('integrators.unregistered'))

const balanceOf = (address: Address) =>
  publicClient.readContract({
    address: contracts.token,
    abi: daimmTokenAbi,
    functionName: 'balanceOf',
    args: [address],
  })
const nonceOf = (address: Address) => publicClient.getTransactionCount({ address })

let revert: () => Promise<void>
let modelId: Hex
beforeAll(async () => {
  revert = await snapshot()
  await giveEth(seller, buyer, broke)
  ;({ id: modelId } = await bySeller.registry.register({ registration: freshRegistration() }))
  await bySeller.royalties.acceptToken({ modelId })
  await bySeller.royalties.acceptToken({ modelId, token: contracts.token })
  await bySeller.royalties.setWeights({
    modelId,
    recipients: [{ account: seller.address, weight: 1 }],
  })
})
afterAll(async () => {
  await revert()
})

describe('every revert is a ContractError, wherever it is raised', () => {
  test.each([
    [
      'publishOffer on an unregistered model (raised by the registry)',
      () => bySeller.market.publishOffer({ terms: { modelId: unknownModel, price: 1n, termsCid } }),
      'UnknownModel',
      `No model is registered under id ${unknownModel}.`,
    ],
    [
      'deposit on an unregistered model (raised by the registry)',
      () => byBuyer.royalties.deposit({ modelId: unknownModel, amount: 1n }),
      'UnknownModel',
      `No model is registered under id ${unknownModel}.`,
    ],
    [
      'setWeights on an unregistered model (raised by the registry, an ERC-721)',
      () =>
        bySeller.royalties.setWeights({
          modelId: unknownModel,
          recipients: [{ account: seller.address, weight: 1 }],
        }),
      'TokenDoesNotExist',
      'No model is registered under this id',
    ],
    [
      'a governance vote on no proposal (raised by the Governor)',
      () => byBuyer.governance.castVote({ proposalId: 1n, support: 'for' }),
      'GovernorNonexistentProposal',
      'No proposal has id 1',
    ],
    [
      'a governance-only call from anyone (raised by the AccessManager)',
      () =>
        publicClient.simulateContract({
          address: contracts.registry,
          abi: modelRegistryAbi,
          functionName: 'setRoyaltyRate',
          args: [1],
          account: buyer.address,
        }),
      'AccessManagedUnauthorized',
      `${buyer.address} does not hold the role`,
    ],
  ])('%s', async (_, call, errorName, words) => {
    const error = await revertOf(
      (call() as Promise<unknown>).catch(async (e: unknown) => {
        const { toContractError } = await import('../../src/contractErrors.js')
        throw await toContractError(e, 'call')
      }),
    )
    expect(error.name).toBe('ContractError')
    expect(error.errorName).toBe(errorName)
    expect(error.shortMessage).toContain(words)
    expect(error.data?.slice(0, 10)).toMatch(/^0x[0-9a-f]{8}$/)
    // Model ids in error arguments are 0x hex, as in results (decoded by the called contract's ABI or the protocol's).
    if (errorName === 'UnknownModel') expect(error.args).toEqual([unknownModel])
  })
})

describe('approvals', () => {
  test('stake with no DAIMM throws ERC20InsufficientBalance and sends nothing', async () => {
    const before = await nonceOf(broke.address)
    const error = await revertOf(byBroke.staking.stake({ amount: parseEther('10') }))
    expect(error.errorName).toBe('ERC20InsufficientBalance')
    expect(error.args).toEqual([broke.address, 0n, parseEther('10')])
    expect(error.shortMessage).toBe(`${broke.address} holds 0 tokens but 10 are needed.`)
    expect(await nonceOf(broke.address)).toBe(before)
  })

  test('a stake that needs an approval returns it; with permit, one transaction', async () => {
    const staker = testAccount('integrators.staker')
    await giveEth(staker)
    await fundFromTreasury(chain, staker.address, parseEther('300'))
    const daimm = clientOf(staker)
    const nonce = await nonceOf(staker.address)

    const approved = await daimm.staking.stake({ amount: parseEther('100') })
    expect(approved.approval?.receipt.status).toBe('success')
    const approve = await publicClient.getTransaction({ hash: approved.approval?.hash as Hash })
    expect(approve.to?.toLowerCase()).toBe(contracts.token.toLowerCase())
    expect(approve.nonce).toBe(nonce)
    expect(await nonceOf(staker.address)).toBe(nonce + 2)

    const permitted = await daimm.staking.stake({ amount: parseEther('100'), permit: true })
    expect(permitted.approval).toBeUndefined()
    expect(await nonceOf(staker.address)).toBe(nonce + 3)
    expect(permitted.events.map((e) => e.eventName)).toContain('Approval')
    expect(await daimm.staking.getStake({ account: staker.address })).toMatchObject({
      staked: parseEther('200'),
    })
  })

  test('an ERC-20 purchase of a sold-out offer sends no approval', async () => {
    const { offerId } = await bySeller.market.publishOffer({
      terms: { modelId, price: parseEther('1'), token: contracts.token, supplyCap: 1, termsCid },
    })
    const first = testAccount('integrators.first')
    await giveEth(first)
    await fundFromTreasury(chain, first.address, parseEther('1'))
    await clientOf(first).market.buyLicense({ offerId, maxPrice: parseEther('1') })

    await fundFromTreasury(chain, buyer.address, parseEther('1'))
    const before = await nonceOf(buyer.address)
    const error = await revertOf(byBuyer.market.buyLicense({ offerId, maxPrice: parseEther('1') }))
    expect(error.errorName).toBe('SoldOut')
    expect(await nonceOf(buyer.address)).toBe(before)
  })
})

describe('wallets', () => {
  test('a chainless wallet with a JSON-RPC account (address only) registers a model', async () => {
    const address = '0x000000000000000000000000000000000000dA11' as Address
    await testClient.impersonateAccount({ address })
    await testClient.setBalance({ address, value: parseEther('1') })
    try {
      // What a browser dApp has: an injected provider, no chain, no local key.
      const provider = { request: (args: never) => publicClient.request(args) }
      const walletClient = createWalletClient({ account: address, transport: custom(provider) })
      const daimm = createDaimmClient({ publicClient, walletClient, deployment })
      const { id, receipt } = await daimm.registry.register({
        registration: freshRegistration(),
      })
      expect(receipt.from.toLowerCase()).toBe(address.toLowerCase())
      expect((await daimm.registry.getModel({ id }))?.owner).toBe(address)

      // Without any account, the wallet's first address sends.
      const accountless = createDaimmClient({
        publicClient,
        walletClient: createWalletClient({
          transport: custom({
            request: ({ method, params }: { method: string; params: never }) =>
              method === 'eth_accounts' || method === 'eth_requestAccounts'
                ? Promise.resolve([address])
                : publicClient.request({ method, params } as never),
          }),
        }),
        deployment,
      })
      const second = await accountless.registry.register({ registration: freshRegistration() })
      expect(second.receipt.from.toLowerCase()).toBe(address.toLowerCase())
    } finally {
      await testClient.stopImpersonatingAccount({ address })
    }
  })
})

describe('events, calls and transaction options', () => {
  test('buyLicense returns the events of every protocol contract it touched', async () => {
    const { offerId } = await bySeller.market.publishOffer({
      terms: { modelId, price: parseEther('0.1'), termsCid },
    })
    const { events } = await byBuyer.market.buyLicense({ offerId, maxPrice: parseEther('0.1') })
    const names = events.map((e) => e.eventName)
    expect(names).toContain('LicensePurchased')
    expect(names).toContain('RevenueCredited')
    for (const event of events)
      expect(Object.values(contracts).map((a) => a.toLowerCase())).toContain(
        event.address.toLowerCase(),
      )
  })

  test('calls.market.buyLicense, sent in order with sendTransaction, buys the license', async () => {
    const { offerId } = await bySeller.market.publishOffer({
      terms: { modelId, price: parseEther('2'), token: contracts.token, termsCid },
    })
    const safe = testAccount('integrators.calls')
    await giveEth(safe)
    await fundFromTreasury(chain, safe.address, parseEther('2'))
    const daimm = clientOf(safe)
    const before = await nonceOf(safe.address)

    const calls = await daimm.calls.market.buyLicense({ offerId, maxPrice: parseEther('2') })
    expect(await nonceOf(safe.address)).toBe(before)
    expect(calls.map((c) => c.to)).toEqual([contracts.token, contracts.market])
    expect(calls.every((c) => c.value === 0n && c.data.startsWith('0x'))).toBe(true)

    const wallet = createWalletClient({ account: safe, chain: publicClient.chain, transport })
    for (const call of calls) {
      const hash = await wallet.sendTransaction(call)
      expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
    }
    expect(await daimm.market.hasValidLicense({ modelId, account: safe.address })).toBe(true)
    expect(await balanceOf(safe.address)).toBe(0n)

    // An ETH offer is one call carrying the price.
    const eth = await bySeller.market.publishOffer({
      terms: { modelId, price: parseEther('0.5'), termsCid },
    })
    const [pay] = await daimm.calls.market.buyLicense({
      offerId: eth.offerId,
      maxPrice: parseEther('0.5'),
    })
    expect(pay).toMatchObject({ to: contracts.market, value: parseEther('0.5') })
  })

  test('txOptions: onHash before the receipt, nonce, gas and confirmations', async () => {
    const seen: Hash[] = []
    const nonce = await nonceOf(seller.address)
    const { hash, receipt } = await bySeller.market.publishOffer({
      terms: { modelId, price: 1n, termsCid },
      txOptions: { onHash: (h) => seen.push(h), nonce, gas: 500_000n, confirmations: 1 },
    })
    expect(seen).toEqual([hash])
    const sent = await publicClient.getTransaction({ hash })
    expect(sent.nonce).toBe(nonce)
    expect(sent.gas).toBe(500_000n)
    expect(receipt.status).toBe('success')

    // Client-wide defaults apply to every write.
    const hashes: Hash[] = []
    const daimm = createDaimmClient({
      publicClient,
      walletClient: createWalletClient({ account: seller, chain: publicClient.chain, transport }),
      deployment,
      txOptions: { onHash: (h) => hashes.push(h) },
    })
    const cancelled = await daimm.market.cancelOffer({
      offerId: (await bySeller.market.publishOffer({ terms: { modelId, price: 1n, termsCid } }))
        .offerId,
    })
    expect(hashes).toEqual([cancelled.hash])
  })

  test('an approval is recorded only when the allowance is short', async () => {
    const price = parseEther('3')
    const { offerId } = await bySeller.market.publishOffer({
      terms: { modelId, price, token: contracts.token, termsCid },
    })
    const approve = await byBuyer.calls.market.buyLicense({ offerId, maxPrice: price })
    expect(approve).toHaveLength(2)
    const wallet = createWalletClient({ account: buyer, chain: publicClient.chain, transport })
    await publicClient.waitForTransactionReceipt({
      hash: await wallet.sendTransaction(approve[0] as (typeof approve)[0]),
    })
    expect(await byBuyer.calls.market.buyLicense({ offerId, maxPrice: price })).toHaveLength(1)
  })
})
