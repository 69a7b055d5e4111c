import type { ModelDetail } from '@daimm/react'
import { short } from '../format'
import { encryptionOf } from '../licensed'

/** The model card: what the publisher says the model is, and where its bytes are. */
export function ModelCard({ model }: { model: ModelDetail }) {
  const card = model.cardContent ?? {}
  const text = (key: string) => (typeof card[key] === 'string' ? (card[key] as string) : null)
  const name = model.card.name ?? short(model.id)
  const license = text('license')
  const encryption = encryptionOf(model)
  return (
    <article className="card" aria-labelledby="model-name">
      <h1 id="model-name">{name}</h1>
      <p className="lead">{model.card.description ?? 'The model card has not been fetched yet.'}</p>
      {model.card.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {model.card.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
      <dl className="facts wide">
        <div>
          <dt>Author</dt>
          <dd>{model.card.author ?? 'not given'}</dd>
        </div>
        <div>
          <dt>Task</dt>
          <dd>{model.card.task ?? 'not given'}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{model.kind}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{model.status}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>
            <code title={model.owner}>{short(model.owner)}</code>
          </dd>
        </div>
        <div>
          <dt>Registered</dt>
          <dd>{new Date(model.registeredAtIso).toLocaleString('en')}</dd>
        </div>
        {encryption && (
          <div>
            <dt>Encrypted</dt>
            <dd data-testid="encrypted">
              yes ({encryption.format}): the gateway releases the key to license holders only
            </dd>
          </div>
        )}
        <div>
          <dt>{encryption ? 'Artifact CID (ciphertext)' : 'Artifact CID'}</dt>
          <dd>
            <code className="wrap">{model.artifactCid}</code>
          </dd>
        </div>
        <div>
          <dt>Model id</dt>
          <dd>
            <code className="wrap">{model.id}</code>
          </dd>
        </div>
      </dl>
      <h2>License</h2>
      <p>{license ?? 'The card states no license text; the terms of each offer below apply.'}</p>
      {model.card.status !== 'ok' && (
        <p className="note">
          Card status: {model.card.status} (the gateway checks each card against its CID).
        </p>
      )}
    </article>
  )
}
