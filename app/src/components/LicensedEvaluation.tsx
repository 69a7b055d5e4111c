import { type ModelDetail, useDaimmAccount, useLicensedModel } from '@daimm/react'
import { useAccount } from 'wagmi'
import { licensedErrorText, licensingOptions } from '../licensed'
import { EvaluateInBrowser } from './EvaluateInBrowser'

/**
 * "Evaluate in your browser" for an encrypted model: a licensee's wallet signs the key request, the
 * page decrypts the model (checked against its id) and hands the bytes to the evaluation worker. A
 * visitor without a license is told to buy one.
 */
export function LicensedEvaluation({
  model,
  datasetCid,
  metric,
  consensus,
  committeeDigest,
  headingLevel = 4,
}: {
  model: ModelDetail
  datasetCid: string
  metric: 'accuracy' | 'macro-f1'
  consensus: number | null
  committeeDigest?: string | null | undefined
  headingLevel?: 3 | 4
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  const { address } = useAccount()
  const account = useDaimmAccount(address, { refetchInterval: 5000 })
  const licensed = useLicensedModel(licensingOptions)
  const now = Date.now() / 1000
  const holds = account.data?.licenses.some(
    (l) =>
      l.modelId.toLowerCase() === model.id.toLowerCase() &&
      (l.expiresAt === '0' || Number(l.expiresAt) > now),
  )
  if (!address || !holds)
    return (
      <div className="evaluate" data-testid="needs-license">
        <Heading>Evaluate in your browser</Heading>
        <p>
          This model is encrypted: the gateway releases its key to license holders only, so only a
          licensee can evaluate it here.{' '}
          {!address
            ? 'Connect the wallet that holds a license, or buy one: '
            : account.isPending
              ? 'Checking your licenses… '
              : 'Your wallet holds no license for it; buy one: '}
          <a href="#offers-title">see the offers</a>.
        </p>
      </div>
    )
  return (
    <EvaluateInBrowser
      modelName={model.card.name ?? 'the model'}
      modelCid={model.artifactCid}
      datasetCid={datasetCid}
      metric={metric}
      consensus={consensus}
      committeeDigest={committeeDigest}
      headingLevel={headingLevel}
      intro={
        <p>
          You hold a license: your wallet signs a key request, the gateway wraps the model's key to
          a key of this page, and the page fetches the ciphertext by CID (verified), decrypts it,
          checks its SHA-256 against the model id, and evaluates it with onnxruntime-web in a
          worker.
        </p>
      }
      loadModel={async (onProgress) => {
        try {
          const { bytes } = await licensed.mutateAsync({
            modelId: model.id as `0x${string}`,
            onProgress: (p) =>
              onProgress(
                p.stage === 'key'
                  ? { type: 'progress', stage: 'key', done: 0, total: null }
                  : { type: 'progress', stage: 'decrypt', done: p.done, total: p.total },
              ),
          })
          return bytes
        } catch (error) {
          throw new Error(licensedErrorText(error))
        }
      }}
    />
  )
}
