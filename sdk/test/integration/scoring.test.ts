import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type Address,
  encodeFunctionData,
  type Hex,
  keccak256,
  parseEther,
  sha256,
  stringToHex,
  toHex,
} from 'viem'
import { beforeAll, describe, expect, inject, test } from 'vitest'
import { shortHex } from '../../src/cli/chain-command.js'
import { finalizeCommand } from '../../src/cli/commands/finalize.js'
import {
  cidToBytes,
  daimmTokenAbi,
  onchainToCid,
  scoringManagerAbi,
  sortitionPoolAbi,
  toDate,
} from '../../src/index.js'
import { testKey } from './cli-run.js'
import { fundFromGenesis } from './genesis.js'
import {
  advance,
  advancePast,
  chain,
  clientOf,
  freshRegistration,
  giveEth,
  revertAfterFile,
  revertOf,
  testAccount,
} from './local.js'
import { asTimelock } from './treasury.js'

const { publicClient, testClient, deployment } = chain
const { scoring, sortitionPool, token } = deployment.contracts

// Five validators with different stakes; the first one will be the outlier.
const validators = [0, 1, 2, 3, 4].map((i) => testAccount(`scoring.validator${i}`))
const stakes = [20_000, 22_000, 24_000, 26_000, 28_000].map((n) => parseEther(String(n)))
const scores = [20, 78, 80, 82, 84]
/**
 * The evaluation digest each member reveals with its score: the last three (80, 82, 84: 78k of the
 * 100k in-band weight) produced the same outputs; the others differ.
 */
const agreed = keccak256(toHex('daimm.test.scoring.outputs'))
const digests = [
  keccak256(toHex('daimm.test.scoring.outputs.0')),
  keccak256(toHex('daimm.test.scoring.outputs.1')),
  agreed,
  agreed,
  agreed,
]
/** A digest for rounds where only the score matters. */
const digestOf = (score: number): Hex => keccak256(toHex(`daimm.test.scoring.score.${score}`))
const byValidator = new Map(validators.map((account) => [account.address, clientOf(account)]))
const validatorClient = (address: Address) => {
  const client = byValidator.get(address)
  if (!client) throw new Error(`${address} is not one of this file's validators`)
  return client
}
// Owns the scored model (so it is never drawn), opens rounds and funds the reward pool.
const publisher = testAccount('scoring.publisher')
// Draws, finalizes and reports: anyone may.
const keeper = testAccount('scoring.keeper')
const [byPublisher, byKeeper] = [clientOf(publisher), clientOf(keeper)]

const datasetCid = onchainToCid({ codec: 0x55, digest: sha256(toHex('scoring benchmark')) })
const balanceOf = (address: Address) =>
  publicClient.readContract({
    address: token,
    abi: daimmTokenAbi,
    functionName: 'balanceOf',
    args: [address],
  })

describe('a scoring round through the scoring namespace', () => {
  revertAfterFile()
  let modelId: Hex
  let roundId: bigint
  let budget: bigint
  let commitDeadline: bigint
  let revealDeadline: bigint
  const salts = new Map<Address, Hex>()

  beforeAll(async () => {
    await giveEth(publisher, keeper, ...validators)
    await fundFromGenesis(chain, publisher.address, parseEther('3000'))
    for (const [i, { address }] of validators.entries())
      await fundFromGenesis(chain, address, stakes[i] ?? 0n)
    ;({ id: modelId } = await byPublisher.registry.register({ registration: freshRegistration() }))
    // Governance approves the benchmark (only approved benchmarks earn contributor rewards), and
    // the publisher stakes the contributor minimum (rewards go to staked owners only).
    await asTimelock(chain, {
      to: scoring,
      data: encodeFunctionData({
        abi: scoringManagerAbi,
        functionName: 'setBenchmarkApproval',
        args: [cidToBytes(datasetCid.toString()), stringToHex('accuracy', { size: 32 }), true],
      }),
    })
    await byPublisher.staking.stake({ amount: parseEther('1000') })
  })

  test('validators stake and sync their sortition weights', async () => {
    for (const [i, { address }] of validators.entries()) {
      const daimm = validatorClient(address)
      await daimm.staking.stake({ amount: stakes[i] ?? 0n, asValidator: true })
      expect(await daimm.scoring.updateWeight()).toMatchObject({
        weight: stakes[i],
        changed: true,
      })
    }
    // Anyone may sync anyone's weight; an up-to-date one is left as it is.
    expect(
      await byKeeper.scoring.updateWeight({ validator: validators[0]?.address }),
    ).toMatchObject({ weight: stakes[0], changed: false })
    // Nobody else is in the pool, so a committee of five seats all of them.
    expect(
      await publicClient.readContract({
        address: sortitionPool,
        abi: sortitionPoolAbi,
        functionName: 'totalWeight',
      }),
    ).toBe(stakes.reduce((sum, stake) => sum + stake, 0n))
    // A round weighs stake at the end of the second before its opening: let this second end.
    await advance(1)
  })

  test('an opened round freezes the pool until anyone draws its committee', async () => {
    const parameters = await byPublisher.scoring.getParameters()
    expect(parameters).toMatchObject({
      commitWindow: 600n,
      revealWindow: 600n,
      tolerance: 10,
      lockShareBps: 1000,
      maxCommitteeSize: 32,
      contributorRewards: { model: parseEther('1000'), dataset: parseEther('500') },
      randomnessSource: null,
    })

    const pool = await byPublisher.scoring.getRewardPool()
    await byPublisher.scoring.fundRewardPool({ amount: parseEther('1000') })
    expect((await byPublisher.scoring.getRewardPool()).available).toBe(
      pool.available + parseEther('1000'),
    )

    budget = parameters.minBudgetPerSeat * 5n
    const opened = await byPublisher.scoring.openRound({
      subjectId: modelId,
      datasetCid,
      metric: 'accuracy',
      budget,
      committeeSize: 5,
    })
    roundId = opened.roundId
    expect(opened.benchmarkId).toBe(
      await publicClient.readContract({
        address: scoring,
        abi: scoringManagerAbi,
        functionName: 'benchmarkIdOf',
        args: [cidToBytes(datasetCid.toString()), stringToHex('accuracy', { size: 32 })],
      }),
    )
    expect(await byPublisher.scoring.getRound({ roundId })).toMatchObject({
      id: roundId,
      status: 'open',
      subjectId: modelId,
      subjectKind: 'model',
      subjectOwner: publisher.address,
      funder: publisher.address,
      budget,
      committeeSize: 5,
      seats: 0,
      seedBlock: opened.seedBlock,
      commitDeadline: null,
      result: null,
    })
    expect((await byPublisher.scoring.getRewardPool()).reserved).toBe(pool.reserved + budget)

    const frozen = await revertOf(
      validatorClient(validators[1]?.address as Address).scoring.updateWeight(),
    )
    expect(frozen.errorName).toBe('SortitionPoolFrozen')
    expect(frozen.shortMessage).toBe(
      `The sortition weight of ${validators[1]?.address} cannot change now: 1 opened round waits for a committee draw, which freezes the pool's weights. Call drawCommittee(roundId) on it (anyone may), or retry once it is drawn.`,
    )
    const early = await revertOf(
      validatorClient(validators[1]?.address as Address).scoring.commit({
        roundId,
        score: 50,
        digest: digestOf(50),
      }),
    )
    expect(early.errorName).toBe('ScoringWrongStatus')
    expect(early.shortMessage).toMatch(/^The committee of round \d+ is not drawn yet/)

    // The seed is the opening block's hash, known from the next block on.
    const unseeded = await revertOf(
      byKeeper.scoring.drawCommittee({ roundId, waitForBlock: false }),
    )
    expect(unseeded.errorName).toBe('ScoringSeedNotReady')
    expect(unseeded.shortMessage).toBe(
      `The seed of round ${roundId} is not known yet (its seed block is ${opened.seedBlock}): wait for the next block, then draw again.`,
    )
    // By default the draw waits for that block (anvil mines one on demand).
    const drawn = await byKeeper.scoring.drawCommittee({ roundId })
    expect(drawn.receipt.blockNumber).toBeGreaterThan(opened.seedBlock + 1n)
    expect(drawn.status).toBe('drawn')
    expect(drawn.seats).toBe(5)
    expect(drawn.members.map(({ validator }) => validator).sort()).toEqual(
      validators.map(({ address }) => address).sort(),
    )
    for (const member of drawn.members) {
      const stake = stakes[validators.findIndex(({ address }) => address === member.validator)]
      expect(member).toMatchObject({ weight: stake, locked: (stake ?? 0n) / 10n })
    }
    commitDeadline = drawn.commitDeadline as bigint
    revealDeadline = drawn.revealDeadline as bigint
    expect(revealDeadline - commitDeadline).toBe(600n)
    const committee = await byKeeper.scoring.getCommittee({ roundId })
    expect(committee.map(({ ballot }) => ballot.state)).toEqual(Array(5).fill('drawn'))

    // The draw ended the freeze.
    expect(
      await byKeeper.scoring.updateWeight({ validator: validators[1]?.address }),
    ).toMatchObject({ changed: false })
  })

  test('members commit and reveal; a wrong salt or an early finalize is refused in words', async () => {
    for (const [i, { address }] of validators.entries()) {
      const committed = await validatorClient(address).scoring.commit({
        roundId,
        score: scores[i] ?? 0,
        digest: digests[i],
      })
      salts.set(address, committed.salt)
      expect(committed.salt).toMatch(/^0x[0-9a-f]{64}$/)
      // The SDK's commitment is the contract's.
      expect(committed.commitment).toBe(
        await publicClient.readContract({
          address: scoring,
          abi: scoringManagerAbi,
          functionName: 'commitmentOf',
          args: [roundId, address, scores[i] ?? 0, digests[i] as Hex, committed.salt],
        }),
      )
      expect(await byKeeper.scoring.getBallot({ roundId, validator: address })).toMatchObject({
        state: 'committed',
        score: null,
        // The contract keeps the first 29 bytes.
        commitment: committed.commitment.slice(0, 2 + 58),
      })
    }
    expect(await byKeeper.scoring.getBallot({ roundId, validator: keeper.address })).toBeNull()

    const [first] = validators
    const byFirst = validatorClient(first?.address as Address)
    const salt = salts.get(first?.address as Address) as Hex
    const tooEarly = await revertOf(
      byFirst.scoring.reveal({ roundId, score: scores[0] ?? 0, digest: digests[0], salt }),
    )
    expect(tooEarly.errorName).toBe('ScoringNotRevealWindow')
    expect(tooEarly.shortMessage).toContain(
      `after ${toDate(commitDeadline).toISOString()} until ${toDate(revealDeadline).toISOString()}`,
    )

    await advancePast(commitDeadline)
    const wrongSalt = await revertOf(
      byFirst.scoring.reveal({
        roundId,
        score: scores[0] ?? 0,
        digest: digests[0],
        salt: `0x${'00'.repeat(32)}`,
      }),
    )
    expect(wrongSalt.errorName).toBe('ScoringCommitmentMismatch')
    expect(wrongSalt.shortMessage).toBe(
      `The score, digest and salt do not match the commitment of ${first?.address} in round ${roundId}: reveal exactly the score, evaluation digest and salt that were committed (commit returns them).`,
    )
    for (const [i, { address }] of validators.entries())
      await validatorClient(address).scoring.reveal({
        roundId,
        score: scores[i] ?? 0,
        digest: digests[i],
        salt: salts.get(address) as Hex,
      })

    const open = await revertOf(byKeeper.scoring.finalize({ roundId }))
    expect(open.errorName).toBe('ScoringRevealWindowOpen')
    expect(open.shortMessage).toBe(
      `The reveal window of round ${roundId} is open until ${toDate(revealDeadline).toISOString()}: finalize it after that.`,
    )
  })

  test('finalize settles the round and reports the outlier, whom the Slasher slashes', async () => {
    const outlier = validators[0]?.address as Address
    const publisherBefore = await balanceOf(publisher.address)
    await advancePast(revealDeadline)

    const finalized = await byKeeper.scoring.finalize({ roundId })
    // Lower weighted median: 20 (20k) + 78 (22k) + 80 (24k) reach half of the 120k revealed.
    expect(finalized.settlement).toMatchObject({
      status: 'finalized',
      consensus: 80,
      // Carried by 78k of the 100k in-band weight: the committee's digest.
      digest: agreed,
      bandLow: 70,
      bandHigh: 90,
      revealedWeight: parseEther('120000'),
      rewardedWeight: parseEther('100000'),
      // 1,000 × 80 / 100 × (0.5 + 0): the publisher's first round, at the floor.
      contributorReward: parseEther('400'),
    })
    expect(finalized.offenders).toEqual([{ validator: outlier, kind: 'outlier' }])
    expect(finalized.report?.hash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(finalized.report?.hash).not.toBe(finalized.hash)
    const slashed = ((stakes[0] ?? 0n) * 200n) / 10_000n
    expect(finalized.report?.reported).toEqual([
      {
        validator: outlier,
        kind: 'outlier',
        offenceId: expect.stringMatching(/^0x[0-9a-f]{64}$/),
        escrowId: expect.any(BigInt),
        slashed,
      },
    ])
    const [report] = finalized.report?.reported ?? []

    // The Slasher holds the slash in escrow, and the StakeManager took it off the stake.
    expect(await byKeeper.slashing.getEscrow({ escrowId: report?.escrowId ?? 0n })).toMatchObject({
      account: outlier,
      amount: slashed,
      // The reporter (the keeper, within the report window) earns the challenger share.
      challenger: keeper.address,
      status: 'held',
      offenceId: report?.offenceId,
    })
    expect(await byKeeper.slashing.getOffenceStatus({ offenceId: report?.offenceId as Hex })).toBe(
      'slashed',
    )
    expect(await byKeeper.staking.getStake({ account: outlier })).toMatchObject({
      staked: (stakes[0] ?? 0n) - slashed,
      locked: 0n,
      isValidator: true,
    })
    for (const { address } of validators.slice(1))
      expect((await byKeeper.staking.getStake({ account: address })).locked).toBe(0n)

    expect(await byKeeper.scoring.getRound({ roundId })).toMatchObject({
      status: 'finalized',
      result: { consensus: 80, bandLow: 70, bandHigh: 90, rewardedWeight: parseEther('100000') },
    })
    const committee = await byKeeper.scoring.getCommittee({ roundId })
    for (const { validator, ballot } of committee)
      expect(ballot).toMatchObject({
        state: validator === outlier ? 'reported' : 'revealed',
        score: scores[validators.findIndex(({ address }) => address === validator)],
      })
    expect((await byKeeper.registry.getModel({ id: modelId }))?.evaluation).toMatchObject({
      score: 80,
      roundId,
      digest: agreed,
    })
    // The reward is held through the challenge window, with the publisher's stake locked.
    expect(await balanceOf(publisher.address)).toBe(publisherBefore)
    expect((await byKeeper.staking.getStake({ account: publisher.address })).locked).toBe(
      parseEther('1000'),
    )
    // From the floor, 0: 0 × 0.8 + 8,000 × 0.2.
    expect(await byKeeper.scoring.getReputation({ contributor: publisher.address })).toBe(1600)
    const held = await revertOf(byKeeper.scoring.releaseContributorReward({ roundId }))
    expect(held.errorName).toBe('ScoringRewardStillHeld')
    const { releaseAt } = await publicClient.readContract({
      address: scoring,
      abi: scoringManagerAbi,
      functionName: 'heldReward',
      args: [roundId],
    })
    await advancePast(BigInt(releaseAt))
    const released = await byKeeper.scoring.releaseContributorReward({ roundId })
    // 1,000 × 80 / 100 × (0.5 + 0): a first reward is paid at the floor multiplier.
    expect(released).toMatchObject({ paid: parseEther('400'), forfeited: 0n })
    expect((await balanceOf(publisher.address)) - publisherBefore).toBe(parseEther('400'))
    expect((await byKeeper.staking.getStake({ account: publisher.address })).locked).toBe(0n)

    const again = await revertOf(byKeeper.scoring.reportOffenders({ roundId }))
    expect(again.errorName).toBe('ScoringNothingToReport')
  })

  test('members within the band claim their share once; the outlier has none', async () => {
    const outlier = validators[0]?.address as Address
    let paid = 0n
    for (const [i, { address }] of validators.slice(1).entries()) {
      const daimm = validatorClient(address)
      const owed = await daimm.scoring.getReward({ roundId, validator: address })
      // Pro rata to weight among the 100k rewarded.
      expect(owed).toBe((budget * (stakes[i + 1] ?? 0n)) / parseEther('100000'))
      const before = await balanceOf(address)
      // One round id claims with claimReward, a list with claimRewards.
      const claimed = await daimm.scoring.claim(i === 0 ? { roundIds: [roundId] } : { roundId })
      expect(claimed.amount).toBe(owed)
      expect(claimed.claims).toEqual([{ roundId, amount: owed }])
      expect((await balanceOf(address)) - before).toBe(owed)
      expect(await daimm.scoring.getBallot({ roundId, validator: address })).toMatchObject({
        state: 'claimed',
      })
      paid += owed
    }
    expect(paid).toBeLessThanOrEqual(budget)

    expect(await byKeeper.scoring.getReward({ roundId, validator: outlier })).toBe(0n)
    const none = await revertOf(validatorClient(outlier).scoring.claim({ roundId }))
    expect(none.errorName).toBe('ScoringNothingToClaim')
    expect(none.shortMessage).toBe(
      `${outlier} has no reward to claim in round ${roundId}: a reward is paid once, to members that revealed within the band of a finalized round.`,
    )
    const twice = await revertOf(
      validatorClient(validators[1]?.address as Address).scoring.claim({ roundIds: [roundId] }),
    )
    expect(twice.errorName).toBe('ScoringNothingToClaim')
  })

  test('a round without quorum fails at the cost of its opener; its non-revealers are reported on request', async () => {
    const publisherBefore = await balanceOf(publisher.address)
    const { roundId: failing } = await byPublisher.scoring.openRound({
      subjectId: modelId,
      datasetCid,
      metric: 'accuracy',
      budget,
      committeeSize: 3,
    })
    expect(publisherBefore - (await balanceOf(publisher.address))).toBe(budget)
    await testClient.mine({ blocks: 1 })
    const drawn = await byKeeper.scoring.drawCommittee({ roundId: failing })
    expect(drawn.seats).toBe(3)
    const [revealer, ...silent] = drawn.members.map(({ validator }) => validator)
    const byRevealer = validatorClient(revealer as Address)
    const { salt } = await byRevealer.scoring.commit({
      roundId: failing,
      score: 60,
      digest: digestOf(60),
    })
    await validatorClient(silent[0] as Address).scoring.commit({
      roundId: failing,
      score: 61,
      digest: digestOf(61),
    })
    await advancePast(drawn.commitDeadline as bigint)
    await byRevealer.scoring.reveal({ roundId: failing, score: 60, digest: digestOf(60), salt })
    await advancePast(drawn.revealDeadline as bigint)

    // One reveal of three seats is below the 50% count quorum.
    const finalized = await byKeeper.scoring.finalize({ roundId: failing, report: false })
    expect(finalized.settlement).toMatchObject({ status: 'failed', revealed: 1, refund: 0n })
    expect(finalized.offenders).toEqual(
      silent.map((validator) => ({ validator, kind: 'no-reveal' })),
    )
    expect(finalized.report).toBeNull()
    // Not refunded: the budget joined the reward pool.
    expect(await balanceOf(publisher.address)).toBe(publisherBefore - budget)
    expect((await byKeeper.scoring.getRound({ roundId: failing }))?.status).toBe('failed')
    // The non-revealers stay locked until reported.
    for (const validator of silent)
      expect((await byKeeper.staking.getStake({ account: validator })).locked).toBeGreaterThan(0n)

    // Anyone reports them later: here `daimm finalize`, which on a settled round reports who is left.
    const out: string[] = []
    const io = {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: () => true },
      env: { DAIMM_PRIVATE_KEY: testKey('scoring.keeper').key },
    }
    const directory = await mkdtemp(join(tmpdir(), 'daimm-finalize-'))
    const deploymentFile = join(directory, 'deployment.json')
    await writeFile(deploymentFile, JSON.stringify(deployment))
    const args = [String(failing), '--rpc', inject('rpcUrl'), '--deployment', deploymentFile]
    expect(await finalizeCommand.run(args, io)).toBe(0)
    const printed = out.join('')
    expect(printed).toMatch(
      new RegExp(
        `^Round ${failing} was settled \\(failed, no quorum\\) already; reported its offenders\n {2}report +0x[0-9a-f]{64}\n`,
      ),
    )
    for (const validator of silent) {
      // Reported, so unlocked.
      expect((await byKeeper.staking.getStake({ account: validator })).locked).toBe(0n)
      expect(printed).toMatch(
        new RegExp(`\n {2}reported +${shortHex(validator)} no-reveal, slashed [\\d,.]+ DAIMM\n`),
      )
    }
    await expect(finalizeCommand.run(args, io)).rejects.toThrow(
      `Round ${failing} is settled (failed, no quorum), with nobody left to report.`,
    )
  })
})
