/// <reference lib="webworker" />
/**
 * The evaluation worker: reads the model and the benchmark by CID (each chunk verified against the
 * CID by the SDK's gateway reader), then runs onnxruntime-web (WebAssembly, one thread) through
 * `@daimm/sdk/eval`, exactly as validators do, and posts progress and the result. onnxruntime-web
 * is in this worker's bundle only, so the page loads it when an evaluation starts.
 */
import { evaluateModel, loadDataset, loadModel } from '@daimm/sdk/eval'
import { createGatewayReader } from '@daimm/sdk/storage'
import type { EvaluateRequest, WorkerMessage } from './protocol'

const post = (message: WorkerMessage) => (self as DedicatedWorkerGlobalScope).postMessage(message)

async function read(ipfsUrl: string, cid: string, stage: 'model' | 'dataset'): Promise<Uint8Array> {
  const reader = createGatewayReader({ url: ipfsUrl })
  // The size, for the progress bar; the reader streams and verifies the content itself.
  const head = await fetch(new URL(`ipfs/${cid}`, ipfsUrl), { method: 'HEAD' }).catch(() => null)
  const length = Number(head?.headers.get('content-length') ?? Number.NaN)
  const total = Number.isFinite(length) ? length : null
  const chunks: Uint8Array[] = []
  let done = 0
  post({ type: 'progress', stage, done, total })
  for await (const chunk of reader.cat(cid)) {
    chunks.push(chunk)
    done += chunk.byteLength
    post({ type: 'progress', stage, done, total })
  }
  const bytes = new Uint8Array(done)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}

self.onmessage = async (event: MessageEvent<EvaluateRequest>) => {
  const request = event.data
  try {
    const [modelBytes, datasetBytes] = [
      request.modelBytes ?? (await read(request.ipfsUrl, request.modelCid, 'model')),
      await read(request.ipfsUrl, request.datasetCid, 'dataset'),
    ]
    post({ type: 'progress', stage: 'runtime', done: 0, total: null })
    const model = await loadModel(modelBytes, { name: request.modelName })
    try {
      const dataset = await loadDataset(datasetBytes, { name: 'the benchmark' })
      const result = await evaluateModel({
        model,
        dataset,
        metric: request.metric,
        onProgress: (done, total) => post({ type: 'progress', stage: 'evaluate', done, total }),
      })
      post({
        type: 'result',
        result: {
          n: result.n,
          correct: result.correct,
          accuracy: result.accuracy,
          macroF1: result.macroF1,
          confusion: result.confusion,
          score: result.score,
          digest: result.digest,
          modelFingerprint: result.modelFingerprint,
          runtime: result.runtime,
          latencyMs: result.latencyMs.total,
          output: result.output.name,
        },
      })
    } finally {
      await model.release()
    }
  } catch (error) {
    const e = error as { shortMessage?: string; message?: string; metaMessages?: string[] }
    post({
      type: 'error',
      message: [e?.shortMessage ?? e?.message ?? String(error), ...(e?.metaMessages ?? [])].join(
        ' ',
      ),
    })
  }
}
