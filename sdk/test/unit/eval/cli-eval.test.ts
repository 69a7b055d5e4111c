import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bundleCli } from '../../support/cli.js'
import { assets, expected } from './assets.js'

let daimm: Awaited<ReturnType<typeof bundleCli>>['run']
let daimmInTerminal: Awaited<ReturnType<typeof bundleCli>>['runInTerminal']
let removeCli: () => Promise<void>
let directory: string

const iris = join(assets, 'iris-mlp.onnx')
const irisData = join(assets, 'iris-test.csv')
const digits = join(assets, 'digits-cnn.onnx')
const digitsData = join(assets, 'digits-test.csv')

beforeAll(async () => {
  const cli = await bundleCli()
  daimm = cli.run
  daimmInTerminal = cli.runInTerminal
  removeCli = cli.remove
  directory = await mkdtemp(join(tmpdir(), 'daimm-cli-eval-'))
}, 60_000)
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
  await removeCli()
})

describe('daimm eval', () => {
  test.each([
    ['iris-mlp', iris, irisData, []],
    ['digits-cnn', digits, digitsData, ['--input-shape', '1,8,8', '--batch', '64']],
  ] as const)('prints the %s evaluation as JSON', async (name, model, data, args) => {
    const { code, stdout, stderr } = await daimm('eval', model, '--data', data, ...args, '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    expect(Object.keys(result)).toEqual([
      'accuracy',
      'macroF1',
      'n',
      'confusion',
      'perClass',
      'latencyMs',
      'digest',
      'score',
    ])
    expect(result.accuracy).toBe(expected[name].accuracy)
    expect(result.macroF1).toBeCloseTo(expected[name].macroF1, 14)
    expect(result.n).toBe(expected[name].n)
    expect(result.score).toBe(Math.round(expected[name].accuracy * 100))
    expect(result.digest).toMatch(/^0x[0-9a-f]{64}$/)
    expect(Object.keys(result.latencyMs)).toEqual(['total', 'perSample'])
    expect(Object.keys(result.perClass[0])).toEqual([
      'class',
      'precision',
      'recall',
      'f1',
      'support',
    ])
  })

  test('the same digest in two processes', async () => {
    const runs = await Promise.all(
      [0, 1].map(() => daimm('eval', iris, '--data', irisData, '--json')),
    )
    const [first, second] = runs.map(({ stdout }) => JSON.parse(stdout).digest)
    expect(first).toBe(second)
  })

  test('prints a readable summary by default, without a progress bar when stderr is not a terminal', async () => {
    const { code, stdout, stderr } = await daimm('eval', iris, '--data', irisData)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^iris-mlp\.onnx on iris-test\.csv: 50 samples\n/)
    expect(stdout).toMatch(/\n {2}accuracy {3}96\.00% \(48 of 50\)\n {2}macro-F1 {3}0\.9596\n/)
    expect(stdout).toMatch(/\n {2}score {6}96 \(accuracy, 1–100\)\n/)
    expect(stdout).toMatch(
      /\n {2}latency {4}[\d.]+ ms total, [\d.e-]+ ms per sample \(batches of 256\)\n/,
    )
    expect(stdout).toMatch(/\n {2}output {5}label \(class labels\)\n/)
    expect(stdout).toMatch(
      /\n {2}runtime {4}onnxruntime-web@1\.30\.0\n {2}digest {5}0x[0-9a-f]{64}\n/,
    )
    expect(stdout).toMatch(/\n {2}class {2}precision {2}recall {2}F1 {6}support\n/)
    expect(stdout).toMatch(/\n {2}1 {6}0\.9412 {5}0\.9412 {2}0\.9412 {2}17\n/)
    expect(stdout).toMatch(/confusion matrix \(rows: true class, columns: predicted class\)\n/)
    expect(stdout).toMatch(/\n {2}1 {2}0 {3}16 {2}1\n/)
  })

  test.skipIf(!existsSync('/usr/bin/script'))(
    'draws a progress bar on a terminal, then clears it',
    async () => {
      const { code, stdout } = await daimmInTerminal(
        'eval',
        digits,
        '--data',
        digitsData,
        '--batch',
        '8',
      )
      expect(code).toBe(0)
      expect(stdout).toMatch(/\revaluating digits-cnn\.onnx █*░* +\d+% {2}[\d,]+ \/ 450 samples/)
      expect(stdout).toMatch(/100% {2}450 \/ 450 samples {2}[\d,]+\/s/)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's erase-line code
      expect(stdout).toMatch(/\r\x1b\[K[^\r]*digits-cnn\.onnx on digits-test\.csv: 450 samples/)
    },
  )

  test.each([
    ['no model', ['eval'], 2, /^daimm eval: daimm eval needs a model file\.\n\nUsage: daimm eval/],
    ['no dataset', ['eval', iris], 2, /^daimm eval: daimm eval needs a dataset: --data <file>\./],
    ['two models', ['eval', iris, iris, '--data', irisData], 2, /takes one model, but got 2/],
    [
      'a bad shape',
      ['eval', iris, '--data', irisData, '--input-shape', '2,x'],
      2,
      /--input-shape takes whole dimensions of at least 1 separated by commas, not "2,x"\./,
    ],
    [
      'a zero batch',
      ['eval', iris, '--data', irisData, '--batch', '0'],
      2,
      /--batch takes a whole number of at least 1, not 0\./,
    ],
    [
      'an unknown metric',
      ['eval', iris, '--data', irisData, '--metric', 'f1'],
      2,
      /Unknown metric "f1"\.\n\nUse --metric accuracy or --metric macro-f1\./,
    ],
    [
      'an unknown output',
      ['eval', iris, '--data', irisData, '--output', 'prob'],
      1,
      /^daimm eval: iris-mlp\.onnx has no output named "prob"\.\n\nIts outputs: "label", "probabilities"\./,
    ],
    [
      'a shape that does not fit the model',
      ['eval', digits, '--data', digitsData, '--input-shape', '64'],
      1,
      /^daimm eval: digits-cnn\.onnx's input pixels has shape \[batch, 1, 8, 8\] \(4 dimensions\), but a batch of samples of shape \[64\] has 2\./,
    ],
    [
      'a dataset that does not fit the model',
      ['eval', iris, '--data', digitsData],
      1,
      /^daimm eval: iris-mlp\.onnx's input features takes samples of shape \[4\] \(4 values\), but each sample of digits-test\.csv has 64 features\./,
    ],
    [
      'a file that is not a model',
      ['eval', irisData, '--data', irisData],
      1,
      /^daimm eval: iris-test\.csv is not an ONNX model\.\n/,
    ],
    [
      'a missing model',
      ['eval', 'nope.onnx', '--data', irisData],
      1,
      /^daimm eval: No such file: nope\.onnx\./,
    ],
  ])('fails on %s, with one line saying why and no stack trace', async (_, args, exit, message) => {
    const { code, stdout, stderr } = await daimm(...args)
    expect(code).toBe(exit)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    expect(stderr).not.toMatch(/\n\s+at /)
  })

  test('names the line of a non-numeric cell, and an empty dataset', async () => {
    const bad = join(directory, 'bad.csv')
    await writeFile(bad, 'a,b,c,d,label\n1,2,3,4,0\n1,2,three,4,1\n')
    const empty = join(directory, 'empty.csv')
    await writeFile(empty, 'a,b,c,d,label\n')
    const nonNumeric = await daimm('eval', iris, '--data', bad)
    expect(nonNumeric.code).toBe(1)
    expect(nonNumeric.stderr).toMatch(
      /^daimm eval: Line 3 of bad\.csv: "three" in column "c" is not a number\.\n/,
    )
    const none = await daimm('eval', iris, '--data', empty)
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(
      /^daimm eval: empty\.csv is empty: it has a header but no samples\./,
    )
  })

  test('--debug adds the stack trace', async () => {
    const { code, stderr } = await daimm(
      'eval',
      iris,
      '--data',
      irisData,
      '--output',
      'x',
      '--debug',
    )
    expect(code).toBe(1)
    expect(stderr).toMatch(/^UnknownModelOutputError: iris-mlp\.onnx has no output named "x"\./)
    expect(stderr).toMatch(/\n\s+at /)
    expect(stderr).toMatch(/\ndaimm eval: iris-mlp\.onnx has no output named "x"\./)
  })

  test('is listed in daimm --help, with its own help', async () => {
    expect((await daimm('--help')).stdout).toMatch(/\n {2}eval {2,}Evaluate an ONNX classifier/)
    const { code, stdout } = await daimm('eval', '--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Usage: daimm eval <model\.onnx> --data <file> \[options\]/)
  })
})
