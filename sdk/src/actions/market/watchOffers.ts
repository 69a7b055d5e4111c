import type { Address, Hash, Hex, WatchContractEventReturnType } from 'viem'
import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext } from '../context.js'
import { cidFromBytes, type ModelId, toModelId, toTokenId } from '../registry/types.js'
import type { WatchParameters } from '../watch.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.OfferCancelled, marketplace.OfferPublished] as const

/** An offer published or cancelled, as `watchOffers` reports it. */
export type OfferEvent = {
  blockNumber: bigint
  transactionHash: Hash
  offerId: bigint
  modelId: Hex
  seller: Address
} & (
  | {
      type: 'published'
      /** The zero address is ETH. */
      token: Address
      price: bigint
      /** Seconds; 0 is perpetual. */
      duration: bigint
      /** 0 is unlimited. */
      supplyCap: number
      commercial: boolean
      signed: boolean
      termsCid: string
    }
  | { type: 'cancelled' }
)

export type WatchOffersParameters = WatchParameters & {
  /** Only offers of this model. */
  modelId?: ModelId | undefined
  /** Only offers of this seller. */
  seller?: Address | undefined
  /** Called with each batch of new events, oldest first. */
  onOffers: (offers: OfferEvent[]) => void
}

/**
 * Watches the Marketplace for offers published and cancelled, as they are mined. Returns the
 * function that stops watching.
 *
 * @example
 * const unwatch = watchOffers(ctx, { modelId, onOffers: (offers) => console.log(offers) })
 */
export function watchOffers(
  ctx: DaimmContext,
  { modelId, seller, onOffers, onError, fromBlock, pollingInterval }: WatchOffersParameters,
): WatchContractEventReturnType {
  const model = modelId === undefined ? undefined : toTokenId(modelId)
  return ctx.publicClient.watchContractEvent({
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    fromBlock,
    pollingInterval,
    onError,
    onLogs: (logs) => {
      const offers: OfferEvent[] = []
      for (const log of logs) {
        if (log.eventName !== 'OfferPublished' && log.eventName !== 'OfferCancelled') continue
        const { args } = log
        if (model !== undefined && args.modelId !== model) continue
        if (seller !== undefined && args.seller?.toLowerCase() !== seller.toLowerCase()) continue
        const base = {
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
          offerId: args.offerId as bigint,
          modelId: toModelId(args.modelId as bigint),
          seller: args.seller as Address,
        }
        if (log.eventName === 'OfferCancelled') offers.push({ ...base, type: 'cancelled' })
        else {
          const a = log.args
          offers.push({
            ...base,
            type: 'published',
            token: a.token as Address,
            price: a.price as bigint,
            duration: BigInt(a.duration as number | bigint),
            supplyCap: Number(a.supplyCap),
            commercial: a.commercial as boolean,
            signed: a.signed as boolean,
            termsCid: cidFromBytes(a.termsCid as Hex),
          })
        }
      }
      if (offers.length > 0) onOffers(offers)
    },
  })
}
