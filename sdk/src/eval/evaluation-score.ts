import type { ComputeMetricsReturnType } from './compute-metrics.js'
import type { EvaluationMetric } from './evaluation-digest.js'

/**
 * The 1–100 score a validator commits in a scoring round: the metric in percent, rounded half up,
 * and at least 1 (the ScoringManager takes 1 to 100). Accuracy is rounded from the exact fraction
 * `correct / n` in integers, so no floating-point rounding can tip it; macro-F1 is
 * `round(macroF1 × 100)` in double precision.
 *
 * @example
 * evaluationScore('accuracy', { correct: 48, n: 50, macroF1: 0.9596 }) // 96
 * evaluationScore('accuracy', { correct: 0, n: 50, macroF1: 0 }) // 1
 */
export function evaluationScore(
  metric: EvaluationMetric,
  { correct, n, macroF1 }: Pick<ComputeMetricsReturnType, 'correct' | 'n' | 'macroF1'>,
): number {
  // round(100·correct/n) half up = floor((200·correct + n) / (2n)), exact in integers.
  const percent =
    metric === 'accuracy' ? Math.floor((200 * correct + n) / (2 * n)) : Math.round(macroF1 * 100)
  return Math.min(100, Math.max(1, percent))
}
