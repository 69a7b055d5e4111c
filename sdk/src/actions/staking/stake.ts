import * as stakeManager from '../../generated/abi/stakeManager.js'
import { signPermit } from '../allowance.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The stakeManager ABI items this action uses (errors decode from the protocol's table). */
const stakeManagerAbi = [
  stakeManager.stake,
  stakeManager.stakeAsValidator,
  stakeManager.stakeWithPermit,
] as const

export type StakeParameters = {
  /** DAIMM in wei. */
  amount: bigint
  /** Also join the validator set (needs the validator minimum). Default: false. */
  asValidator?: boolean | undefined
  /**
   * Authorize the StakeManager with an EIP-2612 permit signature (DAIMM is ERC-2612) instead of an
   * `approve` transaction: one transaction instead of two. Default: false.
   */
  permit?: boolean | undefined
} & SenderParameters
export type StakeReturnType = WriteReturnType<typeof stakeManagerAbi>

/**
 * Stakes DAIMM. When the StakeManager's allowance is short, an `approve` of exactly `amount` is
 * sent first, once the stake is known to pass (or, with `permit: true`, a permit is signed).
 *
 * @throws {ContractError} `ERC20InsufficientBalance` when the sender holds less than `amount`
 * (before anything is sent).
 * @example
 * await daimm.staking.stake({ amount: parseEther('10000'), asValidator: true })
 * await daimm.staking.stake({ amount: parseEther('100'), permit: true })
 */
export async function stake(
  ctx: DaimmContext,
  { amount, asValidator = false, permit = false, account, txOptions }: StakeParameters,
): Promise<StakeReturnType> {
  const { token, stakeManager } = ctx.deployment.contracts
  const call = { address: stakeManager, abi: stakeManagerAbi, account, txOptions } as const
  if (permit) {
    const { deadline, v, r, s } = await signPermit(ctx, {
      token,
      spender: stakeManager,
      amount,
      account,
      action: 'stake',
    })
    return simulateAndWrite(ctx, {
      ...call,
      functionName: 'stakeWithPermit',
      args: [amount, asValidator, deadline, v, r, s],
    })
  }
  return simulateAndWrite(ctx, {
    ...call,
    functionName: asValidator ? 'stakeAsValidator' : 'stake',
    args: [amount],
    approval: { token, spender: stakeManager, amount },
  })
}
