import { encodeAbiParameters, keccak256, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { CID, computeCid } from '../../../src/cid/index.js'
import {
  computeMetrics,
  EvaluationError,
  evaluationDigest,
  evaluationDigestParameters,
  evaluationScore,
  metricId,
} from '../../../src/eval/index.js'

describe('computeMetrics', () => {
  test('a hand-checked case: accuracy, per-class precision and recall, macro-F1, confusion', () => {
    // true:      0 0 0 1 1 2
    // predicted: 0 0 1 1 2 2
    const m = computeMetrics([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2])
    expect(m.n).toBe(6)
    expect(m.correct).toBe(4)
    expect(m.accuracy).toBe(4 / 6)
    expect(m.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ])
    // class 0: 2 of 2 predictions right, 2 of 3 samples found; class 1: 1 of 2, 1 of 2; class 2: 1 of 2, 1 of 1.
    expect(m.perClass).toEqual([
      { class: 0, precision: 1, recall: 2 / 3, f1: 0.8, support: 3 },
      { class: 1, precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      { class: 2, precision: 0.5, recall: 1, f1: 2 / 3, support: 1 },
    ])
    // scikit-learn 1.9.1: f1_score(y, p, average='macro') == 0.6555555555555556
    expect(m.macroF1).toBe(0.6555555555555556)
  })

  test('macro-F1 averages the classes seen among labels or predictions, as scikit-learn', () => {
    const m = computeMetrics([0, 0, 3, 3], [0, 3, 3, 3], 5)
    expect(m.confusion).toHaveLength(5)
    expect(m.perClass.map((c) => c.support)).toEqual([2, 0, 0, 2, 0])
    // scikit-learn 1.9.1: f1_score([0, 0, 3, 3], [0, 3, 3, 3], average='macro') == 0.7333333333333334
    expect(m.macroF1).toBe(0.7333333333333334)
  })

  test('a class never predicted has precision 0, not NaN', () => {
    const m = computeMetrics([0, 1], [0, 0])
    expect(m.perClass[1]).toEqual({ class: 1, precision: 0, recall: 0, f1: 0, support: 1 })
  })

  test('rejects mismatched lengths, no samples and classes that are not whole numbers from 0', () => {
    expect(() => computeMetrics([0, 1], [0])).toThrow(/2 labels but 1 predictions/)
    expect(() => computeMetrics([], [])).toThrow(EvaluationError)
    expect(() => computeMetrics([0, -1], [0, 0])).toThrow(/class -1 at index 1/)
    expect(() => computeMetrics([0, 1.5], [0, 0])).toThrow(/class 1\.5/)
  })
})

describe('evaluationScore', () => {
  test.each([
    ['accuracy', { correct: 48, n: 50, macroF1: 0 }, 96],
    // 0.955 exactly: half up, from integers (0.955 * 100 in doubles is 95.49999999999999).
    ['accuracy', { correct: 191, n: 200, macroF1: 0 }, 96],
    ['accuracy', { correct: 189, n: 200, macroF1: 0 }, 95],
    ['accuracy', { correct: 0, n: 50, macroF1: 0 }, 1],
    ['accuracy', { correct: 1, n: 1000, macroF1: 0 }, 1],
    ['accuracy', { correct: 50, n: 50, macroF1: 0 }, 100],
    ['macro-f1', { correct: 0, n: 50, macroF1: 0.6555555555555556 }, 66],
    ['macro-f1', { correct: 0, n: 50, macroF1: 0 }, 1],
    ['macro-f1', { correct: 50, n: 50, macroF1: 1 }, 100],
  ] as const)('%s %o → %i', (metric, metrics, score) => {
    expect(evaluationScore(metric, metrics)).toBe(score)
  })
})

describe('evaluationDigest', () => {
  const modelFingerprint = `0x${'11'.repeat(32)}` as const
  const runtime = 'onnxruntime-web@1.30.0'

  test('is keccak256 of the abi.encode that docs/eval.md specifies, word by word', async () => {
    const { cid } = await computeCid(new TextEncoder().encode('hello'))
    const word = (hex: string) => hex.padStart(64, '0')
    const padRight = (hex: string) => hex.padEnd(Math.ceil(hex.length / 64) * 64, '0')
    const cidHex = toHex(cid.bytes).slice(2) // 36 bytes: CIDv1, raw, sha2-256
    const runtimeHex = toHex(runtime).slice(2) // 22 bytes
    const encoded = `0x${[
      // head: bytes32, offset of bytes, bytes32, offset of string, offset of uint256[]
      '11'.repeat(32),
      word((5 * 32).toString(16)),
      padRight(toHex('accuracy').slice(2)),
      word((5 * 32 + 32 + 64).toString(16)),
      word((5 * 32 + 32 + 64 + 32 + 32).toString(16)),
      // tail: the CID's length and bytes, the runtime's length and bytes, the predictions
      word((36).toString(16)),
      padRight(cidHex),
      word((22).toString(16)),
      padRight(runtimeHex),
      word('3'),
      word('1'),
      word('0'),
      word('2'),
    ].join('')}` as const
    const digest = evaluationDigest({
      modelFingerprint,
      datasetCid: cid,
      metric: 'accuracy',
      runtime,
      predictions: [1, 0, 2],
    })
    expect(digest).toBe(keccak256(encoded))
    expect(
      encodeAbiParameters(evaluationDigestParameters, [
        modelFingerprint,
        toHex(cid.bytes),
        metricId('accuracy'),
        runtime,
        [1n, 0n, 2n],
      ]),
    ).toBe(encoded)
  })

  test('a CIDv0 and its CIDv1 name the same dataset, so give the same digest', () => {
    const parameters = { modelFingerprint, metric: 'accuracy', runtime, predictions: [0] } as const
    const v0 = CID.parse('QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u')
    expect(evaluationDigest({ ...parameters, datasetCid: v0 })).toBe(
      evaluationDigest({ ...parameters, datasetCid: v0.toV1().toString() }),
    )
  })

  test('changes with every field', async () => {
    const base = {
      modelFingerprint,
      datasetCid: 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq',
      metric: 'accuracy',
      runtime,
      predictions: [0, 1],
    } as const
    const digests = new Set([
      evaluationDigest(base),
      evaluationDigest({ ...base, modelFingerprint: `0x${'12'.repeat(32)}` }),
      evaluationDigest({
        ...base,
        datasetCid: 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e',
      }),
      evaluationDigest({ ...base, metric: 'macro-f1' }),
      evaluationDigest({ ...base, runtime: 'onnxruntime-web@1.29.0' }),
      evaluationDigest({ ...base, predictions: [1, 0] }),
    ])
    expect(digests.size).toBe(6)
  })

  test('rejects a malformed fingerprint, an unknown metric and predictions that are not classes', () => {
    const base = {
      modelFingerprint,
      datasetCid: 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq',
      metric: 'accuracy',
      runtime,
      predictions: [0],
    } as const
    expect(() => evaluationDigest({ ...base, modelFingerprint: '0x1234' })).toThrow(
      /not 32 bytes of hex/,
    )
    expect(() => evaluationDigest({ ...base, metric: 'f1' as 'accuracy' })).toThrow(
      /Unknown metric "f1": use accuracy or macro-f1/,
    )
    expect(() => evaluationDigest({ ...base, predictions: [-1] })).toThrow(/Prediction -1/)
  })
})
