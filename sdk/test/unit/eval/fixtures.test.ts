import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { computeCid, fingerprint } from '../../../src/cid/index.js'
import {
  evaluateModel,
  evaluationDigest,
  loadDataset,
  loadModel,
  type OnnxModel,
  runtimeVersion,
} from '../../../src/eval/index.js'
import { loadDatasetFile, loadModelFile } from '../../../src/eval/node.js'
import { createLocalStore } from '../../../src/storage/local-store.js'
import { assets, expected } from './assets.js'

// What the exporting tools themselves predicted (scikit-learn's predict, PyTorch's forward), as
// sdk/scripts/eval-fixtures/generate.py recorded them.
const fixtures = [
  {
    name: 'iris-mlp',
    model: 'iris-mlp.onnx',
    data: 'iris-test.csv',
    output: 'label',
    kind: 'labels',
    sampleShape: [4],
  },
  {
    name: 'iris-mlp',
    model: 'iris-mlp.onnx',
    data: 'iris-test.json',
    output: 'probabilities',
    kind: 'scores',
    sampleShape: [4],
  },
  {
    name: 'digits-cnn',
    model: 'digits-cnn.onnx',
    data: 'digits-test.csv',
    output: 'logits',
    kind: 'scores',
    sampleShape: [1, 8, 8],
  },
] as const

const models = new Map<string, OnnxModel>()
beforeAll(async () => {
  for (const { model } of fixtures)
    if (!models.has(model)) models.set(model, await loadModelFile(join(assets, model)))
})
afterAll(async () => {
  for (const model of models.values()) await model.release()
})

describe.each(fixtures)('$model on $data, output $output', (fixture) => {
  const exporter = expected[fixture.name]

  test('predicts exactly what the exporting tool predicted, so the same accuracy', async () => {
    const model = models.get(fixture.model) as OnnxModel
    const dataset = await loadDatasetFile(join(assets, fixture.data))
    const result = await evaluateModel({ model, dataset, output: fixture.output })
    expect(Array.from(result.predictions)).toEqual(exporter.predictions)
    expect(result.accuracy).toBe(exporter.accuracy)
    expect(result.correct).toBe(exporter.correct)
    expect(result.n).toBe(exporter.n)
    expect(result.macroF1).toBeCloseTo(exporter.macroF1, 14)
    expect(result.score).toBe(Math.round(exporter.accuracy * 100))
    expect(result.output).toEqual({ name: fixture.output, kind: fixture.kind })
    expect(result.input.sampleShape).toEqual(fixture.sampleShape)
    expect(result.confusion.flat().reduce((a, b) => a + b)).toBe(exporter.n)
    expect(result.latencyMs.total).toBeGreaterThan(0)
    expect(result.latencyMs.perSample).toBeCloseTo(result.latencyMs.total / exporter.n, 10)
  })

  test('gives the same digest twice, and whatever the batch size', async () => {
    const model = models.get(fixture.model) as OnnxModel
    const dataset = await loadDatasetFile(join(assets, fixture.data))
    const runs = await Promise.all(
      [undefined, undefined, 1, 7].map((batchSize) =>
        evaluateModel({ model, dataset, output: fixture.output, batchSize }),
      ),
    )
    const digests = runs.map((run) => run.digest)
    expect(new Set(digests).size).toBe(1)
    const bytes = await readFile(join(assets, fixture.data))
    expect(digests[0]).toBe(
      evaluationDigest({
        modelFingerprint: await fingerprint(await readFile(join(assets, fixture.model))),
        datasetCid: (await computeCid(bytes)).cid,
        metric: 'accuracy',
        runtime: runtimeVersion,
        predictions: exporter.predictions,
      }),
    )
  })
})

test('the digests of the bundled evaluations are pinned: a change here means validators disagree', async () => {
  const results = await Promise.all(
    fixtures.map(async ({ model, data, output }) => {
      const dataset = await loadDatasetFile(join(assets, data))
      const { digest } = await evaluateModel({
        model: models.get(model) as OnnxModel,
        dataset,
        output,
      })
      return `${model} ${data} ${output}: ${digest}`
    }),
  )
  expect(runtimeVersion).toBe('onnxruntime-web@1.30.0')
  expect(results).toMatchInlineSnapshot(`
    [
      "iris-mlp.onnx iris-test.csv label: 0x48d0f459d87d91fbcda771935dd6d8f46276b282037daacdf4c0ec28728ee0b7",
      "iris-mlp.onnx iris-test.json probabilities: 0x9028a23f9682ae9ad41145778b256583aa0df4d61f4d3c47ae7b3fa39655b75c",
      "digits-cnn.onnx digits-test.csv logits: 0x0fd66b1b646ff207b46f59149b3bcd85513923b2d5917d29548bb47dc9df8b62",
    ]
  `)
})

test('the label and the probabilities outputs of the skl2onnx model predict alike', async () => {
  const model = models.get('iris-mlp.onnx') as OnnxModel
  const dataset = await loadDatasetFile(join(assets, 'iris-test.csv'))
  const [label, probabilities] = await Promise.all(
    ['label', 'probabilities'].map((output) => evaluateModel({ model, dataset, output })),
  )
  expect(probabilities?.predictions).toEqual(label?.predictions)
  expect(probabilities?.digest).toBe(label?.digest)
})

test('macro-F1 as the metric changes the score and the digest, not the predictions', async () => {
  const model = models.get('digits-cnn.onnx') as OnnxModel
  const dataset = await loadDatasetFile(join(assets, 'digits-test.csv'))
  const accuracy = await evaluateModel({ model, dataset })
  const macroF1 = await evaluateModel({ model, dataset, metric: 'macro-f1' })
  expect(macroF1.predictions).toEqual(accuracy.predictions)
  expect(macroF1.score).toBe(Math.round(expected['digits-cnn'].macroF1 * 100))
  expect(macroF1.digest).not.toBe(accuracy.digest)
})

describe('loading by CID through a storage adapter', () => {
  let directory: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'daimm-eval-store-'))
  })
  afterAll(() => rm(directory, { recursive: true, force: true }))

  test('the model and dataset read back verified give the same evaluation', async () => {
    const store = createLocalStore({ directory })
    const modelBytes = await readFile(join(assets, 'iris-mlp.onnx'))
    const dataBytes = await readFile(join(assets, 'iris-test.csv'))
    const { cid: modelCid } = await store.put(modelBytes)
    const { cid: dataCid } = await store.put(dataBytes, { profile: 'unixfs-v0-2015' })
    const model = await loadModel({ cid: modelCid, reader: store })
    try {
      expect(model.name).toBe(`model ${modelCid}`)
      expect(model.fingerprint).toBe(await fingerprint(modelBytes))
      const dataset = await loadDataset({ cid: dataCid.toString(), reader: store })
      // A dataset read by CID keeps that CID, here a CIDv0.
      expect(dataset.cid.toString()).toBe(dataCid.toString())
      expect(dataset.cid.toString()).toMatch(/^Qm/)
      const byCid = await evaluateModel({ model, dataset })
      const byFile = await evaluateModel({
        model: models.get('iris-mlp.onnx') as OnnxModel,
        dataset: await loadDatasetFile(join(assets, 'iris-test.csv')),
      })
      expect(byCid.accuracy).toBe(expected['iris-mlp'].accuracy)
      // The same bytes imported with another profile (dag-pb leaves, not raw) have another CID:
      // the digest names the dataset the round names, so it differs; the predictions do not.
      expect(byCid.datasetCid).not.toBe(byFile.datasetCid)
      expect(byCid.digest).not.toBe(byFile.digest)
      expect(byCid.predictions).toEqual(byFile.predictions)
    } finally {
      await model.release()
    }
  })
})
