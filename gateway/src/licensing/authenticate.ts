/**
 * The verifier of signed requests (sdk/src/licensing/gateway-request.ts): the EIP-712 signature of
 * the request by `daimm-signer` (an EOA, or a contract account through ERC-1271: the chain checks),
 * for this gateway, this method and path, this body, not expired, and a nonce never seen before.
 */
import type { Context } from 'hono'
import { type Address, getAddress, type Hex, isAddress, recoverTypedDataAddress } from 'viem'
import { problem } from '../api/problem.js'
import type { LicensingContext } from './context.js'
import {
  gatewayRequestDomain,
  gatewayRequestHeaders,
  gatewayRequestTypes,
  MAX_REQUEST_LIFETIME,
  type RefusalReason,
  sha256Hex,
} from './sdk.js'

/** Clocks may differ this much, in seconds. */
const CLOCK_SKEW = 30

export const refuse = (c: Context, reason: RefusalReason, detail: string) =>
  problem(c, 403, detail, { reason })

export type Authenticated = { signer: Address; bodyHash: Hex }
export type Refusal = ReturnType<typeof refuse>

/**
 * Checks the request's signature; resolves to the signer, or to the 403 problem to answer. `body`
 * is the raw body (its SHA-256 must be the signed one), or undefined for a streamed body whose
 * hash the caller checks at its end.
 */
export async function authenticate(
  c: Context,
  ctx: LicensingContext,
  body: Uint8Array | undefined,
): Promise<Authenticated | Refusal> {
  const h = gatewayRequestHeaders
  const header = (name: string) => c.req.header(name)?.trim() ?? ''
  const signer = header(h.signer)
  const nonce = header(h.nonce)
  const expiresAt = header(h.expiresAt)
  const bodyHash = header(h.bodyHash).toLowerCase()
  const signature = header(h.signature)
  if (
    !isAddress(signer, { strict: false }) ||
    !/^[0-9]{1,78}$/.test(nonce) ||
    !/^[0-9]{1,20}$/.test(expiresAt) ||
    !/^0x[0-9a-f]{64}$/.test(bodyHash) ||
    !/^0x([0-9a-fA-F]{2})+$/.test(signature)
  )
    return refuse(
      c,
      'bad signature',
      `A signed request carries the headers ${Object.values(h).join(', ')} (see docs/licensing.md).`,
    )
  const now = Math.floor(Date.now() / 1000)
  const expiry = Number(expiresAt)
  if (expiry < now - CLOCK_SKEW)
    return refuse(c, 'request expired', `The request expired at ${expiry}.`)
  if (expiry > now + MAX_REQUEST_LIFETIME + CLOCK_SKEW)
    return refuse(c, 'request expired', `The expiry is more than ${MAX_REQUEST_LIFETIME} s ahead.`)
  if (body !== undefined && sha256Hex(body) !== bodyHash)
    return refuse(c, 'bad signature', 'The body is not the one signed (its SHA-256 differs).')
  const url = new URL(c.req.url)
  const address = getAddress(signer)
  const typedData = {
    domain: gatewayRequestDomain(ctx.chainId),
    types: gatewayRequestTypes,
    primaryType: 'GatewayRequest',
    message: {
      gateway: ctx.identity(),
      method: c.req.method.toUpperCase(),
      path: url.pathname + url.search,
      bodyHash: bodyHash as Hex,
      nonce: BigInt(nonce),
      expiresAt: BigInt(expiresAt),
    },
    signature: signature as Hex,
  } as const
  let valid = false
  try {
    // An account's own signature recovers to it here; anything else (a smart account) is asked
    // of the chain (ERC-1271, and ERC-6492 for one not deployed yet).
    valid =
      (signature.length === 132 &&
        (await recoverTypedDataAddress(typedData).catch(() => undefined)) === address) ||
      (await ctx.publicClient.verifyTypedData({ address, ...typedData }))
  } catch {
    valid = false
  }
  if (!valid)
    return refuse(
      c,
      'bad signature',
      `The signature is not ${address}'s over this request to ${ctx.identity()} on chain ${ctx.chainId}.`,
    )
  // The nonce last: only a request that would be served uses one up.
  const inserted = await ctx.db.query(
    `INSERT INTO request_nonces (signer, nonce, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING nonce`,
    [address.toLowerCase(), nonce, expiry],
  )
  if (inserted.length === 0) return refuse(c, 'replayed', `Nonce ${nonce} was used already.`)
  // An expired nonce cannot be replayed (its request has expired too): forget it, now and then.
  if (Math.random() < 0.01)
    await ctx.db.query('DELETE FROM request_nonces WHERE expires_at < $1', [now - CLOCK_SKEW - 1])
  return { signer: address, bodyHash: bodyHash as Hex }
}
