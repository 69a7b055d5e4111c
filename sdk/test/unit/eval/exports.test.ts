import { expect, test } from 'vitest'
import * as evaluation from '../../../src/eval/index.js'
import * as evaluationNode from '../../../src/eval/node.js'

// Pins the public API of the evaluation entries: an export added or removed shows up here.
test('@daimm/sdk/eval exports', () => {
  expect(Object.keys(evaluation).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_BATCH_SIZE",
      "EvaluationError",
      "InvalidDatasetError",
      "InvalidModelError",
      "ModelInputMismatchError",
      "RuntimeMissingError",
      "UnknownModelOutputError",
      "UnsupportedModelOutputError",
      "computeMetrics",
      "evaluateModel",
      "evaluationDigest",
      "evaluationDigestParameters",
      "evaluationMetrics",
      "evaluationScore",
      "loadDataset",
      "loadModel",
      "metricId",
      "runtimeVersion",
    ]
  `)
})

test('@daimm/sdk/eval/node exports', () => {
  expect(Object.keys(evaluationNode).sort()).toMatchInlineSnapshot(`
    [
      "loadDatasetFile",
      "loadModelFile",
      "useInstalledRuntime",
    ]
  `)
})
