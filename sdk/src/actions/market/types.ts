import { type Address, type Hex, zeroAddress } from 'viem'
import { type CidInput, cidToBytes, type ModelId, toModelId, toTokenId } from '../registry/types.js'

/** What a seller offers, for `publishOffer` and `signOffer`. */
export type OfferTerms = {
  modelId: ModelId
  /** Price of one license, in the token's base units (wei for ETH). */
  price: bigint
  /** An ERC-20; omitted: ETH. */
  token?: Address | undefined
  /** License duration in seconds; omitted or 0: perpetual. */
  duration?: bigint | undefined
  /** How many licenses the offer sells at most; omitted or 0: unlimited. */
  supplyCap?: number | undefined
  /** Whether the license allows commercial use. Default: false. */
  commercial?: boolean | undefined
  /** The CID of the license text. */
  termsCid: CidInput
}

/**
 * An offer signed by the model's owner, in the contract's form, as `signOffer` returns it: pass it
 * as is to `buyWithSignature` and `cancelSignedOffer`.
 */
export type SignedOffer = {
  /** The model id as 0x hex; the signed message carries it as the uint256 token id. */
  modelId: Hex
  seller: Address
  token: Address
  price: bigint
  /** License duration in seconds; 0 is perpetual. */
  duration: bigint
  supplyCap: number
  commercial: boolean
  /** Binary CIDv1. */
  termsCid: Hex
  /** Void once the seller invalidates nonces above it. */
  nonce: bigint
  /** Timestamp (seconds) after which it cannot be filled. */
  deadline: bigint
}

/** An offer as `getOffer` returns it. Its terms never change; the seller can only cancel it. */
export type Offer = {
  id: bigint
  modelId: Hex
  seller: Address
  /** The zero address is ETH. */
  token: Address
  price: bigint
  /** Seconds; 0 is perpetual. */
  duration: bigint
  /** 0 is unlimited. */
  supplyCap: number
  /** Licenses sold, counted for capped offers only. */
  sold: number
  commercial: boolean
  cancelled: boolean
  /** Listed from a signed offer: bought with `buyWithSignature` only. */
  signed: boolean
  /** CIDv1 string of the license text. */
  termsCid: string
}

/** An account's license to a model: the terms of the offer it was last bought under. */
export type License = {
  offerId: bigint
  commercial: boolean
  /** Seconds since the epoch; null for a perpetual license. It may lie in the past: see `hasValidLicense`. */
  expiresAt: bigint | null
}

/** The Marketplace's `PERPETUAL` expiry, `type(uint64).max`. */
const perpetual = 2n ** 64n - 1n

/** A license expiry as the Marketplace stores it (seconds, or `PERPETUAL`): its seconds, or null when perpetual. */
export function licenseExpiry(expiresAt: bigint): bigint | null {
  return expiresAt === perpetual ? null : expiresAt
}

/** The terms in the contract's `OfferTerms` tuple form. */
export function encodeOfferTerms(terms: OfferTerms) {
  return {
    modelId: toTokenId(terms.modelId),
    token: terms.token ?? zeroAddress,
    price: terms.price,
    duration: Number(terms.duration ?? 0n),
    supplyCap: terms.supplyCap ?? 0,
    commercial: terms.commercial ?? false,
    termsCid: cidToBytes(terms.termsCid),
  }
}

/** A signed offer built from terms: the SDK's form (hex model id, bigint seconds). */
export function signedOfferOf(
  terms: OfferTerms,
  rest: Pick<SignedOffer, 'seller' | 'nonce' | 'deadline'>,
): SignedOffer {
  const { modelId, token, price, duration, supplyCap, commercial, termsCid } =
    encodeOfferTerms(terms)
  return {
    modelId: toModelId(modelId),
    seller: rest.seller,
    token,
    price,
    duration: BigInt(duration),
    supplyCap,
    commercial,
    termsCid,
    nonce: rest.nonce,
    deadline: rest.deadline,
  }
}

/**
 * A signed offer in the contract's `SignedOffer` struct form (uint256 model id, uint32 duration):
 * what the Marketplace takes and the EIP-712 message signs.
 */
export function encodeSignedOffer(offer: SignedOffer) {
  return {
    modelId: toTokenId(offer.modelId),
    seller: offer.seller,
    token: offer.token,
    price: offer.price,
    duration: Number(offer.duration),
    supplyCap: offer.supplyCap,
    commercial: offer.commercial,
    termsCid: offer.termsCid,
    nonce: offer.nonce,
    deadline: offer.deadline,
  }
}
