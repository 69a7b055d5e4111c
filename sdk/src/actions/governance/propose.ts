import * as daimmGovernor from '../../generated/abi/daimmGovernor.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'
import { type Proposal, proposalArgs } from './proposal.js'

/** The daimmGovernor ABI items this action uses (errors decode from the protocol's table). */
const daimmGovernorAbi = [daimmGovernor.propose, daimmGovernor.ProposalCreated] as const

export type ProposeParameters = Proposal & SenderParameters
export type ProposeReturnType = WriteReturnType<typeof daimmGovernorAbi> & { proposalId: bigint }

/**
 * Submits a proposal; the sender needs the governor's proposal threshold in votes.
 *
 * @example
 * const { proposalId } = await daimm.governance.propose({
 *   calls: [{ target: registry, data: encodeFunctionData({ abi: modelRegistryAbi, functionName: 'setRoyaltyRate', args: [250] }) }],
 *   description: 'Lower the royalty rate to 2.5%',
 * })
 */
export async function propose(
  ctx: DaimmContext,
  { calls, description, account }: ProposeParameters,
): Promise<ProposeReturnType> {
  const [targets, values, calldatas] = proposalArgs({ calls, description })
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.governor,
    abi: daimmGovernorAbi,
    functionName: 'propose',
    args: [targets, values, calldatas, description],
    account,
  })
  const { proposalId } = eventOf(daimmGovernorAbi, result, 'ProposalCreated', 'propose').args
  return { ...result, proposalId }
}
