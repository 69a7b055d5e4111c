import type { Tensor } from 'onnxruntime-web'
import type { Hex } from 'viem'
import { type ComputeMetricsReturnType, computeMetrics } from './compute-metrics.js'
import {
  EvaluationError,
  InvalidDatasetError,
  InvalidModelError,
  ModelInputMismatchError,
  sentenceCase,
  UnknownModelOutputError,
  UnsupportedModelOutputError,
} from './errors.js'
import { type EvaluationMetric, evaluationDigest } from './evaluation-digest.js'
import { evaluationScore } from './evaluation-score.js'
import type { Dataset } from './load-dataset.js'
import type { ModelValueInfo, OnnxModel } from './load-model.js'
import { runtime } from './runtime.js'

/** Samples per inference call unless the model fixes its batch size. */
export const DEFAULT_BATCH_SIZE = 256

export type EvaluateModelParameters = {
  model: OnnxModel
  dataset: Dataset
  /**
   * The output to read predictions from, when the model has several (skl2onnx classifiers give
   * `label` and `probabilities`). Default: the model's first output.
   */
  output?: string | undefined
  /** Samples per inference call (default 256); a model with a fixed batch size gets its own. */
  batchSize?: number | undefined
  /** The metric the score is derived from and the digest names. Default `accuracy`. */
  metric?: EvaluationMetric | undefined
  /** Called after each batch with the number of samples evaluated so far. */
  onProgress?: ((done: number, total: number) => void) | undefined
  /** Stops between batches and rejects with the signal's reason. */
  signal?: AbortSignal | undefined
}

export type EvaluateModelReturnType = ComputeMetricsReturnType & {
  /** Wall-clock time of inference (building inputs, running, reading outputs), in milliseconds. */
  latencyMs: { total: number; perSample: number }
  metric: EvaluationMetric
  /** The 1–100 score for the scoring round (see `evaluationScore`). */
  score: number
  /** The evaluation digest validators compare (see `evaluationDigest`). */
  digest: Hex
  /** The predicted class of each sample, in dataset order. */
  predictions: Int32Array
  modelFingerprint: Hex
  datasetCid: string
  runtime: string
  /** The output read, and how: `scores` (argmax over `[N, C]`) or `labels` (`[N]`). */
  output: { name: string; kind: 'scores' | 'labels' }
  /** The input fed, and the shape of one sample. */
  input: { name: string; sampleShape: readonly number[] }
  batchSize: number
}

/**
 * Evaluates a classifier on a labelled dataset with onnxruntime-web, in batches: accuracy,
 * macro-F1, per-class precision and recall, the confusion matrix and latency, plus the 1–100
 * score and the evaluation digest, which validators with the same model, dataset and runtime
 * reproduce exactly. Scores outputs (`[N, C]`, logits or probabilities) predict their first
 * highest class; label outputs (`[N]`) are the predictions.
 *
 * Throws `ModelInputMismatchError` when the model's input does not fit the dataset,
 * `UnknownModelOutputError` for an output it does not have, and `UnsupportedModelOutputError`
 * for one that is neither scores nor labels.
 *
 * @example
 * const model = await loadModel(modelBytes)
 * const dataset = await loadDataset(csvText)
 * const { accuracy, score, digest } = await evaluateModel({ model, dataset })
 */
export async function evaluateModel({
  model,
  dataset,
  output: outputName,
  batchSize: requestedBatch,
  metric = 'accuracy',
  onProgress,
  signal,
}: EvaluateModelParameters): Promise<EvaluateModelReturnType> {
  const input = modelInput(model)
  const sampleShape = resolveSampleShape(model, input, dataset)
  const output = modelOutput(model, outputName)
  if (requestedBatch !== undefined && (!Number.isInteger(requestedBatch) || requestedBatch < 1))
    throw new EvaluationError(
      `The batch size is a whole number of at least 1, not ${requestedBatch}.`,
    )
  const fixedBatch = typeof input.shape[0] === 'number' ? input.shape[0] : undefined
  const batchSize = fixedBatch ?? requestedBatch ?? DEFAULT_BATCH_SIZE
  const width = dataset.columns.length
  const { n } = dataset
  const predictions = new Int32Array(n)
  let kind: 'scores' | 'labels' | undefined
  let classCount = 0

  const batch = (start: number, count: number) =>
    batchTensor(input, dataset.features, start, count, width, fixedBatch, sampleShape)
  const run = async (tensor: Tensor): Promise<Tensor> => {
    try {
      const result = await model.session.run({ [input.name]: tensor }, [output.name])
      return result[output.name] as Tensor
    } catch (cause) {
      throw new InvalidModelError(`onnxruntime-web failed to run ${model.name}.`, {
        cause,
        details: (cause as Error)?.message?.replace(/^.*ERROR_MESSAGE: /s, ''),
        metaMessages: [
          `It was fed ${input.name} of shape [${tensor.dims.join(', ')}] (${tensor.type}).`,
          'Check the model runs on that shape with its own tools; a fixed batch size or a wrong --input-shape are common causes.',
        ],
      })
    }
  }

  onProgress?.(0, n)
  // One untimed run first: the runtime allocates and plans on its first call, which latency
  // should not count.
  await run(batch(0, Math.min(batchSize, n)))
  const started = performance.now()
  for (let start = 0; start < n; start += batchSize) {
    signal?.throwIfAborted()
    const count = Math.min(batchSize, n - start)
    const read = readPredictions(
      await run(batch(start, count)),
      output.name,
      count,
      start,
      predictions,
    )
    if (kind !== undefined && read.kind !== kind)
      throw new UnsupportedModelOutputError(
        `Output ${output.name} changed shape between batches.`,
        {
          fix: 'Choose an output of a fixed kind: scores [N, C] or labels [N].',
        },
      )
    kind = read.kind
    classCount = Math.max(classCount, read.classCount)
    onProgress?.(start + count, n)
  }
  const total = performance.now() - started

  if (kind === 'scores') checkLabelsWithin(dataset, classCount, model.name)
  const metrics = computeMetrics(dataset.labels, predictions, classCount)
  const datasetCid = dataset.cid.toString()
  return {
    ...metrics,
    latencyMs: { total, perSample: total / n },
    metric,
    score: evaluationScore(metric, metrics),
    digest: evaluationDigest({
      modelFingerprint: model.fingerprint,
      datasetCid: dataset.cid,
      metric,
      runtime: model.runtime,
      predictions,
    }),
    predictions,
    modelFingerprint: model.fingerprint,
    datasetCid,
    runtime: model.runtime,
    output: { name: output.name, kind: kind ?? 'labels' },
    input: { name: input.name, sampleShape },
    batchSize,
  }
}

/** The model's one input, checked to be a float tensor. */
function modelInput(model: OnnxModel): ModelValueInfo {
  const [input, ...others] = model.inputs
  if (!input || others.length > 0)
    throw new ModelInputMismatchError(
      `${sentenceCase(model.name)} takes ${model.inputs.length} inputs (${model.inputs.map((i) => i.name).join(', ')}), but a dataset gives one: the features.`,
      { fix: 'Evaluate a model with a single input tensor of features, e.g. [batch, features].' },
    )
  if (input.type !== 'float32' && input.type !== 'float64')
    throw new ModelInputMismatchError(
      `${sentenceCase(model.name)}'s input ${input.name} takes ${input.type ?? 'a non-tensor value'}, but dataset features are floating-point numbers.`,
      {
        fix: 'Export the model with a float32 input (e.g. FloatTensorType in skl2onnx, a float tensor in torch.onnx.export).',
      },
    )
  return input
}

/** The shape of one sample: declared by the dataset, else by the model, else `[features]`. */
function resolveSampleShape(model: OnnxModel, input: ModelValueInfo, dataset: Dataset): number[] {
  const width = dataset.columns.length
  const name = sentenceCase(model.name)
  const modelSample = input.shape.slice(1)
  const modelFixed =
    input.shape.length > 1 && modelSample.every((dim): dim is number => typeof dim === 'number')
  if (!dataset.inputShape && modelFixed && product(modelSample) !== width)
    throw new ModelInputMismatchError(
      `${name}'s input ${input.name} takes samples of shape [${modelSample.join(', ')}] (${product(modelSample)} values), but each sample of ${dataset.name} has ${width} features.`,
      {
        fix: 'Check that the dataset is meant for this model, and that the right column holds the labels (--label-column on the command line).',
      },
    )
  const shape = dataset.inputShape ? [...dataset.inputShape] : modelFixed ? modelSample : [width]
  const fix = modelFixed
    ? `Declare the shape of one sample as the model takes it (--input-shape ${modelSample.join(',')} on the command line, inputShape in loadDataset).`
    : `Declare the shape of one sample as the model takes it: --input-shape on the command line, inputShape in loadDataset.`
  const shapeText = `[${shape.join(', ')}]`
  if (input.shape.length > 0 && input.shape.length !== shape.length + 1)
    throw new ModelInputMismatchError(
      `${name}'s input ${input.name} has shape [${input.shape.join(', ')}] (${input.shape.length} dimensions), but a batch of samples of shape ${shapeText} has ${shape.length + 1}.`,
      { fix },
    )
  for (const [i, dim] of modelSample.entries())
    if (typeof dim === 'number' && dim !== shape[i])
      throw new ModelInputMismatchError(
        `${name}'s input ${input.name} has shape [${input.shape.join(', ')}], but the samples of ${dataset.name} have shape ${shapeText}.`,
        { fix },
      )
  return shape
}

function modelOutput(model: OnnxModel, name: string | undefined): ModelValueInfo {
  const output = name === undefined ? model.outputs[0] : model.outputs.find((o) => o.name === name)
  if (!output)
    throw new UnknownModelOutputError({
      output: name ?? '',
      available: model.outputs.map((o) => o.name),
      model: model.name,
    })
  if (output.type === undefined)
    throw new UnsupportedModelOutputError(
      `Output ${output.name} of ${model.name} is not a tensor (a sequence or map, such as skl2onnx's ZipMap).`,
      {
        fix: `Choose a tensor output (${
          model.outputs
            .filter((o) => o.type !== undefined)
            .map((o) => o.name)
            .join(', ') || 'none'
        }), or export with options={'zipmap': False}.`,
      },
    )
  return output
}

function batchTensor(
  input: ModelValueInfo,
  features: Float32Array,
  start: number,
  count: number,
  width: number,
  fixedBatch: number | undefined,
  sampleShape: readonly number[],
): Tensor {
  const rows = fixedBatch ?? count
  const view = features.subarray(start * width, (start + count) * width)
  // A fixed batch size: the last batch is padded with zeros, and the padding's predictions ignored.
  const data =
    input.type === 'float64'
      ? new Float64Array(rows * width)
      : rows === count
        ? view
        : new Float32Array(rows * width)
  if (data !== view) data.set(view)
  const ort = runtime()
  return input.type === 'float64'
    ? new ort.Tensor('float64', data as Float64Array, [rows, ...sampleShape])
    : new ort.Tensor('float32', data as Float32Array, [rows, ...sampleShape])
}

/** Writes the batch's predictions into `predictions` from `start`. */
function readPredictions(
  tensor: Tensor,
  name: string,
  count: number,
  start: number,
  predictions: Int32Array,
): { kind: 'scores' | 'labels'; classCount: number } {
  const dims = tensor.dims
  const data = tensor.data
  const unsupported = (what: string) =>
    new UnsupportedModelOutputError(
      `Output ${name} gives ${what} (shape [${dims.join(', ')}], ${tensor.type}): neither scores [N, C] nor class labels [N].`,
      {
        fix: 'Choose the output with class scores (logits or probabilities) or integer labels: --output NAME on the command line, output in evaluateModel.',
      },
    )
  if (typeof data === 'string' || (Array.isArray(data) && typeof data[0] === 'string'))
    throw unsupported('strings')
  if ((dims[0] ?? 0) < count) throw unsupported(`${dims[0]} rows for a batch of ${count}`)
  const values = data as ArrayLike<number | bigint>
  const columns = dims.length === 2 ? (dims[1] ?? 0) : 1
  const integer = tensor.type.startsWith('int') || tensor.type.startsWith('uint')
  if (dims.length === 1 || (dims.length === 2 && columns === 1 && integer)) {
    let classCount = 0
    for (let i = 0; i < count; i++) {
      const value = Number(values[i * columns])
      if (!Number.isInteger(value) || value < 0 || value >= 2 ** 31)
        throw unsupported(`${value}, not a class (an integer from 0), for sample ${start + i + 1}`)
      predictions[start + i] = value
      classCount = Math.max(classCount, value + 1)
    }
    return { kind: 'labels', classCount }
  }
  if (dims.length !== 2 || columns < 2 || integer)
    throw unsupported(dims.length === 2 && columns === 1 ? 'one score per sample' : 'another shape')
  for (let i = 0; i < count; i++) {
    // The first highest score wins; NaN never does.
    let best = 0
    let bestValue = Number(values[i * columns])
    for (let k = 1; k < columns; k++) {
      const value = Number(values[i * columns + k])
      if (value > bestValue || (Number.isNaN(bestValue) && !Number.isNaN(value))) {
        best = k
        bestValue = value
      }
    }
    predictions[start + i] = best
  }
  return { kind: 'scores', classCount: columns }
}

function checkLabelsWithin(dataset: Dataset, classCount: number, modelName: string): void {
  for (let i = 0; i < dataset.n; i++) {
    const label = dataset.labels[i] ?? 0
    if (label >= classCount) {
      const at = dataset.locate(i)
      throw new InvalidDatasetError(
        `${at.text} of ${dataset.name}: label ${label} is not a class of ${modelName}, which scores ${classCount} classes (0 to ${classCount - 1}).`,
        {
          line: at.line,
          row: at.row,
          column: dataset.labelColumn,
          fix: 'Check the label column holds the class numbers the model was trained with, and that this is the model meant for this dataset.',
        },
      )
    }
  }
}

function product(dims: readonly (number | string)[]): number {
  return dims.reduce<number>((total, dim) => total * Number(dim), 1)
}
