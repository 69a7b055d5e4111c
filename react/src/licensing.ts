import type {
  FetchLicensedContentProgress,
  FetchLicensedContentReturnType,
} from '@daimm/sdk/licensing'
import { useMutation } from '@tanstack/react-query'
import type { Hex } from 'viem'
import { useDaimmConfig } from './provider.js'

export type { FetchLicensedContentProgress as LicensedModelProgress }
export type LicensedModel = FetchLicensedContentReturnType

export type UseLicensedModelOptions = {
  /** The gateway that releases keys (default: the page's origin, where a server proxies the API). */
  gatewayUrl?: string | undefined
  /**
   * The gateway's identity, which signed requests name: its public URL's origin (default: the origin
   * of `gatewayUrl`). Needed when the page reaches the gateway through a proxy of another origin.
   */
  gateway?: string | undefined
  /**
   * An IPFS gateway (`/ipfs/<cid>`) to read the ciphertext from, verified against its CID (default:
   * the key-releasing gateway's own `GET /v1/models/{id}/artifact`, which logs the download).
   */
  ipfsUrl?: string | undefined
}

export type UseLicensedModelVariables = {
  modelId: Hex
  onProgress?: ((progress: FetchLicensedContentProgress) => void) | undefined
  signal?: AbortSignal | undefined
}

/**
 * A licensee's key release and decryption, in the browser: the connected wallet signs the EIP-712
 * key request (`eth_signTypedData_v4`, the typed data `signGatewayRequest` signs), the gateway wraps
 * the content key to a fresh X25519 key, and the ciphertext is read by CID, decrypted with
 * WebCrypto and checked against the model id (SHA-256). `@daimm/sdk/licensing` is imported only
 * when the mutation runs, so it stays out of a page's initial JavaScript. Errors are the SDK's:
 * `GatewayRefusedError` (with `reason`: `no license`, `license expired`, …), `DecryptionError`,
 * `LicensedContentMismatchError`.
 *
 * @example
 * const licensed = useLicensedModel()
 * licensed.mutate({ modelId }, { onSuccess: ({ bytes }) => save(bytes) })
 */
export function useLicensedModel(options: UseLicensedModelOptions = {}) {
  const { chainId, walletClient } = useDaimmConfig()
  return useMutation<LicensedModel, Error, UseLicensedModelVariables>({
    mutationFn: async ({ modelId, onProgress, signal }) => {
      if (!walletClient?.account)
        throw new Error('Connect the wallet that holds the license: it signs the key request.')
      const [{ fetchLicensedContent }, { createGatewayReader }] = await Promise.all([
        import('@daimm/sdk/licensing'),
        import('@daimm/sdk/storage'),
      ])
      const origin = globalThis.location?.origin ?? ''
      const gatewayUrl = options.gatewayUrl || origin
      const ipfsUrl = options.ipfsUrl === undefined ? undefined : options.ipfsUrl || origin
      return fetchLicensedContent({
        gatewayUrl,
        gateway: options.gateway || undefined,
        signer: walletClient,
        chainId,
        modelId,
        reader: ipfsUrl ? createGatewayReader({ url: ipfsUrl }) : undefined,
        onProgress,
        signal,
      })
    },
  })
}
