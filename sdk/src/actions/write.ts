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
 * Simulates a contract write, sends it, waits for the receipt and decodes the events. A revert
 * becomes a `ContractError` that says in words what went wrong.
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
    // biome-ignore lint/suspicious/noExplicitAny: the request comes from simulateContract above
    hash = await wallet.writeContract(request as any)
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
