/** Messages between the model page and the evaluation worker. */
export type EvaluateRequest = {
  /** Where `/ipfs/<cid>` is served (verified against the CID by the SDK's reader). */
  ipfsUrl: string
  modelCid: string
  /**
   * The model's bytes, when the page has them already (a licensed model, decrypted after key
   * release): the worker then reads only the benchmark.
   */
  modelBytes?: Uint8Array | undefined
  datasetCid: string
  metric: 'accuracy' | 'macro-f1'
  modelName: string
}

export type EvaluateResult = {
  n: number
  correct: number
  accuracy: number
  macroF1: number
  confusion: number[][]
  score: number
  digest: string
  modelFingerprint: string
  runtime: string
  latencyMs: number
  output: string
}

export type WorkerMessage =
  | { type: 'progress'; stage: 'model' | 'dataset'; done: number; total: number | null }
  | { type: 'progress'; stage: 'runtime'; done: 0; total: null }
  | { type: 'progress'; stage: 'key'; done: 0; total: null }
  | { type: 'progress'; stage: 'decrypt'; done: number; total: number | null }
  | { type: 'progress'; stage: 'evaluate'; done: number; total: number }
  | { type: 'result'; result: EvaluateResult }
  | { type: 'error'; message: string }
