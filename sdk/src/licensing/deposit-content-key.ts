import type { Hex } from 'viem'
import { toBase64Url } from './base64url.js'
import { callGateway, type GatewayCallParameters } from './call-gateway.js'

export type DepositContentKeyParameters = GatewayCallParameters & {
  modelId: Hex
  contentKey: Uint8Array
  /** Release the key, and serve inference, only to commercial licenses. */
  commercialOnly?: boolean | undefined
}

/**
 * Deposits a model's content key with the gateway that will release it to licensees, signed by the
 * model's owner or publisher. The gateway keeps it encrypted at rest; send it over HTTPS only.
 *
 * @example
 * await depositContentKey({ gatewayUrl, signer: account, chainId, modelId, contentKey })
 */
export async function depositContentKey(parameters: DepositContentKeyParameters): Promise<void> {
  await callGateway(parameters, 'PUT', `v1/models/${parameters.modelId}/key`, {
    json: {
      contentKey: toBase64Url(parameters.contentKey),
      commercialOnly: parameters.commercialOnly ?? false,
    },
  })
}
