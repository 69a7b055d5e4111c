/**
 * The signed-offer file: what `daimm offer --sign` writes for a seller to hand to buyers, and what
 * `daimm buy --signed` and `daimm offer --cancel-signed` read. JSON, bigints as decimal strings:
 *
 *     { "chainId": 31337, "marketplace": "0x…",
 *       "offer": { "modelId": "…", "seller": "0x…", "token": "0x…", "price": "…", "duration": 0,
 *                  "supplyCap": 0, "commercial": false, "termsCid": "0x01…", "nonce": "0",
 *                  "deadline": "…" },
 *       "signature": "0x…" }
 *
 * `chainId` and `marketplace` are checked against the node when present (a file made with the
 * SDK's `signOffer` and JSON.stringify may leave them out).
 */
import { readFile } from 'node:fs/promises'
import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import type { SignedOffer } from '../actions/market/types.js'
import { cidFromBytes } from '../actions/registry/types.js'
import type { ChainConnection } from './chain.js'
import { CliFailure, jsonText } from './chain-command.js'

/** A signed offer as the file holds it. */
export type SignedOfferFile = {
  chainId?: number | undefined
  marketplace?: Address | undefined
  offer: SignedOffer
  signature: Hex
}

const fix =
  'Use the file `daimm offer --sign` wrote, unchanged; ask the seller for a new one if it was damaged.'

/** The file's fields in a fixed order: the offer's as in the signed struct. */
export function signedOfferRecord(file: SignedOfferFile): SignedOfferFile {
  const { chainId, marketplace, offer: o, signature } = file
  // The fields in the order of the signed struct, whatever order `offer` has them in.
  const offer: SignedOffer = {
    modelId: o.modelId,
    seller: o.seller,
    token: o.token,
    price: o.price,
    duration: o.duration,
    supplyCap: o.supplyCap,
    commercial: o.commercial,
    termsCid: o.termsCid,
    nonce: o.nonce,
    deadline: o.deadline,
  }
  return { chainId, marketplace, offer, signature }
}

/** The file's text: indented JSON, bigints as decimal strings. */
export function signedOfferText(file: SignedOfferFile): string {
  return `${jsonText(signedOfferRecord(file), 2)}\n`
}

/**
 * Reads and checks a signed-offer file: every field present and of its type and range. It does not
 * check the signature: the Marketplace does, and refuses an offer changed after signing.
 *
 * @throws {CliFailure} naming the file and what is wrong with it.
 */
export async function readSignedOffer(path: string): Promise<SignedOfferFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new CliFailure(
      `The signed offer file ${path} cannot be read (${(error as { code?: string }).code ?? 'unknown error'}).`,
      { metaMessages: ['Give the file `daimm offer --sign --out <file>` wrote.'] },
    )
  }
  const wrong = (reason: string) =>
    new CliFailure(`${path} is not a signed offer: ${reason}.`, { metaMessages: [fix] })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw wrong(`it is not JSON (${(error as Error).message})`)
  }
  if (!isObject(json)) throw wrong('it holds no JSON object')
  if (!isObject(json.offer)) throw wrong('"offer" is missing')
  const offer = json.offer
  const field = <T>(name: string, check: (value: unknown) => T | undefined, what: string): T => {
    const value = check(offer[name])
    if (value === undefined)
      throw wrong(
        offer[name] === undefined
          ? `"offer.${name}" is missing`
          : `"offer.${name}" is ${JSON.stringify(offer[name])}, not ${what}`,
      )
    return value
  }
  const uint = (bits: number) => (value: unknown) => {
    const n =
      typeof value === 'string' && /^\d+$/.test(value)
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
    modelId: field('modelId', uint(256), 'a model id as a decimal string'),
    seller: field('seller', address, 'an address'),
    token: field('token', address, 'an address'),
    price: field('price', uint(96), 'an amount in base units as a decimal string'),
    duration: field('duration', small(32), 'a number of seconds'),
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
  if (signature === undefined) throw wrong('"signature" is missing')
  if (typeof signature !== 'string' || !isHex(signature, { strict: true }) || signature === '0x')
    throw wrong(`"signature" is ${JSON.stringify(signature)}, not hex bytes (0x…)`)
  if (chainId !== undefined && (typeof chainId !== 'number' || !Number.isSafeInteger(chainId)))
    throw wrong(`"chainId" is ${JSON.stringify(chainId)}, not a chain id`)
  if (marketplace !== undefined && address(marketplace) === undefined)
    throw wrong(`"marketplace" is ${JSON.stringify(marketplace)}, not an address`)
  return {
    chainId,
    marketplace: marketplace === undefined ? undefined : address(marketplace),
    offer: signed,
    signature: signature as Hex,
  }
}

/** Fails when the file names another chain or Marketplace than the connection's. */
export function checkSignedOfferChain(
  path: string,
  { chainId, marketplace }: SignedOfferFile,
  connection: Pick<ChainConnection, 'chainId' | 'deployment'>,
): void {
  if (chainId !== undefined && chainId !== connection.chainId)
    throw new CliFailure(
      `${path} is an offer on chain ${chainId}, but the node is chain ${connection.chainId}.`,
      { metaMessages: [`Point --rpc at a node of chain ${chainId}.`] },
    )
  const market = connection.deployment.contracts.market
  if (marketplace !== undefined && marketplace !== market)
    throw new CliFailure(
      `${path} is an offer for the Marketplace at ${marketplace}, but the deployment's is ${market}.`,
      { metaMessages: ['Pass --deployment <file> with the deployment the seller signed for.'] },
    )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
