import { useClaimRoyalties, useDaimmAccount, useReviews } from '@daimm/react'
import { useAccount } from 'wagmi'
import { LicensedDownload } from '../components/LicensedDownload'
import { Link } from '../components/Link'
import { StakePanel } from '../components/StakePanel'
import { errorText, serial, short } from '../format'

/**
 * The connected account: its models, licenses (an encrypted model's fetched and decrypted here,
 * through key release), stake, and what it can claim.
 */
export default function AccountPage() {
  const { address } = useAccount()
  // Refreshed while open: the gateway follows each transaction a moment after it is mined.
  const account = useDaimmAccount(address, { refetchInterval: 3000 })
  const reviews = useReviews(address ? { reviewer: address } : undefined)
  const claim = useClaimRoyalties()
  if (!address)
    return (
      <section>
        <h1>Your account</h1>
        <p>Connect a wallet (top right) to see your models, licenses, stake and royalties.</p>
      </section>
    )
  if (account.isPending) return <p aria-live="polite">Loading your account…</p>
  if (account.error)
    return (
      <section role="alert" className="error">
        <h1>Your account could not be loaded</h1>
        <p>{account.error.message}</p>
        <button type="button" onClick={() => account.refetch()}>
          Try again
        </button>
      </section>
    )
  const a = account.data
  const royalties = a.claimable.filter((c) => c.modelId && c.amount.value !== '0')
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">
        Your account <code>{short(a.address)}</code>
      </h1>
      <h2>Your models</h2>
      {a.models.items.length === 0 ? (
        <p>You have published no model.</p>
      ) : (
        <ul>
          {a.models.items.map((m) => (
            <li key={m.id}>
              <Link href={`/models/${m.id}`}>{m.card.name ?? short(m.id)}</Link>
            </li>
          ))}
        </ul>
      )}
      <h2>Your licenses</h2>
      {a.licenses.length === 0 ? (
        <p>
          No license yet. <Link href="/?forSale=true">Find a model for sale</Link>.
        </p>
      ) : (
        <ul data-testid="licenses">
          {a.licenses.map((l) => (
            <li key={`${l.modelId}-${l.offerId}`}>
              <Link href={`/models/${l.modelId}`}>{short(l.modelId)}</Link> from offer #
              {serial(l.offerId)}, {l.commercial ? 'commercial' : 'non-commercial'},{' '}
              {/* A perpetual license ends at 0 or at uint64's maximum, past any date. */}
              {l.expiresAt === '0' || Number(l.expiresAt) * 1000 > 8.64e15
                ? 'perpetual'
                : `until ${new Date(Number(l.expiresAt) * 1000).toLocaleDateString('en')}`}
              {a.licenses.findIndex((o) => o.modelId === l.modelId) === a.licenses.indexOf(l) && (
                <LicensedDownload modelId={l.modelId} />
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Your reviews</h2>
      {!reviews.data?.items.length ? (
        <p>{reviews.error ? reviews.error.message : 'You have reviewed no model.'}</p>
      ) : (
        <ul data-testid="my-reviews">
          {reviews.data.items.map((r) => (
            <li key={`${r.transactionHash}-${r.logIndex}`}>
              <Link href={`/models/${r.modelId}`}>{short(r.modelId)}</Link>: {r.rating} of 5
            </li>
          ))}
        </ul>
      )}
      <h2>Royalties and rewards</h2>
      <p>
        Scoring rewards: {a.rewards.claimable.formatted ?? a.rewards.claimable.value} claimable,{' '}
        {a.rewards.claimed.formatted ?? a.rewards.claimed.value} claimed.
      </p>
      {royalties.length === 0 ? (
        <p>No royalties to claim.</p>
      ) : (
        <>
          <ul>
            {royalties.map((c) => (
              <li key={`${c.modelId}-${c.amount.token}`}>
                {c.amount.formatted ?? c.amount.value} on{' '}
                <Link href={`/models/${c.modelId}`}>{short(c.modelId ?? '')}</Link>
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={claim.isPending}
            onClick={() =>
              claim.mutate({ modelIds: royalties.map((c) => c.modelId as `0x${string}`) })
            }
          >
            {claim.isPending ? 'Claiming… (pending)' : 'Claim royalties'}
          </button>
          {claim.isSuccess && <p role="status">Final: claimed in {short(claim.data.hash)}.</p>}
          {claim.isError && (
            <p role="alert" className="error">
              {errorText(claim.error)}
            </p>
          )}
        </>
      )}
      <StakePanel stake={a.stake} reputation={a.reputation} />
    </section>
  )
}
