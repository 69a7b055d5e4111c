import { daimmGovernorAbi } from '../../generated/contracts.js'
import type { DaimmContext } from '../context.js'
import { readOrExplain } from '../write.js'
import { type ProposalState, proposalStates } from './proposal.js'

export type GetProposalStateParameters = { proposalId: bigint }
export type GetProposalStateReturnType = ProposalState

/**
 * Where a proposal stands: pending, active, canceled, defeated, succeeded, queued, expired or
 * executed.
 *
 * @example
 * if ((await daimm.governance.getProposalState({ proposalId })) === 'succeeded') ...
 */
export async function getProposalState(
  ctx: DaimmContext,
  { proposalId }: GetProposalStateParameters,
): Promise<GetProposalStateReturnType> {
  const state = await readOrExplain('state', () =>
    ctx.publicClient.readContract({
      address: ctx.deployment.contracts.governor,
      abi: daimmGovernorAbi,
      functionName: 'state',
      args: [proposalId],
    }),
  )
  return proposalStates[state] ?? 'pending'
}
