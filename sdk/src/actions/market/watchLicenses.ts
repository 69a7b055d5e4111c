import type { Address, Hash, Hex, WatchContractEventReturnType } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext } from '../context.js'
import { type ModelId, toModelId, toTokenId } from '../registry/types.js'
import type { WatchParameters } from '../watch.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.LicensePurchased] as const

/** The Marketplace's `PERPETUAL` expiry, `type(uint64).max`. */
const perpetual = 2n ** 64n - 1n

/** A license bought, as `watchLicenses` reports it. */
export type LicenseEvent = {
  blockNumber: bigint
  transactionHash: Hash
  modelId: Hex
  buyer: Address
  offerId: bigint
  /** The zero address is ETH. */
  token: Address
  price: bigint
  /** The protocol's fee, included in `price`. */
  fee: bigint
  /** Null for a perpetual license. */
  expiresAt: bigint | null
}

export type WatchLicensesParameters = WatchParameters & {
  /** Only licenses to this model. */
  modelId?: ModelId | undefined
  /** Only licenses bought by this account. */
  buyer?: Address | undefined
  /** Called with each batch of new purchases, oldest first. */
  onLicenses: (licenses: LicenseEvent[]) => void
}

/**
 * Watches the Marketplace for licenses bought, as they are mined. Returns the function that stops
 * watching.
 *
 * @example
 * const unwatch = watchLicenses(ctx, { modelId, onLicenses: (sold) => console.log(sold) })
 */
export function watchLicenses(
  ctx: DaimmContext,
  { modelId, buyer, onLicenses, onError, fromBlock, pollingInterval }: WatchLicensesParameters,
): WatchContractEventReturnType {
  return ctx.publicClient.watchContractEvent({
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    eventName: 'LicensePurchased',
    args: {
      modelId: modelId === undefined ? undefined : toTokenId(modelId),
      buyer,
    },
    fromBlock,
    pollingInterval,
    onError,
    onLogs: (logs) => {
      const licenses = logs.map(({ args, blockNumber, transactionHash }) => ({
        blockNumber,
        transactionHash,
        modelId: toModelId(args.modelId as bigint),
        buyer: args.buyer as Address,
        offerId: args.offerId as bigint,
        token: args.token as Address,
        price: args.price as bigint,
        fee: args.fee as bigint,
        expiresAt: args.expiresAt === perpetual ? null : (args.expiresAt as bigint),
      }))
      if (licenses.length > 0) onLicenses(licenses)
    },
  })
}
