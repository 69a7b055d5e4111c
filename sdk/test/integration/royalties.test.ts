import { type Hex, parseEther, zeroAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ContractError } from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import { chain, clientOf, freshRegistration, giveEth, snapshot, testAccount } from './local.js'

const { publicClient, deployment } = chain
const { token } = deployment.contracts
const owner = testAccount('royalties.owner')
const contributor = testAccount('royalties.contributor')
const payer = testAccount('royalties.payer')
const [byOwner, byContributor, byPayer] = [clientOf(owner), clientOf(contributor), clientOf(payer)]

describe('revenue deposited into splits and claimed through the royalties namespace', () => {
  let revert: () => Promise<void>
  const models: Hex[] = []

  beforeAll(async () => {
    revert = await snapshot()
    await giveEth(owner, contributor, payer)
    await fundFromGenesis(chain, payer.address, parseEther('100'))
    // Two root models (no upstream share), each split 1:1 between the owner and the contributor.
    for (const _ of [1, 2]) {
      const { id: modelId } = await byOwner.registry.register({
        registration: freshRegistration(),
      })
      await byOwner.royalties.acceptToken({ modelId })
      await byOwner.royalties.setWeights({
        modelId,
        recipients: [
          { account: owner.address, weight: 1 },
          { account: contributor.address, weight: 1 },
        ],
      })
      models.push(modelId)
    }
    await byOwner.royalties.acceptToken({ modelId: models[0] as Hex, token })
  })
  afterAll(async () => {
    await revert()
  })

  test('only the owner sets a split, and getSplit reads it back', async () => {
    const [modelId] = models as [Hex, Hex]
    const error = await byContributor.royalties
      .setWeights({ modelId, recipients: [{ account: contributor.address, weight: 10 }] })
      .catch((e: unknown) => e)
    expect((error as ContractError).errorName).toBe('NotModelOwner')
    expect((error as ContractError).shortMessage).toBe(
      `${contributor.address} does not own model ${modelId}: only its current owner may configure its split, offer licenses to it or delegate its usage anchoring.`,
    )

    expect(
      await byPayer.royalties.getSplit({
        modelId,
        accounts: [owner.address, contributor.address, payer.address],
      }),
    ).toEqual({
      totalWeight: 2,
      acceptedTokens: [zeroAddress, token],
      weights: [
        { account: owner.address, weight: 1 },
        { account: contributor.address, weight: 1 },
        { account: payer.address, weight: 0 },
      ],
    })
  })

  test('ETH and DAIMM deposits are claimed across models in one transfer each', async () => {
    const [first, second] = models as [Hex, Hex]
    await byPayer.royalties.deposit({ modelId: first, amount: parseEther('1') })
    await byPayer.royalties.deposit({ modelId: second, amount: parseEther('3') })
    // The DAIMM deposit approves the splitter first.
    const { credited } = await byPayer.royalties.deposit({
      modelId: first,
      amount: parseEther('10'),
      token,
    })
    expect(credited).toBe(parseEther('10'))
    expect(
      await byContributor.royalties.getClaimable({ modelId: second, account: contributor.address }),
    ).toBe(parseEther('1.5'))

    const before = await publicClient.getBalance({ address: contributor.address })
    const { amount, receipt } = await byContributor.royalties.claim({ modelIds: [first, second] })
    const after = await publicClient.getBalance({ address: contributor.address })
    expect(amount).toBe(parseEther('2'))
    expect(after - before + receipt.gasUsed * receipt.effectiveGasPrice).toBe(parseEther('2'))

    const again = await byContributor.royalties
      .claim({ modelIds: [first, second] })
      .catch((e: unknown) => e)
    expect((again as ContractError).shortMessage).toBe(
      `${contributor.address} has nothing to claim in ETH on these models.`,
    )
    const daimm = await byContributor.royalties.claim({ modelIds: [first], token })
    expect(daimm.amount).toBe(parseEther('5'))
  })
})
