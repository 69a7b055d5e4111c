import type { Hex, LocalAccount, WalletClient } from 'viem'
import { GatewayRefusedError } from './errors.js'
import { signGatewayRequest } from './gateway-request.js'

/** Where and as whom a licensing call is made. */
export type GatewayCallParameters = {
  /** The gateway's base URL, e.g. `https://gateway.example`. */
  gatewayUrl: string
  /** Who signs: a local account or a wallet client with an account. */
  signer: LocalAccount | WalletClient
  chainId: number
  /** The gateway's identity, if it was configured apart from its URL's origin. */
  gateway?: string | undefined
  fetch?: typeof fetch | undefined
}

/** Sends a signed request and returns the response; a problem answer throws `GatewayRefusedError`. */
export async function callGateway(
  parameters: GatewayCallParameters,
  method: string,
  path: string,
  body?:
    | { json: unknown }
    | { stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>; sha256: Hex; type: string }
    | { bytes: Uint8Array; type: string },
): Promise<Response> {
  const url = new URL(
    path,
    parameters.gatewayUrl.endsWith('/') ? parameters.gatewayUrl : `${parameters.gatewayUrl}/`,
  )
  const text = body && 'json' in body ? JSON.stringify(body.json) : undefined
  const headers = await signGatewayRequest({
    signer: parameters.signer,
    chainId: parameters.chainId,
    gateway: parameters.gateway,
    url,
    method,
    body: text ?? (body && 'bytes' in body ? body.bytes : undefined),
    bodyHash: body && 'stream' in body ? body.sha256 : undefined,
  })
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (text !== undefined) {
    init.body = text
    headers['content-type'] = 'application/json'
  } else if (body && 'stream' in body) {
    init.body = body.stream as unknown as NonNullable<RequestInit['body']>
    init.duplex = 'half'
    headers['content-type'] = body.type
  } else if (body && 'bytes' in body) {
    // A whole body, not a stream: browsers stream request bodies over HTTP/2 only.
    init.body = body.bytes as unknown as NonNullable<RequestInit['body']>
    headers['content-type'] = body.type
  }
  const response = await (parameters.fetch ?? fetch)(url, init)
  if (!response.ok) {
    let problem: { reason?: string; detail?: string } = {}
    try {
      problem = (await response.json()) as typeof problem
    } catch {}
    throw new GatewayRefusedError({
      status: response.status,
      reason: problem.reason,
      detail: problem.detail,
      url: `${method} ${url}`,
    })
  }
  return response
}
