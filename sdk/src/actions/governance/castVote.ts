import * as daimmGovernor from '../../generated/abi/daimmGovernor.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The daimmGovernor ABI items this action uses (errors decode from the protocol's table). */
const daimmGovernorAbi = [daimmGovernor.castVote, daimmGovernor.castVoteWithReason] as const

export const voteSupports = ['against', 'for', 'abstain'] as const
export type VoteSupport = (typeof voteSupports)[number]

export type CastVoteParameters = {
  proposalId: bigint
  support: VoteSupport
  /** Optional reason, kept in the `VoteCast` event. */
  reason?: string | undefined
} & SenderParameters
export type CastVoteReturnType = WriteReturnType<typeof daimmGovernorAbi>

/**
 * Votes on an active proposal with the sender's delegated votes at the proposal's snapshot.
 *
 * @example
 * await daimm.governance.castVote({ proposalId, support: 'for' })
 */
export async function castVote(
  ctx: DaimmContext,
  { proposalId, support, reason, account }: CastVoteParameters,
): Promise<CastVoteReturnType> {
  const governor = { address: ctx.deployment.contracts.governor, abi: daimmGovernorAbi } as const
  const supportCode = voteSupports.indexOf(support)
  return reason === undefined
    ? simulateAndWrite(ctx, {
        ...governor,
        functionName: 'castVote',
        args: [proposalId, supportCode],
        account,
      })
    : simulateAndWrite(ctx, {
        ...governor,
        functionName: 'castVoteWithReason',
        args: [proposalId, supportCode, reason],
        account,
      })
}
