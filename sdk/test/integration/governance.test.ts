import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type Address,
  concat,
  createWalletClient,
  encodeAbiParameters,
  encodeFunctionData,
  type Hex,
  keccak256,
  parseEther,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { expect, test } from 'vitest'
import { ANVIL_KEYS, LOCAL_GENESIS_GRANT } from '../../src/cli/dev-accounts.js'
import { findRepoRoot } from '../../src/cli/repo.js'
import { type ContractError, modelRegistryAbi } from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import { advance, chain, clientOf, giveEth, revertAfterFile, testAccount } from './local.js'

const { publicClient, deployment } = chain
// Anvil's accounts 0 and 1: beneficiaries of the local genesis's vesting wallets (150,000,000 and
// 100,000,000 DAIMM), whose votes they hold from genesis, plus 1,000,000 each of their own.
const team = privateKeyToAccount(ANVIL_KEYS[0])
const backer = privateKeyToAccount(ANVIL_KEYS[1])
const daimm = clientOf(team)

// Its transactions are undone afterwards, so that other files see the deployment as deployed.
revertAfterFile()

/** The ERC-1967 slot that holds a proxy's implementation. */
const IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc'

test('genesis holders vote without an extra step: the dev accounts and the vesting beneficiaries', async () => {
  expect(await daimm.governance.getVotingPower({ account: team.address })).toBe(
    LOCAL_GENESIS_GRANT + parseEther('150000000'),
  )
  expect(await daimm.governance.getVotingPower({ account: backer.address })).toBe(
    LOCAL_GENESIS_GRANT + parseEther('100000000'),
  )
  expect(await daimm.governance.getVotingPower({ account: deployment.contracts.timelock })).toBe(0n)
})

test('genesis holders change a parameter and upgrade a module through vote, timelock and execution', async () => {
  const { registry } = deployment.contracts
  // A new registry implementation: the same code, deployed again from forge's artifact.
  const artifact = JSON.parse(
    await readFile(join(findRepoRoot(), 'out/ModelRegistry.sol/ModelRegistry.json'), 'utf8'),
  ) as { bytecode: { object: Hex } }
  const deployed = await createWalletClient({
    account: team,
    chain: foundry,
    transport: chain.transport,
  }).deployContract({ abi: modelRegistryAbi, bytecode: artifact.bytecode.object })
  const newImplementation = (await publicClient.waitForTransactionReceipt({ hash: deployed }))
    .contractAddress as Address

  // The backer hands its own votes to the team account (its vesting wallet keeps voting for it).
  await clientOf(backer).governance.delegate({ delegatee: team.address })
  await advance(1)

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
      {
        target: registry,
        data: encodeFunctionData({
          abi: modelRegistryAbi,
          functionName: 'upgradeToAndCall',
          args: [newImplementation, '0x'],
        }),
      },
    ],
    description: `Royalty rate to 2.5% and a new registry implementation (${Date.now()})`,
  }
  const { proposalId } = await daimm.governance.propose(proposal)
  expect(await daimm.governance.getProposalState({ proposalId })).toBe('pending')

  await advance(2) // past the local voting delay
  await daimm.governance.castVote({ proposalId, support: 'for', reason: 'cheaper licenses' })
  await advance(301) // past the local voting period
  const passed = await daimm.governance.getProposal({ proposalId })
  expect(passed).toMatchObject({
    state: 'succeeded',
    description: proposal.description,
    calls: proposal.calls.map((call) => ({ ...call, value: 0n })),
  })
  expect(passed?.votes.for).toBe(2n * LOCAL_GENESIS_GRANT + parseEther('150000000'))

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
  const implementation = await publicClient.getStorageAt({
    address: registry,
    slot: IMPLEMENTATION_SLOT,
  })
  expect(implementation?.toLowerCase()).toBe(
    `0x${newImplementation.slice(2).toLowerCase().padStart(64, '0')}`,
  )
})

test('tokens acquired after a proposal snapshot do not vote (a flash loan gets nothing)', async () => {
  const borrower = testAccount('governance.flash')
  await giveEth(borrower)
  const description = `Voting delay to 2 s (${Date.now()})`
  const { proposalId } = await daimm.governance.propose({
    calls: [
      {
        target: deployment.contracts.governor,
        data: encodeFunctionData({
          abi: [
            {
              type: 'function',
              name: 'setVotingDelay',
              inputs: [{ name: 'd', type: 'uint48' }],
              outputs: [],
              stateMutability: 'nonpayable',
            },
          ],
          functionName: 'setVotingDelay',
          args: [2],
        }),
      },
    ],
    description,
  })
  await advance(2)
  // After the snapshot: the borrower gets 500,000 DAIMM, delegates to itself and votes against.
  await fundFromGenesis(chain, borrower.address, parseEther('500000'))
  const lender = clientOf(borrower)
  await lender.governance.delegate({ delegatee: borrower.address })
  expect(await lender.governance.getVotingPower({ account: borrower.address })).toBe(
    parseEther('500000'),
  )
  const { events } = await lender.governance.castVote({ proposalId, support: 'against' })
  const cast = events.find((event) => event.eventName === 'VoteCast')
  expect(cast?.args).toMatchObject({ voter: borrower.address, weight: 0n })
  const proposal = await daimm.governance.getProposal({ proposalId })
  expect(proposal?.votes.against).toBe(0n)
})

/** The local airdrop's tree (script/Deploy.s.sol `_merkleRoot`): leaves in dev-account order, pairs hashed sorted, an odd last node carried up. */
function airdropProof(leaves: Hex[], index: number): Hex[] {
  const proof: Hex[] = []
  let layer = leaves
  let i = index
  while (layer.length > 1) {
    const sibling = i ^ 1
    if (sibling < layer.length) proof.push(layer[sibling] as Hex)
    const next: Hex[] = []
    for (let j = 0; j < layer.length; j += 2) {
      const [a, b] = [layer[j] as Hex, layer[j + 1]]
      next.push(b === undefined ? a : keccak256(concat(BigInt(a) < BigInt(b) ? [a, b] : [b, a])))
    }
    layer = next
    i = Math.floor(i / 2)
  }
  return proof
}

test('a dev account claims its airdrop leaf and votes with it at once, without delegating', async () => {
  const amount = parseEther('10000')
  const accounts = ANVIL_KEYS.map((key) => privateKeyToAccount(key).address)
  const leaves = accounts.map((account) =>
    keccak256(
      keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [account, amount])),
    ),
  )
  const claimer = privateKeyToAccount(ANVIL_KEYS[7])
  const before = await daimm.governance.getVotingPower({ account: claimer.address })
  await clientOf(claimer).governance.claimAirdrop({ amount, proof: airdropProof(leaves, 7) })
  expect(await daimm.governance.getVotingPower({ account: claimer.address })).toBe(before + amount)
  const again = await clientOf(claimer)
    .governance.claimAirdrop({ amount, proof: airdropProof(leaves, 7) })
    .catch((error: ContractError) => error)
  expect((again as ContractError).errorName).toBe('DaimmAirdropAlreadyClaimed')
})
