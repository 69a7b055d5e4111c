import type * as Ort from 'onnxruntime-web'
import { EvaluationError } from './errors.js'

type OrtModule = typeof Ort

/** The onnxruntime-web version the SDK evaluates with: its peer dependency, pinned. */
const ONNXRUNTIME_WEB = '1.30.0'

/**
 * The runtime that evaluates, as it enters the evaluation digest: `onnxruntime-web@<version>`.
 * Validators who run another version may predict differently, so the digest tells them apart.
 */
export const runtimeVersion = `onnxruntime-web@${ONNXRUNTIME_WEB}`

/** onnxruntime-web, the optional peer dependency that evaluation needs, is not installed (or not the pinned version). */
export class RuntimeMissingError extends EvaluationError {
  override name = 'RuntimeMissingError'
  constructor({ installed, cause }: { installed?: string | undefined; cause?: unknown }) {
    super(
      installed
        ? `Evaluation runs on onnxruntime-web ${ONNXRUNTIME_WEB}, but ${installed} is installed.`
        : 'Evaluation needs onnxruntime-web, an optional peer dependency of @daimm/sdk that is not installed.',
      {
        cause,
        fix: `Install it beside the SDK: npm install onnxruntime-web@${ONNXRUNTIME_WEB} (only @daimm/sdk/eval uses it).`,
      },
    )
  }
}

let loaded: OrtModule | undefined
const pending: ((ort: OrtModule) => void)[] = []

/**
 * Loads onnxruntime-web once, on the first evaluation: dApps that never evaluate need not install
 * it (it is an optional peer dependency).
 *
 * @throws {RuntimeMissingError} when it is not installed, or another version is.
 */
export async function loadRuntime(): Promise<OrtModule> {
  if (loaded) return loaded
  let ort: OrtModule
  try {
    const module = (await import('onnxruntime-web')) as OrtModule & { default?: OrtModule }
    ort = module.InferenceSession ? module : (module.default as OrtModule)
  } catch (cause) {
    throw new RuntimeMissingError({ cause })
  }
  const version = ort.env.versions.web ?? ort.env.versions.common
  if (version !== ONNXRUNTIME_WEB) throw new RuntimeMissingError({ installed: version })
  loaded = ort
  for (const configure of pending.splice(0)) configure(ort)
  return ort
}

/** The loaded runtime; `loadRuntime` (which `loadModel` calls) runs first. */
export function runtime(): OrtModule {
  if (!loaded) throw new RuntimeMissingError({})
  return loaded
}

/** Runs `configure` on the runtime: now when it is loaded, else as soon as it is. */
export function configureRuntime(configure: (ort: OrtModule) => void): void {
  if (loaded) configure(loaded)
  else pending.push(configure)
}

/** The version the SDK pins, to compare an installed package with. */
export const pinnedRuntimeVersion = ONNXRUNTIME_WEB

/**
 * Settings for reproducible inference, applied before each session is created: one thread (no
 * work split whose order could vary), and no proxy worker. onnxruntime-web reads them when it
 * first initialises its WebAssembly, so they hold from then on.
 */
export function prepareRuntime(ort: OrtModule = runtime()): void {
  ort.env.wasm.numThreads = 1
  ort.env.wasm.proxy = false
}
