import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FileReadError } from '../../../src/cid/errors.js'
import { DaimmError } from '../../../src/errors.js'
import {
  type Dataset,
  EvaluationError,
  evaluateModel,
  InvalidDatasetError,
  InvalidModelError,
  loadDataset,
  loadModel,
  ModelInputMismatchError,
  type OnnxModel,
  UnknownModelOutputError,
  UnsupportedModelOutputError,
} from '../../../src/eval/index.js'
import { loadDatasetFile, loadModelFile } from '../../../src/eval/node.js'
import { assets } from './assets.js'
import { onnxModel, type ValueSpec } from './onnx-builder.js'

/** Rejects with `ErrorClass`, whose message matches `message`; returns the error. */
async function rejection<T extends Error>(
  promise: Promise<unknown>,
  ErrorClass: new (...args: never[]) => T,
  message: RegExp,
): Promise<T> {
  const error = await promise.then(
    () => expect.unreachable('should have failed'),
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(ErrorClass)
  expect(error).toBeInstanceOf(EvaluationError)
  expect(error).toBeInstanceOf(DaimmError)
  expect((error as Error).message).toMatch(message)
  return error as T
}

const features: ValueSpec = { name: 'features', type: 'float32', shape: ['batch', 4] }
/** Scores of a linear model on Iris's petal width: class 0 below 0.8, 2 above 1.75, else 1. */
const linear = {
  weights: [
    { name: 'W', dims: [4, 3], values: [0, 0, 0, 0, 0, 0, 0, 0, 0, -10, 0, 10] },
    { name: 'B', dims: [3], values: [8, 0, -17.5] },
  ],
  nodes: [
    { op: 'MatMul', inputs: ['features', 'W'], outputs: ['xw'] },
    { op: 'Add', inputs: ['xw', 'B'], outputs: ['scores'] },
  ],
}
const irisByPetalWidth = (petalWidth: number) => (petalWidth < 0.8 ? 0 : petalWidth > 1.75 ? 2 : 1)

let iris: Dataset
let irisModel: OnnxModel
beforeAll(async () => {
  iris = await loadDatasetFile(join(assets, 'iris-test.csv'))
  irisModel = await loadModelFile(join(assets, 'iris-mlp.onnx'))
})
afterAll(() => irisModel.release())

async function withModel(bytes: Uint8Array, use: (model: OnnxModel) => Promise<unknown>) {
  const model = await loadModel(bytes, { name: 'test.onnx' })
  try {
    return await use(model)
  } finally {
    await model.release()
  }
}

describe('the model does not fit the dataset', () => {
  test('too few features for the model’s input', async () => {
    const dataset = await loadDataset('a,b,label\n1,2,0\n', { name: 'two.csv' })
    await rejection(
      evaluateModel({ model: irisModel, dataset }),
      ModelInputMismatchError,
      /^iris-mlp\.onnx's input features takes samples of shape \[4\] \(4 values\), but each sample of two\.csv has 2 features\.\n\nCheck that the dataset is meant for this model/,
    )
  })

  test('a declared shape of another rank than the model’s input', async () => {
    const dataset = await loadDataset('a,b,c,d,label\n1,2,3,4,0\n', { inputShape: [2, 2] })
    await rejection(
      evaluateModel({ model: irisModel, dataset }),
      ModelInputMismatchError,
      /input features has shape \[\?, 4\] \(2 dimensions\), but a batch of samples of shape \[2, 2\] has 3\./,
    )
  })

  test('a declared shape whose dimensions differ from the model’s', async () => {
    const digits = await loadModelFile(join(assets, 'digits-cnn.onnx'))
    try {
      const dataset = await loadDatasetFile(join(assets, 'digits-test.csv'), {
        inputShape: [1, 4, 16],
      })
      await rejection(
        evaluateModel({ model: digits, dataset }),
        ModelInputMismatchError,
        /input pixels has shape \[batch, 1, 8, 8\], but the samples of digits-test\.csv have shape \[1, 4, 16\]\.\n\nDeclare the shape of one sample as the model takes it \(--input-shape 1,8,8 on the command line/,
      )
    } finally {
      await digits.release()
    }
  })

  test('a declared shape that does not hold the features', async () => {
    await rejection(
      loadDataset('a,b,c,d,label\n1,2,3,4,0\n', { inputShape: [1, 8, 8] }),
      InvalidDatasetError,
      /The input shape \[1, 8, 8\] holds 64 values, but each sample of the dataset has 4 features\./,
    )
    await rejection(
      loadDataset('a,b,c,d,label\n1,2,3,4,0\n', { inputShape: [0, 4] }),
      InvalidDatasetError,
      /is not a shape/,
    )
  })

  test('an input of integers', async () => {
    const bytes = onnxModel({
      inputs: [{ name: 'ids', type: 'int64', shape: ['batch', 4] }],
      outputs: [{ name: 'out', type: 'int64', shape: ['batch', 4] }],
      nodes: [{ op: 'Identity', inputs: ['ids'], outputs: ['out'] }],
    })
    await withModel(bytes, (model) =>
      rejection(
        evaluateModel({ model, dataset: iris }),
        ModelInputMismatchError,
        /^test\.onnx's input ids takes int64, but dataset features are floating-point numbers\.\n\nExport the model with a float32 input/,
      ),
    )
  })

  test('two inputs', async () => {
    const bytes = onnxModel({
      inputs: [features, { ...features, name: 'other' }],
      outputs: [{ ...features, name: 'sum' }],
      nodes: [{ op: 'Add', inputs: ['features', 'other'], outputs: ['sum'] }],
    })
    await withModel(bytes, (model) =>
      rejection(
        evaluateModel({ model, dataset: iris }),
        ModelInputMismatchError,
        /^test\.onnx takes 2 inputs \(features, other\), but a dataset gives one: the features\./,
      ),
    )
  })
})

describe('outputs', () => {
  test('an unknown output name lists the model’s outputs', async () => {
    const error = await rejection(
      evaluateModel({ model: irisModel, dataset: iris, output: 'prob' }),
      UnknownModelOutputError,
      /^iris-mlp\.onnx has no output named "prob"\.\n\nIts outputs: "label", "probabilities"\. Choose one of them \(--output NAME/,
    )
    expect(error.available).toEqual(['label', 'probabilities'])
  })

  test('one score per sample is neither scores nor labels', async () => {
    const bytes = onnxModel({
      inputs: [features],
      outputs: [{ name: 'y', type: 'float32', shape: ['batch', 1] }],
      weights: [{ name: 'w', dims: [4, 1], values: [0.1, 0.2, 0.3, 0.4] }],
      nodes: [{ op: 'MatMul', inputs: ['features', 'w'], outputs: ['y'] }],
    })
    await withModel(bytes, (model) =>
      rejection(
        evaluateModel({ model, dataset: iris }),
        UnsupportedModelOutputError,
        /^Output y gives one score per sample \(shape \[50, 1\], float32\): neither scores \[N, C\] nor class labels \[N\]\.\n\nChoose the output/,
      ),
    )
  })

  test('values that are not classes (a regression)', async () => {
    const bytes = onnxModel({
      inputs: [features],
      outputs: [{ name: 'y', type: 'float32', shape: ['batch'] }],
      weights: [{ name: 'w', dims: [4], values: [0.1, 0.2, 0.3, 0.4] }],
      nodes: [{ op: 'MatMul', inputs: ['features', 'w'], outputs: ['y'] }],
    })
    await withModel(bytes, (model) =>
      rejection(
        evaluateModel({ model, dataset: iris }),
        UnsupportedModelOutputError,
        /^Output y gives [\d.]+, not a class \(an integer from 0\), for sample 1 \(shape \[50\], float32\)/,
      ),
    )
  })

  test('label outputs of a model with a fixed batch size, with the last batch padded', async () => {
    const bytes = onnxModel({
      inputs: [{ ...features, shape: [3, 4] }],
      outputs: [{ name: 'class', type: 'int64', shape: [3] }],
      weights: linear.weights,
      nodes: [
        ...linear.nodes,
        { op: 'ArgMax', inputs: ['scores'], outputs: ['class'], ints: { axis: 1, keepdims: 0 } },
      ],
    })
    await withModel(bytes, async (model) => {
      const result = await evaluateModel({ model, dataset: iris, batchSize: 64 })
      // 50 samples in batches of 3: 16 full ones and 2 samples padded to 3.
      expect(result.batchSize).toBe(3)
      expect(result.output).toEqual({ name: 'class', kind: 'labels' })
      const petalWidths = Array.from({ length: iris.n }, (_, i) => iris.features[i * 4 + 3] ?? 0)
      expect(Array.from(result.predictions)).toEqual(petalWidths.map(irisByPetalWidth))
    })
  })

  test('scores and labels of the same model give the same predictions', async () => {
    const bytes = onnxModel({
      inputs: [features],
      outputs: [
        { name: 'scores', type: 'float32', shape: ['batch', 3] },
        { name: 'class', type: 'int64', shape: ['batch'] },
      ],
      weights: linear.weights,
      nodes: [
        ...linear.nodes,
        { op: 'ArgMax', inputs: ['scores'], outputs: ['class'], ints: { axis: 1, keepdims: 0 } },
      ],
    })
    await withModel(bytes, async (model) => {
      const scores = await evaluateModel({ model, dataset: iris })
      const labels = await evaluateModel({ model, dataset: iris, output: 'class' })
      expect(scores.output.kind).toBe('scores')
      expect(labels.output.kind).toBe('labels')
      expect(labels.predictions).toEqual(scores.predictions)
      expect(labels.digest).toBe(scores.digest)
    })
  })

  test('a dataset label beyond the classes the model scores', async () => {
    const dataset = await loadDataset('a,b,c,d,label\n1,2,3,4,0\n1,2,3,4,3\n', { name: 'four.csv' })
    const error = await rejection(
      evaluateModel({ model: irisModel, dataset, output: 'probabilities' }),
      InvalidDatasetError,
      /^Line 3 of four\.csv: label 3 is not a class of iris-mlp\.onnx, which scores 3 classes \(0 to 2\)\./,
    )
    expect(error.line).toBe(3)
  })
})

describe('not an ONNX model', () => {
  test('a CSV file given as the model', async () => {
    await rejection(
      loadModelFile(join(assets, 'iris-test.csv')),
      InvalidModelError,
      /^iris-test\.csv is not an ONNX model\.\n\nonnxruntime-web could not read it as an ONNX ModelProto\. Give the \.onnx file/,
    )
  })

  test('random bytes and an empty file', async () => {
    await rejection(
      loadModel(new Uint8Array([0xff, 0x00, 0x13, 0x37])),
      InvalidModelError,
      /^The model is not an ONNX model\./,
    )
    await rejection(
      loadModel(new Uint8Array()),
      InvalidModelError,
      /^The model is empty \(0 bytes\)/,
    )
  })

  test('a missing file is a FileReadError', async () => {
    await expect(loadModelFile(join(assets, 'missing.onnx'))).rejects.toThrow(FileReadError)
    await expect(loadDatasetFile(join(assets, 'missing.csv'))).rejects.toThrow(
      /No such file: .*missing\.csv/,
    )
  })
})

describe('datasets', () => {
  test.each([
    ['an empty file', '', /^The dataset is empty: it has no samples\./],
    ['blank lines', '\n \n', /^The dataset is empty: it has no samples\./],
    ['a header alone', 'a,b,label\n', /^The dataset is empty: it has a header but no samples\./],
    ['an empty JSON array', '[]', /^The dataset is empty: an array of no samples\./],
  ])('%s is an empty dataset', async (_, text, message) => {
    await rejection(loadDataset(text), InvalidDatasetError, message)
  })

  test('a non-numeric cell, with its line and column', async () => {
    const csv = 'a,b,label\n1,2,0\n\n3,x,1\n'
    const error = await rejection(
      loadDataset(csv, { name: 'bad.csv' }),
      InvalidDatasetError,
      /^Line 4 of bad\.csv: "x" in column "b" is not a number\.\n\nEvery feature is a decimal number/,
    )
    expect(error.line).toBe(4)
    expect(error.column).toBe('b')
    await rejection(
      loadDataset('a,b,label\n1,,0\n'),
      InvalidDatasetError,
      /^Line 2 of the dataset: an empty cell in column "b"/,
    )
    await rejection(
      loadDataset('a,b,label\n1,NaN,0\n'),
      InvalidDatasetError,
      /"NaN" in column "b" is not a number/,
    )
  })

  test('a non-numeric JSON value, with its row and field', async () => {
    const error = await rejection(
      loadDataset('[{"a": 1, "label": 0}, {"a": "one", "label": 1}]', { name: 'bad.json' }),
      InvalidDatasetError,
      /^Row 2 of bad\.json: "one" in column "a" is not a number\./,
    )
    expect(error.row).toBe(2)
  })

  test('labels that are not classes', async () => {
    await rejection(
      loadDataset('a,label\n1,0\n2,1.5\n'),
      InvalidDatasetError,
      /^Line 3 of the dataset: label "1\.5" in column "label" is not a class \(an integer from 0\)\./,
    )
    await rejection(loadDataset('a,label\n1,-1\n'), InvalidDatasetError, /label "-1"/)
    await rejection(loadDataset('a,label\n1,setosa\n'), InvalidDatasetError, /label "setosa"/)
  })

  test('rows of another length than the header', async () => {
    await rejection(
      loadDataset('a,b,label\n1,2,0\n1,2\n'),
      InvalidDatasetError,
      /^Line 3 of the dataset has 2 cells, but the header has 3 columns\./,
    )
    await rejection(
      loadDataset('[{"a": [1, 2], "label": 0}, {"a": [1], "label": 1}]'),
      InvalidDatasetError,
      /^Row 2 of the dataset does not have 2 feature values/,
    )
    await rejection(
      loadDataset('[{"a": 1, "label": 0}, {"b": 1, "label": 1}]'),
      InvalidDatasetError,
      /^Row 2 of the dataset has no field "a"\./,
    )
  })

  test('a label column that is not there, or no feature column', async () => {
    await rejection(
      loadDataset('a,b\n1,0\n', { labelColumn: 'class' }),
      InvalidDatasetError,
      /^The dataset has no column "class" to read labels from\.\n\nIts columns: "a", "b"\./,
    )
    await rejection(loadDataset('label\n0\n'), InvalidDatasetError, /has no feature column/)
  })

  test('binary content and malformed JSON', async () => {
    await rejection(
      loadDataset(await readFile(join(assets, 'iris-mlp.onnx'))),
      InvalidDatasetError,
      /^The dataset is not a text file \(CSV or JSON\)\./,
    )
    await rejection(
      loadDataset('[{"a": 1,'),
      InvalidDatasetError,
      /^The dataset is not valid JSON\./,
    )
    await rejection(loadDataset('[1, 2]'), InvalidDatasetError, /is not a JSON array of objects/)
  })

  test('reads CSV with CRLF, a BOM, quoted header names and exponents; JSON with arrays', async () => {
    const csv = await loadDataset('\uFEFF"x","y",label\r\n1e-3,-.5,1\r\n2,+3,0\r\n')
    expect(csv.format).toBe('csv')
    expect(csv.columns).toEqual(['x', 'y'])
    expect(Array.from(csv.features)).toEqual([Math.fround(1e-3), -0.5, 2, 3])
    expect(Array.from(csv.labels)).toEqual([1, 0])
    const json = await loadDataset('[{"label": 2, "pixels": [[1, 2], [3, 4]]}]')
    expect(json.format).toBe('json')
    expect(json.labelColumn).toBe('label')
    expect(json.columns).toEqual(['pixels[0]', 'pixels[1]', 'pixels[2]', 'pixels[3]'])
    expect(Array.from(json.features)).toEqual([1, 2, 3, 4])
    // Without a `label` column, the last one holds the class.
    const last = await loadDataset('a,b,class\n1,2,1\n')
    expect(last.labelColumn).toBe('class')
    expect(Array.from(last.labels)).toEqual([1])
  })
})

test('batch sizes are whole numbers from 1', async () => {
  await rejection(
    evaluateModel({ model: irisModel, dataset: iris, batchSize: 0 }),
    EvaluationError,
    /The batch size is a whole number of at least 1, not 0\./,
  )
})
