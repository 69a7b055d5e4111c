import { type Evaluation, type ModelDetail, useRound } from '@daimm/react'
import { hexToString } from 'viem'
import { serial, short } from '../format'
import { cardBenchmarks, encryptionOf } from '../licensed'
import { EvaluateInBrowser } from './EvaluateInBrowser'
import { LicensedEvaluation } from './LicensedEvaluation'

export function metricName(metricId: string): 'accuracy' | 'macro-f1' | string {
  try {
    return hexToString(metricId as `0x${string}`, { size: 32 }).replace(/\0+$/, '')
  } catch {
    return short(metricId)
  }
}

/** Scores per benchmark from finalized rounds: the committee's consensus and spread, and your own run. */
export function EvaluationPanel({ model }: { model: ModelDetail }) {
  // The latest round per benchmark.
  const latest = new Map<string, Evaluation>()
  for (const e of model.evaluations) if (!latest.has(e.benchmarkId)) latest.set(e.benchmarkId, e)
  return (
    <section aria-labelledby="evaluations-title">
      <h2 id="evaluations-title">Evaluations</h2>
      {latest.size === 0 ? (
        <>
          <p>
            No finalized scoring round yet. Anyone can open one with a budget; validators drawn by
            stake evaluate the model and reach a consensus.
          </p>
          {/* An encrypted model's card names the benchmark a licensee can run it on. */}
          {model.kind === 'model' && encryptionOf(model) && cardBenchmarks(model)[0] && (
            <LicensedEvaluation
              model={model}
              datasetCid={cardBenchmarks(model)[0]?.datasetCid as string}
              metric={cardBenchmarks(model)[0]?.metric ?? 'accuracy'}
              consensus={null}
              headingLevel={3}
            />
          )}
        </>
      ) : (
        [...latest.values()].map((e) => (
          <BenchmarkEvaluation key={e.benchmarkId} evaluation={e} model={model} />
        ))
      )}
    </section>
  )
}

function BenchmarkEvaluation({
  evaluation,
  model,
}: {
  evaluation: Evaluation
  model: ModelDetail
}) {
  const round = useRound(evaluation.roundId)
  const metric = metricName(evaluation.metricId)
  const scores = (round.data?.members ?? [])
    .map((m) => m.score)
    .filter((s): s is number => s !== null)
  return (
    <div className="benchmark">
      <h3>
        Benchmark <code title={evaluation.benchmarkId}>{short(evaluation.benchmarkId)}</code> ·{' '}
        {metric}
      </h3>
      <dl className="facts">
        <div>
          <dt>Committee consensus</dt>
          <dd className="big">{evaluation.score}</dd>
        </div>
        <div>
          <dt>Agreement band</dt>
          <dd>
            {evaluation.bandLow ?? '–'} to {evaluation.bandHigh ?? '–'}
          </dd>
        </div>
        <div>
          <dt>Revealed scores</dt>
          <dd>{scores.length ? scores.join(', ') : round.isPending ? 'loading…' : 'none'}</dd>
        </div>
        <div>
          <dt>Committee's digest</dt>
          <dd>
            <code className="wrap" data-testid="committee-digest">
              {evaluation.digest ?? 'no majority'}
            </code>
          </dd>
        </div>
        <div>
          <dt>Round</dt>
          <dd>{serial(evaluation.roundId)}</dd>
        </div>
        <div>
          <dt>Dataset CID</dt>
          <dd>
            <code className="wrap">{evaluation.datasetCid}</code>
          </dd>
        </div>
      </dl>
      {model.kind === 'model' && encryptionOf(model) && (
        <LicensedEvaluation
          model={model}
          datasetCid={evaluation.datasetCid}
          metric={metric === 'macro-f1' ? 'macro-f1' : 'accuracy'}
          consensus={evaluation.score}
          committeeDigest={evaluation.digest}
        />
      )}
      {model.kind === 'model' && !encryptionOf(model) && (
        <EvaluateInBrowser
          modelName={model.card.name ?? 'the model'}
          modelCid={model.artifactCid}
          datasetCid={evaluation.datasetCid}
          metric={metric === 'macro-f1' ? 'macro-f1' : 'accuracy'}
          consensus={evaluation.score}
          committeeDigest={evaluation.digest}
        />
      )}
    </div>
  )
}
