import * as daimmGovernor from '../../generated/abi/daimmGovernor.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type ProposalState, proposalStates } from './proposal.js'

/** The daimmGovernor ABI items this action uses (errors decode from the protocol's table). */
const daimmGovernorAbi = [daimmGovernor.state] as const

export type GetProposalStateParameters = { proposalId: bigint } & ReadParameters
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
  { proposalId, blockNumber }: GetProposalStateParameters,
): Promise<GetProposalStateReturnType> {
  const client = await readClient(ctx, blockNumber)
  const state = await readOrExplain('state', () =>
    client.readContract({
      address: ctx.deployment.contracts.governor,
      abi: daimmGovernorAbi,
      functionName: 'state',
      args: [proposalId],
    }),
  )
  return proposalStates[state] ?? 'pending'
}
