import { type LicensedModelProgress, useLicensedModel, useModel } from '@daimm/react'
import { useEffect, useState } from 'react'
import { bytes } from '../format'
import { encryptionOf, licensedErrorText, licensingOptions } from '../licensed'

/**
 * A license of an encrypted model: fetch and decrypt it in the page through key release, show the
 * SHA-256 check against the registered fingerprint (the model id), and save the file.
 */
export function LicensedDownload({ modelId }: { modelId: string }) {
  const model = useModel(modelId)
  const licensed = useLicensedModel(licensingOptions)
  const [progress, setProgress] = useState<LicensedModelProgress | null>(null)
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url])
  if (!model.data || !encryptionOf(model.data)) return null
  const name = model.data.card.name ?? modelId.slice(0, 10)
  const mismatch =
    (licensed.error as { name?: string } | null)?.name === 'LicensedContentMismatchError'
  const fetchAndDecrypt = () => {
    setUrl(null)
    licensed.mutate(
      { modelId: modelId as `0x${string}`, onProgress: setProgress },
      {
        onSuccess: ({ bytes }) =>
          setUrl(
            URL.createObjectURL(
              new Blob([bytes as BlobPart], { type: 'application/octet-stream' }),
            ),
          ),
      },
    )
  }
  return (
    <div className="licensed" data-testid="licensed-download">
      <button type="button" onClick={fetchAndDecrypt} disabled={licensed.isPending}>
        {licensed.isPending ? 'Fetching and decrypting…' : `Fetch and decrypt ${name}`}
      </button>
      {licensed.isPending && progress && (
        <p aria-live="polite">
          {progress.stage === 'key'
            ? 'Asking the gateway for the key: sign the request in your wallet…'
            : `Fetching the ciphertext by CID (verified) and decrypting: ${bytes(progress.done)}${progress.total ? ` of ${bytes(progress.total)}` : ''}`}
        </p>
      )}
      {licensed.isSuccess && (
        <div aria-live="polite">
          <dl className="facts">
            <div>
              <dt>Decrypted</dt>
              <dd>{bytes(licensed.data.bytes.byteLength)}</dd>
            </div>
            <div>
              <dt>SHA-256 of the plaintext</dt>
              <dd>
                <code className="wrap">{licensed.data.fingerprint}</code>
              </dd>
            </div>
          </dl>
          <p className="ok" data-testid="sha256-check">
            ✓ equal to the registered fingerprint (the model id): these are the bytes registered
            on-chain.
          </p>
          {url && (
            <a href={url} download={`${name}.onnx`} data-testid="save-licensed">
              Save {name}.onnx
            </a>
          )}
        </div>
      )}
      {licensed.isError && (
        <>
          {mismatch && (
            <p className="bad" data-testid="sha256-check">
              ✗ different from the registered fingerprint: nothing was kept.
            </p>
          )}
          <p role="alert" className="error">
            {licensedErrorText(licensed.error)}
          </p>
        </>
      )}
    </div>
  )
}
