import type { Address } from 'viem'
import * as daimmGovernor from '../../generated/abi/daimmGovernor.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type ProposalCall, type ProposalState, proposalStates } from './proposal.js'

/** The daimmGovernor ABI items this action uses (errors decode from the protocol's table). */
const daimmGovernorAbi = [
  daimmGovernor.clock,
  daimmGovernor.proposalEta,
  daimmGovernor.proposalVotes,
  daimmGovernor.quorum,
  daimmGovernor.state,
  daimmGovernor.ProposalCreated,
] as const

export type GetProposalParameters = {
  proposalId: bigint
  /** First block to search for the proposal's `ProposalCreated` event. Default: the deployment's start block. */
  fromBlock?: bigint | undefined
} & ReadParameters

/** A proposal as submitted, and where it stands. */
export type ProposalDetails = {
  proposalId: bigint
  proposer: Address
  /** Its calls and description: what `queue` and `execute` take. */
  calls: ProposalCall[]
  description: string
  state: ProposalState
  /** Votes count as delegated at this moment (the snapshot); voting opens just after it. */
  /** Seconds since the epoch. */
  voteStart: bigint
  /** Seconds since the epoch. */
  voteEnd: bigint
  votes: { against: bigint; for: bigint; abstain: bigint }
  /** For and abstain votes needed, as of the snapshot. */
  quorum: bigint
  /** When a queued proposal may be executed, in seconds since the epoch; null unless queued. */
  eta: bigint | null
}
export type GetProposalReturnType = ProposalDetails | null

/**
 * A proposal's calls, description, timing, votes and state, from its `ProposalCreated` event and the
 * governor's views; null when no proposal has this id.
 *
 * @example
 * const proposal = await daimm.governance.getProposal({ proposalId })
 * if (proposal?.state === 'succeeded') await daimm.governance.queue(proposal)
 */
export async function getProposal(
  ctx: DaimmContext,
  { proposalId, fromBlock, blockNumber }: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const governor = { address: ctx.deployment.contracts.governor, abi: daimmGovernorAbi } as const
  // The event's fields are not indexed: read them all and pick the one with this id.
  const events = await readOrExplain('ProposalCreated', () =>
    client.getContractEvents({
      ...governor,
      eventName: 'ProposalCreated',
      fromBlock: fromBlock ?? BigInt(ctx.deployment.startBlock),
      strict: true,
    }),
  )
  const created = events.find((event) => event.args.proposalId === proposalId)?.args
  if (!created) return null

  const now = await readOrExplain('clock', () =>
    client.readContract({ ...governor, functionName: 'clock' }),
  )
  // Quorum is only known for past moments: before the snapshot, as of now.
  const quorumAt = created.voteStart < BigInt(now) ? created.voteStart : BigInt(now) - 1n
  const [state, [against, forVotes, abstain], eta, quorum] = await Promise.all([
    readOrExplain('state', () =>
      client.readContract({ ...governor, functionName: 'state', args: [proposalId] }),
    ),
    readOrExplain('proposalVotes', () =>
      client.readContract({
        ...governor,
        functionName: 'proposalVotes',
        args: [proposalId],
      }),
    ),
    readOrExplain('proposalEta', () =>
      client.readContract({
        ...governor,
        functionName: 'proposalEta',
        args: [proposalId],
      }),
    ),
    readOrExplain('quorum', () =>
      client.readContract({ ...governor, functionName: 'quorum', args: [quorumAt] }),
    ),
  ])
  return {
    proposalId,
    proposer: created.proposer,
    calls: created.targets.map((target, i) => ({
      target,
      value: created.values[i] ?? 0n,
      data: created.calldatas[i] ?? '0x',
    })),
    description: created.description,
    state: proposalStates[state] ?? 'pending',
    voteStart: created.voteStart,
    voteEnd: created.voteEnd,
    votes: { against, for: forVotes, abstain },
    quorum,
    eta: eta === 0n ? null : eta,
  }
}
