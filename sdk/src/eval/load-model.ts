import type { InferenceSession } from 'onnxruntime-web'
import type { Hex } from 'viem'
import { fingerprint } from '../cid/fingerprint.js'
import type { CID } from '../cid/index.js'
import type { ContentReader, ReadContentOptions } from '../storage/types.js'
import { InvalidModelError, sentenceCase } from './errors.js'
import { loadRuntime, prepareRuntime, runtimeVersion } from './runtime.js'

/** Where a model comes from: its bytes, or its CID read through a storage adapter (verified). */
export type ModelSource =
  | Uint8Array
  | {
      cid: CID | string
      reader: ContentReader
      readOptions?: ReadContentOptions | undefined
    }

export type LoadModelOptions = {
  /** What to call the model in error messages, e.g. its file name. Default: `the model`. */
  name?: string | undefined
}

/** An input or output of a model: its element type and shape (a string is a symbolic dimension). */
export type ModelValueInfo = {
  name: string
  /** `float32`, `int64`, …; `undefined` for a value that is not a tensor (a sequence or a map). */
  type: string | undefined
  /** Dimensions: a number when fixed, the symbol (or `?`) when it varies, as the model declares. */
  shape: readonly (number | string)[]
}

/** A model loaded into onnxruntime-web, ready for `evaluateModel`. Call `release()` when done. */
export type OnnxModel = {
  /** What error messages call it. */
  name: string
  /** SHA-256 of the model's bytes: its model id (see `fingerprint`). */
  fingerprint: Hex
  /** Size of the model in bytes. */
  size: number
  inputs: readonly ModelValueInfo[]
  outputs: readonly ModelValueInfo[]
  /** `onnxruntime-web@<version>`, as it enters the evaluation digest. */
  runtime: string
  /** The onnxruntime-web session, for direct use. */
  session: InferenceSession
  /** Frees the session's memory. */
  release(): Promise<void>
}

/**
 * Loads an ONNX model into onnxruntime-web (WebAssembly, one thread, so evaluations reproduce),
 * from its bytes or from its CID through a storage adapter, which verifies the content against the
 * CID. Throws `InvalidModelError` for bytes that are not an ONNX model.
 *
 * @example
 * const model = await loadModel(bytes)
 * model.inputs // [{ name: 'features', type: 'float32', shape: ['?', 4] }]
 *
 * @example
 * // From IPFS, verified against its CID:
 * const model = await loadModel({ cid: 'bafk…', reader: createGatewayReader() })
 */
export async function loadModel(
  source: ModelSource,
  options: LoadModelOptions = {},
): Promise<OnnxModel> {
  const bytes = source instanceof Uint8Array ? source : await readModel(source)
  const name =
    options.name ?? (source instanceof Uint8Array ? 'the model' : `model ${String(source.cid)}`)
  if (bytes.byteLength === 0)
    throw new InvalidModelError(`${sentenceCase(name)} is empty (0 bytes), not an ONNX model.`, {
      metaMessages: ['Give the .onnx file the model was exported to.'],
    })
  const ort = await loadRuntime()
  prepareRuntime(ort)
  let session: InferenceSession
  try {
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    })
  } catch (cause) {
    throw notLoadable(name, cause)
  }
  return {
    name,
    fingerprint: await fingerprint(bytes),
    size: bytes.byteLength,
    inputs: session.inputMetadata.map(describeValue),
    outputs: session.outputMetadata.map(describeValue),
    runtime: runtimeVersion,
    session,
    release: () => session.release(),
  }
}

async function readModel({
  cid,
  reader,
  readOptions,
}: Exclude<ModelSource, Uint8Array>): Promise<Uint8Array> {
  return reader.get(cid, readOptions)
}

function describeValue(value: InferenceSession.ValueMetadata): ModelValueInfo {
  if (!value.isTensor) return { name: value.name, type: undefined, shape: [] }
  return {
    name: value.name,
    type: value.type,
    // A dimension with neither a size nor a name comes back as -1, read as an unsigned 32-bit 2³²−1.
    shape: value.shape.map((dim) =>
      typeof dim === 'number' && (dim < 0 || dim >= 2 ** 31) ? '?' : dim,
    ),
  }
}

function notLoadable(name: string, cause: unknown): InvalidModelError {
  const message = cause instanceof Error ? cause.message : String(cause)
  const detail = /ERROR_MESSAGE: (.*)$/s.exec(message)?.[1]?.trim() ?? message
  if (/protobuf parsing failed|No graph was found/i.test(message))
    return new InvalidModelError(`${sentenceCase(name)} is not an ONNX model.`, {
      cause,
      details: detail,
      metaMessages: [
        'onnxruntime-web could not read it as an ONNX ModelProto. Give the .onnx file the model was',
        'exported to (torch.onnx.export, skl2onnx, tf2onnx…), not a dataset, a checkpoint or an archive.',
      ],
    })
  return new InvalidModelError(`onnxruntime-web cannot load ${name}.`, {
    cause,
    details: detail,
    metaMessages: [
      'It may use an operator or opset this onnxruntime-web does not support: re-export it with a',
      'lower opset (e.g. opset_version=17), or check it with onnx.checker.check_model.',
    ],
  })
}
