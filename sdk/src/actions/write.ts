import {
  type Abi,
  type Account,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  encodeFunctionData,
  type Hash,
  type Log,
  parseEventLogs,
  type TransactionReceipt,
  type WalletClient,
} from 'viem'
import { toContractError } from '../contractErrors.js'
import { DaimmError } from '../errors.js'
import { allowanceOf, approvalCheck, approveCall } from './approval.js'
import {
  type Call,
  type DaimmContext,
  requireWallet,
  type SenderParameters,
  type TxOptions,
  WalletRequiredError,
} from './context.js'

/** An ERC-20 approval a write needs: `spender` pulls `amount` of `token` from the sender. */
export type Approval = { token: Address; spender: Address; amount: bigint }

/** A transaction the SDK sent, with its receipt. */
export type SentTransaction = { hash: Hash; receipt: TransactionReceipt }

/**
 * One event of a protocol contract, decoded: the log, with `eventName` and `args` (by parameter
 * name). Narrow by `eventName`; for a fully typed event, decode the log with the contract's ABI
 * (`parseEventLogs({ abi: marketplaceAbi, logs: [event] })`).
 */
export type ProtocolEvent = Log<bigint, number, false> & {
  eventName: string
  args: Record<string, unknown>
}

/** The events of every protocol contract, decoded (one ABI for all: see `protocolEventsAbi`). */
export type ProtocolEvents = ProtocolEvent[]

/**
 * What every write returns: the transaction, its receipt, the events the protocol's contracts
 * emitted in it (every contract, not only the one called), and the approval sent first, if any.
 */
// biome-ignore lint/correctness/noUnusedVariables: kept so that `WriteReturnType<typeof abi>` still reads
export type WriteReturnType<abi extends Abi = Abi> = {
  hash: Hash
  receipt: TransactionReceipt
  events: ProtocolEvents
  /** The `approve` sent before the call (only when the allowance was short). */
  approval?: SentTransaction | undefined
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

/** A write sent with `txOptions.wait: false`: its hash, and the approval sent (and mined) first. */
export type SentWrite = { hash: Hash; approval?: SentTransaction | undefined }

/** Thrown inside a write sent with `wait: false`, once sent: `sendOf` and the client return it. */
export class TransactionSent extends Error {
  override name = 'TransactionSent'
  constructor(readonly sent: SentWrite) {
    super(`Transaction ${sent.hash} sent.`)
  }
}

/** Runs a write; with `wait: false` in force, resolves to `{ hash }` once it is sent. */
export async function sendOrWait<R>(write: () => Promise<R>): Promise<R | SentWrite> {
  try {
    return await write()
  } catch (error) {
    if (error instanceof TransactionSent) return error.sent
    throw error
  }
}

/** Thrown inside a write run by `daimm.calls`: the calls are recorded, nothing is sent. */
export class CallsRecorded extends Error {
  override name = 'CallsRecorded'
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

/** The protocol's events in a receipt: logs of the deployment's contracts, decoded. */
export async function protocolEventsOf(
  ctx: DaimmContext,
  receipt: TransactionReceipt,
): Promise<ProtocolEvents> {
  // Loaded after the first receipt, not with the page: a chunk of its own in a split bundle.
  const { eventsAbi } = await import('../protocolLazy.js')
  const ours = new Set(Object.values(ctx.deployment.contracts).map((a) => a.toLowerCase()))
  return parseEventLogs({
    abi: eventsAbi(),
    logs: receipt.logs.filter((log) => ours.has(log.address.toLowerCase())),
  }) as ProtocolEvents
}

/** The sending account: the one given, the wallet's, else the first address the wallet holds. */
async function accountOf(
  wallet: WalletClient,
  account: Account | Address | undefined,
  action: string,
): Promise<Account | Address> {
  const sender = account ?? wallet.account
  if (sender) return sender
  const [address] = await wallet.getAddresses().catch(() => [])
  if (!address) throw new WalletRequiredError(action)
  return address
}

const addressOf = (account: Account | Address) =>
  typeof account === 'string' ? account : account.address

/** The options viem's `writeContract` and `sendTransaction` take from `TxOptions`. */
function feesOf(txOptions: TxOptions | undefined) {
  const { gasPrice, maxFeePerGas, maxPriorityFeePerGas } = txOptions ?? {}
  return gasPrice !== undefined
    ? { gasPrice }
    : {
        ...(maxFeePerGas !== undefined && { maxFeePerGas }),
        ...(maxPriorityFeePerGas !== undefined && { maxPriorityFeePerGas }),
      }
}

/** Sends nothing when recording (`daimm.calls`): appends the approval's call if it is needed. */
export async function recordApproval(
  ctx: DaimmContext,
  calls: Call[],
  approval: Approval,
  owner?: Address,
) {
  const allowance = owner ? await allowanceOf(ctx, { ...approval, owner }) : 0n
  if (allowance < approval.amount) calls.push(approveCall(approval))
}

/**
 * Simulates a contract write, sends it with a gas margin (see `withGasMargin`), waits for the
 * receipt and decodes the events of every protocol contract. A revert, in the called contract or
 * in one it calls, becomes a `ContractError` that says in words what went wrong.
 *
 * With `approval`, an `approve` is sent first when the allowance is short, but only once the call
 * is known to pass: it is simulated first with the allowance overridden (`approvalCheck`).
 * Under `daimm.calls` (`ctx.calls`), the approval and the call are recorded instead of sent.
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
    /** An ERC-20 allowance the call needs (sent first when short, after the call is checked). */
    approval?: Approval | undefined
  } & SenderParameters,
): Promise<WriteReturnType<abi>> {
  const { approval: needs, txOptions: own, account: given, ...contract } = call
  const txOptions = own ?? ctx.txOptions
  if (ctx.calls) {
    const sender = given ?? ctx.walletClient?.account
    if (needs) await recordApproval(ctx, ctx.calls, needs, sender && addressOf(sender))
    ctx.calls.push({
      to: call.address,
      // biome-ignore lint/suspicious/noExplicitAny: viem's generic encode types cannot be forwarded here
      data: encodeFunctionData(contract as any),
      value: call.value ?? 0n,
    })
    throw new CallsRecorded()
  }
  const wallet = requireWallet(ctx, call.functionName)
  const account = await accountOf(wallet, given, call.functionName)
  const chain = wallet.chain ?? ctx.publicClient.chain
  let approval: SentTransaction | undefined
  if (needs) {
    const owner = addressOf(account)
    const allowance = await allowanceOf(ctx, { ...needs, owner })
    if (allowance < needs.amount) {
      // biome-ignore lint/suspicious/noExplicitAny: the same call as sent below
      await approvalCheck(ctx, { ...needs, owner, call: { ...contract, account } as any })
      try {
        const hash = await wallet.writeContract({
          ...approveCall(needs, true),
          account,
          chain,
          ...(txOptions?.nonce !== undefined && { nonce: txOptions.nonce }),
          ...feesOf(txOptions),
        })
        txOptions?.onHash?.(hash)
        const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash })
        if (receipt.status !== 'success') throw new TransactionRevertedError('approve', hash)
        approval = { hash, receipt }
      } catch (error) {
        throw await toContractError(error, 'approve')
      }
    }
  }
  let hash: Hash
  try {
    // biome-ignore lint/suspicious/noExplicitAny: viem's generic write types cannot be forwarded here
    const { request } = await ctx.publicClient.simulateContract({ ...contract, account } as any)
    const gas =
      txOptions?.gas ??
      // biome-ignore lint/suspicious/noExplicitAny: same call as simulated above
      withGasMargin(await ctx.publicClient.estimateContractGas({ ...contract, account } as any))
    const nonce = txOptions?.nonce === undefined ? undefined : txOptions.nonce + (approval ? 1 : 0)
    hash = await wallet.writeContract({
      // biome-ignore lint/suspicious/noExplicitAny: the request comes from simulateContract above
      ...(request as any),
      account,
      chain,
      gas,
      ...(nonce !== undefined && { nonce }),
      ...feesOf(txOptions),
    })
  } catch (error) {
    throw await toContractError(error, call.functionName)
  }
  txOptions?.onHash?.(hash)
  if (txOptions?.wait === false) throw new TransactionSent({ hash, ...(approval && { approval }) })
  const receipt = await ctx.publicClient.waitForTransactionReceipt({
    hash,
    ...(txOptions?.confirmations !== undefined && { confirmations: txOptions.confirmations }),
    ...(txOptions?.timeout !== undefined && { timeout: txOptions.timeout }),
  })
  if (receipt.status !== 'success') throw new TransactionRevertedError(call.functionName, hash)
  return {
    hash,
    receipt,
    events: await protocolEventsOf(ctx, receipt),
    ...(approval && { approval }),
  }
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
    throw await toContractError(error, functionName)
  }
}
