/**
 * `@daimm/sdk/eval`: evaluates ONNX classifiers on labelled datasets with onnxruntime-web
 * (WebAssembly), as validators do in a scoring round — metrics, latency, the 1–100 score and a
 * digest that honest validators reproduce bit for bit. Browser-safe: no Node.js built-in is
 * imported (`@daimm/sdk/eval/node` reads models and datasets from files). See docs/eval.md.
 */
export {
  type ClassMetrics,
  type ComputeMetricsReturnType,
  computeMetrics,
} from './compute-metrics.js'
export {
  EvaluationError,
  type EvaluationErrorParameters,
  InvalidDatasetError,
  InvalidModelError,
  ModelInputMismatchError,
  UnknownModelOutputError,
  UnsupportedModelOutputError,
} from './errors.js'
export {
  DEFAULT_BATCH_SIZE,
  type EvaluateModelParameters,
  type EvaluateModelReturnType,
  evaluateModel,
} from './evaluate-model.js'
export {
  type EvaluationDigestParameters,
  type EvaluationMetric,
  evaluationDigest,
  evaluationDigestParameters,
  evaluationMetrics,
  metricId,
} from './evaluation-digest.js'
export { evaluationScore } from './evaluation-score.js'
export {
  type Dataset,
  type DatasetFormat,
  type DatasetSource,
  type LoadDatasetOptions,
  loadDataset,
} from './load-dataset.js'
export {
  type LoadModelOptions,
  loadModel,
  type ModelSource,
  type ModelValueInfo,
  type OnnxModel,
} from './load-model.js'
export { RuntimeMissingError, runtimeVersion } from './runtime.js'
