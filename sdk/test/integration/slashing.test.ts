import { encodeFunctionData, parseEther, parseEventLogs, sha256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type ContractError, daimmTokenAbi, onchainToCid, slasherAbi } from '../../src/index.js'
import { fundFromGenesis } from './genesis.js'
import { advance, chain, clientOf, giveEth, snapshot, testAccount } from './local.js'
import { asTimelock } from './treasury.js'

const { publicClient, deployment } = chain
const { slasher, token } = deployment.contracts
const accused = testAccount('slashing.accused')
const challenger = testAccount('slashing.challenger')
const [byAccused, byChallenger] = [clientOf(accused), clientOf(challenger)]

const evidence = (label: string) =>
  onchainToCid({ codec: 0x55, digest: sha256(toHex(`evidence ${label}`)) }).toString()
const balanceOf = (address: `0x${string}`) =>
  publicClient.readContract({
    address: token,
    abi: daimmTokenAbi,
    functionName: 'balanceOf',
    args: [address],
  })
const read = <name extends 'challengeWindow' | 'escrowPeriod'>(functionName: name) =>
  publicClient.readContract({ address: slasher, abi: slasherAbi, functionName })

describe('challenges and escrow through the slashing namespace', () => {
  let revert: () => Promise<void>

  beforeAll(async () => {
    revert = await snapshot()
    await giveEth(accused, challenger)
    await fundFromGenesis(chain, accused.address, parseEther('10000'))
    await fundFromGenesis(chain, challenger.address, parseEther('1000'))
    await byAccused.staking.stake({ amount: parseEther('10000') })
  })
  afterAll(async () => {
    await revert()
  })

  test('an unruled challenge expires after its deadline and refunds the bond', async () => {
    const evidenceCid = evidence('plagiarism')
    // The bond is approved and pulled by the action.
    const { challengeId, offenceId, bond } = await byChallenger.slashing.openChallenge({
      accused: accused.address,
      kind: 'plagiarism',
      evidenceCid,
    })
    expect(bond).toBe(parseEther('1000'))
    expect(await balanceOf(challenger.address)).toBe(0n)
    expect(await byChallenger.slashing.getChallenge({ challengeId })).toMatchObject({
      challenger: challenger.address,
      accused: accused.address,
      kind: 'plagiarism',
      status: 'pending',
      bond,
      offenceId,
    })
    expect(await byChallenger.slashing.getOffenceStatus({ offenceId })).toBe('challenged')

    const twice = await byChallenger.slashing
      .openChallenge({ accused: accused.address, kind: 'plagiarism', evidenceCid })
      .catch((e: unknown) => e)
    expect((twice as ContractError).errorName).toBe('SlasherOffenceAlreadyRecorded')

    const early = await byChallenger.slashing
      .expireChallenge({ challengeId })
      .catch((e: unknown) => e)
    expect((early as ContractError).errorName).toBe('SlasherChallengeDeadlineNotPassed')
    expect((early as ContractError).shortMessage).toMatch(
      new RegExp(
        `^Challenge ${challengeId} awaits the arbiter's ruling until .+: it can be expired only after that\\.$`,
      ),
    )

    await advance((await read('challengeWindow')) + 1n)
    await byChallenger.slashing.expireChallenge({ challengeId })
    expect(await balanceOf(challenger.address)).toBe(bond)
    expect((await byChallenger.slashing.getChallenge({ challengeId }))?.status).toBe('expired')
    expect(await byChallenger.slashing.getOffenceStatus({ offenceId })).toBe('none')
  })

  test('an upheld challenge slashes into escrow, released to the challenger after the period', async () => {
    const { challengeId, offenceId } = await byChallenger.slashing.openChallenge({
      accused: accused.address,
      kind: 'collusion',
      evidenceCid: evidence('collusion'),
    })
    // The timelock is the arbiter.
    const ruling = await asTimelock(chain, {
      to: slasher,
      data: encodeFunctionData({
        abi: slasherAbi,
        functionName: 'upholdChallenge',
        args: [challengeId],
      }),
    })
    const [upheld] = parseEventLogs({
      abi: slasherAbi,
      logs: ruling.logs,
      eventName: 'ChallengeUpheld',
    })
    const escrowId = upheld?.args.escrowId ?? 0n
    expect(await byChallenger.slashing.getOffenceStatus({ offenceId })).toBe('slashed')
    expect(await byChallenger.slashing.getEscrow({ escrowId })).toMatchObject({
      account: accused.address,
      amount: upheld?.args.slashed,
      challenger: challenger.address,
      status: 'held',
      offenceId,
    })
    expect((await byAccused.staking.getStake({ account: accused.address })).staked).toBe(
      parseEther('10000') - (upheld?.args.slashed ?? 0n),
    )

    const early = await byChallenger.slashing.releaseSlash({ escrowId }).catch((e: unknown) => e)
    expect((early as ContractError).errorName).toBe('SlasherEscrowPeriodNotOver')

    await advance(await read('escrowPeriod'))
    const before = await balanceOf(challenger.address)
    const { events } = await byAccused.slashing.releaseSlash({ escrowId })
    const released = events.find((event) => event.eventName === 'SlashReleased')
    const toChallenger = released?.eventName === 'SlashReleased' ? released.args.toChallenger : 0n
    expect(toChallenger).toBeGreaterThan(0n)
    expect((await balanceOf(challenger.address)) - before).toBe(toChallenger)
    expect((await byChallenger.slashing.getEscrow({ escrowId }))?.status).toBe('released')
  })
})
