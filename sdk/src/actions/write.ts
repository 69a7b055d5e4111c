import {
  type Abi,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type ParseEventLogsReturnType,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem'
import { toContractError } from '../contractErrors.js'
import { DaimmError } from '../errors.js'
import { type DaimmContext, requireWallet, type SenderParameters, senderOf } from './context.js'

/** What every write returns: the transaction, its receipt, and the protocol events it emitted. */
export type WriteReturnType<abi extends Abi = Abi> = {
  hash: Hash
  receipt: TransactionReceipt
  events: ParseEventLogsReturnType<abi>
}

/** The transaction was mined but reverted, although its simulation succeeded (the state moved). */
export class TransactionRevertedError extends DaimmError {
  override name = 'TransactionRevertedError'
  constructor(functionName: string, hash: Hash) {
    super(`${functionName} reverted on-chain (transaction ${hash}).`, {
      metaMessages: ['It simulated fine, so the chain state changed in between: try again.'],
    })
  }
}

/**
 * Gas sent beyond the node's estimate. The estimate runs on the latest block, but the transaction
 * lands in a later one: where that block's second is new, checkpointed contracts (stake, votes)
 * write a fresh slot instead of rewriting the current second's, 20,000 gas more than estimated.
 * Unused gas is not charged.
 */
export function withGasMargin(estimate: bigint): bigint {
  return estimate + estimate / 10n + 25_000n
}

/**
 * Simulates a contract write, sends it with a gas margin (see `withGasMargin`), waits for the
 * receipt and decodes the events. A revert becomes a `ContractError` that says in words what went
 * wrong.
 */
export async function simulateAndWrite<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
>(
  ctx: DaimmContext,
  call: {
    address: `0x${string}`
    abi: abi
    functionName: functionName
    args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>
    value?: bigint | undefined
  } & SenderParameters,
): Promise<WriteReturnType<abi>> {
  const wallet = requireWallet(ctx, call.functionName)
  const account = senderOf(wallet, call.account, call.functionName)
  let hash: Hash
  try {
    // biome-ignore lint/suspicious/noExplicitAny: viem's generic write types cannot be forwarded here
    const { request } = await ctx.publicClient.simulateContract({ ...call, account } as any)
    // biome-ignore lint/suspicious/noExplicitAny: same call as simulated above
    const gas = await ctx.publicClient.estimateContractGas({ ...call, account } as any)
    // biome-ignore lint/suspicious/noExplicitAny: the request comes from simulateContract above
    hash = await wallet.writeContract({ ...(request as any), gas: withGasMargin(gas) })
  } catch (error) {
    throw toContractError(error, call.functionName)
  }
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new TransactionRevertedError(call.functionName, hash)
  return { hash, receipt, events: parseEventLogs({ abi: call.abi, logs: receipt.logs }) }
}

/**
 * The first `eventName` event a write emitted (the id a contract assigned, the amount it moved).
 *
 * @throws {DaimmError} when the transaction emitted none, which a successful call never does.
 */
export function eventOf<const abi extends Abi, eventName extends ContractEventName<abi>>(
  abi: abi,
  { hash, receipt }: Pick<WriteReturnType, 'hash' | 'receipt'>,
  eventName: eventName,
  functionName: string,
) {
  const [event] = parseEventLogs({ abi, logs: receipt.logs, eventName })
  if (!event)
    throw new DaimmError(`${functionName} was mined (${hash}) but emitted no ${eventName} event.`)
  return event
}

/** Runs a read, turning a revert into a `ContractError`. */
export async function readOrExplain<T>(functionName: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    throw toContractError(error, functionName)
  }
}
