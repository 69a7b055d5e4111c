import { encodeAbiParameters, type Hex, keccak256, stringToHex, toHex } from 'viem'
import { cidToOnchain } from '../cid/cid-to-onchain.js'
import type { CID } from '../cid/index.js'
import { onchainToCid } from '../cid/onchain-to-cid.js'
import { EvaluationError } from './errors.js'

/** The metrics a score can be derived from. */
export const evaluationMetrics = ['accuracy', 'macro-f1'] as const
export type EvaluationMetric = (typeof evaluationMetrics)[number]

export type EvaluationDigestParameters = {
  /** SHA-256 of the model's bytes (`fingerprint`), `0x` and 64 hex digits. */
  modelFingerprint: Hex
  /** The benchmark dataset's CID. */
  datasetCid: CID | string
  /** The benchmark metric. */
  metric: EvaluationMetric
  /** The runtime that predicted, `onnxruntime-web@<version>`. */
  runtime: string
  /** The predicted class of each sample, in dataset order. */
  predictions: ArrayLike<number>
}

/**
 * The ABI parameters of the evaluation digest: `keccak256(abi.encode(…))` of these, in this order.
 * See docs/eval.md.
 */
export const evaluationDigestParameters = [
  { name: 'modelFingerprint', type: 'bytes32' },
  { name: 'datasetCid', type: 'bytes' },
  { name: 'metricId', type: 'bytes32' },
  { name: 'runtime', type: 'string' },
  { name: 'predictions', type: 'uint256[]' },
] as const

/**
 * A digest of one evaluation that any validator reproduces bit for bit from the same model,
 * dataset, metric and runtime: `keccak256(abi.encode(bytes32 modelFingerprint, bytes datasetCid,
 * bytes32 metricId, string runtime, uint256[] predictions))`, with `datasetCid` in binary CIDv1 form
 * (as the ScoringManager takes it) and `metricId` the metric's name as `bytes32` (as Solidity's
 * `bytes32("accuracy")`). Latency is not in it: it differs from machine to machine.
 *
 * @example
 * evaluationDigest({
 *   modelFingerprint: model.fingerprint,
 *   datasetCid: dataset.cid,
 *   metric: 'accuracy',
 *   runtime: model.runtime,
 *   predictions: [0, 2, 1],
 * }) // '0x…'
 */
export function evaluationDigest({
  modelFingerprint,
  datasetCid,
  metric,
  runtime,
  predictions,
}: EvaluationDigestParameters): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(modelFingerprint))
    throw new EvaluationError(
      `The model fingerprint ${modelFingerprint} is not 32 bytes of hex: pass fingerprint(modelBytes).`,
    )
  if (!evaluationMetrics.includes(metric))
    throw new EvaluationError(
      `Unknown metric ${JSON.stringify(metric)}: use ${evaluationMetrics.join(' or ')}.`,
    )
  const classes = Array.from(predictions, (value) => {
    if (!Number.isInteger(value) || value < 0)
      throw new EvaluationError(`Prediction ${value} is not a class (an integer from 0).`)
    return BigInt(value)
  })
  return keccak256(
    encodeAbiParameters(evaluationDigestParameters, [
      modelFingerprint,
      toHex(onchainToCid(cidToOnchain(datasetCid)).bytes),
      metricId(metric),
      runtime,
      classes,
    ]),
  )
}

/** A metric's on-chain id: its name as `bytes32`, left-aligned (Solidity's `bytes32("accuracy")`). */
export function metricId(metric: EvaluationMetric): Hex {
  return stringToHex(metric, { size: 32 })
}
