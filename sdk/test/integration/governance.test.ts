import { encodeFunctionData, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { expect, test } from 'vitest'
import { modelRegistryAbi } from '../../src/index.js'
import { advance, chain, clientOf, revertAfterFile } from './local.js'
import { fundFromTreasury } from './treasury.js'

const { publicClient, deployment } = chain
// Anvil's default account 5.
const voter = privateKeyToAccount(
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
)
const daimm = clientOf(voter)

// Its transactions are undone afterwards, so that other files see the deployment as deployed.
revertAfterFile()

test('a proposal changes a registry parameter through vote, timelock and execution', async () => {
  // A tenth of the supply, from the treasury: enough to propose and to reach quorum alone.
  const { registry } = deployment.contracts
  await fundFromTreasury(chain, voter.address, parseEther('100000000'))

  await daimm.governance.delegate({ delegatee: voter.address })
  await advance(1)
  expect(await daimm.governance.getVotingPower({ account: voter.address })).toBe(
    parseEther('100000000'),
  )

  const proposal = {
    calls: [
      {
        target: registry,
        data: encodeFunctionData({
          abi: modelRegistryAbi,
          functionName: 'setRoyaltyRate',
          args: [250],
        }),
      },
    ],
    description: `Royalty rate to 2.5% (${Date.now()})`,
  }
  const { proposalId } = await daimm.governance.propose(proposal)
  expect(await daimm.governance.getProposalState({ proposalId })).toBe('pending')

  await advance(2) // past the local voting delay
  await daimm.governance.castVote({ proposalId, support: 'for', reason: 'cheaper licenses' })
  await advance(301) // past the local voting period
  expect(await daimm.governance.getProposalState({ proposalId })).toBe('succeeded')

  await daimm.governance.queue(proposal)
  await advance(61) // past the local timelock delay
  await daimm.governance.execute(proposal)
  expect(await daimm.governance.getProposalState({ proposalId })).toBe('executed')
  expect(
    await publicClient.readContract({
      address: registry,
      abi: modelRegistryAbi,
      functionName: 'royaltyRate',
    }),
  ).toBe(250)
})
