import type { Hex } from 'viem'
import { slasherAbi } from '../../generated/contracts.js'
import type { DaimmContext } from '../context.js'
import { readOrExplain } from '../write.js'
import { type OffenceStatus, offenceStatuses } from './types.js'

export type GetOffenceStatusParameters = {
  /** As `openChallenge` returns it, or from the Slasher's events. */
  offenceId: Hex
}
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
  { offenceId }: GetOffenceStatusParameters,
): Promise<GetOffenceStatusReturnType> {
  const status = await readOrExplain('offenceStatus', () =>
    ctx.publicClient.readContract({
      address: ctx.deployment.contracts.slasher,
      abi: slasherAbi,
      functionName: 'offenceStatus',
      args: [offenceId],
    }),
  )
  return offenceStatuses[status] ?? 'none'
}
