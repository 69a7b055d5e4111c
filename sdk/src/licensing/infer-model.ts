import type { Hex } from 'viem'
import { callGateway, type GatewayCallParameters } from './call-gateway.js'

/** A tensor on the wire: its element type, dimensions and the elements in row-major order. */
export type WireTensor = { type: string; dims: number[]; data: (number | string | boolean)[] }

export type InferModelParameters = GatewayCallParameters & {
  modelId: Hex
  /** By input name. */
  inputs: Record<string, WireTensor>
}
export type InferModelReturnType = {
  outputs: Record<string, WireTensor>
  /** The runtime that ran it: the one evaluation uses. */
  runtime: string
  latencyMs: number
}

/**
 * Runs a licensed model on the gateway. Throws `GatewayRefusedError` (400 for inputs that do not
 * fit the model, 403 with the reason for a refused licensee, 429 over the rate limit).
 *
 * @example
 * const { outputs } = await inferModel({ gatewayUrl, signer, chainId, modelId,
 *   inputs: { input: { type: 'float32', dims: [1, 4], data: [5.8, 2.7, 5.1, 1.9] } } })
 */
export async function inferModel(parameters: InferModelParameters): Promise<InferModelReturnType> {
  const response = await callGateway(parameters, 'POST', `v1/models/${parameters.modelId}/infer`, {
    json: { inputs: parameters.inputs },
  })
  return (await response.json()) as InferModelReturnType
}
