import type { Account, Address, Hash, Hex, PublicClient, WalletClient } from 'viem'
import type { Deployment } from '../deployments.js'
import { DaimmError } from '../errors.js'

/** What every action runs against: a node to read, optionally a wallet to send, and the addresses. */
export type DaimmContext = {
  publicClient: PublicClient
  walletClient?: WalletClient | undefined
  deployment: Deployment
  /** Defaults for every write run against this context (a write's own `txOptions` win). */
  txOptions?: TxOptions | undefined
  /**
   * When set, writes are recorded here instead of sent (`daimm.calls`): approvals first, then the
   * call itself, each as `{ to, data, value }`.
   */
  calls?: Call[] | undefined
}

/**
 * A viem public client, as `createDaimmClient` and `createDaimmContext` take it. Checked loosely on
 * purpose: checking a concrete client against viem's full `PublicClient` type costs a dApp's every
 * type check seconds (over 200,000 type instantiations); a client from `createPublicClient` fits.
 */
export type PublicClientLike = {
  readonly chain?: { readonly id: number } | undefined
  readonly request: unknown
  readonly readContract: unknown
  readonly simulateContract: unknown
}

/** A viem wallet client (see `PublicClientLike` for why loosely); a `createWalletClient` one fits. */
export type WalletClientLike = {
  readonly account?: { readonly address: Address } | undefined
  readonly request: unknown
  readonly writeContract: unknown
  readonly signTypedData: unknown
}

/** The context standalone actions run against, from clients checked loosely (see `PublicClientLike`). */
export function createDaimmContext({
  publicClient,
  walletClient,
  deployment,
  txOptions,
}: {
  publicClient: PublicClientLike
  walletClient?: WalletClientLike | undefined
  deployment: Deployment
  txOptions?: TxOptions | undefined
}): DaimmContext {
  return {
    publicClient: publicClient as unknown as PublicClient,
    walletClient: walletClient as unknown as WalletClient | undefined,
    deployment,
    txOptions,
  }
}

/** One call a write sends, as EIP-5792 `wallet_sendCalls`, a Safe or a bundler take it. */
export type Call = { to: Address; data: Hex; value: bigint }

/** How a write is sent and awaited. */
export type TxOptions = {
  /** Blocks to wait for on top of the one that includes the transaction. Default: 1 (inclusion). */
  confirmations?: number | undefined
  /** Milliseconds to wait for the receipt before throwing. Default: viem's (180 s). */
  timeout?: number | undefined
  /**
   * `false`: return `{ hash }` as soon as the wallet has sent the transaction, without waiting for
   * its receipt (`daimm.<ns>.<write>` and `sendOf`; an approval sent first is still awaited, and a
   * write of several transactions stops after its first). Default: true.
   */
  wait?: boolean | undefined
  /** Called with the hash as soon as the wallet has sent the transaction, before its receipt. */
  onHash?: ((hash: Hash) => void) | undefined
  /** Gas limit. Default: the node's estimate plus a margin (see `withGasMargin`). */
  gas?: bigint | undefined
  /** Nonce of the first transaction; an approval sent first takes it, the call the next one. */
  nonce?: number | undefined
  /** Legacy gas price (not with the EIP-1559 fees). */
  gasPrice?: bigint | undefined
  maxFeePerGas?: bigint | undefined
  maxPriorityFeePerGas?: bigint | undefined
}

/**
 * Who sends a write: an account, an address the wallet holds, or (default) the wallet's account;
 * and, optionally, how it is sent.
 */
export type SenderParameters = {
  account?: Account | Address | undefined
  /** Confirmations, timeout, `onHash`, and gas, nonce and fee overrides. */
  txOptions?: TxOptions | undefined
}

/** A write was called on a client created without a wallet. */
export class WalletRequiredError extends DaimmError {
  override name = 'WalletRequiredError'
  constructor(action: string) {
    super(`${action} sends a transaction, but the client has no wallet.`, {
      metaMessages: ['Pass a walletClient (with an account) to createDaimmClient.'],
    })
  }
}

export function requireWallet(ctx: DaimmContext, action: string): WalletClient {
  if (!ctx.walletClient) throw new WalletRequiredError(action)
  return ctx.walletClient
}

/** The account that sends or signs: the one given, else the wallet's own. */
export function senderOf(
  wallet: WalletClient,
  account: Account | Address | undefined,
  action: string,
): Account | Address {
  const sender = account ?? wallet.account
  if (!sender) throw new WalletRequiredError(action)
  return sender
}

/** The wallet that sends or signs `action`, the account it uses, and that account's address. */
export function signerOf(
  ctx: DaimmContext,
  account: Account | Address | undefined,
  action: string,
): { wallet: WalletClient; signer: Account | Address; address: Address } {
  const wallet = requireWallet(ctx, action)
  const signer = senderOf(wallet, account, action)
  return { wallet, signer, address: typeof signer === 'string' ? signer : signer.address }
}

/** The address that sends or signs `action`: the account given, else the wallet's own. */
export function senderAddressOf(
  ctx: DaimmContext,
  account: Account | Address | undefined,
  action: string,
): Address {
  return signerOf(ctx, account, action).address
}
