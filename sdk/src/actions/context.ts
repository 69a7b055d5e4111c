import type { Account, Address, PublicClient, WalletClient } from 'viem'
import type { Deployment } from '../deployments.js'
import { DaimmError } from '../errors.js'

/** What every action runs against: a node to read, optionally a wallet to send, and the addresses. */
export type DaimmContext = {
  publicClient: PublicClient
  walletClient?: WalletClient | undefined
  deployment: Deployment
}

/** Who sends a write: an account, an address the wallet holds, or (default) the wallet's account. */
export type SenderParameters = { account?: Account | Address | undefined }

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
