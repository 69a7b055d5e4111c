import {
  type Abi,
  type Account,
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  hashTypedData,
  http,
  keccak256,
  parseEther,
  sha256,
  stringToBytes,
  toHex,
  zeroAddress,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { marketplaceAbi, modelRegistryAbi, royaltySplitterAbi } from '../../src/index.js'

const rpcUrl = inject('rpcUrl')
const { contracts } = inject('deployment')
const transport = http(rpcUrl)
const publicClient = createPublicClient({ chain: foundry, transport })
const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })

const registry = { address: contracts.registry, abi: modelRegistryAbi } as const
const splitter = { address: contracts.splitter, abi: royaltySplitterAbi } as const
const market = { address: contracts.market, abi: marketplaceAbi } as const

/** The Marketplace's EIP-712 `Offer`, as a wallet signs it. */
const offerTypes = {
  Offer: [
    { name: 'modelId', type: 'uint256' },
    { name: 'seller', type: 'address' },
    { name: 'token', type: 'address' },
    { name: 'price', type: 'uint96' },
    { name: 'duration', type: 'uint32' },
    { name: 'supplyCap', type: 'uint24' },
    { name: 'commercial', type: 'bool' },
    { name: 'termsCid', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

function account(label: string): Account {
  return privateKeyToAccount(keccak256(toHex(`daimm.test.market.${label}`)))
}

/** Simulates then sends a contract call from `from`, and checks it succeeded. */
async function send(
  from: Account,
  call: {
    address: Address
    abi: Abi
    functionName: string
    args: readonly unknown[]
    value?: bigint
  },
) {
  // biome-ignore lint/suspicious/noExplicitAny: one helper for calls to several ABIs
  const { request } = await publicClient.simulateContract({ ...call, account: from } as any)
  const wallet = createWalletClient({ account: from, chain: foundry, transport })
  // biome-ignore lint/suspicious/noExplicitAny: the simulated request is what writeContract takes
  const hash = await wallet.writeContract(request as any)
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
  return receipt
}

describe('a license sold through a signed offer, paid into the split, claimed', () => {
  const [seller, buyer, contributor] = [account('seller'), account('buyer'), account('contributor')]
  const fingerprint = sha256(stringToBytes('market integration model'))
  const modelId = BigInt(fingerprint)
  let snapshot: Hex

  beforeAll(async () => {
    snapshot = await testClient.snapshot()
    for (const a of [seller, buyer, contributor])
      await testClient.setBalance({ address: a.address, value: parseEther('100') })
    await send(seller, {
      ...registry,
      functionName: 'register',
      args: [
        {
          fingerprint,
          artifactCid: `0x01551220${fingerprint.slice(2)}`,
          metadataCid: `0x01701220${sha256(toHex('card')).slice(2)}`,
          kind: 0,
          parent: 0n,
          relation: 0,
        },
      ],
    })
    await send(seller, { ...splitter, functionName: 'acceptToken', args: [modelId, zeroAddress] })
    await send(seller, {
      ...splitter,
      functionName: 'setWeights',
      args: [modelId, [seller.address, contributor.address], [3, 1]],
    })
  })
  afterAll(async () => {
    await testClient.revert({ id: snapshot })
  })

  test("viem's signTypedData signs what the Marketplace verifies", async () => {
    const { timestamp } = await publicClient.getBlock()
    const offer = {
      modelId,
      seller: seller.address,
      token: zeroAddress,
      price: parseEther('1'),
      duration: 30 * 24 * 3600,
      supplyCap: 2,
      commercial: true,
      termsCid: `0x01551220${sha256(toHex('terms')).slice(2)}` as Hex,
      nonce: 0n,
      deadline: timestamp + 3600n,
    } as const
    const domain = {
      name: 'DAIMM Marketplace',
      version: '1',
      chainId: foundry.id,
      verifyingContract: contracts.market,
    } as const
    const typed = { domain, types: offerTypes, primaryType: 'Offer', message: offer } as const
    expect(
      await publicClient.readContract({
        ...market,
        functionName: 'hashSignedOffer',
        args: [offer],
      }),
    ).toBe(hashTypedData(typed))

    const signature = await createWalletClient({
      account: seller,
      chain: foundry,
      transport,
    }).signTypedData(typed)
    await send(buyer, {
      ...market,
      functionName: 'buyWithSig',
      args: [offer, signature],
      value: offer.price,
    })
    expect(
      await publicClient.readContract({
        ...market,
        functionName: 'hasValidLicense',
        args: [modelId, buyer.address],
      }),
    ).toBe(true)

    // 2.5% to the treasury's fee account, the rest 3:1 to the split.
    const [fee, contributorShare] = await Promise.all([
      publicClient.readContract({
        ...splitter,
        functionName: 'claimable',
        args: [0n, zeroAddress, contracts.timelock],
      }),
      publicClient.readContract({
        ...splitter,
        functionName: 'claimable',
        args: [modelId, zeroAddress, contributor.address],
      }),
    ])
    expect(fee).toBe(parseEther('0.025'))
    expect(contributorShare).toBe(parseEther('0.24375'))

    const before = await publicClient.getBalance({ address: contributor.address })
    const receipt = await send(contributor, {
      ...splitter,
      functionName: 'claim',
      args: [[modelId], zeroAddress],
    })
    const after = await publicClient.getBalance({ address: contributor.address })
    expect(after - before + receipt.gasUsed * receipt.effectiveGasPrice).toBe(contributorShare)
  })
})
