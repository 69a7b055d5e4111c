import * as daimmGovernor from '../../generated/abi/daimmGovernor.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { type Proposal, proposalArgs } from './proposal.js'

/** The daimmGovernor ABI items this action uses (errors decode from the protocol's table). */
const daimmGovernorAbi = [daimmGovernor.queue] as const

export type QueueProposalParameters = Proposal & SenderParameters
export type QueueProposalReturnType = WriteReturnType<typeof daimmGovernorAbi>

/**
 * Queues a succeeded proposal in the timelock; anyone may send it.
 *
 * @example
 * await daimm.governance.queue({ calls, description })
 */
export async function queueProposal(
  ctx: DaimmContext,
  { account, ...proposal }: QueueProposalParameters,
): Promise<QueueProposalReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.governor,
    abi: daimmGovernorAbi,
    functionName: 'queue',
    args: proposalArgs(proposal),
    account,
  })
}
