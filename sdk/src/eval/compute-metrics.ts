import { EvaluationError } from './errors.js'

/** Precision, recall and F1 of one class (0 where undefined: no prediction or no sample of it). */
export type ClassMetrics = {
  class: number
  precision: number
  recall: number
  f1: number
  /** Samples of this class in the dataset. */
  support: number
}

export type ComputeMetricsReturnType = {
  /** Number of samples. */
  n: number
  /** Samples predicted right. */
  correct: number
  /** `correct / n`. */
  accuracy: number
  /**
   * The unweighted mean of the per-class F1, over the classes that occur among the labels or the
   * predictions (as scikit-learn's `f1_score(average='macro')`).
   */
  macroF1: number
  /** One entry per class, 0 to `classCount − 1`. */
  perClass: ClassMetrics[]
  /** `confusion[trueClass][predictedClass]`: number of samples. */
  confusion: number[][]
}

/**
 * Classification metrics of predictions against labels, both class numbers from 0: accuracy,
 * macro-F1, per-class precision, recall and F1, and the confusion matrix. Every figure is computed
 * in the same order on every machine, so validators get the same numbers.
 *
 * @example
 * const m = computeMetrics([0, 0, 1, 1], [0, 1, 1, 1])
 * m.accuracy // 0.75
 * m.confusion // [[1, 1], [0, 2]]
 */
export function computeMetrics(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  classCount = 0,
): ComputeMetricsReturnType {
  const n = labels.length
  if (predictions.length !== n)
    throw new EvaluationError(
      `computeMetrics got ${n} labels but ${predictions.length} predictions: it needs one prediction per label.`,
    )
  if (n === 0)
    throw new EvaluationError('computeMetrics got no samples: metrics need at least one.')
  let classes = classCount
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? 0
    const predicted = predictions[i] ?? 0
    for (const value of [label, predicted])
      if (!Number.isInteger(value) || value < 0)
        throw new EvaluationError(
          `computeMetrics got class ${value} at index ${i}: classes are integers from 0.`,
        )
    classes = Math.max(classes, label + 1, predicted + 1)
  }
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  let correct = 0
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? 0
    const predicted = predictions[i] ?? 0
    const row = confusion[label]
    if (row) row[predicted] = (row[predicted] ?? 0) + 1
    if (label === predicted) correct++
  }
  const perClass: ClassMetrics[] = []
  let f1Sum = 0
  let present = 0
  for (let k = 0; k < classes; k++) {
    const truePositives = confusion[k]?.[k] ?? 0
    const support = sum(confusion[k] ?? [])
    const predicted = confusion.reduce((total, row) => total + (row[k] ?? 0), 0)
    const precision = predicted === 0 ? 0 : truePositives / predicted
    const recall = support === 0 ? 0 : truePositives / support
    // 2·TP / (2·TP + FP + FN): the harmonic mean of precision and recall, as scikit-learn computes it.
    const f1 = support + predicted === 0 ? 0 : (2 * truePositives) / (support + predicted)
    perClass.push({ class: k, precision, recall, f1, support })
    if (support > 0 || predicted > 0) {
      f1Sum += f1
      present++
    }
  }
  return { n, correct, accuracy: correct / n, macroF1: f1Sum / present, perClass, confusion }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
