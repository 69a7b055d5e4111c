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
import {
  InvalidSignedOfferError,
  parseSignedOffer,
  type SerializedSignedOffer,
  serializeSignedOffer,
} from '../actions/market/serializeSignedOffer.js'
import type { ChainConnection } from './chain.js'
import { CliFailure } from './chain-command.js'

/** A signed offer as the file holds it: the SDK's `serializeSignedOffer` form. */
export type SignedOfferFile = SerializedSignedOffer

const fix =
  'Use the file `daimm offer --sign` wrote, unchanged; ask the seller for a new one if it was damaged.'

/** The file's fields in a fixed order: the offer's as in the signed struct. */
export function signedOfferRecord(file: SignedOfferFile): SignedOfferFile {
  return parseSignedOffer(serializeSignedOffer(file))
}

/** The file's text: indented JSON, bigints as decimal strings (`serializeSignedOffer`). */
export function signedOfferText(file: SignedOfferFile): string {
  return `${serializeSignedOffer(file, 2)}\n`
}

/**
 * Reads and checks a signed-offer file with the SDK's `parseSignedOffer`: every field present and
 * of its type and range. It does not check the signature: the Marketplace does, and refuses an
 * offer changed after signing.
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
  try {
    return parseSignedOffer(text)
  } catch (error) {
    if (error instanceof InvalidSignedOfferError)
      throw new CliFailure(`${path} is not a signed offer: ${error.reason}.`, {
        metaMessages: [fix],
      })
    throw error
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
