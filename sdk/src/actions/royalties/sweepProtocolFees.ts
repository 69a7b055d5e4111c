import { type Address, parseEventLogs, zeroAddress } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.protocolFee] as const
/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [royaltySplitter.sweepProtocolFees, royaltySplitter.Claimed] as const

export type SweepProtocolFeesParameters = {
  /** An ERC-20; omitted: ETH. */
  token?: Address | undefined
  /** Whose fees to send; omitted: the Marketplace's current treasury. */
  treasury?: Address | undefined
} & SenderParameters
export type SweepProtocolFeesReturnType = WriteReturnType<typeof royaltySplitterAbi> & {
  treasury: Address
  /** What the treasury received. */
  amount: bigint
}

/**
 * Sends the protocol fees credited to a treasury by license sales, in one token, to that
 * treasury. Anyone may send it: the fees only ever go to the treasury they were credited to.
 *
 * @throws {ContractError} `NothingToClaim` when no fee in that token is waiting.
 * @example
 * const { amount } = await daimm.royalties.sweepProtocolFees({ token: daimm.deployment.contracts.token })
 */
export async function sweepProtocolFees(
  ctx: DaimmContext,
  { token = zeroAddress, treasury, account }: SweepProtocolFeesParameters = {},
): Promise<SweepProtocolFeesReturnType> {
  const to =
    treasury ??
    (
      await ctx.publicClient.readContract({
        address: ctx.deployment.contracts.market,
        abi: marketplaceAbi,
        functionName: 'protocolFee',
      })
    )[1]
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.splitter,
    abi: royaltySplitterAbi,
    functionName: 'sweepProtocolFees',
    args: [token, to],
    account,
  })
  const [claimed] = parseEventLogs({
    abi: royaltySplitterAbi,
    logs: result.receipt.logs,
    eventName: 'Claimed',
  })
  return { ...result, treasury: to, amount: claimed?.args.amount ?? 0n }
}
