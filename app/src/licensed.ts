/**
 * Licensed (encrypted) models in the app: how a card says a model is encrypted, the benchmark it
 * names, where keys are asked for, and the words for what can go wrong.
 */
import type { ModelDetail, UseLicensedModelOptions } from '@daimm/react'
import { config } from './config'
import { errorText } from './format'

/** The card's `encryption` (e.g. `{ format: 'daimm-aead-v1', keyRelease: 'gateway' }`), if any. */
export function encryptionOf(model: ModelDetail): { format: string } | null {
  const encryption = model.cardContent?.encryption as { format?: unknown } | undefined
  if (encryption && typeof encryption.format === 'string') return { format: encryption.format }
  return null
}

/** The benchmarks the card names (`benchmarks: [{ datasetCid, metric }]`), for a model no round scored yet. */
export function cardBenchmarks(
  model: ModelDetail,
): { datasetCid: string; metric: 'accuracy' | 'macro-f1' }[] {
  const list = model.cardContent?.benchmarks
  if (!Array.isArray(list)) return []
  return list.flatMap((b: { datasetCid?: unknown; metric?: unknown }) =>
    typeof b?.datasetCid === 'string'
      ? [{ datasetCid: b.datasetCid, metric: b.metric === 'macro-f1' ? 'macro-f1' : 'accuracy' }]
      : [],
  )
}

/**
 * Keys from the gateway behind this page's server (its identity is the API's own origin), the
 * ciphertext from this server's `/ipfs/<cid>`, verified against the CID.
 */
export const licensingOptions: UseLicensedModelOptions = {
  gatewayUrl: config.apiUrl || undefined,
  gateway: config.gateway,
  ipfsUrl: config.ipfsUrl,
}

const refusals: Record<string, string> = {
  'no license': 'The gateway refused: this wallet holds no license for this model. Buy one first.',
  'license expired': 'The gateway refused: your license for this model has expired.',
  'commercial license required':
    'The gateway refused: this model is released to commercial licenses only.',
  'model flagged': 'The gateway refused: the model is flagged, so its key is not released.',
  'no content key': 'The gateway has no key for this model: the publisher has not deposited it.',
}

/** Worded errors of a key release and decryption. */
export function licensedErrorText(error: unknown): string {
  const e = error as { name?: string; reason?: string }
  if (e?.name === 'GatewayRefusedError')
    return (e.reason && refusals[e.reason]) ?? `The gateway refused: ${errorText(error)}`
  if (e?.name === 'LicensedContentMismatchError') return `Hash mismatch: ${errorText(error)}`
  if (e?.name === 'DecryptionError') return errorText(error)
  return errorText(error)
}
