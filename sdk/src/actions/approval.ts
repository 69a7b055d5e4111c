import {
  type Address,
  type ContractFunctionParameters,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  isAddressEqual,
  type StateOverride,
  toHex,
} from 'viem'
import { toContractError } from '../contractErrors.js'
import type { Call, DaimmContext } from './context.js'

type Allowance = { token: Address; spender: Address; owner: Address }

/** How much of `token` `spender` may pull from `owner`. */
export function allowanceOf(ctx: DaimmContext, { token, spender, owner }: Allowance) {
  return ctx.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [owner, spender],
  })
}

/** The `approve` of exactly `amount`, as a call (or, with `asWrite`, as viem's write parameters). */
export function approveCall(
  approval: { token: Address; spender: Address; amount: bigint },
  asWrite: true,
): ContractFunctionParameters<typeof erc20Abi, 'nonpayable', 'approve'> & { address: Address }
export function approveCall(approval: { token: Address; spender: Address; amount: bigint }): Call
export function approveCall(
  { token, spender, amount }: { token: Address; spender: Address; amount: bigint },
  asWrite?: true,
): unknown {
  const write = {
    address: token,
    abi: erc20Abi,
    functionName: 'approve',
    args: [spender, amount],
  } as const
  return asWrite ? write : { to: token, data: encodeFunctionData(write), value: 0n }
}

/**
 * A state override that sets `owner`'s allowance to `spender` to `amount`, found without knowing the
 * token's storage layout: the storage slots that `allowance(owner, spender)` reads are listed by
 * `eth_createAccessList`, and the one whose override `allowance` returns is the allowance's.
 * `undefined` when the node cannot tell (no access lists or no state overrides).
 */
export async function allowanceOverride(
  ctx: DaimmContext,
  { token, spender, owner, amount }: Allowance & { amount: bigint },
): Promise<StateOverride | undefined> {
  const read = {
    address: token,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [owner, spender],
  } as const
  try {
    const { accessList } = await ctx.publicClient.createAccessList({
      to: token,
      data: encodeFunctionData(read),
    })
    const value = toHex(amount, { size: 32 })
    for (const { address, storageKeys } of accessList) {
      if (!isAddressEqual(address, token)) continue
      for (const slot of storageKeys as Hex[]) {
        const stateOverride: StateOverride = [{ address: token, stateDiff: [{ slot, value }] }]
        const seen = await ctx.publicClient
          .readContract({ ...read, stateOverride })
          .catch(() => undefined)
        if (seen === amount) return stateOverride
      }
    }
  } catch {
    // The node has no eth_createAccessList or no state overrides: the caller checks otherwise.
  }
  return undefined
}

/**
 * Checks, before any approval is sent, that `call` will pass once `spender` may pull `amount` from
 * `owner`: the call is simulated with the allowance overridden. Where the node cannot override it,
 * the equivalent checks run instead: the owner can move `amount` (a simulated `transfer`, which
 * reverts with the token's own error when the balance is short) and the approval itself passes.
 *
 * @throws {ContractError} what the call (or the token) would revert with.
 */
export async function approvalCheck(
  ctx: DaimmContext,
  {
    token,
    spender,
    owner,
    amount,
    call,
  }: Allowance & {
    amount: bigint
    call: Parameters<DaimmContext['publicClient']['simulateContract']>[0]
  },
): Promise<void> {
  const functionName = String(call.functionName)
  try {
    const stateOverride = await allowanceOverride(ctx, { token, spender, owner, amount })
    if (stateOverride) {
      await ctx.publicClient.simulateContract({ ...call, stateOverride })
      return
    }
    await ctx.publicClient.simulateContract({
      address: token,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [spender, amount],
      account: owner,
    })
    await ctx.publicClient.simulateContract({
      ...approveCall({ token, spender, amount }, true),
      account: owner,
    })
  } catch (error) {
    throw await toContractError(error, functionName)
  }
}
