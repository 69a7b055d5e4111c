import type { Address, Hex } from 'viem'
import { slasherAbi } from '../../generated/contracts.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { type CidInput, cidToBytes } from '../registry/types.js'
import { eventOf, simulateAndWrite, type WriteReturnType } from '../write.js'
import { type ChallengeableOffence, offenceKinds } from './types.js'

export type OpenChallengeParameters = {
  /** An account with slashable stake, not the sender. */
  accused: Address
  kind: ChallengeableOffence
  /** The CID of the evidence (string, `CID` or binary hex); the same evidence is pursued once. */
  evidenceCid: CidInput
} & SenderParameters

export type OpenChallengeReturnType = WriteReturnType<typeof slasherAbi> & {
  challengeId: bigint
  offenceId: Hex
  /** DAIMM posted, in wei. */
  bond: bigint
  /** Last moment the arbiter may rule; after it, `expireChallenge` refunds the bond. */
  deadline: Date
}

/**
 * Accuses an account of an offence, posting the Slasher's challenge bond in DAIMM. When the
 * Slasher's allowance is short, an `approve` of exactly the bond is sent first. The arbiter
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
  { accused, kind, evidenceCid, account }: OpenChallengeParameters,
): Promise<OpenChallengeReturnType> {
  const { token, slasher } = ctx.deployment.contracts
  const bond = await ctx.publicClient.readContract({
    address: slasher,
    abi: slasherAbi,
    functionName: 'challengeBond',
  })
  const result = await simulateAndWrite(ctx, {
    address: slasher,
    abi: slasherAbi,
    functionName: 'openChallenge',
    args: [accused, offenceKinds.indexOf(kind), cidToBytes(evidenceCid)],
    approval: { token, spender: slasher, amount: bond },
    account,
  })
  const opened = eventOf(slasherAbi, result, 'ChallengeOpened', 'openChallenge').args
  return {
    ...result,
    challengeId: opened.challengeId,
    offenceId: opened.offenceId,
    bond: opened.bond,
    deadline: new Date(Number(opened.deadline) * 1000),
  }
}
