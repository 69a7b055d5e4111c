import { useEffect, useRef, useState } from 'react'
import { config } from '../config'
import type { EvaluateResult, WorkerMessage } from '../eval/protocol'
import { bytes, percent } from '../format'
import { ConfusionHeatmap } from './ConfusionHeatmap'

type Progress = Extract<WorkerMessage, { type: 'progress' }>

const STAGES = {
  key: 'Asking the gateway for the key (sign the request in your wallet)',
  decrypt: 'Fetching and decrypting the model',
  model: 'Fetching the model',
  dataset: 'Fetching the benchmark',
  runtime: 'Starting onnxruntime-web',
  evaluate: 'Evaluating',
} as const

/**
 * The signature feature: evaluate the model on the committee's benchmark in this browser, with the
 * validators' own code (onnxruntime-web in a Web Worker), and compare the result with the committee's.
 */
export function EvaluateInBrowser({
  modelName,
  modelCid,
  datasetCid,
  metric,
  consensus,
  committeeDigest,
  onResult,
  headingLevel = 4,
  loadModel,
  intro,
}: {
  modelName: string
  modelCid: string
  datasetCid: string
  metric: 'accuracy' | 'macro-f1'
  /** The committee's consensus score, when the round is final. */
  consensus: number | null
  /**
   * The digest the committee agreed on, recorded on-chain at finalization: null when no digest had
   * a majority; undefined when there is no finalized round to compare with (a validator's seat).
   */
  committeeDigest?: string | null | undefined
  onResult?: ((result: EvaluateResult) => void) | undefined
  /** Where the section sits in the page's outline (default 4, under a benchmark's h3). */
  headingLevel?: 3 | 4
  /**
   * Gets the model's bytes in the page before the worker starts (a licensed model: key release and
   * decryption), reporting progress; without it the worker reads `modelCid` itself.
   */
  loadModel?: ((onProgress: (progress: Progress) => void) => Promise<Uint8Array>) | undefined
  /** What the section says before the button (default: fetch by CID, run, compare). */
  intro?: React.ReactNode
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  const [progress, setProgress] = useState<Progress | null>(null)
  const [result, setResult] = useState<EvaluateResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [seconds, setSeconds] = useState<number | null>(null)
  const worker = useRef<Worker | null>(null)
  useEffect(() => () => worker.current?.terminate(), [])
  const running = progress !== null && result === null && error === null

  const start = async () => {
    worker.current?.terminate()
    setResult(null)
    setError(null)
    setSeconds(null)
    const began = performance.now()
    let modelBytes: Uint8Array | undefined
    if (loadModel) {
      setProgress({ type: 'progress', stage: 'key', done: 0, total: null })
      try {
        modelBytes = await loadModel(setProgress)
      } catch (e) {
        setError((e as Error).message)
        return
      }
    }
    const w = new Worker(new URL('../eval/worker.ts', import.meta.url), { type: 'module' })
    worker.current = w
    w.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const m = event.data
      if (m.type === 'progress') setProgress(m)
      else if (m.type === 'result') {
        setResult(m.result)
        onResult?.(m.result)
        setSeconds((performance.now() - began) / 1000)
        w.terminate()
      } else {
        setError(m.message)
        w.terminate()
      }
    }
    w.onerror = (event) => {
      setError(`The evaluation worker failed to start: ${event.message || 'see the console'}.`)
      w.terminate()
    }
    const base = config.ipfsUrl || location.origin
    w.postMessage(
      {
        ipfsUrl: base.endsWith('/') ? base : `${base}/`,
        modelCid,
        modelBytes,
        datasetCid,
        metric,
        modelName,
      },
      modelBytes ? [modelBytes.buffer] : [],
    )
    setProgress({ type: 'progress', stage: modelBytes ? 'dataset' : 'model', done: 0, total: null })
  }

  return (
    <div className="evaluate">
      <Heading>Evaluate in your browser</Heading>
      {intro ?? (
        <p>
          Fetch the model and this benchmark by CID (every byte checked against its CID), run them
          with onnxruntime-web in a worker — the validators' own code — and compare with the
          committee.
        </p>
      )}
      <button type="button" onClick={() => void start()} disabled={running}>
        {result || error ? 'Evaluate again' : 'Evaluate in my browser'}
      </button>
      {running && progress && (
        <div className="progress" aria-live="polite">
          <label htmlFor="eval-progress">
            {STAGES[progress.stage]}
            {progress.stage === 'model' ||
            progress.stage === 'dataset' ||
            progress.stage === 'decrypt'
              ? ` (${bytes(progress.done)}${progress.total ? ` of ${bytes(progress.total)}` : ''}, verified)`
              : progress.stage === 'evaluate'
                ? ` (${progress.done} of ${progress.total} samples)`
                : '…'}
          </label>
          <progress
            id="eval-progress"
            max={progress.total ?? undefined}
            value={progress.total ? progress.done : undefined}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <div className="result" aria-live="polite">
          <dl className="facts">
            <div>
              <dt>Accuracy</dt>
              <dd data-testid="accuracy">
                {percent(result.accuracy)} ({result.correct}/{result.n})
              </dd>
            </div>
            <div>
              <dt>Macro-F1</dt>
              <dd data-testid="macro-f1">{result.macroF1.toFixed(4)}</dd>
            </div>
            <div>
              <dt>Your score</dt>
              <dd data-testid="score">{result.score}</dd>
            </div>
            {consensus !== null && (
              <div>
                <dt>Committee's score</dt>
                <dd>
                  {consensus}{' '}
                  <strong
                    data-testid="score-verdict"
                    className={result.score === consensus ? 'ok' : 'bad'}
                  >
                    {result.score === consensus ? '✓ equal' : '✗ different'}
                  </strong>
                </dd>
              </div>
            )}
            <div>
              <dt>Time</dt>
              <dd>
                {seconds?.toFixed(2)} s ({result.latencyMs.toFixed(1)} ms inference)
              </dd>
            </div>
          </dl>
          <p>
            Digest{' '}
            <code className="wrap" data-testid="digest">
              {result.digest}
            </code>
            <br />
            <small>
              over the model's fingerprint, the benchmark CID, the metric, the runtime (
              {result.runtime}) and every prediction ({result.output}). Honest validators reproduce
              it bit for bit.
            </small>
          </p>
          {committeeDigest === null && (
            <p data-testid="digest-verdict">
              The committee reached no majority on a digest, so there is none to compare with.
            </p>
          )}
          {committeeDigest && (
            <p
              data-testid="digest-verdict"
              className={committeeDigest === result.digest.toLowerCase() ? 'ok' : 'bad'}
            >
              {committeeDigest === result.digest.toLowerCase()
                ? '✓ Equal to the committee’s digest recorded on-chain: same predictions on every sample.'
                : `✗ Different from the committee’s digest recorded on-chain (${committeeDigest}): this run predicted differently (or another model, benchmark or runtime).`}
            </p>
          )}
          <ConfusionHeatmap confusion={result.confusion} />
        </div>
      )}
    </div>
  )
}
