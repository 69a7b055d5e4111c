import { useDaimmContext } from '@daimm/react'
import { market, parseSignedOffer, type SerializedSignedOffer, toDate } from '@daimm/sdk'
import { useMutation } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { formatEther } from 'viem'
import { useAccount } from 'wagmi'
import { Link } from '../components/Link'
import { duration, errorText, short } from '../format'

type Parsed = { signed?: SerializedSignedOffer; error?: string }

/** A signed offer's text read back, or what is wrong with it. */
function read(text: string): Parsed {
  if (!text.trim()) return {}
  try {
    return { signed: parseSignedOffer(text) }
  } catch (error) {
    return { error: errorText(error) }
  }
}

/** The offer a seller's link carries after `#`. */
const fromHash = () => read(decodeURIComponent(location.hash.slice(1)))

/** A signed offer handed over off-chain: its terms, checked against this chain, and a Buy button. */
export default function SignedOfferPage() {
  const ctx = useDaimmContext()
  const { isConnected } = useAccount()
  const [parsed, setParsed] = useState(fromHash)
  const [text, setText] = useState('')
  useEffect(() => {
    const onHash = () => setParsed(fromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const buy = useMutation({
    mutationFn: (signed: SerializedSignedOffer) => market.buyWithSignature(ctx, signed),
  })
  const signed = parsed.signed
  const offer = signed?.offer
  const elsewhere =
    signed &&
    ((signed.chainId !== undefined && signed.chainId !== ctx.deployment.chainId) ||
      (signed.marketplace !== undefined &&
        signed.marketplace.toLowerCase() !== ctx.deployment.contracts.market.toLowerCase()))
  const daimm = offer?.token.toLowerCase() === ctx.deployment.contracts.token.toLowerCase()
  const expired = offer !== undefined && offer.deadline * 1000n < BigInt(Date.now())

  return (
    <section aria-labelledby="offer-title" className="signed-offer">
      <h1 id="offer-title">A signed offer</h1>
      <p className="lead">
        A seller signed these terms without a transaction. Buying checks the signature on-chain and
        lists the offer at its first sale.
      </p>
      {!offer && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault()
            setParsed(read(text))
          }}
        >
          <label>
            Paste the signed offer
            <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit">Read it</button>
        </form>
      )}
      {parsed.error && (
        <p role="alert" className="error">
          {parsed.error}
        </p>
      )}
      {offer && (
        <>
          <dl className="facts wide" data-testid="signed-terms">
            <div>
              <dt>Model</dt>
              <dd>
                <Link href={`/models/${offer.modelId}`}>{short(offer.modelId, 10)}</Link>
              </dd>
            </div>
            <div>
              <dt>Price</dt>
              <dd>
                {daimm
                  ? `${formatEther(offer.price)} DAIMM`
                  : `${offer.price} (token ${short(offer.token)})`}
              </dd>
            </div>
            <div>
              <dt>License</dt>
              <dd>
                {duration(Number(offer.duration))},{' '}
                {offer.commercial ? 'commercial' : 'non-commercial'}
              </dd>
            </div>
            <div>
              <dt>Seller</dt>
              <dd>
                <code>{offer.seller}</code>
              </dd>
            </div>
            <div>
              <dt>Fill by</dt>
              <dd>{new Date(Number(offer.deadline) * 1000).toISOString().slice(0, 16)} UTC</dd>
            </div>
          </dl>
          {elsewhere && (
            <p role="alert" className="error">
              This offer was signed for another chain or marketplace than this app uses: it cannot
              be filled here.
            </p>
          )}
          {expired && (
            <p role="alert" className="error">
              Its deadline has passed: ask the seller for a new one.
            </p>
          )}
          <button
            type="button"
            disabled={!isConnected || buy.isPending || Boolean(elsewhere) || expired}
            onClick={() => signed && buy.mutate(signed)}
          >
            {!isConnected
              ? 'Connect a wallet to buy'
              : buy.isPending
                ? 'Buying…'
                : `Buy for ${daimm ? `${formatEther(offer.price)} DAIMM` : String(offer.price)}`}
          </button>
          {buy.isSuccess && (
            <p role="status" className="ok" data-testid="bought">
              License bought in transaction <code>{short(buy.data.hash)}</code>
              {buy.data.expiresAt
                ? `, valid until ${toDate(buy.data.expiresAt).toISOString().slice(0, 16)} UTC`
                : ', perpetual'}
              .
            </p>
          )}
          {buy.isError && (
            <p role="alert" className="error">
              {errorText(buy.error)}
            </p>
          )}
        </>
      )}
    </section>
  )
}
