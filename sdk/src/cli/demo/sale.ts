import { type Hex, parseEventLogs } from 'viem'
import { marketplaceAbi } from '../../generated/contracts.js'
import { DevnetError } from '../errors.js'
import { formatAmount } from '../format.js'
import type { Actor } from './chain.js'
import type { Registered } from './register.js'
import { daimm, LICENSE_PRICE, type Story, short } from './story.js'

export type SaleOutcome = {
  offerId: bigint
  price: bigint
  /** The protocol fee, credited to the treasury and swept to it. */
  fee: bigint
  /** `hasValidLicense(child, buyer)` after the purchase. */
  licensed: boolean
  /** What each recipient claimed, and from which model's split. */
  claims: readonly { actor: Actor; model: 'parent' | 'child'; amount: bigint }[]
}

/**
 * Step 5: the fine-tuner publishes an offer on the child; the buyer pays for a license in DAIMM;
 * the Marketplace pays it into the splitter, which forwards the upstream share to the parent's
 * split; every recipient claims, and the fee is swept to the treasury.
 */
export async function sellLicense(
  story: Story,
  { model, child }: Registered,
): Promise<SaleOutcome> {
  const { cast, chain, artifacts, log } = story
  const { token } = chain.deployment.contracts
  const { fineTuner, curator, publisher, buyer } = cast

  const { offerId } = await fineTuner.daimm.market.publishOffer({
    terms: {
      modelId: child.id,
      price: LICENSE_PRICE,
      token,
      commercial: true,
      termsCid: artifacts.licenseTerms.cid,
    },
  })
  log(
    `  offer #${offerId} by ${fineTuner.name}: perpetual commercial license to ${short(child.id)} for ${daimm(LICENSE_PRICE)}`,
  )

  const purchase = await buyer.daimm.market.buyLicense({ offerId, maxPrice: LICENSE_PRICE })
  const [sold] = parseEventLogs({
    abi: marketplaceAbi,
    logs: purchase.receipt.logs,
    eventName: 'LicensePurchased',
  })
  if (!sold) throw new DevnetError(`buyLicense emitted no LicensePurchased (${purchase.hash}).`)
  const licensed = await buyer.daimm.market.hasValidLicense({
    modelId: child.id,
    account: buyer.address,
  })
  const { fee, price } = sold.args
  log(
    `  ${buyer.name} bought it (hasValidLicense: ${licensed}); fee ${daimm(fee)}, ${daimm(price - fee)} to the child's split`,
  )

  const owed = (actor: Actor, modelId: Hex) =>
    actor.daimm.royalties.getClaimable({ modelId, account: actor.address, token })
  log(`  upstream: ${daimm(await owed(publisher, model.id))} of it reached the parent's split`)

  const claim = async (actor: Actor, which: 'parent' | 'child') => {
    const modelId = which === 'parent' ? model.id : child.id
    const { amount } = await actor.daimm.royalties.claim({ modelIds: [modelId], token })
    return { actor, model: which, amount }
  }
  const claims = await Promise.all([
    claim(fineTuner, 'child'),
    claim(curator, 'child'),
    claim(publisher, 'parent'),
  ])
  log(
    `  claimed: ${claims.map(({ actor, amount, model }) => `${actor.name} ${formatAmount(amount, 18)} (${model})`).join(', ')} DAIMM`,
  )
  // The fee was credited to the treasury in the sale's transaction; anyone sends it there.
  const swept = await buyer.daimm.royalties.sweepProtocolFees({ token })
  if (swept.amount !== fee)
    throw new DevnetError(`The sweep sent ${swept.amount} to the treasury, not the fee ${fee}.`)
  log(`  ${buyer.name} swept the protocol fee to the treasury: ${daimm(swept.amount)}`)
  return { offerId, price, fee, licensed, claims }
}
