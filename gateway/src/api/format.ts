/** How the API writes amounts, ids and addresses. */
import { z } from '@hono/zod-openapi'
import { formatUnits, getAddress, isAddress, toHex, zeroAddress } from 'viem'
import { cidOfBytes } from '../cards.js'

export const AmountSchema = z
  .object({
    /** Base units, as a decimal string. */
    value: z.string().openapi({ example: '1000000000000000000000' }),
    /** The token's address (`0x000…0` is ETH). */
    token: z.string(),
    /** For a person: `1,000 DAIMM`; null for a token whose decimals the gateway does not know. */
    formatted: z.string().nullable().openapi({ example: '1,000 DAIMM' }),
  })
  .openapi('Amount')

export type Amount = z.infer<typeof AmountSchema>

export type Tokens = { daimm: string }

export function amount(value: string | bigint, token: string, tokens: Tokens): Amount {
  const v = BigInt(value)
  const t = checksummed(token)
  const symbol =
    t === zeroAddress ? 'ETH' : t.toLowerCase() === tokens.daimm.toLowerCase() ? 'DAIMM' : null
  return {
    value: v.toString(),
    token: t,
    formatted: symbol ? `${group(formatUnits(v, 18))} ${symbol}` : null,
  }
}

/** Checksummed token addresses (a keccak each): a handful of tokens, asked on every amount. */
const addresses = new Map<string, string>()
function checksummed(address: string): string {
  let a = addresses.get(address)
  if (a === undefined) {
    a = getAddress(address)
    if (addresses.size >= 10_000) addresses.clear()
    addresses.set(address, a)
  }
  return a
}

function group(decimal: string): string {
  const [whole = '0', fraction] = decimal.split('.')
  const sign = whole.startsWith('-') ? '-' : ''
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${digits}${fraction ? `.${fraction}` : ''}`
}

/**
 * An id (model, offer, round): 0x-prefixed hex (any length up to 32 bytes) or a decimal number.
 * The API answers every id as 32-byte hex (`idKey`).
 */
export const IdParam = z
  .string()
  .regex(/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/, 'an id: 0x-prefixed hex or a decimal number')

/** The 32-byte lowercase hex form of an id: the indexer's model key, and every id the API answers. */
export const idKey = (id: string): string => toHex(BigInt(id), { size: 32 })

/** A committee's agreed evaluation digest: null when none had a majority (zero on-chain) or not recorded. */
export function agreedDigest(digest: unknown): string | null {
  return typeof digest === 'string' && /^0x[0-9a-fA-F]{64}$/.test(digest) && BigInt(digest) !== 0n
    ? digest.toLowerCase()
    : null
}

export const AddressParam = z
  .string()
  .refine((v) => isAddress(v, { strict: false }), 'an address: 0x and 40 hex digits')
  .transform((v) => getAddress(v))

export const Hex32Param = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, '32 bytes of 0x-prefixed hex')
  .transform((v) => v.toLowerCase())

export const UintParam = z.string().regex(/^[0-9]{1,78}$/, 'a non-negative integer in base units')

export const LimitParam = z.coerce
  .number()
  .int('an integer')
  .min(1)
  .max(100)
  .default(20)
  .openapi({ param: { name: 'limit', in: 'query' }, example: 20 })

export const CursorParam = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous page')
  .optional()

export function encodeCursor(value: unknown[]): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function decodeCursor(cursor: string | undefined): unknown[] | undefined {
  if (cursor === undefined) return undefined
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    return Array.isArray(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** Seconds since the epoch as an ISO date. */
export const isoOf = (seconds: string | bigint | number): string =>
  new Date(Number(seconds) * 1000).toISOString()

/** A CID the registry stores as bytes (hex), as its CIDv1 string (the hex when it is not a CID). */
export function safeCid(hex: string): string {
  let cid = cids.get(hex)
  if (cid === undefined) {
    try {
      cid = cidOfBytes(hex)
    } catch {
      cid = hex
    }
    if (cids.size >= 50_000) cids.clear()
    cids.set(hex, cid)
  }
  return cid
}

/** CID strings by their bytes: decoding and base32-encoding one took ~35 µs, 40 of them per list. */
const cids = new Map<string, string>()
