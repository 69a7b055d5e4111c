/**
 * Random protocol events for the indexer's tests (the SDK's journal tests, the gateway's working-set
 * test): a few ids and accounts, so that events hit each other's records.
 */
import { type Address, toHex, zeroAddress } from 'viem'
import type { IndexedLog } from '../../../src/indexer/apply-log.js'

/** A small deterministic generator (mulberry32). */
export function random(seed: number) {
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
export function randomLogs(next: () => number, block: bigint): IndexedLog[] {
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
