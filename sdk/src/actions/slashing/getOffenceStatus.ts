import type { Hex } from 'viem'
import * as slasher from '../../generated/abi/slasher.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type OffenceStatus, offenceStatuses } from './types.js'

/** The slasher ABI items this action uses (errors decode from the protocol's table). */
const slasherAbi = [slasher.offenceStatus] as const

export type GetOffenceStatusParameters = {
  /** As `openChallenge` returns it, or from the Slasher's events. */
  offenceId: Hex
} & ReadParameters
export type GetOffenceStatusReturnType = OffenceStatus

/**
 * Where an offence stands: `'none'` (free to be challenged), `'challenged'` or `'slashed'` (never
 * again).
 *
 * @example
 * const { offenceId } = await daimm.slashing.openChallenge({ accused, kind, evidenceCid })
 * await daimm.slashing.getOffenceStatus({ offenceId }) // 'challenged'
 */
export async function getOffenceStatus(
  ctx: DaimmContext,
  { offenceId, blockNumber }: GetOffenceStatusParameters,
): Promise<GetOffenceStatusReturnType> {
  const client = await readClient(ctx, blockNumber)
  const status = await readOrExplain('offenceStatus', () =>
    client.readContract({
      address: ctx.deployment.contracts.slasher,
      abi: slasherAbi,
      functionName: 'offenceStatus',
      args: [offenceId],
    }),
  )
  return offenceStatuses[status] ?? 'none'
}
