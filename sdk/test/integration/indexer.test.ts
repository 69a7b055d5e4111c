import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type Account,
  type Address,
  createWalletClient,
  getAddress,
  type Hex,
  type PublicClient,
  parseEther,
  sha256,
  toHex,
  zeroAddress,
} from 'viem'
import { foundry } from 'viem/chains'
import { beforeAll, describe, expect, inject, test } from 'vitest'
import { indexCommand } from '../../src/cli/commands/index-cmd.js'
import type { Deployment } from '../../src/deployments.js'
import {
  marketplaceAbi,
  modelRegistryAbi,
  royaltySplitterAbi,
  scoringManagerAbi,
  slasherAbi,
  sortitionPoolAbi,
  stakeManagerAbi,
} from '../../src/index.js'
import {
  createIndexer,
  createMemoryStore,
  type IndexedState,
  ReorgTooDeepError,
} from '../../src/indexer/index.js'
import {
  advance,
  advancePast,
  chain,
  clientOf,
  freshRegistration,
  giveEth,
  revertAfterFile,
  snapshot,
  testAccount,
} from './local.js'
import { fundFromTreasury } from './treasury.js'

const { publicClient, testClient, transport, deployment } = chain
const { registry } = deployment.contracts

const actors = [0, 1, 2, 3, 4, 5].map((i) => testAccount(`indexer.actor${i}`))
const addresses = actors.map(({ address }) => address)
const validators = actors.slice(0, 4)
const walletOf = (account: Account) => createWalletClient({ account, chain: foundry, transport })
const seed = Number(process.env.DAIMM_INDEXER_SEED ?? 20_260_115)

describe('the indexer agrees with the contracts after a randomized scenario', () => {
  revertAfterFile()
  const store = createMemoryStore()
  const modelIds: Hex[] = []

  beforeAll(async () => {
    await giveEth(...actors)
    for (const actor of actors) await fundFromTreasury(chain, actor.address, parseEther('60000'))
  })

  test('a scoring round with an outlier and a non-revealer, then random transactions', async () => {
    const random = seededRandom(seed)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const publisher = actors[5] as Account
    const byPublisher = clientOf(publisher)

    // A scored model: validators stake, a round is drawn, three reveal (one an outlier).
    const { id: scored } = await byPublisher.registry.register({
      registration: freshRegistration(),
    })
    modelIds.push(scored)
    for (const [i, v] of validators.entries()) {
      const daimm = clientOf(v)
      await daimm.staking.stake({
        amount: parseEther(String(20_000 + 1000 * i)),
        asValidator: true,
      })
      await daimm.scoring.updateWeight()
    }
    await advance(1)
    const parameters = await byPublisher.scoring.getParameters()
    const opened = await byPublisher.scoring.openRound({
      subjectId: scored,
      datasetCid: `0x01551220${sha256(toHex('indexer benchmark')).slice(2)}`,
      metric: 'accuracy',
      budget: parameters.minBudgetPerSeat * 4n,
      committeeSize: 4,
    })
    await testClient.mine({ blocks: 1 })
    const drawn = await byPublisher.scoring.drawCommittee({ roundId: opened.roundId })
    const scores = [80, 82, 20, 81]
    const salts = new Map<Address, Hex>()
    for (const [i, v] of validators.entries()) {
      if (i === 3) continue // never commits
      const { salt } = await clientOf(v).scoring.commit({
        roundId: opened.roundId,
        score: scores[i] ?? 1,
      })
      salts.set(v.address, salt)
    }
    await advancePast(drawn.commitDeadline as Date)
    for (const [i, v] of validators.entries()) {
      const salt = salts.get(v.address)
      if (salt)
        await clientOf(v).scoring.reveal({ roundId: opened.roundId, score: scores[i] ?? 1, salt })
    }
    await advancePast(drawn.revealDeadline as Date)
    await byPublisher.scoring.finalize({ roundId: opened.roundId })
    for (const v of validators.slice(0, 2))
      await clientOf(v).scoring.claim({ roundId: opened.roundId })

    // A split emptied with dust in it: the dust goes to the owner with `DustFlushed`; a deposit
    // into the empty split then is an ordinary `OwnerCredited`.
    const [first, second] = validators as [Account, Account]
    await byPublisher.royalties.acceptToken({ modelId: scored })
    const split = (w1: number, w2: number) =>
      byPublisher.royalties.setWeights({
        modelId: scored,
        recipients: [
          { account: first.address, weight: w1 },
          { account: second.address, weight: w2 },
        ],
      })
    await split(1, 2)
    await byPublisher.royalties.deposit({ modelId: scored, amount: 10n }) // 3 per weight, dust 1
    await split(0, 0)
    await byPublisher.royalties.deposit({ modelId: scored, amount: 5n })
    const splitterEvents = async (eventName: 'DustFlushed' | 'OwnerCredited') =>
      (
        await publicClient.getContractEvents({
          address: deployment.contracts.splitter,
          abi: royaltySplitterAbi,
          eventName,
          args: { modelId: BigInt(scored) },
          fromBlock: 0n,
        })
      ).map(({ args }) => args.amount)
    expect(await splitterEvents('DustFlushed')).toEqual([1n])
    expect(await splitterEvents('OwnerCredited')).toEqual([5n])

    // Random transactions across the registry, staking, royalties and the market.
    const offers: bigint[] = []
    const ownerOf = async (id: Hex) =>
      (await publicClient.readContract({
        address: registry,
        abi: modelRegistryAbi,
        functionName: 'ownerOf',
        args: [BigInt(id)],
      })) as Address
    const actions: Record<string, (actor: Account) => Promise<unknown>> = {
      async register(actor) {
        const parent = modelIds.length > 0 && random() < 0.6 ? pick(modelIds) : undefined
        const { id } = await clientOf(actor).registry.register({
          registration: freshRegistration(parent ? { parent, relation: 'fine-tune' as const } : {}),
        })
        modelIds.push(id)
      },
      async transfer(actor) {
        const id = pick(modelIds)
        const owner = await ownerOf(id)
        const from = actors.find(({ address }) => address === owner) ?? actor
        const to = pick(addresses.filter((a) => a !== owner))
        const hash = await walletOf(from).writeContract({
          address: registry,
          abi: modelRegistryAbi,
          functionName: 'transferFrom',
          args: [owner, to, BigInt(id)],
        })
        await publicClient.waitForTransactionReceipt({ hash })
      },
      async updateMetadata(actor) {
        const id = pick(modelIds)
        const current = await ownerOf(id)
        const owner = actors.find(({ address }) => address === current) ?? actor
        await clientOf(owner).registry.updateMetadata({
          id,
          metadataCid: `0x01701220${sha256(toHex(`card ${random()}`)).slice(2)}`,
        })
      },
      async deprecate(actor) {
        await clientOf(actor).registry.deprecate({ id: pick(modelIds) })
      },
      async stake(actor) {
        await clientOf(actor).staking.stake({
          amount: parseEther(String(1 + Math.floor(random() * 2000))),
          asValidator: random() < 0.3,
        })
      },
      async requestUnstake(actor) {
        await clientOf(actor).staking.requestUnstake({
          amount: parseEther(String(1 + Math.floor(random() * 500))),
        })
      },
      async withdraw(actor) {
        await clientOf(actor).staking.withdraw()
      },
      async setWeights(actor) {
        const mine = await ownedBy(actor.address)
        if (mine.length === 0) return
        const recipients = addresses
          .filter(() => random() < 0.5)
          .map((account) => ({ account, weight: Math.floor(random() * 4) * 7 }))
        await clientOf(actor).royalties.setWeights({ modelId: pick(mine), recipients })
      },
      async acceptToken(actor) {
        const mine = await ownedBy(actor.address)
        if (mine.length === 0) return
        await clientOf(actor).royalties.acceptToken({ modelId: pick(mine) })
      },
      async deposit(actor) {
        await clientOf(actor).royalties.deposit({
          modelId: pick(modelIds),
          amount:
            BigInt(1 + Math.floor(random() * 1e9)) * 1000n + BigInt(Math.floor(random() * 999)),
        })
      },
      async publishOffer(actor) {
        const mine = await ownedBy(actor.address)
        if (mine.length === 0) return
        const { offerId } = await clientOf(actor).market.publishOffer({
          terms: {
            modelId: pick(mine),
            price: parseEther('0.01') + BigInt(Math.floor(random() * 1e12)),
            duration: random() < 0.5 ? 0 : 86_400,
            supplyCap: random() < 0.5 ? 0 : 3,
            commercial: random() < 0.5,
            termsCid: `0x01551220${sha256(toHex(`terms ${random()}`)).slice(2)}`,
          },
        })
        offers.push(offerId)
      },
      async buy(actor) {
        if (offers.length === 0) return
        await clientOf(actor).market.buyLicense({
          offerId: pick(offers),
          maxPrice: parseEther('1'),
        })
      },
      async cancelOffer(actor) {
        if (offers.length === 0) return
        await clientOf(actor).market.cancelOffer({ offerId: pick(offers) })
      },
      async claim(actor) {
        await clientOf(actor).royalties.claim({ modelIds: modelIds.slice(0, 20) })
      },
      async wait() {
        await advance(Math.floor(random() * 3 * 86_400))
      },
    }
    const ownedBy = async (account: Address) => {
      const owned: Hex[] = []
      for (const id of modelIds) if ((await ownerOf(id)) === account) owned.push(id)
      return owned
    }
    const names = Object.keys(actions)
    const done: Record<string, number> = {}
    for (let step = 0; step < 150; step++) {
      const name = step < 6 ? 'register' : pick(names)
      const ok = await (actions[name] as (a: Account) => Promise<unknown>)(pick(actors)).then(
        () => true,
        () => false,
      )
      if (ok) done[name] = (done[name] ?? 0) + 1
    }
    // Most kinds of transaction happened at least once.
    expect(Object.keys(done).length).toBeGreaterThanOrEqual(12)

    const indexer = createIndexer({ publicClient, deployment, confirmations: 4, store })
    await indexer.sync()
    const compared = await expectAgreement(publicClient, deployment, indexer.getState(), addresses)
    console.log(
      JSON.stringify({
        done,
        compared,
        splits: Object.keys(indexer.getState().splits).length,
        offers: Object.keys(indexer.getState().offers).length,
        licenses: Object.keys(indexer.getState().licenses).length,
      }),
    )
    expect(compared).toBeGreaterThan(200)

    // The round's story is all there: the outlier reported, the non-revealer too, the model scored.
    const round = indexer.round(opened.roundId)
    expect(round?.members.map((m) => m.state).sort()).toEqual([
      'claimed',
      'claimed',
      'reported',
      'reported',
    ])
    expect(indexer.model(scored)?.evaluation?.score).toBe(round?.consensus)
    expect(
      indexer.validatorHistory(validators[2]?.address as Address).staker?.slashes,
    ).toHaveLength(1)
    expect(indexer.modelsBy({ minScore: 1 }).map((m) => m.id)).toEqual([scored])
  }, 300_000)

  test('a second indexer resumes from the saved checkpoint and reaches the same state', async () => {
    expect(store.checkpoint?.final).not.toBeNull()
    const resumed = createIndexer({ publicClient, deployment, confirmations: 4, store })
    // More blocks after the checkpoint.
    const { id } = await clientOf(actors[0] as Account).registry.register({
      registration: freshRegistration(),
    })
    modelIds.push(id)
    const result = await resumed.sync()
    const fresh = createIndexer({ publicClient, deployment, confirmations: 4 })
    await fresh.sync()
    expect(resumed.getState()).toEqual(fresh.getState())
    expect(result.events).toBeLessThan(20)
    expect(resumed.model(id)?.owner).toBe(actors[0]?.address)
  })

  test('query helpers: owner, kind, parent, lineage, revenue', async () => {
    const indexer = createIndexer({ publicClient, deployment, store })
    await indexer.sync()
    const state = indexer.getState()
    for (const account of addresses)
      expect(indexer.modelsBy({ owner: account }).length).toBe(
        Object.values(state.models).filter((m) => m.owner === account).length,
      )
    const child = Object.values(state.models).find((m) => m.parent !== null)
    if (child?.parent) {
      expect(indexer.children(child.parent).map((m) => m.id)).toContain(child.id)
      expect(indexer.lineage(child.id)[0]).toBe(child.parent)
    }
    expect(indexer.modelsBy({ kind: 'dataset' })).toEqual([])
    const sold = Object.values(state.licenses)[0]
    if (sold) {
      const revenue = indexer.modelRevenue(sold.modelId)
      expect(revenue.licenses.length).toBeGreaterThan(0)
      expect(revenue.byToken[zeroAddress]?.sales).toBeGreaterThan(0n)
    }
    // Claimable totals across splits match the splitter's claimable, summed.
    for (const account of addresses) {
      let onchain = 0n
      for (const split of Object.values(state.splits))
        onchain += await publicClient.readContract({
          address: deployment.contracts.splitter,
          abi: royaltySplitterAbi,
          functionName: 'claimable',
          args: [BigInt(split.modelId), zeroAddress, account],
        })
      expect(indexer.claimableTotal(account)).toBe(onchain)
    }
  })
})

test('daimm index dumps the reconstructed state', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'daimm-index-'))
  const file = join(directory, 'deployment.json')
  await writeFile(file, JSON.stringify(deployment))
  const out: string[] = []
  const io = { stdout: { write: (text: string) => out.push(text) }, stderr: { write: () => true } }
  const rpc = inject('rpcUrl')
  expect(await indexCommand.run(['--rpc', rpc, '--deployment', file, '--json'], io)).toBe(0)
  const dumped = JSON.parse(out.join(''))
  const indexer = createIndexer({ publicClient, deployment })
  await indexer.sync()
  expect(Object.keys(dumped.state.models).sort()).toEqual(
    Object.keys(indexer.getState().models).sort(),
  )
  expect(dumped.state.totals.staked).toBe(indexer.getState().totals.staked.toString())
  out.length = 0
  expect(await indexCommand.run(['--rpc', rpc, '--deployment', file], io)).toBe(0)
  expect(out.join('')).toMatch(/^chain 31337, blocks \d+–\d+\n {2}models {5}\d+/)
  await expect(indexCommand.run([], io)).rejects.toThrow(/needs the chain to read/)
})

describe('the indexer survives reorgs within its confirmations', () => {
  revertAfterFile()
  const alice = testAccount('indexer.reorg.alice')
  const bob = testAccount('indexer.reorg.bob')

  beforeAll(async () => {
    await giveEth(alice, bob)
    await fundFromTreasury(chain, alice.address, parseEther('5000'))
  })

  test('blocks replaced on the node are rolled back and read again', async () => {
    const indexer = createIndexer({ publicClient, deployment, confirmations: 6 })
    await indexer.sync()
    const revert = await snapshot()
    const { id: lost } = await clientOf(alice).registry.register({
      registration: freshRegistration(),
    })
    await clientOf(alice).staking.stake({ amount: parseEther('100') })
    await indexer.sync()
    expect(indexer.model(lost)?.owner).toBe(alice.address)
    const before = indexer.getHead()

    // The node drops those blocks and mines others in their place, one more than before.
    await revert()
    const { id: kept } = await clientOf(bob).registry.register({
      registration: freshRegistration(),
    })
    await testClient.mine({ blocks: 2 })
    expect((await publicClient.getBlock({ blockNumber: before?.number ?? 0n })).hash).not.toBe(
      before?.hash,
    )
    const result = await indexer.sync()
    expect(result.rolledBack).toBeGreaterThan(0)
    expect(indexer.model(lost)).toBeUndefined()
    expect(indexer.model(kept)?.owner).toBe(bob.address)
    expect(indexer.getState().stakers[alice.address]).toBeUndefined()
    await expectAgreement(publicClient, deployment, indexer.getState(), [
      alice.address,
      bob.address,
    ])
    // The same state as an indexer that never saw the lost blocks.
    const fresh = createIndexer({ publicClient, deployment, confirmations: 6 })
    await fresh.sync()
    expect(indexer.getState()).toEqual(fresh.getState())
  }, 60_000)

  test('a reorg deeper than the confirmations is refused, not silently absorbed', async () => {
    const indexer = createIndexer({ publicClient, deployment, confirmations: 1 })
    const revert = await snapshot()
    await clientOf(alice).registry.register({ registration: freshRegistration() })
    await testClient.mine({ blocks: 3 })
    await indexer.sync()
    await revert()
    await clientOf(bob).registry.register({ registration: freshRegistration() })
    await testClient.mine({ blocks: 4 })
    await expect(indexer.sync()).rejects.toBeInstanceOf(ReorgTooDeepError)
  }, 60_000)

  test('watch() follows new blocks', async () => {
    const indexer = createIndexer({ publicClient, deployment, confirmations: 2 })
    const seen: bigint[] = []
    const stop = indexer.watch({ pollingInterval: 50, onSync: ({ head }) => seen.push(head) })
    try {
      const { id } = await clientOf(alice).registry.register({ registration: freshRegistration() })
      await expect.poll(() => indexer.model(id)?.owner, { timeout: 10_000 }).toBe(alice.address)
    } finally {
      stop()
    }
    expect(seen.length).toBeGreaterThan(0)
  })
})
/** A struct a view returned, compared field by field. */
// biome-ignore lint/suspicious/noExplicitAny: views of several ABIs
type OnChain = Record<string, any>

const relations = ['none', 'fineTune', 'quantized', 'adapter', 'merge', 'distilled']
const statuses = ['active', 'deprecated', 'flagged']
const roundStatuses = ['none', 'open', 'drawn', 'finalized', 'failed']
const ballotStates = ['none', 'drawn', 'committed', 'revealed', 'claimed', 'reported']
const escrowStatuses = ['none', 'held', 'released', 'reversed']

/**
 * Compares every entity of the indexer's state with the contracts' views, and returns how many
 * values were compared. `accounts` are checked for claimable revenue in every split, ETH and DAIMM.
 */
async function expectAgreement(
  publicClient: PublicClient,
  deployment: Deployment,
  state: IndexedState,
  accounts: readonly Address[],
): Promise<number> {
  const c = deployment.contracts
  let compared = 0
  // biome-ignore lint/suspicious/noExplicitAny: views of several ABIs
  const read = (address: Address, abi: any, functionName: string, args: unknown[] = []) =>
    publicClient.readContract({ address, abi, functionName, args }) as Promise<unknown>
  const same = (actual: unknown, expected: unknown, what: string) => {
    compared++
    expect(actual, what).toEqual(expected)
  }

  // Registry: every model, its owner, record, evaluation and lineage; balances of the accounts.
  for (const model of Object.values(state.models)) {
    const id = BigInt(model.id)
    const onchain = (await read(c.registry, modelRegistryAbi, 'modelOf', [id])) as OnChain
    same(model.owner, onchain.owner, `owner of ${model.id}`)
    same(
      {
        artifactCid: model.artifactCid,
        metadataCid: model.metadataCid,
        kind: model.kind,
        parent: model.parent === null ? 0n : BigInt(model.parent),
        relation: model.relation,
        status: model.status,
        registeredAt: model.registeredAt,
        committed: model.committed,
        evaluation: model.evaluation ?? {
          score: 0,
          roundId: 0n,
          evaluatedAt: 0n,
          benchmarkId: `0x${'00'.repeat(32)}`,
        },
      },
      {
        artifactCid: onchain.artifactCid,
        metadataCid: onchain.metadataCid,
        kind: onchain.kind === 0 ? 'model' : 'dataset',
        parent: onchain.parent,
        relation: relations[onchain.relation],
        status: statuses[onchain.status],
        registeredAt: BigInt(onchain.registeredAt),
        committed: onchain.committed,
        evaluation: { ...onchain.evaluation, evaluatedAt: BigInt(onchain.evaluation.evaluatedAt) },
      },
      `record of ${model.id}`,
    )
    const lineage = (await read(c.registry, modelRegistryAbi, 'lineageOf', [id, 64n])) as bigint[]
    let parent = model.parent
    const ancestors: bigint[] = []
    while (parent) {
      ancestors.push(BigInt(parent))
      parent = state.models[parent]?.parent ?? null
    }
    same(ancestors, [...lineage], `lineage of ${model.id}`)
  }
  for (const account of accounts) {
    const balance = await read(c.registry, modelRegistryAbi, 'balanceOf', [account])
    same(
      BigInt(Object.values(state.models).filter((m) => m.owner === account).length),
      balance,
      `models of ${account}`,
    )
  }

  // Staking: every staker, the totals and the validator set in order; sortition weights.
  for (const s of Object.values(state.stakers)) {
    const args = [s.account]
    same(
      {
        stake: s.stake,
        locked: s.locked,
        unbonding: s.unbonding.map(({ amount, releaseAt }) => ({ amount, releaseAt })),
        registered: s.registeredValidator,
        weight: state.sortitionWeights[s.account] ?? 0n,
        reputation: state.reputations[s.account] ?? 5000n,
      },
      {
        stake: await read(c.stakeManager, stakeManagerAbi, 'stakeOf', args),
        locked: await read(c.stakeManager, stakeManagerAbi, 'lockedOf', args),
        unbonding: (
          (await read(c.stakeManager, stakeManagerAbi, 'unbondingRequests', args)) as {
            amount: bigint
            releaseAt: number
          }[]
        ).map(({ amount, releaseAt }) => ({ amount, releaseAt: BigInt(releaseAt) })),
        registered: await read(c.stakeManager, stakeManagerAbi, 'isRegisteredValidator', args),
        weight: await read(c.sortitionPool, sortitionPoolAbi, 'weightOf', args),
        reputation: await read(c.scoring, scoringManagerAbi, 'reputationOf', args),
      },
      `staker ${s.account}`,
    )
  }
  same(
    state.totals,
    {
      staked: await read(c.stakeManager, stakeManagerAbi, 'totalStaked'),
      unbonding: await read(c.stakeManager, stakeManagerAbi, 'totalUnbonding'),
    },
    'stake totals',
  )
  const count = (await read(c.stakeManager, stakeManagerAbi, 'validatorCount')) as bigint
  const set: unknown[] = []
  for (let i = 0n; i < count; i++)
    set.push(await read(c.stakeManager, stakeManagerAbi, 'validatorAt', [i]))
  same(state.validatorSet, set, 'validator set')

  // Scoring: every round, its seats and ballots.
  same(
    BigInt(Object.keys(state.rounds).length),
    await read(c.scoring, scoringManagerAbi, 'roundCount'),
    'round count',
  )
  for (const r of Object.values(state.rounds)) {
    const onchain = (await read(c.scoring, scoringManagerAbi, 'round', [r.id])) as OnChain
    same(
      {
        funder: r.funder,
        budget: r.budget,
        subjectId: BigInt(r.subjectId),
        subjectOwner: r.subjectOwner,
        kind: r.kind,
        lockShareBps: r.lockShareBps,
        benchmarkId: r.benchmarkId,
        snapshotAt: r.snapshotAt,
        seedBlock: r.seedBlock,
        commitDeadline: r.commitDeadline,
        revealDeadline: r.revealDeadline,
        committeeSize: r.committeeSize,
        seats: r.seats,
        status: r.status,
        consensus: r.consensus ?? 0,
        bandLow: r.bandLow ?? 0,
        bandHigh: r.bandHigh ?? 0,
        rewardedWeight: r.rewardedWeight,
      },
      {
        funder: onchain.funder,
        budget: onchain.budget,
        subjectId: onchain.subjectId,
        subjectOwner: onchain.subjectOwner,
        kind: onchain.kind === 0 ? 'model' : 'dataset',
        lockShareBps: onchain.lockShareBps,
        benchmarkId: onchain.benchmarkId,
        snapshotAt: BigInt(onchain.snapshotAt),
        seedBlock: BigInt(onchain.seedBlock),
        commitDeadline: BigInt(onchain.commitDeadline),
        revealDeadline: BigInt(onchain.revealDeadline),
        committeeSize: onchain.committeeSize,
        seats: onchain.seats,
        status: roundStatuses[onchain.status],
        consensus: onchain.consensus,
        bandLow: onchain.bandLow,
        bandHigh: onchain.bandHigh,
        rewardedWeight: onchain.rewardedWeight,
      },
      `round ${r.id}`,
    )
    for (const m of r.members) {
      const seat = (await read(c.scoring, scoringManagerAbi, 'seatAt', [
        r.id,
        BigInt(m.seat),
      ])) as OnChain
      const ballot = (await read(c.scoring, scoringManagerAbi, 'ballotOf', [
        r.id,
        m.validator,
      ])) as OnChain
      same(
        {
          validator: m.validator,
          weight: m.weight,
          state: m.state,
          commitment: m.commitment?.slice(0, 2 + 58) ?? `0x${'00'.repeat(29)}`,
          score: m.score ?? 0,
        },
        {
          validator: seat.validator,
          weight: seat.weight,
          state: ballotStates[ballot.state],
          commitment: ballot.commitment,
          score: ballot.score,
        },
        `ballot of ${m.validator} in round ${r.id}`,
      )
    }
  }

  // Slashing: every escrow and challenge.
  same(
    BigInt(Object.keys(state.escrows).length),
    await read(c.slasher, slasherAbi, 'escrowCount'),
    'escrow count',
  )
  for (const e of Object.values(state.escrows)) {
    const onchain = (await read(c.slasher, slasherAbi, 'escrow', [e.id])) as OnChain
    same(
      [e.account, e.amount, e.challenger, e.releaseAt, e.status, e.offenceId],
      [
        onchain.account,
        onchain.amount,
        onchain.challenger,
        BigInt(onchain.releaseAt),
        escrowStatuses[onchain.status],
        onchain.offenceId,
      ],
      `escrow ${e.id}`,
    )
  }

  // Royalties: weights, tokens, accumulators and what every account can claim, per split.
  for (const split of Object.values(state.splits)) {
    const id = BigInt(split.modelId)
    same(
      split.totalWeight,
      await read(c.splitter, royaltySplitterAbi, 'totalWeight', [id]),
      `total weight of ${split.modelId}`,
    )
    same(
      split.tokens,
      [...((await read(c.splitter, royaltySplitterAbi, 'acceptedTokens', [id])) as Address[])],
      `tokens of ${split.modelId}`,
    )
    for (const token of [zeroAddress, getAddress(c.token)]) {
      const acc = split.accumulators[token] ?? { revenuePerWeight: 0n, dust: 0n }
      same(
        acc,
        {
          revenuePerWeight: await read(c.splitter, royaltySplitterAbi, 'revenuePerWeight', [
            id,
            token,
          ]),
          dust: await read(c.splitter, royaltySplitterAbi, 'dust', [id, token]),
        },
        `accumulator of ${split.modelId} in ${token}`,
      )
      const owner = state.models[split.modelId]?.owner
      for (const account of new Set([...accounts, ...(owner ? [owner] : [])])) {
        const weight = split.weights[account] ?? 0
        const pos = split.positions[`${account}:${token}`] ?? { owed: 0n, paid: 0n }
        same(
          {
            weight,
            claimable: pos.owed + BigInt(weight) * (acc.revenuePerWeight - pos.paid),
          },
          {
            weight: await read(c.splitter, royaltySplitterAbi, 'weightOf', [id, account]),
            claimable: await read(c.splitter, royaltySplitterAbi, 'claimable', [
              id,
              token,
              account,
            ]),
          },
          `position of ${account} in ${split.modelId} (${token})`,
        )
      }
    }
  }
  for (const [key, owed] of Object.entries(state.protocolFees)) {
    const [treasury, token] = key.split(':') as [Address, Address]
    same(
      owed,
      await read(c.splitter, royaltySplitterAbi, 'claimable', [0n, token, treasury]),
      `protocol fees of ${key}`,
    )
  }

  // Market: every offer and license.
  same(
    BigInt(Object.keys(state.offers).length),
    await read(c.market, marketplaceAbi, 'offerCount'),
    'offer count',
  )
  for (const o of Object.values(state.offers)) {
    const onchain = (await read(c.market, marketplaceAbi, 'offerOf', [o.id])) as OnChain
    same(
      {
        modelId: BigInt(o.modelId),
        seller: o.seller,
        token: o.token,
        price: o.price,
        duration: o.duration,
        supplyCap: o.supplyCap,
        sold: o.supplyCap === 0 ? 0 : o.sales,
        commercial: o.commercial,
        cancelled: o.cancelled,
        signed: o.signed,
        termsCid: o.termsCid,
      },
      { ...onchain },
      `offer ${o.id}`,
    )
  }
  for (const l of Object.values(state.licenses)) {
    const onchain = (await read(c.market, marketplaceAbi, 'licenseOf', [
      BigInt(l.modelId),
      l.account,
    ])) as OnChain
    same(
      { expiresAt: l.expiresAt, offerId: l.offerId, commercial: l.commercial },
      { ...onchain, offerId: BigInt(onchain.offerId) },
      `license of ${l.account} on ${l.modelId}`,
    )
  }
  return compared
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so a failing scenario can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
