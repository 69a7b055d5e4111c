import { type Address, erc20Abi } from 'viem'
import { type DaimmContext, type SenderParameters, senderAddressOf } from './context.js'
import { simulateAndWrite } from './write.js'

/**
 * Before a contract pulls `amount` of an ERC-20 from the sender: when the sender's allowance to
 * `spender` is short, sends an `approve` of exactly `amount` and waits for it.
 */
export async function approveIfShort(
  ctx: DaimmContext,
  {
    token,
    spender,
    amount,
    account,
    action,
  }: { token: Address; spender: Address; amount: bigint; action: string } & SenderParameters,
): Promise<void> {
  const owner = senderAddressOf(ctx, account, action)
  const allowance = await ctx.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [owner, spender],
  })
  if (allowance < amount)
    await simulateAndWrite(ctx, {
      address: token,
      abi: erc20Abi,
      functionName: 'approve',
      args: [spender, amount],
      account,
    })
}
