import {
  daimmKeys,
  type ModelDetail,
  type Review,
  useDaimmConfig,
  useDaimmContext,
  useReview,
} from '@daimm/react'
import { market, type ReviewDocument, reviewDocument } from '@daimm/sdk'
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useAccount } from 'wagmi'
import { errorText, short } from '../format'
import { readVerified, upload } from '../store'

const stars = (rating: number) => '★'.repeat(rating) + '☆'.repeat(5 - rating)

/** Licensees' reviews of a model, the mean rating, and a form for a licensee to write one. */
export function Reviews({ model }: { model: ModelDetail }) {
  const { api, chainId } = useDaimmConfig()
  const pages = useInfiniteQuery({
    queryKey: [
      ...daimmKeys.reviews(chainId, { model: model.id }),
      'after',
      model.reviewsNextCursor,
    ],
    initialPageParam: model.reviewsNextCursor,
    queryFn: ({ pageParam }) =>
      api.listReviews({ model: model.id }, { limit: 20, cursor: pageParam ?? undefined }),
    getNextPageParam: (page) => page.nextCursor,
    enabled: false,
  })
  const reviews = [...model.reviews, ...(pages.data?.pages.flatMap((p) => p.items) ?? [])]
  const more = pages.data ? pages.hasNextPage : model.reviewsNextCursor !== null
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      <p data-testid="rating">
        {model.rating === null
          ? 'No reviews yet: licensees can review a model they hold or held a license to.'
          : `Rated ${model.rating.toFixed(1)} of 5 by ${model.ratingCount} licensee${model.ratingCount === 1 ? '' : 's'}.`}
      </p>
      {reviews.length > 0 && (
        <ul className="reviews">
          {reviews.map((r) => (
            <ReviewItem key={`${r.transactionHash}-${r.logIndex}`} review={r} />
          ))}
        </ul>
      )}
      {more && (
        <button type="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetching}>
          {pages.isFetching ? 'Loading…' : 'More reviews'}
        </button>
      )}
      <ReviewForm model={model} />
    </section>
  )
}

function ReviewItem({ review }: { review: Review }) {
  const text = useQuery({
    queryKey: ['daimm', 'review-document', review.reviewCid],
    queryFn: async () =>
      JSON.parse(new TextDecoder().decode(await readVerified(review.reviewCid))) as ReviewDocument,
    staleTime: Number.POSITIVE_INFINITY,
  })
  return (
    <li>
      <span role="img" aria-label={`${review.rating} of 5`}>
        {stars(review.rating)}
      </span>{' '}
      by <code title={review.reviewer}>{short(review.reviewer)}</code>
      <p>
        {text.isPending
          ? 'Loading the text…'
          : text.error
            ? `The text could not be read (${errorText(text.error)}).`
            : text.data.text}
      </p>
    </li>
  )
}

/** For a licensee: a rating and a text, stored by CID, then `Marketplace.review`. */
function ReviewForm({ model }: { model: ModelDetail }) {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const client = useQueryClient()
  const { address } = useAccount()
  const license = useQuery({
    queryKey: [...daimmKeys.model(chainId, model.id), 'license', address],
    queryFn: () =>
      market.getLicense(ctx, {
        modelId: model.id as `0x${string}`,
        account: address as `0x${string}`,
      }),
    enabled: Boolean(address),
  })
  const review = useReview()
  const [rating, setRating] = useState(5)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (!address || !license.data) return null
  const mine = model.reviews.find((r) => r.reviewer.toLowerCase() === address.toLowerCase())

  const submit = async () => {
    setError(null)
    try {
      const document = reviewDocument({ model: model.id, rating, text, reviewer: address })
      const reviewCid = await upload(new Blob([document as BlobPart]))
      const { hash } = await review.mutateAsync({
        modelId: model.id as `0x${string}`,
        rating,
        reviewCid,
      })
      setText('')
      // The gateway lists it a moment after it is mined: look again until it does.
      const key = daimmKeys.model(chainId, model.id)
      for (let i = 0; i < 30; i++) {
        await client.invalidateQueries({ queryKey: key, exact: true })
        const detail = client.getQueryData<ModelDetail>(key)
        if (detail?.reviews.some((r) => r.transactionHash === hash)) break
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
    } catch (e) {
      setError(errorText(e))
    }
  }
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <fieldset>
        <legend>Your review</legend>
        {mine && <p>You rated it {mine.rating} of 5; a new review replaces that one.</p>}
        <label>
          Rating
          <select value={rating} onChange={(e) => setRating(Number(e.target.value))}>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n}>
                {n} of 5
              </option>
            ))}
          </select>
        </label>
        <label>
          Review text
          <textarea rows={3} required value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={review.isPending}>
          {review.isPending ? 'Publishing the review…' : 'Publish the review'}
        </button>
        {review.isSuccess && (
          <p role="status" className="ok" data-testid="reviewed">
            Review published in transaction <code>{short(review.data.hash)}</code>.
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </fieldset>
    </form>
  )
}
