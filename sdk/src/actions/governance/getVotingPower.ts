import type { Address } from 'viem'
import * as daimmToken from '../../generated/abi/daimmToken.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'

/** The daimmToken ABI items this action uses (errors decode from the protocol's table). */
const daimmTokenAbi = [daimmToken.getPastVotes, daimmToken.getVotes] as const

export type GetVotingPowerParameters = {
  account: Address
  /** A past timestamp (seconds): votes as of then. Default: now. */
  at?: bigint | undefined
} & ReadParameters
export type GetVotingPowerReturnType = bigint

/**
 * The votes delegated to `account`, now or at a past timestamp (the token's clock is timestamps).
 *
 * @example
 * const votes = await daimm.governance.getVotingPower({ account })
 */
export async function getVotingPower(
  ctx: DaimmContext,
  { account, at, blockNumber }: GetVotingPowerParameters,
): Promise<GetVotingPowerReturnType> {
  const client = await readClient(ctx, blockNumber, true)
  const token = { address: ctx.deployment.contracts.token, abi: daimmTokenAbi } as const
  return readOrExplain(at === undefined ? 'getVotes' : 'getPastVotes', () =>
    at === undefined
      ? client.readContract({ ...token, functionName: 'getVotes', args: [account] })
      : client.readContract({
          ...token,
          functionName: 'getPastVotes',
          args: [account, at],
        }),
  )
}
