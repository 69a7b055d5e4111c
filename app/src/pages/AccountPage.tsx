import { useClaimRoyalties, useDaimmAccount } from '@daimm/react'
import { useAccount } from 'wagmi'
import { Link } from '../components/Link'
import { errorText, short } from '../format'

/** The connected account: its models, licenses, stake, and what it can claim. */
export default function AccountPage() {
  const { address } = useAccount()
  const account = useDaimmAccount(address)
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
              <Link href={`/models/${l.modelId}`}>{short(l.modelId)}</Link> from offer #{l.offerId},{' '}
              {l.commercial ? 'commercial' : 'non-commercial'},{' '}
              {l.expiresAt === '0'
                ? 'perpetual'
                : `until ${new Date(Number(l.expiresAt) * 1000).toLocaleDateString('en')}`}
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
      <h2>Stake</h2>
      <p>
        Active {a.stake.active.formatted ?? a.stake.active.value}, locked{' '}
        {a.stake.locked.formatted ?? a.stake.locked.value}
        {a.stake.unbonding.length ? `, ${a.stake.unbonding.length} unbonding` : ''}. Reputation{' '}
        {(Number(a.reputation) / 100).toFixed(0)} %.
      </p>
    </section>
  )
}
