import type { Address } from 'viem'
import { formatAmount, formatPercent, formatTable } from '../format.js'
import type { DemoArtifacts } from './artifacts.js'
import type { Actor } from './chain.js'
import type { Registered, Splits } from './register.js'
import type { SaleOutcome } from './sale.js'
import type { ScoringOutcome } from './scoring.js'
import { type Cast, daimm } from './story.js'

export type DemoFacts = {
  cast: Cast
  treasury: Address
  artifacts: DemoArtifacts
  registered: Registered
  splits: Splits
  scoring: ScoringOutcome
  sale: SaleOutcome
  /** The model's evaluation as the registry records it after the round. */
  recordedScore: number | null
}

/** The summary the demo ends with: what was registered and scored, who was slashed, who earned what. */
export function formatSummary(facts: DemoFacts): string {
  const { artifacts, registered, scoring, sale, cast } = facts
  const { slash } = scoring
  const honest = scoring.members.filter((m) => m.evaluation)
  const [first] = honest
  const digests = new Set(honest.map((m) => m.evaluation?.digest))
  const agreement =
    digests.size === 1
      ? `all ${honest.length} evaluation digests equal`
      : `${digests.size} different digests`
  const slashedScore = scoring.members.find((m) => m.actor === slash.actor)?.score
  const lines = [
    `  model     ${artifacts.model.name}, id (fingerprint) ${registered.model.id}`,
    `  CID       ${registered.model.artifactCid}`,
    `  card      ${registered.model.metadataCid} (model card CID)`,
    `  child     ${artifacts.child.name}, id ${registered.child.id}`,
    `            ${registered.child.relation} of ${registered.lineage.join(' → ')}`,
    `  score     ${facts.recordedScore ?? '(none)'}/100 in the registry: consensus of round ${scoring.roundId}, band ${scoring.band[0]}–${scoring.band[1]}`,
    first?.evaluation
      ? `            ${artifacts.benchmark.name}: ${first.evaluation.correct}/${first.evaluation.n} correct, ${agreement}`
      : '',
    `  slashed   ${slash.actor.name} ${slash.actor.address}`,
    `            ${slash.kind} (revealed ${slashedScore}): ${daimm(slash.amount)}, ${formatPercent(slash.amount, slash.stakeBefore)} of ${daimm(slash.stakeBefore)}; stake now ${daimm(slash.stakeAfter)}`,
    `  license   ${cast.buyer.name} ${cast.buyer.address}`,
    `            ${sale.licensed ? 'holds' : 'does NOT hold'} a perpetual license to ${artifacts.child.name} (offer #${sale.offerId}, ${daimm(sale.price)})`,
  ].filter((line) => line !== '')
  return [...lines, '', formatTable(['Who', 'Address', 'DAIMM', 'For'], earnings(facts))].join('\n')
}

function earnings({ cast, treasury, scoring, sale, splits }: DemoFacts): string[][] {
  const amount = (value: bigint) => formatAmount(value, 18)
  const claimed = (actor: Actor) =>
    sale.claims.filter((c) => c.actor === actor).reduce((sum, c) => sum + c.amount, 0n)
  const share = (actor: Actor) => {
    const weights = splits.child
    const total = weights.reduce((sum, w) => sum + w.weight, 0)
    return `${weights.find((w) => w.actor === actor)?.weight}/${total}`
  }
  const { slash } = scoring
  const upstream = claimed(cast.publisher)
  const rows = [
    [
      cast.publisher.name,
      cast.publisher.address,
      `+${amount(scoring.contributorReward + upstream)}`,
      `contributor reward ${amount(scoring.contributorReward)} + upstream royalties ${amount(upstream)} (paid ${amount(scoring.budget)} for the round)`,
    ],
    [
      cast.fineTuner.name,
      cast.fineTuner.address,
      `+${amount(claimed(cast.fineTuner))}`,
      `royalties, ${share(cast.fineTuner)} of the child's split`,
    ],
    [
      cast.curator.name,
      cast.curator.address,
      `+${amount(claimed(cast.curator))}`,
      `royalties, ${share(cast.curator)} of the child's split`,
    ],
    ...scoring.members.map((m) =>
      m.actor === slash.actor
        ? [m.actor.name, m.actor.address, `-${amount(slash.amount)}`, `slashed: ${slash.kind}`]
        : [
            m.actor.name,
            m.actor.address,
            `+${amount(m.reward)}`,
            `scoring reward (stake ${amount(m.stake)}, score ${m.score})`,
          ],
    ),
    [
      'treasury',
      treasury,
      `+${amount(sale.fee + slash.released.toTreasury)}`,
      `protocol fee ${amount(sale.fee)} (swept) + slash share ${amount(slash.released.toTreasury)}`,
    ],
    [cast.buyer.name, cast.buyer.address, `-${amount(sale.price)}`, 'paid for the license'],
  ]
  return rows
}
