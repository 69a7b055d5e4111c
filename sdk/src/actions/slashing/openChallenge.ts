import { type Address, type Hex, keccak256, toHex } from 'viem'
import * as slasher from '../../generated/abi/slasher.js'
import { waitForBlockAfter } from '../blocks.js'
import { type DaimmContext, type SenderParameters, WalletRequiredError } from '../context.js'
import { type CidInput, cidToBytes } from '../registry/types.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'
import { type ChallengeableOffence, offenceKinds } from './types.js'

/** The slasher ABI items this action uses (errors decode from the protocol's table). */
const slasherAbi = [
  slasher.challengeBond,
  slasher.challengeCommitmentOf,
  slasher.commitChallenge,
  slasher.openChallenge,
  slasher.ChallengeOpened,
] as const

export type OpenChallengeParameters = {
  /** An account with slashable stake, not the sender. */
  accused: Address
  kind: ChallengeableOffence
  /** The CID of the evidence (string, `CID` or binary hex); the same evidence is pursued once. */
  evidenceCid: CidInput
  /** The commitment's secret salt; random by default. */
  salt?: Hex | undefined
} & SenderParameters

export type OpenChallengeReturnType = WriteReturnType<typeof slasherAbi> & {
  challengeId: bigint
  offenceId: Hex
  /** DAIMM posted, in wei. */
  bond: bigint
  /** Last moment the arbiter may rule; after it, `expireChallenge` refunds the bond. */
  /** Seconds since the epoch. */
  deadline: bigint
  /** The `commitChallenge` transaction sent first. */
  commitHash: Hex
}

/**
 * Accuses an account of an offence, posting the Slasher's challenge bond in DAIMM. When the
 * Slasher's allowance is short, an `approve` of exactly the bond is sent first. The challenge is
 * opened in two steps, so that nobody can copy it from the mempool and take the bounty: a
 * `commitChallenge` of a hash that binds the sender, then, from the next block, `openChallenge`
 * revealing it. Meanwhile the accused's stake that the ruling may slash is held. The arbiter
 * upholds (the accused is slashed, the bond returned) or rejects (the bond goes to the accused).
 *
 * @example
 * const { challengeId } = await daimm.slashing.openChallenge({
 *   accused,
 *   kind: 'plagiarism',
 *   evidenceCid: 'bafkrei…',
 * })
 */
export async function openChallenge(
  ctx: DaimmContext,
  { accused, kind, evidenceCid, salt, account }: OpenChallengeParameters,
): Promise<OpenChallengeReturnType> {
  const { token, slasher } = ctx.deployment.contracts
  const bond = await ctx.publicClient.readContract({
    address: slasher,
    abi: slasherAbi,
    functionName: 'challengeBond',
  })
  const evidence = cidToBytes(evidenceCid)
  const kindIndex = offenceKinds.indexOf(kind)
  const secret = salt ?? keccak256(toHex(crypto.getRandomValues(new Uint8Array(32))))
  const sender = account ?? ctx.walletClient?.account
  if (!sender) throw new WalletRequiredError('openChallenge')
  const challenger = typeof sender === 'string' ? sender : sender.address
  const commitment = await ctx.publicClient.readContract({
    address: slasher,
    abi: slasherAbi,
    functionName: 'challengeCommitmentOf',
    args: [challenger, accused, kindIndex, evidence, secret],
  })
  const committed = await simulateAndWrite(ctx, {
    address: slasher,
    abi: slasherAbi,
    functionName: 'commitChallenge',
    args: [commitment],
    account,
  })
  await waitForBlockAfter(ctx.publicClient, committed.receipt.blockNumber)
  const result = await simulateAndWrite(ctx, {
    address: slasher,
    abi: slasherAbi,
    functionName: 'openChallenge',
    args: [accused, kindIndex, evidence, secret],
    approval: { token, spender: slasher, amount: bond },
    account,
  })
  const opened = eventOf(slasherAbi, result, 'ChallengeOpened', 'openChallenge').args
  return {
    ...result,
    challengeId: opened.challengeId,
    offenceId: opened.offenceId,
    bond: opened.bond,
    deadline: BigInt(opened.deadline),
    commitHash: committed.hash,
  }
}
