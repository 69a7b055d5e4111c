import { type Address, type Hex, toHex, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { type ApplyContext, applyLog, type IndexedLog } from '../../../src/indexer/apply-log.js'
import * as indexer from '../../../src/indexer/index.js'
import {
  createMemoryStore,
  deserializeCheckpoint,
  emptyState,
  type IndexerCheckpoint,
  serializeCheckpoint,
} from '../../../src/indexer/index.js'

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
    apply(
      log('scoring', 'RoundOpened', {
        roundId: 1n,
        subjectId: 7n,
        funder: alice,
        subjectOwner: bob,
        kind: 1,
        benchmarkId: `0x${'01'.repeat(32)}`,
        datasetCid: '0x01',
        metricId: `0x${'02'.repeat(32)}`,
        budget: 10n,
        committeeSize: 5n,
        snapshotAt: 999n,
        seedBlock: 10n,
      }),
    )
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
    version: 2,
    chainId: 31337,
    registry: zeroAddress,
    final: { number: 7n, hash: `0x${'22'.repeat(32)}` },
    state: { ...emptyState(), totals: { staked: 2n ** 90n, unbonding: 1n } },
    recent: [],
  }

  test('a checkpoint survives JSON with its bigints exact', () => {
    expect(deserializeCheckpoint(serializeCheckpoint(checkpoint))).toEqual(checkpoint)
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
