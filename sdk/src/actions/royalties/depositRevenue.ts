import { type Address, zeroAddress } from 'viem'
import * as royaltySplitter from '../../generated/abi/royaltySplitter.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type ModelId, toTokenId } from '../registry/types.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'

/** The royaltySplitter ABI items this action uses (errors decode from the protocol's table). */
const royaltySplitterAbi = [
  royaltySplitter.deposit,
  royaltySplitter.depositETH,
  royaltySplitter.Deposited,
] as const

export type DepositRevenueParameters = {
  modelId: ModelId
  /** In the token's base units (wei for ETH). */
  amount: bigint
  /** An ERC-20; omitted: ETH. */
  token?: Address | undefined
} & SenderParameters
export type DepositRevenueReturnType = WriteReturnType<typeof royaltySplitterAbi> & {
  /** What the splitter received (less than `amount` for a fee-on-transfer token). */
  credited: bigint
}

/**
 * Pays revenue to a model's split, shared pro rata among its recipients (and the governed
 * upstream share to its ancestors). ETH is sent as the value; for an ERC-20, when the splitter's
 * allowance is short, an `approve` of exactly `amount` is sent first, once the deposit is known to pass.
 *
 * @example
 * await daimm.royalties.deposit({ modelId, amount: parseEther('1') }) // ETH
 * await daimm.royalties.deposit({ modelId, amount: 100_000_000n, token: usdc })
 */
export async function depositRevenue(
  ctx: DaimmContext,
  { modelId, amount, token = zeroAddress, account }: DepositRevenueParameters,
): Promise<DepositRevenueReturnType> {
  const splitter = ctx.deployment.contracts.splitter
  const id = toTokenId(modelId)
  let result: WriteReturnType<typeof royaltySplitterAbi>
  if (token === zeroAddress)
    result = await simulateAndWrite(ctx, {
      address: splitter,
      abi: royaltySplitterAbi,
      functionName: 'depositETH',
      args: [id],
      value: amount,
      account,
    })
  else {
    result = await simulateAndWrite(ctx, {
      address: splitter,
      abi: royaltySplitterAbi,
      functionName: 'deposit',
      args: [id, token, amount],
      approval: { token, spender: splitter, amount },
      account,
    })
  }
  const { amount: credited } = eventOf(royaltySplitterAbi, result, 'Deposited', 'deposit').args
  return { ...result, credited }
}
