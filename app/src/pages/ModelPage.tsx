import { useModel } from '@daimm/react'
import { EvaluationPanel } from '../components/EvaluationPanel'
import { LineageGraph } from '../components/LineageGraph'
import { Link } from '../components/Link'
import { ModelCard } from '../components/ModelCard'
import { OfferTable } from '../components/OfferTable'
import { short } from '../format'

/** A model: its card, lineage, evaluations (and your own), reviews and offers. */
export default function ModelPage({ id }: { id: string }) {
  // Until the gateway has fetched and checked the card, look again every two seconds.
  const model = useModel(id, {
    refetchInterval: (query) => (query.state.data?.card.status === 'pending' ? 2000 : false),
  })
  if (model.isPending) return <p aria-live="polite">Loading the model…</p>
  if (model.error)
    return (
      <section role="alert" className="error">
        <h1>{model.error.status === 404 ? 'No such model' : 'The model could not be loaded'}</h1>
        <p>{model.error.message}</p>
        <p>
          {model.error.status === 404 ? 'Check the link, or ' : 'Try again in a moment, or '}
          <Link href="/">search the models</Link>.
        </p>
        {model.error.status !== 404 && (
          <button type="button" onClick={() => model.refetch()}>
            Try again
          </button>
        )}
      </section>
    )
  const m = model.data
  return (
    <div className="model-page">
      <ModelCard model={m} />
      <EvaluationPanel model={m} />
      <OfferTable model={m} />
      <section aria-labelledby="reviews-title">
        <h2 id="reviews-title">Reviews</h2>
        <p>
          {m.rating === null
            ? 'No reviews yet.'
            : `Rated ${m.rating.toFixed(1)} of 5 by ${m.ratingCount} licensee${m.ratingCount === 1 ? '' : 's'}.`}
        </p>
        {m.reviews.length > 0 ? (
          <ul>
            {m.reviews.map((r) => (
              <li key={r.reviewer}>
                {r.rating} of 5 from {short(r.reviewer)} (review document {short(r.reviewCid, 8)})
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <LineageGraph model={m} />
    </div>
  )
}
