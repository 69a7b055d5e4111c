import { DaimmError } from '../errors.js'
import type { Call, DaimmContext, TxOptions } from './context.js'
import { CallsRecorded, type SentWrite, sendOrWait } from './write.js'

/**
 * Runs a write with a recording context: its approvals and its call are collected, in order, as
 * `{ to, data, value }`, and nothing is sent.
 */
export async function recordCalls(
  ctx: DaimmContext,
  action: string,
  write: (recording: DaimmContext) => Promise<unknown>,
): Promise<Call[]> {
  const calls: Call[] = []
  try {
    await write({ ...ctx, calls })
  } catch (error) {
    if (error instanceof CallsRecorded) return calls
    throw error
  }
  throw new DaimmError(`${action} sends no transaction, so it has no calls.`)
}

/**
 * The calls a standalone write would send, in order (an `approve` first when the allowance is
 * short), as `{ to, data, value }`: for EIP-5792 `wallet_sendCalls`, a Safe or a bundler. Nothing
 * is sent. Reads still run (an offer's price, an allowance); with no account to read the allowance
 * of, the approval is always included.
 *
 * @example
 * const calls = await callsOf(ctx, buyLicense, { offerId, maxPrice })
 * await walletClient.sendCalls({ calls })
 */
export function callsOf<params>(
  ctx: DaimmContext,
  write: (ctx: DaimmContext, params: params) => Promise<unknown>,
  params: params,
): Promise<Call[]> {
  return recordCalls(ctx, write.name || 'the write', (recording) => write(recording, params))
}

/**
 * Sends a standalone write without waiting for its receipt: resolves to `{ hash }` (and the
 * approval sent and mined first, if any) as soon as the wallet has sent the transaction.
 *
 * @example
 * const { hash } = await sendOf(ctx, buyLicense, { offerId, maxPrice })
 */
export async function sendOf<params extends { txOptions?: TxOptions | undefined }>(
  ctx: DaimmContext,
  write: (ctx: DaimmContext, params: params) => Promise<unknown>,
  params: params,
): Promise<SentWrite> {
  const txOptions = { ...ctx.txOptions, ...params.txOptions, wait: false }
  const result = await sendOrWait(() => write({ ...ctx, txOptions }, { ...params, txOptions }))
  if (result && typeof result === 'object' && 'receipt' in result)
    throw new DaimmError(`${write.name || 'the write'} waited for its receipt.`)
  return result as SentWrite
}
