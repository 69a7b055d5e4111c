import { type Address, type Hex, toHex, zeroAddress } from 'viem'
import { expect, test } from 'vitest'
import {
  type ApplyContext,
  applyLog,
  type IndexedLog,
  keysOf,
} from '../../../src/indexer/apply-log.js'
import {
  before,
  copy,
  emptyChanges,
  emptyJournal,
  type Journal,
  recordFields,
  tracked,
  undo,
} from '../../../src/indexer/journal.js'
import { emptyState, type IndexedState } from '../../../src/indexer/state.js'

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const accounts = [1, 2, 3, 4].map((n) => toHex(n, { size: 20 }) as Address)
let position = 0

/** Random events of most contracts, over a few ids and accounts so that they hit each other's records. */
function randomLogs(next: () => number, block: bigint): IndexedLog[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T
  const id = BigInt(1 + Math.floor(next() * 5))
  const account = pick(accounts)
  const amount = BigInt(1 + Math.floor(next() * 1000))
  const events: [IndexedLog['contract'], string, Record<string, unknown>][] = [
    [
      'registry',
      'ModelRegistered',
      {
        id,
        publisher: account,
        parent: 0n,
        kind: 0,
        relation: 0,
        artifactCid: '0x01',
        metadataCid: '0x02',
        committed: false,
      },
    ],
    ['registry', 'MetadataUpdated', { id, metadataCid: toHex(amount) }],
    ['registry', 'StatusChanged', { id, status: 1 }],
    ['stakeManager', 'Staked', { account, amount, newStake: amount }],
    ['stakeManager', 'UnstakeRequested', { account, amount, releaseAt: 9n, newStake: 0n }],
    ['stakeManager', 'ValidatorActivated', { account }],
    ['stakeManager', 'ValidatorDeactivated', { account, position: 1n }],
    ['sortitionPool', 'WeightSet', { validator: account, weight: next() < 0.3 ? 0n : amount }],
    ['splitter', 'TokenAccepted', { modelId: id, token: zeroAddress }],
    [
      'splitter',
      'WeightSet',
      { modelId: id, account, weight: Math.floor(next() * 3), totalWeight: 5 },
    ],
    [
      'splitter',
      'RevenueCredited',
      { modelId: id, token: zeroAddress, amount, revenuePerWeight: amount, dust: 0n },
    ],
    [
      'splitter',
      'Claimed',
      { modelId: next() < 0.2 ? 0n : id, token: zeroAddress, account, amount },
    ],
    [
      'market',
      'OfferPublished',
      {
        offerId: id,
        modelId: id,
        seller: account,
        token: zeroAddress,
        price: amount,
        duration: 0,
        supplyCap: 0,
        commercial: next() < 0.5,
        signed: false,
        termsCid: '0x',
      },
    ],
    ['market', 'OfferCancelled', { offerId: id }],
    [
      'market',
      'LicensePurchased',
      {
        modelId: id,
        buyer: account,
        offerId: id,
        token: zeroAddress,
        price: amount,
        fee: amount / 10n,
        treasury: accounts[0],
        expiresAt: 0n,
      },
    ],
    [
      'market',
      'Reviewed',
      { modelId: id, reviewer: account, rating: 3, previousRating: 0, reviewCid: '0x03' },
    ],
    ['market', 'TreasurySet', { treasury: account }],
    ['slasher', 'OffenceReported', { offenceId: toHex(id, { size: 32 }) }],
    [
      'slasher',
      'ChallengeOpened',
      {
        challengeId: id,
        offenceId: toHex(id, { size: 32 }),
        accused: account,
        challenger: accounts[0],
        kind: 1,
        bond: amount,
        deadline: 99n,
        evidenceCid: '0x04',
        held: amount,
      },
    ],
    [
      'slasher',
      'ChallengeUpheld',
      { challengeId: id, offenceId: toHex(id, { size: 32 }), escrowId: id },
    ],
    [
      'slasher',
      'SlashEscrowed',
      {
        escrowId: id,
        offenceId: toHex(id, { size: 32 }),
        account,
        challenger: accounts[0],
        amount,
        releaseAt: 9n,
      },
    ],
    ['slasher', 'SlashReleased', { escrowId: id }],
    [
      'scoring',
      'RoundOpened',
      {
        roundId: id,
        subjectId: id,
        subjectOwner: account,
        kind: 0,
        funder: account,
        benchmarkId: '0x05',
        datasetCid: '0x06',
        metricId: '0x07',
        budget: amount,
        committeeSize: 3n,
        snapshotAt: 1n,
        seedBlock: 2n,
      },
    ],
    [
      'scoring',
      'MemberDrawn',
      { roundId: id, validator: account, seat: 0n, weight: amount, locked: amount },
    ],
    ['scoring', 'ScoreRevealed', { roundId: id, validator: account, score: 80n, digest: '0x08' }],
    [
      'scoring',
      'RoundFinalized',
      {
        roundId: id,
        score: 80n,
        digest: '0x08',
        bandLow: 70n,
        bandHigh: 90n,
        revealedWeight: amount,
        rewardedWeight: amount,
        returnedToPool: 0n,
      },
    ],
    ['scoring', 'RewardClaimed', { roundId: id, validator: account, amount }],
    [
      'scoring',
      'ContributorRewarded',
      { roundId: id, contributor: account, amount, reputation: amount },
    ],
    ['splitter', 'Deposited', { modelId: id, token: zeroAddress, depositor: account, amount }],
    ['inboxFactory', 'InboxDeployed', { modelId: id, inbox: account }],
    [
      'market',
      'SignedOfferListed',
      { digest: toHex(id, { size: 32 }), offerId: id, nonce: 1n, deadline: 9n },
    ],
    ['market', 'SignedOfferCancelled', { digest: toHex(id, { size: 32 }), seller: account }],
    ['market', 'NoncesInvalidated', { seller: account, minNonce: amount }],
    [
      'governor',
      'ProposalCreated',
      {
        proposalId: id,
        proposer: account,
        targets: [account],
        values: [0n],
        calldatas: ['0x'],
        voteStart: 1n,
        voteEnd: 9n,
        description: 'd',
      },
    ],
    ['governor', 'VoteCast', { proposalId: id, support: 1, weight: amount }],
    ['governor', 'ProposalQueued', { proposalId: id, etaSeconds: 5n }],
    ['governor', 'QuorumNumeratorUpdated', { newQuorumNumerator: 4n }],
    ['slasher', 'ChallengeRejected', { challengeId: id, offenceId: toHex(id, { size: 32 }) }],
  ]
  const chosen = pick(events)
  // A registration mints first, in the same transaction (as the registry does).
  const list =
    chosen[1] === 'ModelRegistered'
      ? [['registry', 'Transfer', { from: zeroAddress, to: account, id }] as const, chosen]
      : [chosen]
  return list.map(([contract, eventName, args]) => {
    position += 1
    return {
      contract,
      eventName,
      args,
      blockNumber: block,
      blockHash: toHex(block, { size: 32 }),
      transactionHash: toHex(position, { size: 32 }),
      logIndex: position,
      blockTimestamp: 1_000n + block,
    }
  })
}

function applyAll(state: IndexedState, logs: IndexedLog[]) {
  const context: ApplyContext = { superseding: new Set<Hex>() }
  for (const log of logs) applyLog(state, log, context)
}

test.each([1, 2, 3, 4, 5, 6, 7, 8])(
  'journals undo blocks, give the state before them, and list every key that changed (seed %i)',
  (seed) => {
    const next = random(seed)
    const blocks = Array.from({ length: 12 }, (_, b) =>
      Array.from({ length: 1 + Math.floor(next() * 8) }, () =>
        randomLogs(next, BigInt(b + 1)),
      ).flat(),
    )
    // The first half final, the rest recent.
    const plain = emptyState()
    const state = emptyState()
    const snapshots: IndexedState[] = []
    const journals: Journal[] = []
    const changes = emptyChanges()
    for (const [b, logs] of blocks.entries()) {
      snapshots.push(copy(state))
      applyAll(plain, logs)
      const journal = b >= 6 ? emptyJournal() : undefined
      const context: ApplyContext = { superseding: new Set<Hex>() }
      for (const log of logs) applyLog(tracked(state, journal, changes), log, context)
      if (journal) journals.push(journal)
      // Applied through the tracker, the state is the one applied directly.
      expect(state).toEqual(plain)
    }
    // Every record that differs from the empty state was listed.
    const start = emptyState() as unknown as Record<string, Record<string, unknown>>
    const end = state as unknown as Record<string, Record<string, unknown>>
    for (const field of recordFields)
      for (const key of new Set([
        ...Object.keys(start[field] ?? {}),
        ...Object.keys(end[field] ?? {}),
      ]))
        if (JSON.stringify(start[field]?.[key], big) !== JSON.stringify(end[field]?.[key], big))
          expect(changes.keys.get(field)?.has(key), `${field} ${key}`).toBe(true)
    for (const field of Object.keys(end))
      if (
        !recordFields.has(field) &&
        JSON.stringify(start[field], big) !== JSON.stringify(end[field], big)
      )
        expect(changes.fields.has(field), field).toBe(true)

    // The final state (before the recent blocks), without changing the live one.
    const live = copy(state)
    expect(before(state, journals)).toEqual(snapshots[6])
    expect(state).toEqual(live)
    // Undoing recent blocks newest first steps back block by block.
    for (let b = 11; b >= 6; b--) {
      const undone = emptyChanges()
      undo(state, journals[b - 6] as Journal, undone)
      expect(state).toEqual(snapshots[b])
    }
  },
)

test.each([11, 12, 13, 14, 15, 16])(
  'keysOf lists every record a log touches: applied to a state holding only those, it gives them what the whole state gives (seed %i)',
  (seed) => {
    const next = random(seed)
    const full = emptyState()
    const context: ApplyContext = { superseding: new Set<Hex>() }
    let checked = 0
    for (let i = 0; i < 400; i++)
      for (const log of randomLogs(next, BigInt(1 + Math.floor(i / 10)))) {
        const { records, fields } = keysOf(log)
        // What applyLog reads or writes, recorded on the whole state, is listed.
        const seen = emptyChanges()
        // The partial state: the single values and the listed records only.
        const partial = emptyState() as unknown as Record<string, Record<string, unknown>>
        const whole = full as unknown as Record<string, Record<string, unknown>>
        for (const field of Object.keys(whole))
          if (!recordFields.has(field)) partial[field] = copy(whole[field]) as never
        for (const [field, key] of records)
          if (whole[field] && Object.hasOwn(whole[field], key))
            (partial[field] as Record<string, unknown>)[key] = copy(whole[field][key])
        const partialContext: ApplyContext = { superseding: new Set(context.superseding) }
        applyLog(tracked(full, undefined, seen), log, context)
        applyLog(partial as unknown as IndexedState, log, partialContext)
        for (const [field, keys] of seen.keys)
          for (const key of keys)
            expect(records, `${log.eventName}: ${field} ${key}`).toContainEqual([field, key])
        for (const field of seen.fields)
          expect(fields, `${log.eventName}: ${field}`).toContain(field)
        for (const [field, key] of records)
          expect(partial[field]?.[key], `${log.eventName}: ${field} ${key}`).toEqual(
            whole[field]?.[key],
          )
        for (const field of fields) expect(partial[field]).toEqual(whole[field])
        checked++
      }
    expect(checked).toBeGreaterThan(400)
  },
)

const big = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)
