/**
 * `npm run bench:eval` (and `npm run bench:sdk` at the root): evaluation throughput of the bundled
 * models with onnxruntime-web (WebAssembly, one thread), in samples per second, batched (the
 * default batch size) against one sample per inference call. Target (issue 8): batched ≥ 5× one
 * at a time for the Iris MLP; exits 1 if it is missed. The digits CNN is reported too, without a
 * target: a call costs about as much as the MLP's, but each 8×8 image then costs a few µs of
 * convolution that batching cannot share (onnxruntime's Conv runs image by image), which bounds
 * its ratio near 4–5×. Not part of `npm test`.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatTable } from '../src/cli/format.js'
import { DEFAULT_BATCH_SIZE, evaluateModel, loadDataset } from '../src/eval/index.js'
import { loadModelFile } from '../src/eval/node.js'

const assets = join(dirname(fileURLToPath(import.meta.url)), '../assets/eval')
const ROUNDS = 5
const TARGET_RATIO = 5
/** Each dataset is repeated up to about this many samples, so that a run lasts long enough to time. */
const SAMPLES = 10_000

const benchmarks = [
  { model: 'iris-mlp.onnx', data: 'iris-test.csv', what: 'MLP, [4], skl2onnx', target: true },
  {
    model: 'digits-cnn.onnx',
    data: 'digits-test.csv',
    what: 'CNN, [1, 8, 8], torch',
    target: false,
  },
]

/** The dataset's rows repeated to about `SAMPLES` samples, as one CSV. */
async function repeated(file: string) {
  const [header, ...rows] = (await readFile(join(assets, file), 'utf8')).trimEnd().split('\n')
  const times = Math.max(1, Math.round(SAMPLES / rows.length))
  const text = [header, ...Array.from({ length: times }, () => rows).flat()].join('\n')
  return loadDataset(text, { name: `${file} ×${times}` })
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0
}

console.log(
  `evaluation throughput: onnxruntime-web, one thread, median of ${ROUNDS} runs after a warm-up\n`,
)
const rows: string[][] = []
let met = true
for (const { model: modelFile, data, what, target } of benchmarks) {
  const model = await loadModelFile(join(assets, modelFile))
  const dataset = await repeated(data)
  const speeds = { batched: [] as number[], single: [] as number[] }
  let digests = new Set<string>()
  for (let round = 0; round <= ROUNDS; round++)
    for (const [mode, batchSize] of [
      ['batched', DEFAULT_BATCH_SIZE],
      ['single', 1],
    ] as const) {
      const result = await evaluateModel({ model, dataset, batchSize })
      digests = digests.add(result.digest)
      // Round 0 warms up the JIT and the runtime's allocations.
      if (round > 0) speeds[mode].push((dataset.n / result.latencyMs.total) * 1000)
    }
  await model.release()
  if (digests.size !== 1) throw new Error(`${modelFile}: batch sizes gave different digests`)
  const batched = median(speeds.batched)
  const single = median(speeds.single)
  const ratio = batched / single
  if (target) met &&= ratio >= TARGET_RATIO
  rows.push([
    `${modelFile} (${what})`,
    dataset.n.toLocaleString('en-US'),
    Math.round(batched).toLocaleString('en-US'),
    Math.round(single).toLocaleString('en-US'),
    `${ratio.toFixed(1)}×${target ? (ratio >= TARGET_RATIO ? ' ok' : ' MISSED') : ' (no target)'}`,
  ])
}
console.log(
  formatTable(
    [
      'model',
      'samples',
      `batched (${DEFAULT_BATCH_SIZE}) /s`,
      'one at a time /s',
      `ratio (target ≥ ${TARGET_RATIO}×)`,
    ],
    rows,
  ),
)
console.log(
  [
    '',
    '  Target for the Iris MLP. The CNN spends a few µs per image in convolution, which batching',
    '  cannot share, so its ratio is bounded near 4–5×. Each model gave one digest in every run:',
    '  batching does not change predictions.',
  ].join('\n'),
)
process.exitCode = met ? 0 : 1
