import * as marketplace from '../../generated/abi/marketplace.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type CidInput, cidToBytes, type ModelId, toTokenId } from '../registry/types.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The marketplace ABI items this action uses (errors decode from the protocol's table). */
const marketplaceAbi = [marketplace.review, marketplace.Reviewed] as const

export type ReviewParameters = {
  modelId: ModelId
  /** 1 to 5 stars. */
  rating: number
  /** CID of the review's JSON document (`reviewDocument`), stored where readers can fetch it. */
  reviewCid: CidInput
} & SenderParameters

export type ReviewReturnType = WriteReturnType<typeof marketplaceAbi> & {
  /** The sender's earlier rating of the model, replaced by this one; null for a first review. */
  previousRating: number | null
}

/** The JSON document a review's CID names: what `daimm review` stores. */
export type ReviewDocument = {
  model: string
  rating: number
  text: string
  reviewer: string
}

/** The bytes of a review document (UTF-8 JSON, one trailing newline): hash and store these. */
export function reviewDocument(document: ReviewDocument): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`)
}

/**
 * Reviews a model as a licensee: an account that holds or has held a license to it. One review
 * per licensee per model; a second call replaces the first (the rating too). The text lives off
 * chain, in a small JSON document named by its CID.
 *
 * @throws {ContractError} `NotLicensee` when the sender never held a license to the model;
 * `RatingOutOfRange` outside 1 to 5.
 * @example
 * const bytes = reviewDocument({ model: modelId, rating: 5, text: 'Fast and accurate.', reviewer })
 * const { cid } = await store.put(bytes)
 * await daimm.market.review({ modelId, rating: 5, reviewCid: cid })
 */
export async function review(
  ctx: DaimmContext,
  { modelId, rating, reviewCid, account }: ReviewParameters,
): Promise<ReviewReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.market,
    abi: marketplaceAbi,
    functionName: 'review',
    args: [toTokenId(modelId), rating, cidToBytes(reviewCid)],
    account,
  })
  const reviewed = result.events.find((event) => event.eventName === 'Reviewed')
  const previous =
    reviewed?.eventName === 'Reviewed' ? Number(reviewed.args.previousRating ?? 0) : 0
  return { ...result, previousRating: previous === 0 ? null : previous }
}
