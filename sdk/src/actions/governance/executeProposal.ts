import * as daimmGovernor from '../../generated/abi/daimmGovernor.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { type Proposal, proposalArgs } from './proposal.js'

/** The daimmGovernor ABI items this action uses (errors decode from the protocol's table). */
const daimmGovernorAbi = [daimmGovernor.execute] as const

export type ExecuteProposalParameters = Proposal & SenderParameters
export type ExecuteProposalReturnType = WriteReturnType<typeof daimmGovernorAbi>

/**
 * Executes a queued proposal once the timelock delay has passed; anyone may send it.
 *
 * @example
 * await daimm.governance.execute({ calls, description })
 */
export async function executeProposal(
  ctx: DaimmContext,
  { account, ...proposal }: ExecuteProposalParameters,
): Promise<ExecuteProposalReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.governor,
    abi: daimmGovernorAbi,
    functionName: 'execute',
    args: proposalArgs(proposal),
    account,
  })
}
