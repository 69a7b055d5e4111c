import { createPublicClient, createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import {
  ballotStates,
  ContractError,
  createDaimmClient,
  DaimmError,
  getDeployment,
  roundStatuses,
  scoreCommitment,
} from '../../src/index.js'

describe('scoreCommitment', () => {
  test('is keccak256(abi.encode(roundId, validator, score, digest, salt))', () => {
    // cast keccak $(cast abi-encode "f(uint256,address,uint8,bytes32,bytes32)" 7 0x…a1 87 0x22…22 0x11…11)
    expect(
      scoreCommitment({
        roundId: 7n,
        validator: '0x00000000000000000000000000000000000000a1',
        score: 87,
        digest: `0x${'22'.repeat(32)}`,
        salt: `0x${'11'.repeat(32)}`,
      }),
    ).toBe('0x4b64c637e66390372dac0564af94e07f373a88211e2f0712ab7f160be427c443')
  })
})

describe('scoring.commit', () => {
  // No node answers here: the check must come before any request.
  const transport = http('http://127.0.0.1:9')
  const daimm = createDaimmClient({
    publicClient: createPublicClient({ chain: foundry, transport }),
    walletClient: createWalletClient({
      account: privateKeyToAccount(`0x${'01'.repeat(32)}`),
      chain: foundry,
      transport,
    }),
    deployment: getDeployment(foundry.id),
  })

  test.each([-1, 101, 50.5])('refuses a score of %s before sending', async (score) => {
    const error = await daimm.scoring.commit({ roundId: 1n, score }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DaimmError)
    expect((error as DaimmError).shortMessage).toBe(
      `Scores run from 1 to 100, or 0 to abstain (got ${score}).`,
    )
  })

  test('refuses a score without a digest, and an abstention with one, before sending', async () => {
    const missing = await daimm.scoring.commit({ roundId: 1n, score: 87 }).catch((e: unknown) => e)
    expect((missing as DaimmError).shortMessage).toBe(
      'Score 87 needs the digest of the evaluation behind it.',
    )
    const extra = await daimm.scoring
      .commit({ roundId: 1n, score: 0, digest: `0x${'22'.repeat(32)}` })
      .catch((e: unknown) => e)
    expect((extra as DaimmError).shortMessage).toBe(
      'An abstention (score 0) carries no evaluation digest.',
    )
  })
})

describe('scoring errors name statuses and states in words', () => {
  const explain = (errorName: string, args: readonly unknown[], functionName = 'call') =>
    new ContractError({ errorName, args, data: undefined, functionName, cause: undefined })
      .shortMessage

  test.each(
    roundStatuses.flatMap((_, status) =>
      roundStatuses.slice(1).map((_, expected) => [status, expected + 1] as const),
    ),
  )('ScoringWrongStatus(status %i, expected %i)', (status, expected) => {
    const message = explain('ScoringWrongStatus', [3n, status, expected], 'finalize')
    expect(message).toMatch(/\b3\b/)
    expect(message).not.toMatch(/undefined|NaN/)
  })

  test('a round that is not drawn yet points at drawCommittee', () => {
    expect(explain('ScoringWrongStatus', [3n, 1, 2], 'commit')).toBe(
      'The committee of round 3 is not drawn yet: call drawCommittee(3) first (anyone may, from the block after the opening).',
    )
  })

  test.each(ballotStates.slice(1).map((_, i) => i + 1))(
    'ScoringNothingToReveal(state %i)',
    (state) => {
      const message = explain('ScoringNothingToReveal', [3n, '0xabc', state])
      expect(message).not.toMatch(/undefined|NaN/)
    },
  )

  test('reveal windows are given as ISO dates', () => {
    expect(explain('ScoringNotRevealWindow', [3n, 1_800_000_000n, 1_800_000_600n])).toBe(
      'Round 3 takes reveals after 2027-01-15T08:00:00.000Z until 2027-01-15T08:10:00.000Z: before it, wait for the commit window to close; after it, the round can only be finalized.',
    )
  })
})
