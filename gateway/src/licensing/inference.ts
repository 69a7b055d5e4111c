/**
 * Inference for licensees with the runtime evaluation uses (onnxruntime-web, one thread): models are
 * decrypted from the gateway's store in memory, checked against their id, and kept loaded (a few).
 */
import { createHash } from 'node:crypto'
import type { Hex } from 'viem'
import type { LicensingContext } from './context.js'
import {
  decryptContent,
  loadModel,
  type OnnxModel,
  prepareRuntime,
  runtime,
  useInstalledRuntime,
} from './sdk.js'

/** Models kept loaded. */
const LOADED_MODELS = 8

export type WireTensor = { type: string; dims: number[]; data: (number | string | boolean)[] }

export class InferenceInputError extends Error {}
export class InferenceTimeoutError extends Error {}

const arrays: Record<string, (data: WireTensor['data']) => ArrayLike<unknown>> = {
  float32: (d) => Float32Array.from(d as number[]),
  float64: (d) => Float64Array.from(d as number[]),
  int32: (d) => Int32Array.from(d as number[]),
  int8: (d) => Int8Array.from(d as number[]),
  uint8: (d) => Uint8Array.from(d as number[]),
  int64: (d) => BigInt64Array.from(d.map((v) => BigInt(v as number | string))),
  bool: (d) => Uint8Array.from(d.map((v) => (v ? 1 : 0))),
}

const loaded = new Map<string, Promise<OnnxModel>>()
let queue: Promise<unknown> = Promise.resolve()

/** The model, decrypted with its content key from the ciphertext in the store, and loaded. */
export function loadLicensedModel(
  ctx: LicensingContext,
  modelKey: string,
  artifactCid: string,
  contentKey: Uint8Array,
): Promise<OnnxModel> {
  const cached = loaded.get(modelKey)
  if (cached) return cached
  const loading = (async () => {
    const chunks: Uint8Array[] = []
    const hash = createHash('sha256')
    for await (const plain of decryptContent(ctx.store.cat(artifactCid), contentKey)) {
      hash.update(plain)
      chunks.push(plain)
    }
    if (BigInt(`0x${hash.digest('hex')}`) !== BigInt(modelKey))
      throw new Error(`The artifact ${artifactCid} does not decrypt to model ${modelKey}.`)
    useInstalledRuntime()
    return loadModel(Buffer.concat(chunks), { name: modelKey })
  })()
  loaded.set(modelKey, loading)
  loading.catch(() => loaded.delete(modelKey))
  if (loaded.size > LOADED_MODELS) {
    const [oldest, model] = loaded.entries().next().value as [string, Promise<OnnxModel>]
    loaded.delete(oldest)
    void model.then((m) => m.release()).catch(() => {})
  }
  return loading
}

/** Checks the inputs against the model's declared inputs and builds its tensors. */
export function tensorsOf(
  model: OnnxModel,
  inputs: Record<string, WireTensor>,
  maxElements: number,
): Record<string, unknown> {
  const ort = runtime()
  // One unnamed input ("") is the model's only input.
  const only = model.inputs.length === 1 ? model.inputs[0]?.name : undefined
  if (only !== undefined && Object.keys(inputs).length === 1 && '' in inputs)
    inputs = { [only]: inputs[''] as WireTensor }
  const names = model.inputs.map((i) => i.name)
  const given = Object.keys(inputs)
  const missing = names.filter((n) => !given.includes(n))
  const unknown = given.filter((n) => !names.includes(n))
  if (missing.length || unknown.length)
    throw new InferenceInputError(
      `The model's inputs are ${names.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}.`,
    )
  let total = 0
  const feeds: Record<string, unknown> = {}
  for (const info of model.inputs) {
    const tensor = inputs[info.name] as WireTensor
    if (info.type !== undefined && tensor.type !== info.type)
      throw new InferenceInputError(
        `${info.name}: the model takes ${info.type}, not ${tensor.type}.`,
      )
    const make = arrays[tensor.type]
    if (!make) throw new InferenceInputError(`${info.name}: unsupported type ${tensor.type}.`)
    if (
      tensor.dims.length !== info.shape.length ||
      tensor.dims.some((d, i) => typeof info.shape[i] === 'number' && d !== info.shape[i])
    )
      throw new InferenceInputError(
        `${info.name}: the model takes shape [${info.shape.join(', ')}], not [${tensor.dims.join(', ')}].`,
      )
    const size = tensor.dims.reduce((a, b) => a * b, 1)
    if (size !== tensor.data.length)
      throw new InferenceInputError(
        `${info.name}: dims [${tensor.dims.join(', ')}] make ${size} elements, but data has ${tensor.data.length}.`,
      )
    total += size
    if (total > maxElements)
      throw new InferenceInputError(`The inputs hold more than ${maxElements} elements.`)
    let data: ArrayLike<unknown>
    try {
      data = make(tensor.data)
    } catch {
      throw new InferenceInputError(`${info.name}: the data are not all ${tensor.type}.`)
    }
    feeds[info.name] = new ort.Tensor(tensor.type as 'float32', data as Float32Array, tensor.dims)
  }
  return feeds
}

/** Runs the model, one run at a time (onnxruntime-web runs on this thread), within `timeoutMs`. */
export async function runModel(
  model: OnnxModel,
  feeds: Record<string, unknown>,
  timeoutMs: number,
): Promise<Record<string, WireTensor>> {
  prepareRuntime()
  const run = queue.then(() => model.session.run(feeds as never))
  queue = run.catch(() => {})
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InferenceTimeoutError()), timeoutMs)
  })
  try {
    const results = await Promise.race([run, limit])
    const outputs: Record<string, WireTensor> = {}
    for (const [name, tensor] of Object.entries(results)) {
      const data = Array.from(tensor.data as ArrayLike<number | bigint>, (v) =>
        typeof v === 'bigint'
          ? v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
            ? Number(v)
            : v.toString()
          : v,
      )
      outputs[name] = { type: tensor.type, dims: [...tensor.dims], data }
    }
    return outputs
  } finally {
    clearTimeout(timer)
  }
}

/** Per-licensee token buckets. */
export function createLicenseeLimiter(perMinute: number) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return (licensee: string): number | undefined => {
    if (perMinute <= 0) return undefined
    const now = Date.now()
    const bucket = buckets.get(licensee) ?? { tokens: perMinute, at: now }
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000)
    bucket.at = now
    buckets.set(licensee, bucket)
    if (buckets.size > 100_000) buckets.clear()
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute / 1000)
    bucket.tokens -= 1
    return undefined
  }
}

export const digestOf = (text: string | Uint8Array): Hex =>
  `0x${createHash('sha256').update(text).digest('hex')}`
