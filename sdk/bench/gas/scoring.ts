/**
 * Scoring gas: real rounds on the ScoringManager, from opening to the report of the outlier.
 *
 * Setup: 32 validators stake the same amount (a K = 21 draw looks at up to K + 8 candidates; with
 * equal, synced weights every candidate is eligible), their SortitionPool weights are synced before
 * each opening (the pool is frozen from opening to draw), and the reward pool is funded, so finalize
 * pays the contributor. After each round the reported outlier tops its stake back up, so every seat
 * always weighs the same.
 *
 * Steady state, as in the royalties suite: a warm-up round scores the subject first and reports its
 * outlier, so the measured rounds find the subject's evaluation, its owner's reputation and DAIMM
 * balance, and the Slasher's escrow counters and balance in use.
 * - `commit`, `reveal`: one member's first commit and its reveal (k5 round).
 * - `finalize_k5`, `finalize_k21`: committees of 5 and 21 on the same subject, everyone revealed,
 *   one outlier in the last seat (so the result does not depend on who sits where). No new slot.
 *   finalize_k21's target is the linearity rule: (k21 − k5) / 16 ≤ 40,000 per member.
 * - `reportOffenders`: the k5 round's outlier, reported to the Slasher: 6 new slots (the escrow's 3,
 *   the Slasher's offence status, the StakeManager's slashed-offence flag and stake checkpoint).
 * - `finalize_k5_firstEvaluation`, the worst case, for context: a fresh publisher's fresh model, so
 *   its first evaluation (2 new slots, 2 more per benchmark: its score and the agreed digest), the
 *   publisher's first reputation (1), its held contributor reward (2), the pair's rewarded flag (1)
 *   and the lock of its stake (1); its target is finalize_k5's plus those 9 slots. The benchmark is approved by governance first, and
 *   publishers stake the contributor minimum, as contributor rewards require.
 *
 * The draw's seed is a block hash, which varies run to run with anvil's clock, so committees differ
 * between runs; the measured gas does not: all seats weigh the same, honest members reveal the same
 * score, and salts are chosen so that neither they nor the commitments hold a zero byte (stable
 * calldata).
 */
import {
  type Account,
  type Address,
  type Hex,
  keccak256,
  parseEther,
  parseEventLogs,
  stringToHex,
  toHex,
} from 'viem'
import {
  daimmTokenAbi,
  modelRegistryAbi,
  scoringManagerAbi,
  sortitionPoolAbi,
  stakeManagerAbi,
} from '../../src/index.js'
import type { GasContext, GasMeasurement, SentTransaction } from './context.js'
import { floorGas, NEW_SLOT_GAS } from './floor.js'
import { registration } from './registry.js'

const VALIDATORS = 32
const STAKE = parseEther('20000')
const HONEST_SCORE = 80
/** Outside the band (consensus ± tolerance) of the honest score. */
const OUTLIER_SCORE = 20
/** `RoundStatus.Finalized`. */
const FINALIZED = 3
const POOL_FUNDING = parseEther('10000')
const PER_MEMBER_TARGET = 40_000n
const FINALIZE_K5_TARGET = 260_000n
/**
 * The issue sets no target for a report. This bounds one outlier's: its 6 new slots alone cost
 * 132,600, and it runs through three proxied, access-managed calls (the StakeManager's unlock, the
 * Slasher's report, the StakeManager's slash, which moves the slashed DAIMM into escrow).
 */
const REPORT_TARGET = 350_000n
/**
 * New slots of a fresh publisher's first round: the evaluation (2) and its per-benchmark copy (2,
 * with the committee's agreed digest),
 * the reputation (1), the held reward (2), the (subject, benchmark) rewarded flag (1) and the
 * contributor's stake lock (its StakeManager account slot, 1).
 */
const FIRST_EVALUATION_SLOTS = 9n

/**
 * The benchmark the local genesis approves (script/Deploy.s.sol): the bundled Iris test set, as its
 * binary CIDv1 (raw, sha2-256), on accuracy. Rounds on it record evaluations and earn contributor
 * rewards, as governance-approved benchmarks do.
 */
const DATASET_CID = '0x01551220bbcbc1d0851d68edf8911b9328a2b91856e1b8618c6c1bd69d2400930ec3fb45'
const METRIC_ID = stringToHex('accuracy', { size: 32 })

function hasZeroByte(value: Hex): boolean {
  for (let i = 2; i < value.length; i += 2) if (value.slice(i, i + 2) === '00') return true
  return false
}

type Round = { roundId: bigint; members: Account[] }

export async function scoringGas(ctx: GasContext): Promise<GasMeasurement[]> {
  const { contracts } = ctx.deployment
  const scoring = { address: contracts.scoring, abi: scoringManagerAbi } as const
  const pool = { address: contracts.sortitionPool, abi: sortitionPoolAbi } as const
  const stakeManager = { address: contracts.stakeManager, abi: stakeManagerAbi } as const
  const registry = { address: contracts.registry, abi: modelRegistryAbi } as const
  const token = { address: contracts.token, abi: daimmTokenAbi } as const

  const parameters = await ctx.publicClient.readContract({ ...scoring, functionName: 'parameters' })

  // Validators: each keeps as much DAIMM unstaked as it stakes, to top up after a slash.
  const validators: Account[] = []
  const byAddress = new Map<Address, Account>()
  for (let i = 0; i < VALIDATORS; i++) {
    const validator = await ctx.actor(`scoring.validator.${i}`)
    await ctx.fund(validator.address, STAKE * 2n)
    await ctx.send(validator, {
      ...token,
      functionName: 'approve',
      args: [stakeManager.address, STAKE * 2n],
    })
    await ctx.send(validator, { ...stakeManager, functionName: 'stakeAsValidator', args: [STAKE] })
    validators.push(validator)
    byAddress.set(validator.address, validator)
  }

  // The funder pays the budgets and the reward pool, from which finalize pays contributors.
  const funder = await ctx.actor('scoring.funder')
  await ctx.fund(funder.address, POOL_FUNDING * 2n)
  await ctx.send(funder, {
    ...token,
    functionName: 'approve',
    args: [scoring.address, POOL_FUNDING * 2n],
  })
  await ctx.send(funder, { ...scoring, functionName: 'fundRewardPool', args: [POOL_FUNDING] })

  /** Tops up slashed validators to `STAKE` and syncs every pool weight (the pool is not frozen now). */
  async function syncValidators(): Promise<void> {
    for (const validator of validators) {
      const stake = await ctx.publicClient.readContract({
        ...stakeManager,
        functionName: 'stakeOf',
        args: [validator.address],
      })
      if (stake < STAKE)
        await ctx.send(validator, { ...stakeManager, functionName: 'stake', args: [STAKE - stake] })
      await ctx.send(validator, {
        ...pool,
        functionName: 'updateWeight',
        args: [validator.address],
      })
    }
  }

  /** Opens a round of `k` seats on `subjectId` and draws its committee. */
  async function openAndDraw(subjectId: bigint, k: number): Promise<Round> {
    await syncValidators()
    await ctx.advance(1)
    const budget = parameters.minBudgetPerSeat * BigInt(k)
    await ctx.send(funder, {
      ...scoring,
      functionName: 'openRound',
      args: [subjectId, DATASET_CID, METRIC_ID, budget, BigInt(k)],
    })
    const roundId = await ctx.publicClient.readContract({ ...scoring, functionName: 'roundCount' })
    await ctx.testClient.mine({ blocks: 1 })
    await ctx.send(funder, { ...scoring, functionName: 'drawCommittee', args: [roundId] })
    const { seats } = await ctx.publicClient.readContract({
      ...scoring,
      functionName: 'round',
      args: [roundId],
    })
    if (seats !== k) throw new Error(`round ${roundId}: ${seats} of ${k} seats filled`)
    const members: Account[] = []
    for (let seat = 0; seat < k; seat++) {
      const { validator } = await ctx.publicClient.readContract({
        ...scoring,
        functionName: 'seatAt',
        args: [roundId, BigInt(seat)],
      })
      const member = byAddress.get(validator)
      if (member === undefined) throw new Error(`round ${roundId}: unknown member ${validator}`)
      members.push(member)
    }
    return { roundId, members }
  }

  /**
   * A deterministic salt for `member`, chosen so that neither it nor the commitment holds a zero
   * byte: commit and reveal calldata then cost the same whoever sits in the seat.
   */
  async function ballot(roundId: bigint, member: Address, score: number) {
    // Members scoring alike evaluated alike: the same outputs, the same digest.
    const digest = keccak256(toHex(`daimm.bench.scoring.outputs.${score}`))
    for (let nonce = 0; ; nonce++) {
      const salt = keccak256(toHex(`daimm.bench.scoring.salt.${roundId}.${member}.${nonce}`))
      if (hasZeroByte(salt)) continue
      const commitment = await ctx.publicClient.readContract({
        ...scoring,
        functionName: 'commitmentOf',
        args: [roundId, member, score, digest, salt],
      })
      if (!hasZeroByte(commitment)) return { score, digest, salt, commitment }
    }
  }

  async function advancePast(deadline: number): Promise<void> {
    const { timestamp } = await ctx.publicClient.getBlock()
    await ctx.advance(Math.max(1, deadline - Number(timestamp) + 1))
  }

  /**
   * Every member commits, then reveals; the last seat is the outlier. Anyone finalizes. Returns the
   * first seat's commit and reveal, and the finalize transaction.
   */
  async function vote({ roundId, members }: Round) {
    const votes = []
    for (const [seat, member] of members.entries()) {
      const score = seat === members.length - 1 ? OUTLIER_SCORE : HONEST_SCORE
      votes.push({ member, ...(await ballot(roundId, member.address, score)) })
    }
    const commits: SentTransaction[] = []
    for (const { member, commitment } of votes)
      commits.push(
        await ctx.send(member, { ...scoring, functionName: 'commit', args: [roundId, commitment] }),
      )
    const { commitDeadline, revealDeadline } = await ctx.publicClient.readContract({
      ...scoring,
      functionName: 'round',
      args: [roundId],
    })
    await advancePast(commitDeadline)
    const reveals: SentTransaction[] = []
    for (const { member, score, digest, salt } of votes)
      reveals.push(
        await ctx.send(member, {
          ...scoring,
          functionName: 'reveal',
          args: [roundId, score, digest, salt],
        }),
      )
    await advancePast(revealDeadline)
    const finalize = await ctx.send(funder, {
      ...scoring,
      functionName: 'finalize',
      args: [roundId],
    })
    const settled = await ctx.publicClient.readContract({
      ...scoring,
      functionName: 'round',
      args: [roundId],
    })
    if (settled.status !== FINALIZED || settled.consensus !== HONEST_SCORE)
      throw new Error(`round ${roundId}: status ${settled.status}, consensus ${settled.consensus}`)
    const [commit, reveal] = [commits[0], reveals[0]]
    if (commit === undefined || reveal === undefined) throw new Error(`round ${roundId}: no member`)
    return { commit, reveal, finalize }
  }

  /** Reports the round's offenders: only the outlier, in the last seat. */
  async function report({ roundId, members }: Round): Promise<SentTransaction> {
    await ctx.advance(1)
    const tx = await ctx.send(funder, {
      ...scoring,
      functionName: 'reportOffenders',
      args: [roundId],
    })
    const reported = parseEventLogs({
      abi: scoringManagerAbi,
      eventName: 'MemberReported',
      logs: tx.logs,
    })
    if (reported.length !== 1 || reported[0]?.args.validator !== members.at(-1)?.address)
      throw new Error(`round ${roundId}: expected only the outlier in the last seat to be reported`)
    return tx
  }

  const contributorMinStake = await ctx.publicClient.readContract({
    ...stakeManager,
    functionName: 'contributorMinStake',
  })
  const publisher = await ctx.actor('scoring.publisher')
  /** A model of `owner` (staked as a contributor, as rewards require), for rounds to score. */
  async function subject(owner: Account, label: string): Promise<bigint> {
    await ctx.fund(owner.address, contributorMinStake)
    await ctx.send(owner, {
      ...token,
      functionName: 'approve',
      args: [stakeManager.address, contributorMinStake],
    })
    await ctx.send(owner, { ...stakeManager, functionName: 'stake', args: [contributorMinStake] })
    const r = registration(`scoring subject ${label}`, 0n, 0)
    await ctx.send(owner, { ...registry, functionName: 'register', args: [r] })
    return BigInt(r.fingerprint)
  }
  const scored = await subject(publisher, 'steady')

  // Warm-up: the subject's first round, settled and reported.
  const warmUp = await openAndDraw(scored, 5)
  await vote(warmUp)
  await report(warmUp)

  const k5 = await openAndDraw(scored, 5)
  const k5Txs = await vote(k5)
  const k5Report = await report(k5)

  const k21 = await openAndDraw(scored, 21)
  const k21Txs = await vote(k21)
  await report(k21)

  // Worst case: the first round of a fresh publisher's fresh model.
  const first = await openAndDraw(
    await subject(await ctx.actor('scoring.newPublisher'), 'first evaluation'),
    5,
  )
  const firstTxs = await vote(first)
  await report(first)

  const perMember = (k21Txs.finalize.gasUsed - k5Txs.finalize.gasUsed) / 16n
  return [
    {
      name: 'commit',
      gasUsed: k5Txs.commit.gasUsed,
      target: 60_000n,
      floor: floorGas(k5Txs.commit.input, 0, k5Txs.commit.logs),
      note: "a member's first commit: rewrites its ballot slot",
    },
    {
      name: 'reveal',
      gasUsed: k5Txs.reveal.gasUsed,
      target: 60_000n,
      floor: floorGas(k5Txs.reveal.input, 0, k5Txs.reveal.logs),
      note: 'checks the commitment, rewrites the ballot slot and the digest slot the draw wrote',
    },
    {
      name: 'finalize_k5',
      gasUsed: k5Txs.finalize.gasUsed,
      target: FINALIZE_K5_TARGET,
      floor: floorGas(k5Txs.finalize.input, 0, k5Txs.finalize.logs),
      note: 'all 5 revealed, 1 outlier; the pair was rewarded already (once per subject and benchmark); no new slot',
    },
    {
      name: 'finalize_k21',
      gasUsed: k21Txs.finalize.gasUsed,
      target: k5Txs.finalize.gasUsed + 16n * PER_MEMBER_TARGET,
      floor: floorGas(k21Txs.finalize.input, 0, k21Txs.finalize.logs),
      note: `(k21 − k5) / 16 = ${perMember.toLocaleString('en-US')} per member (target ≤ ${PER_MEMBER_TARGET.toLocaleString('en-US')})`,
    },
    {
      name: 'reportOffenders',
      gasUsed: k5Report.gasUsed,
      target: REPORT_TARGET,
      floor: floorGas(k5Report.input, 6, k5Report.logs),
      note: 'reports 1 outlier to the Slasher (slash + escrow)',
    },
    {
      name: 'finalize_k5_firstEvaluation',
      gasUsed: firstTxs.finalize.gasUsed,
      target: FINALIZE_K5_TARGET + FIRST_EVALUATION_SLOTS * NEW_SLOT_GAS,
      floor: floorGas(
        firstTxs.finalize.input,
        Number(FIRST_EVALUATION_SLOTS),
        firstTxs.finalize.logs,
      ),
      note: `a fresh publisher's fresh model: ${FIRST_EVALUATION_SLOTS} new slots (target: finalize_k5's + ${FIRST_EVALUATION_SLOTS} × 22,100)`,
    },
  ]
}
