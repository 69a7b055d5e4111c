import { type ModelSort, type ModelsQuery, useModels } from '@daimm/react'
import { useEffect, useState } from 'react'
import { parseEther } from 'viem'
import { ModelSummaryItem } from '../components/ModelSummaryItem'
import { navigate, useLocation } from '../router'

const PAGE_SIZE = 12
const FIELDS = [
  'q',
  'kind',
  'benchmark',
  'minScore',
  'forSale',
  'maxPrice',
  'minRating',
  'owner',
  'sort',
] as const
type Field = (typeof FIELDS)[number]
type Filters = Record<Field, string>

function filtersOf(search: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((f) => [f, search.get(f) ?? ''])) as Filters
}

function queryOf(f: Filters, cursor: string | undefined): ModelsQuery | string {
  let maxPrice: string | undefined
  if (f.maxPrice) {
    try {
      maxPrice = parseEther(f.maxPrice).toString()
    } catch {
      return `Maximum price: "${f.maxPrice}" is not an amount of DAIMM; write it like 25 or 2.5.`
    }
  }
  return {
    q: f.q || undefined,
    kind: (f.kind || undefined) as ModelsQuery['kind'],
    benchmark: f.benchmark || undefined,
    minScore: f.minScore ? Number(f.minScore) : undefined,
    forSale: f.forSale === 'true' ? true : undefined,
    maxPrice,
    minRating: f.minRating ? Number(f.minRating) : undefined,
    owner: f.owner || undefined,
    sort: (f.sort || undefined) as ModelSort | undefined,
    limit: PAGE_SIZE,
    cursor,
  }
}

const LABELS: Record<string, string> = {
  q: 'Search',
  kind: 'Kind',
  benchmark: 'Benchmark',
  minScore: 'Minimum score',
  maxPrice: 'Maximum price',
  minRating: 'Minimum rating',
  owner: 'Owner',
  sort: 'Sort',
  cursor: 'Page',
}

/** Search, filter and sort the models through the gateway; the filters live in the URL. */
export function Explore() {
  const { search } = useLocation()
  const applied = filtersOf(search)
  const [draft, setDraft] = useState<Filters>(applied)
  const [cursors, setCursors] = useState<string[]>([])
  const key = search.toString()
  // A new search (the URL changed) starts from the first page, with the form showing it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL is the dependency
  useEffect(() => {
    setDraft(filtersOf(search))
    setCursors([])
  }, [key])
  const cursor = cursors.at(-1)
  const query = queryOf(applied, cursor)
  const models = useModels(typeof query === 'string' ? {} : query, {
    enabled: typeof query !== 'string',
  })
  const apply = (filters: Filters) => {
    const params = new URLSearchParams()
    for (const f of FIELDS) if (filters[f]) params.set(f, filters[f])
    const text = params.toString()
    navigate(text ? `/?${text}` : '/', { replace: false })
  }
  const set = (f: Field) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [f]: e.target.value })
  const clear = () => apply(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Filters)
  const fieldErrors = models.error?.fields ?? {}
  const any = FIELDS.some((f) => applied[f])

  return (
    <section aria-labelledby="explore-title">
      <h1 id="explore-title">Explore models</h1>
      <p className="lead">
        Every model here has a content-addressed artifact, a lineage and scores from staked
        validators. Open one to evaluate it in your own browser before you buy.
      </p>
      <form
        className="filters"
        aria-label="Search and filters"
        onSubmit={(e) => {
          e.preventDefault()
          apply(draft)
        }}
      >
        <div className="search">
          <label htmlFor="f-q">Search</label>
          <input
            id="f-q"
            type="search"
            value={draft.q}
            onChange={set('q')}
            placeholder="name, description, author, tags, task"
          />
          <button type="submit">Search</button>
        </div>
        <details open={FIELDS.slice(1, 8).some((f) => applied[f]) || undefined}>
          <summary>Filters</summary>
          <div className="grid">
            <label>
              Kind
              <select value={draft.kind} onChange={set('kind')}>
                <option value="">Models and datasets</option>
                <option value="model">Models</option>
                <option value="dataset">Datasets</option>
              </select>
            </label>
            <label>
              Benchmark (id)
              <input
                value={draft.benchmark}
                onChange={set('benchmark')}
                placeholder="0x… (with a minimum score)"
                aria-invalid={Boolean(fieldErrors.benchmark) || undefined}
              />
            </label>
            <label>
              Minimum score
              <input
                type="number"
                min={0}
                max={100}
                value={draft.minScore}
                onChange={set('minScore')}
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={draft.forSale === 'true'}
                onChange={(e) => setDraft({ ...draft, forSale: e.target.checked ? 'true' : '' })}
              />
              For sale
            </label>
            <label>
              Maximum price (DAIMM)
              <input
                inputMode="decimal"
                value={draft.maxPrice}
                onChange={set('maxPrice')}
                placeholder="e.g. 50"
              />
            </label>
            <label>
              Minimum rating
              <input
                type="number"
                min={0}
                max={5}
                step={0.5}
                value={draft.minRating}
                onChange={set('minRating')}
              />
            </label>
            <label>
              Owner
              <input value={draft.owner} onChange={set('owner')} placeholder="0x…" />
            </label>
          </div>
        </details>
        <label className="sort">
          Sort by
          <select
            value={draft.sort}
            onChange={(e) => {
              const next = { ...draft, sort: e.target.value }
              setDraft(next)
              apply(next)
            }}
          >
            <option value="">{applied.q ? 'Relevance' : 'Newest'}</option>
            <option value="newest">Newest</option>
            <option value="oldest">Oldest</option>
            <option value="score">Score</option>
            <option value="price">Price</option>
          </select>
        </label>
      </form>

      <div aria-live="polite" aria-busy={models.isFetching}>
        {typeof query === 'string' ? (
          <p role="alert" className="error">
            {query}
          </p>
        ) : models.error ? (
          <div role="alert" className="error">
            <p>
              <strong>
                {Object.keys(fieldErrors).length
                  ? `Check ${Object.keys(fieldErrors)
                      .map((f) => LABELS[f] ?? f)
                      .join(', ')}: `
                  : 'The search failed: '}
              </strong>
              {models.error.message}
            </p>
            <button type="button" onClick={() => models.refetch()}>
              Try again
            </button>{' '}
            {any && (
              <button type="button" onClick={clear}>
                Clear the filters
              </button>
            )}
          </div>
        ) : models.isPending ? (
          <p>Loading models…</p>
        ) : models.data.items.length === 0 ? (
          <div className="empty">
            <p>
              <strong>No model matches {any ? 'these filters' : 'yet'}.</strong>{' '}
              {any
                ? 'Try fewer words, a lower minimum score or a higher price, or clear the filters.'
                : 'Publish the first one, or start the local marketplace with npm start to see the seeded models.'}
            </p>
            {any && (
              <button type="button" onClick={clear}>
                Clear the filters
              </button>
            )}
          </div>
        ) : (
          <>
            <p className="count">
              {models.data.items.length}
              {models.data.nextCursor ? '+' : ''} result
              {models.data.items.length === 1 ? '' : 's'}
              {cursors.length ? `, page ${cursors.length + 1}` : ''}
            </p>
            <ul className="models">
              {models.data.items.map((m) => (
                <ModelSummaryItem key={m.id} model={m} />
              ))}
            </ul>
          </>
        )}
        {models.data && (cursors.length > 0 || models.data.nextCursor) && (
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              disabled={cursors.length === 0}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Previous page
            </button>
            <button
              type="button"
              disabled={!models.data.nextCursor}
              onClick={() =>
                models.data?.nextCursor && setCursors([...cursors, models.data.nextCursor])
              }
            >
              Next page
            </button>
          </nav>
        )}
      </div>
    </section>
  )
}
