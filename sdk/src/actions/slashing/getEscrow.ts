import { zeroAddress } from 'viem'
import * as slasher from '../../generated/abi/slasher.js'
import type { DaimmContext } from '../context.js'
import { type ReadParameters, readClient } from '../read.js'
import { readOrExplain } from '../write.js'
import { type Escrow, escrowStatuses } from './types.js'

/** The slasher ABI items this action uses (errors decode from the protocol's table). */
const slasherAbi = [slasher.escrow] as const

export type GetEscrowParameters = { escrowId: bigint } & ReadParameters
/** Null when no escrow has that id. */
export type GetEscrowReturnType = Escrow | null

/**
 * Reads slashed DAIMM held in escrow: whose, how much, when it can be released, and its status.
 * The escrow id is in the `SlashEscrowed` event of the slash.
 *
 * @example
 * const escrow = await daimm.slashing.getEscrow({ escrowId })
 * if (escrow?.status === 'held' && escrow.releaseAt <= BigInt(Math.floor(Date.now() / 1000)))
 *   await daimm.slashing.releaseSlash({ escrowId })
 */
export async function getEscrow(
  ctx: DaimmContext,
  { escrowId, blockNumber }: GetEscrowParameters,
): Promise<GetEscrowReturnType> {
  const client = await readClient(ctx, blockNumber)
  const e = await readOrExplain('escrow', () =>
    client.readContract({
      address: ctx.deployment.contracts.slasher,
      abi: slasherAbi,
      functionName: 'escrow',
      args: [escrowId],
    }),
  )
  const status = escrowStatuses[e.status] ?? 'none'
  if (status === 'none') return null
  return {
    id: escrowId,
    account: e.account,
    amount: e.amount,
    challenger: e.challenger === zeroAddress ? null : e.challenger,
    releaseAt: BigInt(e.releaseAt),
    status,
    offenceId: e.offenceId,
  }
}
