import * as ort from 'onnxruntime-web'

export { ort }

/**
 * The runtime that evaluates, as it enters the evaluation digest: `onnxruntime-web@<version>`.
 * Validators who run another version may predict differently, so the digest tells them apart.
 */
export const runtimeVersion = `onnxruntime-web@${ort.env.versions.web ?? ort.env.versions.common}`

/**
 * Settings for reproducible inference, applied before each session is created: one thread (no
 * work split whose order could vary), and no proxy worker. onnxruntime-web reads them when it
 * first initialises its WebAssembly, so they hold from then on.
 */
export function prepareRuntime(): void {
  ort.env.wasm.numThreads = 1
  ort.env.wasm.proxy = false
}
