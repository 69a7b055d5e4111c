/**
 * Signed gateway requests: every authenticated call to a DAIMM gateway carries an EIP-712 signature
 * of the request by the account it acts for. The signed message names the gateway (so a signature
 * for one gateway is refused by another), the method and path (with the query), the SHA-256 of the
 * body, a random nonce (a gateway refuses a nonce it has seen) and an expiry (at most
 * `MAX_REQUEST_LIFETIME` seconds ahead). Smart accounts sign through ERC-1271; the gateway checks
 * with the chain.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import {
  type Account,
  type Address,
  bytesToHex,
  type Hex,
  type LocalAccount,
  type WalletClient,
} from 'viem'

/** How far ahead a request's expiry may be, in seconds. */
export const MAX_REQUEST_LIFETIME = 300

/** The HTTP headers a signed request carries. */
export const gatewayRequestHeaders = {
  signer: 'daimm-signer',
  nonce: 'daimm-nonce',
  expiresAt: 'daimm-expires-at',
  bodyHash: 'daimm-body-sha256',
  signature: 'daimm-signature',
} as const

export const gatewayRequestDomain = (chainId: number) =>
  ({ name: 'DAIMM Gateway', version: '1', chainId }) as const

export const gatewayRequestTypes = {
  GatewayRequest: [
    { name: 'gateway', type: 'string' },
    { name: 'method', type: 'string' },
    { name: 'path', type: 'string' },
    { name: 'bodyHash', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'expiresAt', type: 'uint64' },
  ],
} as const

/** The message a signed request carries, as it is signed. */
export type GatewayRequest = {
  /** The gateway's identity: its public URL's origin, unless it was configured otherwise. */
  gateway: string
  /** Upper case. */
  method: string
  /** Path and query, as sent: `/v1/usage?model=0x…`. */
  path: string
  bodyHash: Hex
  nonce: bigint
  expiresAt: bigint
}

export type SignGatewayRequestParameters = {
  /** A local account (private key) or a wallet client with an account. */
  signer: LocalAccount | WalletClient
  chainId: number
  /** The gateway's identity (default: the origin of `url`). */
  gateway?: string | undefined
  /** The request's full URL. */
  url: string | URL
  method: string
  /** The body's bytes, or its SHA-256 when it is streamed (an upload). */
  body?: Uint8Array | string | undefined
  bodyHash?: Hex | undefined
  /** Seconds the signature is good for (default 60, at most `MAX_REQUEST_LIFETIME`). */
  lifetime?: number | undefined
}

/** SHA-256 of a request body (small: a streamed upload signs the hash it computed itself). */
export const sha256Hex = (bytes: Uint8Array | string): Hex =>
  bytesToHex(sha256(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes))

/**
 * Signs a gateway request and returns the headers to send with it.
 *
 * @example
 * const body = JSON.stringify({ publicKey })
 * const headers = await signGatewayRequest({ signer: account, chainId, url, method: 'POST', body })
 * await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } })
 */
export async function signGatewayRequest(
  parameters: SignGatewayRequestParameters,
): Promise<Record<string, string>> {
  const url = new URL(parameters.url)
  const lifetime = Math.min(parameters.lifetime ?? 60, MAX_REQUEST_LIFETIME)
  const message: GatewayRequest = {
    gateway: parameters.gateway ?? url.origin,
    method: parameters.method.toUpperCase(),
    path: url.pathname + url.search,
    bodyHash: parameters.bodyHash ?? sha256Hex(parameters.body ?? new Uint8Array()),
    nonce: BigInt(bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(16)))),
    expiresAt: BigInt(Math.floor(Date.now() / 1000) + lifetime),
  }
  const typedData = {
    domain: gatewayRequestDomain(parameters.chainId),
    types: gatewayRequestTypes,
    primaryType: 'GatewayRequest',
    message,
  } as const
  const { signer } = parameters
  let address: Address
  let signature: Hex
  if (signer.type === 'local') {
    const local = signer as LocalAccount
    address = local.address
    signature = await local.signTypedData(typedData)
  } else {
    const wallet = signer as WalletClient
    const account = wallet.account as Account | undefined
    if (!account) throw new TypeError('signGatewayRequest: the wallet client has no account')
    address = account.address
    signature = await wallet.signTypedData({ ...typedData, account })
  }
  const h = gatewayRequestHeaders
  return {
    [h.signer]: address,
    [h.nonce]: message.nonce.toString(),
    [h.expiresAt]: message.expiresAt.toString(),
    [h.bodyHash]: message.bodyHash,
    [h.signature]: signature,
  }
}
