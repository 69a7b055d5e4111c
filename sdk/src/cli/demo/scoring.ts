import { type Hex, keccak256, parseEventLogs, stringToHex } from 'viem'
import type { EscrowStatus, OffenceStatus } from '../../actions/slashing/types.js'
import type { EvaluateModelReturnType } from '../../eval/index.js'
import { slasherAbi } from '../../generated/contracts.js'
import { existingModel } from '../chain-command.js'
import { DevnetError } from '../errors.js'
import { formatAmount, formatDuration, formatPercent } from '../format.js'
import type { Actor } from './chain.js'
import {
  actorAt,
  CONTRIBUTOR_STAKE,
  daimm,
  OUTLIER_SCORE,
  REWARD_POOL_FUNDING,
  ROUND_BUDGET,
  type Story,
  short,
  VALIDATOR_STAKES,
} from './story.js'

const amount = (value: bigint) => formatAmount(value, 18)

/** One committee member: what it staked and scored, and what it got. */
export type Member = {
  actor: Actor
  stake: bigint
  score: number
  /** The honest members' evaluation; null for the outlier, which did not evaluate. */
  evaluation: Pick<EvaluateModelReturnType, 'accuracy' | 'correct' | 'n' | 'digest'> | null
  /** Scoring reward claimed. */
  reward: bigint
}

export type ScoringOutcome = {
  roundId: bigint
  budget: bigint
  members: readonly Member[]
  consensus: number
  band: readonly [number, number]
  /** Paid to the model's owner from the reward pool. */
  contributorReward: bigint
  slash: {
    actor: Actor
    kind: string
    amount: bigint
    stakeBefore: bigint
    stakeAfter: bigint
    escrowId: bigint
    offenceStatus: OffenceStatus
    escrowStatus: EscrowStatus
    /** How the escrow was divided when released. */
    released: { burned: bigint; toTreasury: bigint; toChallenger: bigint; toRewardPool: bigint }
  }
}

/**
 * Step 4: validators stake and join the sortition pool; the publisher opens a round on the model;
 * the drawn committee evaluates it client-side, commits and reveals; the round is finalized, the
 * outlier reported and slashed; the others claim their reward; the slash is released from escrow.
 */
export async function scoreModel(story: Story, modelId: Hex): Promise<ScoringOutcome> {
  const { chain, cast, log } = story
  const { operator, publisher, validators } = cast
  const stakes = new Map(validators.map((v, i) => [v.address, VALIDATOR_STAKES[i] ?? 0n]))

  // Weights must be synced before the round opens: opening freezes the pool until the draw.
  await Promise.all(
    validators.map(async (v) => {
      await v.daimm.staking.stake({ amount: stakes.get(v.address) ?? 0n, asValidator: true })
      await v.daimm.scoring.updateWeight()
    }),
  )
  const amounts = [...stakes.values()].map(amount)
  log(`  ${validators.length} validators staked ${amounts.join(' / ')} DAIMM, joined the pool`)
  await operator.daimm.scoring.fundRewardPool({ amount: REWARD_POOL_FUNDING })
  log(`  the operator put ${daimm(REWARD_POOL_FUNDING)} in the reward pool (contributor rewards)`)
  await publisher.daimm.staking.stake({ amount: CONTRIBUTOR_STAKE })
  log(
    `  ${publisher.name} staked ${daimm(CONTRIBUTOR_STAKE)} as a contributor (rewards go to staked owners only)`,
  )
  // A round weighs stake at the end of the second before it opens: let this second end.
  await chain.tick()

  const { commitWindow } = await operator.daimm.scoring.getParameters()
  const { roundId } = await publisher.daimm.scoring.openRound({
    subjectId: modelId,
    datasetCid: story.artifacts.benchmark.cid,
    metric: 'accuracy',
    budget: ROUND_BUDGET,
    committeeSize: validators.length,
  })
  await chain.testClient.mine({ blocks: 1 }) // the seed is the opening block's hash
  const drawn = await operator.daimm.scoring.drawCommittee({ roundId })
  if (drawn.status !== 'drawn' || !drawn.commitDeadline || !drawn.revealDeadline)
    throw new DevnetError(`Round ${roundId} was not drawn (status ${drawn.status}).`)
  log(
    `  round ${roundId} on ${story.artifacts.benchmark.name} (accuracy), budget ${daimm(ROUND_BUDGET)}: ${drawn.seats} seats drawn by stake`,
  )

  const members: Member[] = []
  // In the cast's order, which reads better than the draw's.
  const seats = [...drawn.members].sort(
    (a, b) =>
      validators.indexOf(actorAt(cast, a.validator)) -
      validators.indexOf(actorAt(cast, b.validator)),
  )
  for (const seat of seats) {
    const actor = actorAt(cast, seat.validator)
    const evaluation = actor === cast.outlier ? null : await evaluate(story, modelId)
    const score = evaluation?.score ?? OUTLIER_SCORE
    members.push({ actor, stake: seat.weight, score, evaluation, reward: 0n })
    log(
      evaluation
        ? `  ${actor.name} evaluated it: ${evaluation.correct}/${evaluation.n} correct → score ${score}, digest ${short(evaluation.digest)}`
        : `  ${actor.name} did not evaluate it and commits ${score} (the outlier)`,
    )
  }
  // Each seals its evaluation digest with the score; the outlier, which evaluated nothing, makes one up.
  const digestOf = ({ evaluation }: Member): Hex =>
    evaluation?.digest ?? keccak256(stringToHex('daimm.demo.outlier.guess'))
  const salts = await Promise.all(
    members.map(
      async (member) =>
        (
          await member.actor.daimm.scoring.commit({
            roundId,
            score: member.score,
            digest: digestOf(member),
          })
        ).salt,
    ),
  )
  await chain.advancePast(drawn.commitDeadline)
  await Promise.all(
    members.map((member, i) =>
      member.actor.daimm.scoring.reveal({
        roundId,
        score: member.score,
        digest: digestOf(member),
        salt: salts[i] as Hex,
      }),
    ),
  )
  log(
    `  all ${members.length} committed, then revealed once the commit window (${formatDuration(BigInt(commitWindow))}) had passed`,
  )

  await chain.advancePast(drawn.revealDeadline)
  const stakeBefore = (await operator.daimm.staking.getStake({ account: cast.outlier.address }))
    .staked
  const { settlement, report } = await operator.daimm.scoring.finalize({ roundId })
  if (settlement.status !== 'finalized')
    throw new DevnetError(`Round ${roundId} failed without quorum instead of finalizing.`)
  const [reported] = report?.reported ?? []
  if (!reported || reported.escrowId === null)
    throw new DevnetError(`Finalizing round ${roundId} reported nobody to the Slasher.`)
  const slashed = actorAt(cast, reported.validator)
  log(
    `  finalized: consensus ${settlement.consensus}, band ${settlement.bandLow}–${settlement.bandHigh}, agreed digest ${short(settlement.digest)}; ${publisher.name} earned ${daimm(settlement.contributorReward)}, held through the challenge window`,
  )

  const [escrow, offenceStatus, stakeAfter] = await Promise.all([
    operator.daimm.slashing.getEscrow({ escrowId: reported.escrowId }),
    operator.daimm.slashing.getOffenceStatus({ offenceId: reported.offenceId }),
    operator.daimm.staking.getStake({ account: slashed.address }),
  ])
  if (!escrow) throw new DevnetError(`The Slasher has no escrow ${reported.escrowId}.`)
  log(
    `  ${slashed.name} reported as ${reported.kind}: ${daimm(reported.slashed)} (${formatPercent(reported.slashed, stakeBefore)}) slashed into escrow #${escrow.id}`,
  )
  log(
    `    StakeManager: its stake ${daimm(stakeBefore)} → ${daimm(stakeAfter.staked)}; Slasher: offence ${offenceStatus}, escrow ${escrow.status}`,
  )

  await Promise.all(
    members
      .filter(({ actor }) => actor !== slashed)
      .map(async (member) => {
        member.reward = (await member.actor.daimm.scoring.claim({ roundId })).amount
      }),
  )
  const paid = members.filter((m) => m.reward > 0n)
  log(
    `  claimed by the band: ${paid.map((m) => `${m.actor.name} ${amount(m.reward)}`).join(', ')} DAIMM`,
  )

  const escrowStatus = escrow.status
  await chain.advancePast(escrow.releaseAt)
  const release = await operator.daimm.slashing.releaseSlash({ escrowId: escrow.id })
  const [released] = parseEventLogs({
    abi: slasherAbi,
    logs: release.receipt.logs,
    eventName: 'SlashReleased',
  })
  if (!released) throw new DevnetError(`releaseSlash emitted no SlashReleased (${release.hash}).`)
  const { burned, toTreasury, toChallenger, toRewardPool } = released.args
  log(
    `  escrow #${escrow.id} released after its period: ${amount(burned)} burned, ${amount(toTreasury)} to the treasury, ${amount(toChallenger)} to the reporter, ${amount(toRewardPool)} to the reward pool (DAIMM)`,
  )
  // The contributor reward was held as long as a plagiarism challenge could take it back.
  const { paid: contributorReward } = await operator.daimm.scoring.releaseContributorReward({
    roundId,
  })
  log(
    `  the challenge window over, ${publisher.name}'s reward was released: ${daimm(contributorReward)}`,
  )

  return {
    roundId,
    budget: ROUND_BUDGET,
    members,
    consensus: settlement.consensus,
    band: [settlement.bandLow, settlement.bandHigh],
    contributorReward,
    slash: {
      actor: slashed,
      kind: reported.kind,
      amount: reported.slashed,
      stakeBefore,
      stakeAfter: stakeAfter.staked,
      escrowId: escrow.id,
      offenceStatus,
      escrowStatus,
      released: { burned, toTreasury, toChallenger, toRewardPool },
    },
  }
}

/**
 * What an honest validator does: reads the round's model (by the CID the registry holds) and the
 * benchmark from the content-addressed store, both verified against their CIDs, and evaluates it
 * with onnxruntime-web.
 */
async function evaluate({ artifacts, store, cast }: Story, modelId: Hex) {
  const [{ evaluateModel, loadDataset, loadModel }, { useInstalledRuntime }] = await Promise.all([
    import('../../eval/index.js'),
    import('../../eval/node.js'),
  ])
  useInstalledRuntime()
  const { artifactCid } = await existingModel(cast.operator.daimm, modelId)
  const model = await loadModel({ cid: artifactCid, reader: store }, { name: artifacts.model.name })
  try {
    const dataset = await loadDataset(
      { cid: artifacts.benchmark.cid, reader: store },
      { name: artifacts.benchmark.name },
    )
    return await evaluateModel({ model, dataset })
  } finally {
    await model.release()
  }
}
