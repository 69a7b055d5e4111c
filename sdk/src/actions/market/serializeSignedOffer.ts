import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import { DaimmError } from '../../errors.js'
import { cidFromBytes, toModelId } from '../registry/types.js'
import type { SignedOffer } from './types.js'

/**
 * A signed offer as handed over off-chain: the offer, the seller's signature and, optionally, the
 * chain and Marketplace it is for (so that a buyer can check it before paying).
 */
export type SerializedSignedOffer = {
  offer: SignedOffer
  signature: Hex
  chainId?: number | undefined
  marketplace?: Address | undefined
}

/** `parseSignedOffer` was given something that is not a signed offer; `reason` says what is wrong. */
export class InvalidSignedOfferError extends DaimmError {
  override name = 'InvalidSignedOfferError'
  readonly reason: string
  constructor(reason: string) {
    super(`Not a signed offer: ${reason}.`, {
      metaMessages: [
        'Pass the text serializeSignedOffer wrote, unchanged; ask the seller for a new one if it was damaged.',
      ],
    })
    this.reason = reason
  }
}

/**
 * A signed offer as JSON text (the model id as 0x hex, other bigints as decimal strings, the offer's fields in the signed
 * struct's order), for a file, a link or a message. `parseSignedOffer` reads it back.
 *
 * @example
 * const signed = await seller.market.signOffer({ terms, deadline })
 * const text = serializeSignedOffer({ ...signed, chainId: 1, marketplace })
 * await buyer.market.buyWithSignature(parseSignedOffer(text))
 */
export function serializeSignedOffer(signed: SerializedSignedOffer, space?: number): string {
  const { chainId, marketplace, offer: o, signature } = signed
  const offer = {
    modelId: o.modelId,
    seller: o.seller,
    token: o.token,
    price: o.price.toString(),
    duration: Number(o.duration),
    supplyCap: o.supplyCap,
    commercial: o.commercial,
    termsCid: o.termsCid,
    nonce: o.nonce.toString(),
    deadline: o.deadline.toString(),
  }
  return JSON.stringify({ chainId, marketplace, offer, signature }, undefined, space)
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads a signed offer from `serializeSignedOffer`'s text (or its parsed JSON): every field present
 * and of its type and range. The signature is not checked here: the Marketplace does, and refuses
 * an offer changed after signing.
 *
 * @throws {InvalidSignedOfferError} saying which field is missing or wrong.
 */
export function parseSignedOffer(input: string | object): SerializedSignedOffer {
  let json: unknown = input
  if (typeof input === 'string')
    try {
      json = JSON.parse(input)
    } catch (error) {
      throw new InvalidSignedOfferError(`it is not JSON (${(error as Error).message})`)
    }
  if (!isObject(json)) throw new InvalidSignedOfferError('it holds no JSON object')
  if (!isObject(json.offer)) throw new InvalidSignedOfferError('"offer" is missing')
  const offer = json.offer
  const field = <T>(name: string, check: (value: unknown) => T | undefined, what: string): T => {
    const value = check(offer[name])
    if (value === undefined)
      throw new InvalidSignedOfferError(
        offer[name] === undefined
          ? `"offer.${name}" is missing`
          : `"offer.${name}" is ${JSON.stringify(offer[name])}, not ${what}`,
      )
    return value
  }
  const uint = (bits: number) => (value: unknown) => {
    const n =
      typeof value === 'bigint' && value >= 0n
        ? value
        : typeof value === 'string' && /^(\d+|0x[0-9a-fA-F]+)$/.test(value)
          ? BigInt(value)
          : typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
            ? BigInt(value)
            : undefined
    return n !== undefined && n < 2n ** BigInt(bits) ? n : undefined
  }
  const small = (bits: number) => (value: unknown) => {
    const n = uint(bits)(value)
    return n === undefined ? undefined : Number(n)
  }
  const address = (value: unknown) =>
    typeof value === 'string' && isAddress(value, { strict: false }) ? getAddress(value) : undefined
  const termsCid = (value: unknown) => {
    if (typeof value !== 'string' || !isHex(value)) return undefined
    try {
      cidFromBytes(value)
      return value.toLowerCase() as Hex
    } catch {
      return undefined
    }
  }
  const signed: SignedOffer = {
    // 0x hex (32 bytes) as serializeSignedOffer writes it; decimal, as it wrote it before, too.
    modelId: toModelId(field('modelId', uint(256), 'a model id as 0x hex')),
    seller: field('seller', address, 'an address'),
    token: field('token', address, 'an address'),
    price: field('price', uint(96), 'an amount in base units as a decimal string'),
    duration: field('duration', uint(32), 'a number of seconds'),
    supplyCap: field('supplyCap', small(24), 'a whole number below 16,777,216'),
    commercial: field(
      'commercial',
      (value) => (typeof value === 'boolean' ? value : undefined),
      'true or false',
    ),
    termsCid: field('termsCid', termsCid, 'a binary CID in hex (0x01…)'),
    nonce: field('nonce', uint(256), 'a whole number as a decimal string'),
    deadline: field('deadline', uint(256), 'a timestamp in seconds as a decimal string'),
  }
  const { signature, chainId, marketplace } = json
  if (signature === undefined) throw new InvalidSignedOfferError('"signature" is missing')
  if (typeof signature !== 'string' || !isHex(signature, { strict: true }) || signature === '0x')
    throw new InvalidSignedOfferError(
      `"signature" is ${JSON.stringify(signature)}, not hex bytes (0x…)`,
    )
  if (chainId !== undefined && (typeof chainId !== 'number' || !Number.isSafeInteger(chainId)))
    throw new InvalidSignedOfferError(`"chainId" is ${JSON.stringify(chainId)}, not a chain id`)
  if (marketplace !== undefined && address(marketplace) === undefined)
    throw new InvalidSignedOfferError(
      `"marketplace" is ${JSON.stringify(marketplace)}, not an address`,
    )
  return {
    ...(chainId !== undefined && { chainId }),
    ...(marketplace !== undefined && { marketplace: address(marketplace) }),
    offer: signed,
    signature: signature as Hex,
  }
}
