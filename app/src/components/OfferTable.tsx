import { type ModelDetail, type Offer, useBuyLicense } from '@daimm/react'
import { useAccount } from 'wagmi'
import { duration, errorText, idNumber, short } from '../format'

/** Offers on the model: terms and price, and a Buy button for the open ones. */
export function OfferTable({ model }: { model: ModelDetail }) {
  const offers = model.offers
  return (
    <section aria-labelledby="offers-title">
      <h2 id="offers-title">Offers</h2>
      {offers.length === 0 ? (
        <p>Not for sale: the owner has published no offer.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
        <section className="table-wrap" aria-label="Offers, scrollable" tabIndex={0}>
          <table className="offers">
            <thead>
              <tr>
                <th scope="col">Offer</th>
                <th scope="col">Price</th>
                <th scope="col">License</th>
                <th scope="col">Use</th>
                <th scope="col">Sold</th>
                <th scope="col">Terms</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <OfferRow key={o.id} offer={o} modelId={model.id} />
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  )
}

function OfferRow({ offer, modelId }: { offer: Offer; modelId: string }) {
  const { isConnected } = useAccount()
  const buy = useBuyLicense()
  const price = offer.price.formatted ?? `${offer.price.value} (${short(offer.price.token)})`
  return (
    <>
      <tr>
        <td>#{idNumber(offer.id)}</td>
        <td>{price}</td>
        <td>{duration(offer.duration)}</td>
        <td>{offer.commercial ? 'commercial' : 'non-commercial'}</td>
        <td>
          {offer.sales}
          {offer.supplyCap ? ` of ${offer.supplyCap}` : ''}
        </td>
        <td>
          <code title={offer.termsCid}>{short(offer.termsCid, 8)}</code>
        </td>
        <td>
          {!offer.open ? (
            offer.cancelled ? (
              'cancelled'
            ) : (
              'sold out'
            )
          ) : (
            <button
              type="button"
              disabled={!isConnected || buy.isPending}
              title={isConnected ? undefined : 'Connect a wallet to buy'}
              onClick={() =>
                buy.mutate({
                  offerId: BigInt(offer.id),
                  maxPrice: BigInt(offer.price.value),
                  modelId,
                })
              }
            >
              {buy.isPending ? 'Buying…' : `Buy for ${price}`}
            </button>
          )}
        </td>
      </tr>
      {(buy.isPending || buy.isSuccess || buy.isError || (!isConnected && offer.open)) && (
        <tr className="status-row">
          <td colSpan={7}>
            {!isConnected && !buy.isSuccess && <span>Connect a wallet to buy this license.</span>}
            {buy.isPending && (
              <span role="status">
                Pending: confirm in your wallet, then wait for the transaction to be mined…
              </span>
            )}
            {buy.isSuccess && (
              <span role="status" className="ok" data-testid="bought">
                Final: license bought in transaction <code>{short(buy.data.hash)}</code>, block{' '}
                {String(buy.data.receipt.blockNumber)}.
              </span>
            )}
            {buy.isError && (
              <span role="alert" className="error">
                {errorText(buy.error)}
              </span>
            )}
          </td>
        </tr>
      )}
    </>
  )
}
