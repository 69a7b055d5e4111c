import { type Address, encodeEventTopics, type Hex, toHex, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { modelRegistryAbi } from '../../../src/generated/contracts.js'
import { type ApplyContext, applyLog, type IndexedLog } from '../../../src/indexer/apply-log.js'
import * as indexer from '../../../src/indexer/index.js'
import {
  createMemoryStore,
  deserializeCheckpoint,
  emptyState,
  type IndexerCheckpoint,
  serializeCheckpoint,
} from '../../../src/indexer/index.js'
import { createQueries } from '../../../src/indexer/queries.js'

test('the public exports of @daimm/sdk/indexer', () => {
  expect(Object.keys(indexer).sort()).toMatchInlineSnapshot(`
    [
      "ChainUnstableError",
      "CheckpointMismatchError",
      "ReorgTooDeepError",
      "createIndexer",
      "createMemoryStore",
      "deserializeCheckpoint",
      "emptyState",
      "keysOf",
      "serializeCheckpoint",
    ]
  `)
})

const alice = '0x00000000000000000000000000000000000A11cE' as Address
const bob = '0x0000000000000000000000000000000000000B0b' as Address
let logIndex = 0
const log = (
  contract: IndexedLog['contract'],
  eventName: string,
  args: Record<string, unknown>,
  transactionHash: Hex = toHex(logIndex, { size: 32 }),
): IndexedLog => ({
  contract,
  eventName,
  args,
  blockNumber: 10n,
  blockHash: `0x${'11'.repeat(32)}`,
  blockTimestamp: 1000n,
  transactionHash,
  logIndex: logIndex++,
})

/** Round 1 on model 7, opened by Alice, Bob's model. */
const roundOpened = (args: { kind: number; budget: bigint; committeeSize: bigint }) =>
  log('scoring', 'RoundOpened', {
    roundId: 1n,
    subjectId: 7n,
    funder: alice,
    subjectOwner: bob,
    benchmarkId: `0x${'01'.repeat(32)}`,
    datasetCid: '0x01',
    metricId: `0x${'02'.repeat(32)}`,
    snapshotAt: 999n,
    seedBlock: 10n,
    ...args,
  })

describe('applyLog', () => {
  test('a split settles a recipient at its old weight, as the splitter does', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    apply(log('splitter', 'TokenAccepted', { modelId: 1n, token: zeroAddress }))
    apply(log('splitter', 'WeightSet', { modelId: 1n, account: alice, weight: 3, totalWeight: 3 }))
    apply(
      log('splitter', 'RevenueCredited', {
        modelId: 1n,
        token: zeroAddress,
        sourceModelId: 1n,
        amount: 10n,
        revenuePerWeight: 3n,
        dust: 1n,
      }),
    )
    // Alice's weight drops to 1: she keeps 3 × 3 owed, and earns at weight 1 from then on.
    apply(log('splitter', 'WeightSet', { modelId: 1n, account: alice, weight: 1, totalWeight: 1 }))
    apply(
      log('splitter', 'RevenueCredited', {
        modelId: 1n,
        token: zeroAddress,
        sourceModelId: 1n,
        amount: 4n,
        revenuePerWeight: 8n,
        dust: 0n,
      }),
    )
    const split = state.splits[toHex(1n, { size: 32 })]
    const position = split?.positions[`${alice}:${zeroAddress}`]
    expect(position).toEqual({ owed: 9n, paid: 3n })
    // claimable = owed + weight × (rpw − paid) = 9 + 1 × 5
    expect((position?.owed ?? 0n) + 1n * (8n - (position?.paid ?? 0n))).toBe(14n)
    apply(log('splitter', 'WeightSet', { modelId: 1n, account: alice, weight: 0, totalWeight: 0 }))
    expect(split?.weights).toEqual({})
  })

  test('only DustFlushed clears the dust; OwnerCredited leaves it', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    apply(log('splitter', 'TokenAccepted', { modelId: 1n, token: zeroAddress }))
    apply(log('splitter', 'WeightSet', { modelId: 1n, account: alice, weight: 2, totalWeight: 2 }))
    apply(
      log('splitter', 'RevenueCredited', {
        modelId: 1n,
        token: zeroAddress,
        sourceModelId: 1n,
        amount: 5n,
        revenuePerWeight: 2n,
        dust: 1n,
      }),
    )
    // One transaction empties the split, then credits the owner with revenue the split cannot
    // take: an ordinary credit, which leaves the dust.
    const tx = `0x${'aa'.repeat(32)}` as Hex
    const emptied = { modelId: 1n, account: alice, weight: 0, totalWeight: 0 }
    apply(log('splitter', 'WeightSet', emptied, tx))
    apply(
      log(
        'splitter',
        'OwnerCredited',
        { modelId: 1n, token: zeroAddress, owner: bob, amount: 7n },
        tx,
      ),
    )
    const split = state.splits[toHex(1n, { size: 32 })]
    expect(split?.accumulators[zeroAddress]?.dust).toBe(1n)
    expect(split?.positions[`${bob}:${zeroAddress}`]?.owed).toBe(7n)
    // The flush says so.
    apply(
      log(
        'splitter',
        'DustFlushed',
        { modelId: 1n, token: zeroAddress, owner: bob, amount: 1n },
        tx,
      ),
    )
    expect(split?.accumulators[zeroAddress]?.dust).toBe(0n)
    expect(split?.positions[`${bob}:${zeroAddress}`]?.owed).toBe(8n)
    expect(split?.positions[`${alice}:${zeroAddress}`]).toEqual({ owed: 4n, paid: 2n })
  })

  test('a license sale credits its fee to the treasury and token the event names', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    const token = '0x0000000000000000000000000000000000007070' as Address
    // Neither the offer nor a `TreasurySet` was seen (an indexer started late).
    apply(
      log('market', 'LicensePurchased', {
        modelId: 1n,
        buyer: alice,
        offerId: 3n,
        token,
        price: 100n,
        fee: 2n,
        treasury: bob,
        expiresAt: 5000n,
      }),
    )
    expect(state.protocolFees).toEqual({ [`${bob}:${token}`]: 2n })
    expect(state.splits[toHex(1n, { size: 32 })]?.revenue[token]?.sales).toBe(98n)
    expect(state.licenses[`${toHex(1n, { size: 32 })}:${alice}`]?.expiresAt).toBe(5000n)
  })

  test('a round keeps its subject owner, kind and lock share', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    apply(roundOpened({ kind: 1, budget: 10n, committeeSize: 5n }))
    expect(state.rounds['1']).toMatchObject({ subjectOwner: bob, kind: 'dataset', lockShareBps: 0 })
    apply(
      log('scoring', 'CommitteeDrawn', {
        roundId: 1n,
        seed: `0x${'03'.repeat(32)}`,
        seats: 5n,
        commitDeadline: 2000n,
        revealDeadline: 3000n,
        lockShareBps: 1000n,
      }),
    )
    expect(state.rounds['1']).toMatchObject({ status: 'drawn', seats: 5, lockShareBps: 1000 })
  })

  test('a finalized round owes each in-band revealer its share until it claims (rewardOf)', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    const carol = '0x000000000000000000000000000000000000CA01' as Address
    const dave = '0x000000000000000000000000000000000000DA7e' as Address
    apply(roundOpened({ kind: 0, budget: 100n, committeeSize: 4n }))
    // Alice and Bob reveal in the band, Carol outside it, Dave never reveals.
    const members: [Address, bigint, number | null][] = [
      [alice, 1n, 80],
      [bob, 2n, 82],
      [carol, 3n, 20],
      [dave, 4n, null],
    ]
    for (const [seat, [validator, weight]] of members.entries())
      apply(
        log('scoring', 'MemberDrawn', {
          roundId: 1n,
          validator,
          seat: BigInt(seat),
          weight,
          locked: 0n,
        }),
      )
    for (const [validator, , score] of members)
      if (score !== null)
        apply(log('scoring', 'ScoreRevealed', { roundId: 1n, validator, score: BigInt(score) }))
    const claimable = () => state.rounds['1']?.members.map((m) => m.claimable)
    expect(claimable()).toEqual([0n, 0n, 0n, 0n])
    apply(
      log('scoring', 'RoundFinalized', {
        roundId: 1n,
        subjectId: 7n,
        score: 81n,
        bandLow: 71n,
        bandHigh: 91n,
        revealedWeight: 6n,
        rewardedWeight: 3n,
        returnedToPool: 1n,
      }),
    )
    // budget × weight / rewardedWeight, rounded down: 33 and 66 (1 returned to the pool).
    expect(claimable()).toEqual([33n, 66n, 0n, 0n])
    apply(log('scoring', 'RewardClaimed', { roundId: 1n, validator: bob, amount: 66n }))
    expect(claimable()).toEqual([33n, 0n, 0n, 0n])
    expect(state.rounds['1']?.members[1]).toMatchObject({ state: 'claimed', reward: 66n })
  })

  test('an offence is challenged, freed by a rejection or expiry, and slashed once upheld', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    const offenceId = `0x${'0f'.repeat(32)}` as Hex
    const opened = (challengeId: bigint) =>
      log('slasher', 'ChallengeOpened', {
        challengeId,
        offenceId,
        accused: alice,
        challenger: bob,
        kind: 2,
        bond: 10n,
        deadline: 2000n,
        evidenceCid: '0x01',
      })
    apply(opened(1n))
    expect(state.offences).toEqual({ [offenceId]: 'challenged' })
    apply(
      log('slasher', 'ChallengeRejected', {
        challengeId: 1n,
        offenceId,
        accused: alice,
        bond: 10n,
      }),
    )
    expect(state.offences).toEqual({})
    apply(opened(2n))
    apply(
      log('slasher', 'ChallengeExpired', {
        challengeId: 2n,
        offenceId,
        challenger: bob,
        bond: 10n,
      }),
    )
    expect(state.offences).toEqual({})
    apply(opened(3n))
    apply(
      log('slasher', 'ChallengeUpheld', { challengeId: 3n, offenceId, escrowId: 1n, slashed: 5n }),
    )
    expect(state.offences).toEqual({ [offenceId]: 'slashed' })
    expect(Object.values(state.challenges).map((c) => c.status)).toEqual([
      'rejected',
      'expired',
      'upheld',
    ])
    const reported = `0x${'0e'.repeat(32)}` as Hex
    apply(
      log('slasher', 'OffenceReported', {
        offenceId: reported,
        account: bob,
        escrowId: 0n,
        kind: 0,
        context: `0x${'00'.repeat(32)}`,
        slashed: 0n,
      }),
    )
    expect(state.offences[reported]).toBe('slashed')
  })

  test('deposits from a model’s royalty inbox count as royalties', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    const inbox = '0x0000000000000000000000000000000000001b0c' as Address
    const deposit = (depositor: Address, amount: bigint) =>
      log('splitter', 'Deposited', { modelId: 1n, token: zeroAddress, depositor, amount })
    // Before the inbox is known (or from anyone else) a deposit is not a royalty.
    apply(deposit(inbox, 1n))
    apply(log('inboxFactory', 'InboxDeployed', { splitter: bob, modelId: 1n, inbox }))
    apply(deposit(inbox, 10n))
    apply(deposit(alice, 100n))
    expect(state.royaltyInboxes).toEqual({ [toHex(1n, { size: 32 })]: inbox })
    expect(state.splits[toHex(1n, { size: 32 })]?.revenue[zeroAddress]).toMatchObject({
      deposited: 111n,
      royalties: 10n,
    })
  })

  test('signed offers: cancelled before listing, or listed and then cancelled', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    const unlisted: Hex = `0x${'a1'.repeat(32)}`
    const listed: Hex = `0x${'a2'.repeat(32)}`
    apply(log('market', 'SignedOfferCancelled', { digest: unlisted, seller: alice }))
    apply(
      log('market', 'OfferPublished', {
        offerId: 4n,
        modelId: 1n,
        seller: bob,
        token: zeroAddress,
        price: 5n,
        duration: 0,
        supplyCap: 0,
        commercial: false,
        signed: true,
        termsCid: '0x01',
      }),
    )
    apply(
      log('market', 'SignedOfferListed', { digest: listed, offerId: 4n, nonce: 3n, deadline: 9n }),
    )
    apply(log('market', 'OfferCancelled', { offerId: 4n, modelId: 1n, seller: bob }))
    apply(log('market', 'SignedOfferCancelled', { digest: listed, seller: bob }))
    expect(state.signedOffers).toEqual({
      [unlisted]: { offerId: 0n, seller: alice, nonce: 0n, deadline: 0n, revoked: true },
      [listed]: { offerId: 4n, seller: bob, nonce: 3n, deadline: 9n, revoked: true },
    })
    expect(state.offers['4']?.cancelled).toBe(true)
    // As `signedOfferStatus` reports them: revoked means cancelled before listing.
    const queries = createQueries(() => state)
    expect(queries.signedOfferStatus(unlisted)).toEqual({ offerId: 0n, revoked: true })
    expect(queries.signedOfferStatus(listed)).toEqual({ offerId: 4n, revoked: false })
    expect(queries.signedOfferStatus(`0x${'a3'.repeat(32)}`)).toEqual({
      offerId: 0n,
      revoked: false,
    })
  })

  test('a slash takes active stake first, then unbonding requests newest first', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const apply = (l: IndexedLog) => applyLog(state, l, context)
    apply(log('stakeManager', 'Staked', { account: alice, amount: 100n, newStake: 100n }))
    for (const releaseAt of [5n, 6n])
      apply(
        log('stakeManager', 'UnstakeRequested', {
          account: alice,
          amount: 30n,
          releaseAt,
          newStake: releaseAt === 5n ? 70n : 40n,
        }),
      )
    apply(
      log('stakeManager', 'Slashed', {
        account: alice,
        offenceId: `0x${'01'.repeat(32)}`,
        recipient: bob,
        requested: 80n,
        fromActive: 40n,
        fromUnbonding: 40n,
      }),
    )
    expect(state.stakers[alice]).toMatchObject({
      stake: 0n,
      unbonding: [{ amount: 20n, releaseAt: 5n }],
    })
    expect(state.totals).toEqual({ staked: 0n, unbonding: 20n })
  })

  test('the validator set swaps and pops like the StakeManager', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const accounts = [alice, bob, zeroAddress]
    for (const [i, account] of accounts.entries())
      applyLog(
        state,
        log('stakeManager', 'ValidatorActivated', { account, position: BigInt(i + 1) }),
        context,
      )
    applyLog(
      state,
      log('stakeManager', 'ValidatorDeactivated', { account: alice, position: 1n }),
      context,
    )
    expect(state.validatorSet).toEqual([zeroAddress, bob])
  })
})

describe('stores', () => {
  const checkpoint: IndexerCheckpoint = {
    version: 4,
    chainId: 31337,
    registry: zeroAddress,
    final: { number: 7n, hash: `0x${'22'.repeat(32)}` },
    state: { ...emptyState(), totals: { staked: 2n ** 90n, unbonding: 1n } },
    recent: [],
  }

  test('a checkpoint survives JSON with its bigints exact', () => {
    expect(deserializeCheckpoint(serializeCheckpoint(checkpoint))).toEqual(checkpoint)
  })

  test('a checkpoint of another version is refused, not resumed with fields missing', async () => {
    const store = createMemoryStore()
    await store.save({ ...checkpoint, version: 1 } as unknown as IndexerCheckpoint)
    const contracts = Object.fromEntries(
      [
        'registry',
        'stakeManager',
        'slasher',
        'scoring',
        'sortitionPool',
        'splitter',
        'market',
        'inboxFactory',
        'governor',
      ].map((name) => [name, zeroAddress]),
    )
    const stale = indexer.createIndexer({
      // Never reached: the checkpoint is checked first.
      publicClient: {} as never,
      deployment: { chainId: 31337, startBlock: 0, contracts } as never,
      store,
    })
    await expect(stale.sync()).rejects.toBeInstanceOf(indexer.CheckpointMismatchError)
    await expect(stale.sync()).rejects.toThrow(/version 1, chain 31337/)
  })

  test('the memory store keeps a copy, not the caller’s object', async () => {
    const store = createMemoryStore()
    expect(await store.load()).toBeUndefined()
    const mine = structuredClone(checkpoint)
    await store.save(mine)
    mine.state.totals.staked = 0n
    expect((await store.load())?.state.totals.staked).toBe(2n ** 90n)
  })
})

describe('prepare: a caller that keeps part of the state loads what the events touch', () => {
  const registry = '0x00000000000000000000000000000000000000Aa' as Address
  const contracts = Object.fromEntries(
    [
      'stakeManager',
      'slasher',
      'scoring',
      'sortitionPool',
      'splitter',
      'market',
      'inboxFactory',
      'governor',
    ].map((name) => [name, zeroAddress]),
  )
  const deployment = { chainId: 31337, startBlock: 1, contracts: { ...contracts, registry } }
  // After `fork`, block 2 is another block, without events.
  let fork = false
  const hashOf = (n: bigint) => toHex(n + (fork && n >= 2n ? 0x200n : 0x100n), { size: 32 })
  // Block 1 holds one transfer of model 7 from Alice to Bob (not a mint: the model exists before);
  // block 2, once `head` reaches it, one back to Alice.
  let head = 1n
  const transfer = (block: bigint, from: Address, to: Address) => ({
    address: registry,
    topics: encodeEventTopics({
      abi: modelRegistryAbi,
      eventName: 'Transfer',
      args: { from, to, id: 7n },
    }),
    data: '0x',
    blockNumber: block,
    blockHash: hashOf(block),
    transactionHash: toHex(block, { size: 32 }),
    logIndex: 0,
  })
  const publicClient = {
    getBlockNumber: async () => head,
    getBlock: async ({ blockNumber }: { blockNumber: bigint }) => ({
      number: blockNumber,
      hash: hashOf(blockNumber),
      parentHash: hashOf(blockNumber - 1n),
      timestamp: 1000n + blockNumber,
    }),
    getLogs: async ({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) =>
      [transfer(1n, alice, bob), ...(fork ? [] : [transfer(2n, bob, alice)])].filter(
        (l) => fromBlock <= l.blockNumber && l.blockNumber <= toBlock,
      ),
  }
  const key = toHex(7n, { size: 32 })
  // Model 7 as the caller's tables hold it: minted to Alice before block 1.
  const stored = () => {
    const state = emptyState()
    applyLog(
      state,
      { ...log('registry', 'Transfer', { from: zeroAddress, to: alice, id: 7n }), blockNumber: 0n },
      { superseding: new Set() },
    )
    return state.models[key as Hex]
  }

  test('the records keysOf names are loaded before the events apply, and the events change them', async () => {
    const seen: { events: string[]; had: boolean }[] = []
    const partial = indexer.createIndexer({
      publicClient: publicClient as never,
      deployment: deployment as never,
      prepare(logs, state) {
        seen.push({ events: logs.map((l) => l.eventName), had: key in state.models })
        for (const l of logs)
          for (const [field, k] of indexer.keysOf(l).records)
            if (field === 'models' && k === key) state.models[key as Hex] = stored() as never
      },
    })
    await partial.sync()
    // Called once, with the range's event, before it applied.
    expect(seen).toEqual([{ events: ['Transfer'], had: false }])
    const model = partial.getState().models[key as Hex]
    expect(model?.owner).toBe(bob)
    expect(model?.transfers.map((t) => [t.from, t.to])).toEqual([
      [zeroAddress, alice],
      [alice, bob],
    ])
  })

  test('without prepare the state is whole in memory (the default): the transfer is all it knows', async () => {
    const whole = indexer.createIndexer({
      publicClient: publicClient as never,
      deployment: deployment as never,
    })
    await whole.sync()
    expect(whole.getState().models[key as Hex]?.transfers).toHaveLength(1)
  })

  test('a checkpoint’s recent blocks are prepared before they are replayed', async () => {
    const store = createMemoryStore()
    await indexer
      .createIndexer({
        publicClient: publicClient as never,
        deployment: deployment as never,
        store,
      })
      .sync()
    expect(store.checkpoint?.recent.map((b) => b.logs.length)).toEqual([1])
    let calls = 0
    const resumed = indexer.createIndexer({
      publicClient: publicClient as never,
      deployment: deployment as never,
      store,
      prepare(logs, state) {
        calls++
        expect(logs.map((l) => l.eventName)).toEqual(['Transfer'])
        // The final state (before block 1) as the caller's tables hold it.
        state.models[key as Hex] = stored() as never
      },
    })
    const result = await resumed.sync()
    // The replay was prepared; the sync itself read no new events.
    expect([calls, result.events]).toEqual([1, 0])
    expect(resumed.getState().models[key as Hex]?.transfers).toHaveLength(2)
  })

  test('tip checkpoints hold the live state and the recent blocks’ journals: resumed without replay, a reorg after the resume still undoes', async () => {
    const store = createMemoryStore()
    const replayed: number[] = []
    const options = {
      publicClient: publicClient as never,
      deployment: deployment as never,
      tipCheckpoints: true,
      prepare: (logs: readonly IndexedLog[], state: indexer.IndexedState) => {
        replayed.push(logs.length)
        if (!(key in state.models)) state.models[key as Hex] = stored() as never
      },
    }
    head = 2n
    try {
      await indexer.createIndexer({ ...options, store }).sync()
      const saved = store.checkpoint as IndexerCheckpoint
      expect(saved.recent.map((b) => b.number)).toEqual([1n, 2n])
      expect(saved.journals).toHaveLength(2)
      expect(saved.state.models[key as Hex]?.owner).toBe(alice)
      // Through JSON, as a database keeps it.
      const text = serializeCheckpoint(saved)
      replayed.length = 0
      const resumed = indexer.createIndexer({
        ...options,
        store: { load: () => deserializeCheckpoint(text), save: () => {} },
      })
      fork = true
      const result = await resumed.sync()
      // Nothing replayed or read again but the reorged block 2, which has no events now.
      expect([replayed, result.rolledBack, result.events]).toEqual([[], 1, 0])
      const model = resumed.getState().models[key as Hex]
      expect(model?.owner).toBe(bob)
      expect(model?.transfers.map((t) => t.to)).toEqual([alice, bob])
    } finally {
      head = 1n
      fork = false
    }
  })

  test('prepare is told which keys the state is authoritative for (changed since takeChanges)', async () => {
    const changed: string[][] = []
    const tracking = indexer.createIndexer({
      publicClient: publicClient as never,
      deployment: deployment as never,
      trackChanges: true,
      prepare(_logs, state, c) {
        changed.push([...(c.keys.get('models') ?? [])])
        if (!(key in state.models)) state.models[key as Hex] = stored() as never
      },
    })
    await tracking.sync()
    head = 2n
    try {
      await tracking.sync()
    } finally {
      head = 1n
    }
    // Nothing before the first range; model 7 (touched, not yet taken) before the second.
    expect(changed).toEqual([[], [key]])
    expect(tracking.getState().models[key as Hex]?.owner).toBe(alice)
    expect(tracking.takeChanges().keys.get('models')).toEqual(new Set([key]))
  })
})

describe('governor proposals', () => {
  const id = 77n
  const at = (
    timestamp: bigint,
    contract: IndexedLog['contract'],
    name: string,
    args: Record<string, unknown>,
  ) => ({
    ...log(contract, name, args),
    blockTimestamp: timestamp,
  })
  const created = () =>
    at(1000n, 'governor', 'ProposalCreated', {
      proposalId: id,
      proposer: alice,
      targets: [bob],
      values: [0n],
      signatures: [''],
      calldatas: ['0x1234'],
      voteStart: 1010n,
      voteEnd: 1310n,
      description: 'Lower the fee',
    })
  // 4% of the 1e27 supply.
  const quorum = 4n * 10n ** 25n

  test('events build the proposal; the state at a moment follows DaimmGovernor.state', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const q = createQueries(() => state)
    applyLog(
      state,
      at(1n, 'governor', 'QuorumNumeratorUpdated', {
        oldQuorumNumerator: 0n,
        newQuorumNumerator: 4n,
      }),
      context,
    )
    applyLog(state, created(), context)
    expect(q.proposal(id)).toMatchObject({
      proposer: alice,
      calls: [{ target: bob, value: 0n, data: '0x1234' }],
      description: 'Lower the fee',
      stage: 'created',
      eta: null,
    })
    expect(q.quorumAt(1010n)).toBe(quorum)
    expect(q.proposalState(id, 1010n)).toBe('pending')
    expect(q.proposalState(id, 1011n)).toBe('active')
    expect(q.proposalState(id, 1310n)).toBe('active')
    // No votes: defeated once voting ends.
    expect(q.proposalState(id, 1311n)).toBe('defeated')
    applyLog(
      state,
      at(1100n, 'governor', 'VoteCast', {
        voter: alice,
        proposalId: id,
        support: 1,
        weight: quorum - 1n,
        reason: '',
      }),
      context,
    )
    // For votes short of quorum by one: still defeated.
    expect(q.proposalState(id, 1311n)).toBe('defeated')
    applyLog(
      state,
      at(1101n, 'governor', 'VoteCastWithParams', {
        voter: bob,
        proposalId: id,
        support: 2,
        weight: 1n,
        reason: '',
        params: '0x',
      }),
      context,
    )
    expect(q.proposal(id)?.votes).toEqual({ against: 0n, for: quorum - 1n, abstain: 1n })
    expect(q.proposal(id)?.voters).toBe(2)
    expect(q.proposalState(id, 1311n)).toBe('succeeded')
    applyLog(
      state,
      at(1400n, 'governor', 'ProposalQueued', { proposalId: id, etaSeconds: 1460n }),
      context,
    )
    expect(q.proposalState(id, 1400n)).toBe('queued')
    expect(q.proposal(id)?.eta).toBe(1460n)
    applyLog(state, at(1500n, 'governor', 'ProposalExecuted', { proposalId: id }), context)
    expect(q.proposalState(id, 1500n)).toBe('executed')
    expect(q.proposalState(1n, 1500n)).toBeUndefined()
  })

  test('more against than for defeats; a canceled proposal is canceled; the numerator in force at the snapshot counts', () => {
    const state = emptyState()
    const context: ApplyContext = { superseding: new Set() }
    const q = createQueries(() => state)
    applyLog(
      state,
      at(1n, 'governor', 'QuorumNumeratorUpdated', {
        oldQuorumNumerator: 0n,
        newQuorumNumerator: 4n,
      }),
      context,
    )
    applyLog(state, created(), context)
    // Raised after the snapshot: the proposal keeps the 4% quorum.
    applyLog(
      state,
      at(1200n, 'governor', 'QuorumNumeratorUpdated', {
        oldQuorumNumerator: 4n,
        newQuorumNumerator: 50n,
      }),
      context,
    )
    expect(q.quorumAt(1010n)).toBe(quorum)
    expect(q.quorumAt(1200n)).toBe(5n * 10n ** 26n)
    applyLog(
      state,
      at(1100n, 'governor', 'VoteCast', {
        voter: alice,
        proposalId: id,
        support: 1,
        weight: quorum,
        reason: '',
      }),
      context,
    )
    expect(q.proposalState(id, 1311n)).toBe('succeeded')
    applyLog(
      state,
      at(1101n, 'governor', 'VoteCast', {
        voter: bob,
        proposalId: id,
        support: 0,
        weight: quorum,
        reason: '',
      }),
      context,
    )
    expect(q.proposalState(id, 1311n)).toBe('defeated')
    applyLog(state, at(1102n, 'governor', 'ProposalCanceled', { proposalId: id }), context)
    expect(q.proposalState(id, 1311n)).toBe('canceled')
  })
})
