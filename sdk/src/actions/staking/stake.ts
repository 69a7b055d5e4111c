import { daimmTokenAbi, stakeManagerAbi } from '../../generated/contracts.js'
import { type DaimmContext, requireWallet, type SenderParameters, senderOf } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

export type StakeParameters = {
  /** DAIMM in wei. */
  amount: bigint
  /** Also join the validator set (needs the validator minimum). Default: false. */
  asValidator?: boolean | undefined
} & SenderParameters
export type StakeReturnType = WriteReturnType<typeof stakeManagerAbi>

/**
 * Stakes DAIMM. When the StakeManager's allowance is short, an `approve` of exactly `amount` is
 * sent first.
 *
 * @example
 * await daimm.staking.stake({ amount: parseEther('10000'), asValidator: true })
 */
export async function stake(
  ctx: DaimmContext,
  { amount, asValidator = false, account }: StakeParameters,
): Promise<StakeReturnType> {
  const sender = senderOf(requireWallet(ctx, 'stake'), account, 'stake')
  const owner = typeof sender === 'string' ? sender : sender.address
  const { token, stakeManager } = ctx.deployment.contracts
  const allowance = await ctx.publicClient.readContract({
    address: token,
    abi: daimmTokenAbi,
    functionName: 'allowance',
    args: [owner, stakeManager],
  })
  if (allowance < amount)
    await simulateAndWrite(ctx, {
      address: token,
      abi: daimmTokenAbi,
      functionName: 'approve',
      args: [stakeManager, amount],
      account,
    })
  return simulateAndWrite(ctx, {
    address: stakeManager,
    abi: stakeManagerAbi,
    functionName: asValidator ? 'stakeAsValidator' : 'stake',
    args: [amount],
    account,
  })
}
