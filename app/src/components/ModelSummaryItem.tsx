import type { ModelSummary } from '@daimm/react'
import { short } from '../format'
import { Link } from './Link'

/** One model in a list: name, what it does, score and price, linking to its page. */
export function ModelSummaryItem({ model }: { model: ModelSummary }) {
  const name = model.card.name ?? short(model.id)
  return (
    <li className="model-item">
      <h2>
        <Link href={`/models/${model.id}`}>{name}</Link>
      </h2>
      <p>{model.card.description ?? 'No card yet: the model card has not been fetched.'}</p>
      <dl className="facts">
        <div>
          <dt>Kind</dt>
          <dd>{model.kind}</dd>
        </div>
        {model.card.task && (
          <div>
            <dt>Task</dt>
            <dd>{model.card.task}</dd>
          </div>
        )}
        {model.card.author && (
          <div>
            <dt>Author</dt>
            <dd>{model.card.author}</dd>
          </div>
        )}
        <div>
          <dt>Score</dt>
          <dd>{model.score ?? 'not scored'}</dd>
        </div>
        <div>
          <dt>Price</dt>
          <dd>
            {model.lowestPrice?.formatted ??
              (model.lowestPrice ? model.lowestPrice.value : 'not for sale')}
          </dd>
        </div>
        {model.parent && (
          <div>
            <dt>Derived</dt>
            <dd>{model.relation}</dd>
          </div>
        )}
      </dl>
    </li>
  )
}
