import { formatEther, toHex, zeroAddress } from 'viem'
import { proposalStates as PROPOSAL_STATES } from './actions/governance/proposal.js'
import { relations as RELATIONS, modelStatuses as STATUSES } from './actions/registry/types.js'
import { ballotStates, roundStatuses } from './actions/scoring/types.js'
import {
  challengeStatuses,
  escrowStatuses,
  offenceKinds,
  offenceStatuses,
} from './actions/slashing/types.js'

import type { ContractErrorWords } from './contractErrors.js'
import { useContractErrorWords } from './contractErrors.js'

type Args = readonly unknown[]

/** The Governor's `expectedStates`: a bitmap with bit `i` set for state `i`. */
function proposalStates(bitmap: unknown): string {
  const bits = BigInt(bitmap as bigint | string)
  const names = PROPOSAL_STATES.filter((_, i) => (bits >> BigInt(i)) & 1n)
  return names.length ? names.join(' or ') : 'in another state'
}

/** Model ids are SHA-256 fingerprints: shown as 0x-hex, the form `fingerprint()` returns. */
const id = (value: unknown) =>
  typeof value === 'bigint' ? toHex(value, { size: 32 }) : String(value)
const date = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString()
const daimm = (wei: unknown) => `${formatEther(wei as bigint)} DAIMM`
const token = (address: unknown) => (address === zeroAddress ? 'ETH' : `token ${address}`)
const offence = (kind: unknown) => `'${offenceKinds[Number(kind)]}'`
const plural = (count: unknown, one: string, many: string) =>
  `${count} ${Number(count) === 1 ? one : many}`

/** `ScoringWrongStatus`: a round is not in the status the call needs. */
function wrongRoundStatus([roundId, status, expected]: Args, functionName: string): string {
  const is = roundStatuses[Number(status)]
  const needs = roundStatuses[Number(expected)]
  if (is === 'none') return `No round has id ${roundId}.`
  if (is === 'open')
    return `The committee of round ${roundId} is not drawn yet: call drawCommittee(${roundId}) first (anyone may, from the block after the opening).`
  if (needs === 'open')
    return is === 'drawn'
      ? `The committee of round ${roundId} is drawn already.`
      : `Round ${roundId} is ${is} already: its committee can no longer be drawn.`
  if (is === 'drawn')
    return `Round ${roundId} is not settled yet: finalize it after its reveal deadline, then report its offenders.`
  return `Round ${roundId} is ${is} already: ${functionName} needs a ${needs} round.`
}

/**
 * What each custom error of the protocol means, in words. Keys are error names; the function gets
 * the decoded arguments and the function that reverted (two contracts may share an error name).
 * Errors missing here are still decoded, and shown with their arguments.
 */
export const contractErrorWords: ContractErrorWords = {
  // ModelRegistry
  AlreadyRegistered: ([model, owner]) =>
    `These bytes are registered already: model ${id(model)} belongs to ${owner}.`,
  UnknownModel: ([model]) => `No model is registered under id ${id(model)}.`,
  ZeroFingerprint: () => 'The fingerprint is zero: compute it with fingerprint(file).',
  InvalidLineage: ([parent, relation]) =>
    `Parent and relation go together: relation must be 'none' exactly when there is no parent (got parent ${id(parent)}, relation '${RELATIONS[Number(relation)]}').`,
  ParentNotOlder: ([parent, model]) =>
    `Parent ${id(parent)} was registered after model ${id(model)}; a superseding registration may only name an older parent.`,
  NotOwnerOrApproved: ([model, caller]) =>
    `${caller} is neither the owner of model ${id(model)} nor approved for it.`,
  UnknownCommitment: ([commitment]) =>
    `No pending commitment ${commitment}: commit first, from the same account, with the same fingerprint and salt.`,
  CommitmentPending: ([commitment]) =>
    `Commitment ${commitment} is pending already; register with it instead of committing again.`,
  CommitmentTooNew: ([, block]) =>
    `The commitment was made in block ${block}: register from the next block on.`,
  CommitmentExpired: ([, at]) =>
    `The commitment expired at ${date(at)}: commit again, then register.`,
  SignatureExpired: ([deadline]) =>
    `The signature expired at ${date(deadline)}: ask the publisher to sign again.`,
  // Also the Marketplace's, for a signed offer.
  InvalidSignature: ([signer], functionName) =>
    functionName === 'buyWithSig'
      ? `The signature is not the seller ${signer}'s for this offer: pass the offer exactly as signOffer returned it.`
      : `The signature is not ${signer}'s for this registration and nonce.`,
  InvalidStatusChange: ([model, from, to]) =>
    `Model ${id(model)} is ${STATUSES[Number(from)]}; it cannot become ${STATUSES[Number(to)]} this way.`,
  ScoreOutOfRange: ([score]) => `Scores run from 1 to 100 (got ${score}).`,
  RoyaltyRateTooHigh: ([bps, max]) =>
    `A royalty rate of ${bps} basis points exceeds the maximum of ${max}.`,
  InvalidMaxCommitAge: ([age]) => `A commitment lifetime of ${age} s is outside 60 s to 30 days.`,
  CidUnsupportedVersion: ([version]) =>
    `Only CIDv1 is accepted (got a CIDv${version}); cidToOnchain converts a CIDv0 to v1.`,
  CidUnsupportedMultihash: ([code]) =>
    `Only sha2-256 CIDs are accepted (got multihash code 0x${Number(code).toString(16)}).`,
  CidUnsupportedCodec: ([codec]) =>
    `CID codec 0x${Number(codec).toString(16)} does not fit in 16 bits.`,
  CidMalformed: () => 'These bytes are not a binary CID.',
  // StakeManager
  StakeManagerZeroAmount: () => 'The amount is zero.',
  StakeManagerInsufficientUnlockedStake: ([account, unlocked, requested]) =>
    `${account} has ${formatEther(unlocked as bigint)} DAIMM of unlocked stake, less than the ${formatEther(requested as bigint)} requested (locked stake waits for its scoring rounds).`,
  StakeManagerUnbondingQueueFull: ([, max]) =>
    `The unbonding queue holds at most ${max} requests: withdraw the matured ones first.`,
  StakeManagerNothingToWithdraw: ([, next]) =>
    Number(next) === 0
      ? 'Nothing is unbonding: request an unstake first.'
      : `Nothing has finished unbonding yet; the next request is released at ${date(next)}.`,
  StakeManagerFutureLookup: ([timepoint, clock]) =>
    `Stake at ${date(timepoint)} is not known yet (the clock is at ${date(clock)}): ask for a past time.`,
  StakeManagerInsufficientLockedStake: ([account, locked, requested]) =>
    `${account} has ${daimm(locked)} locked, less than the ${daimm(requested)} to unlock.`,
  StakeManagerInvalidMinimumStakes: ([contributor, validator]) =>
    `Minimum stakes of ${daimm(contributor)} (contributor) and ${daimm(validator)} (validator) are out of range: each must be above zero and fit 96 bits.`,
  StakeManagerInvalidUnbondingPeriod: ([period, minimum, maximum]) =>
    `An unbonding period of ${period} s is outside ${minimum}–${maximum} s (it may never be shorter than the longest dispute window).`,
  StakeManagerOffenceAlreadySlashed: ([offenceId]) =>
    `Offence ${offenceId} was slashed already: one offence is slashed once.`,
  StakeManagerSlashingWindowTooLong: ([slasher, window, period]) =>
    `The Slasher ${slasher} needs a dispute window of ${window} s, longer than the unbonding period of ${period} s: unbonding stake would leave before it could be slashed.`,
  StakeManagerValidatorIndexOutOfBounds: ([index, count]) =>
    `There are ${count} validators; index ${index} is past the end.`,
  StakeManagerValidatorRegistrationUnchanged: ([account, registered]) =>
    registered
      ? `${account} is registered as a validator already.`
      : `${account} is not registered as a validator.`,
  // Slasher
  SlasherOffenceNotAutomatic: ([kind]) =>
    `${offence(kind)} offences are raised by a challenge (openChallenge), not reported by scoring.`,
  SlasherOffenceNotChallengeable: ([kind]) =>
    `${offence(kind)} offences are reported by the scoring module and cannot be challenged; a challenge alleges plagiarism, bad-dataset or collusion.`,
  SlasherOffenceAlreadyRecorded: ([offenceId, status]) =>
    `Offence ${offenceId} is ${offenceStatuses[Number(status)]} already: the same evidence against the same account is pursued once (wait for the ruling, or bring other evidence).`,
  SlasherInvalidAccused: ([accused]) =>
    `${accused} cannot be accused: accuse another account than yourself, and not the zero address.`,
  SlasherInvalidEvidence: ([length, max]) =>
    `The evidence CID is ${length} bytes long; give the evidence's binary CID, 1 to ${max} bytes.`,
  SlasherNothingToSlash: ([accused]) =>
    `${accused} has no slashable stake (neither active nor unbonding): a challenge could slash nothing.`,
  SlasherChallengeNotPending: ([challengeId, status]) =>
    Number(status) === 0
      ? `No challenge has id ${challengeId}.`
      : `Challenge ${challengeId} is ${challengeStatuses[Number(status)]} already: only a pending challenge can be ruled on or expired.`,
  SlasherChallengeDeadlinePassed: ([challengeId, deadline]) =>
    `The ruling deadline of challenge ${challengeId} passed at ${date(deadline)}: it can only be expired now (expireChallenge refunds the bond).`,
  SlasherChallengeDeadlineNotPassed: ([challengeId, deadline]) =>
    `Challenge ${challengeId} awaits the arbiter's ruling until ${date(deadline)}: it can be expired only after that.`,
  SlasherEscrowNotHeld: ([escrowId, status]) =>
    Number(status) === 0
      ? `No escrow has id ${escrowId}.`
      : `Escrow ${escrowId} was ${escrowStatuses[Number(status)]} already.`,
  SlasherEscrowPeriodOver: ([escrowId, releaseAt]) =>
    `The escrow period of escrow ${escrowId} ended at ${date(releaseAt)}: it can no longer be reversed, only released.`,
  SlasherEscrowPeriodNotOver: ([escrowId, releaseAt]) =>
    `Escrow ${escrowId} can be released from ${date(releaseAt)}, when its escrow period ends (governance may reverse it until then).`,
  SlasherInvalidWindows: ([challengeWindow, escrowPeriod, unbondingPeriod]) =>
    `A challenge window of ${challengeWindow} s and an escrow period of ${escrowPeriod} s must both be above zero and add up to at most the unbonding period of ${unbondingPeriod} s.`,
  SlasherInvalidShare: ([kind, bps]) =>
    `A slash share of ${bps} basis points for ${offence(kind)} is above 10,000 (100%).`,
  SlasherInvalidReleaseSplit: ([burn, treasury, challenger, rewardPool]) =>
    `The release shares (burn ${burn}, treasury ${treasury}, challenger ${challenger}, reward pool ${rewardPool} basis points) must add up to 10,000.`,
  SlasherInvalidChallengeBond: ([bond]) =>
    `A challenge bond of ${daimm(bond)} is invalid: it must be above zero and below 2^96 wei.`,
  SlasherInvalidRecipient: () => 'The treasury and the reward pool cannot be the zero address.',
  SlasherUnexpectedSlash: ([expected, slashed]) =>
    `The StakeManager slashed ${daimm(slashed)} where the Slasher computed ${daimm(expected)}; this is a protocol bug, please report it.`,
  // ScoringManager
  ScoringUnknownSubject: ([subjectId]) =>
    `No model or dataset is registered under id ${id(subjectId)}: a round scores a registered subject.`,
  ScoringInvalidCommitteeSize: ([committeeSize, maximum]) =>
    `A committee of ${committeeSize} seats is out of range: ask for 1 to ${maximum} seats.`,
  ScoringBudgetTooLow: ([budget, minimum]) =>
    `A budget of ${daimm(budget)} is below the minimum of ${daimm(minimum)} (minBudgetPerSeat × committee size): raise the budget or ask for fewer seats.`,
  ScoringRewardPoolShort: ([available, requested]) =>
    `The reward pool holds ${daimm(available)}, less than the ${daimm(requested)} asked for: fund it first (fundRewardPool) or ask for less.`,
  ScoringWrongStatus: wrongRoundStatus,
  ScoringDrawPending: ([pending]) =>
    `${pending} scoring round(s) opened in earlier blocks wait for their committee draw, and settling now could change who is eligible in them: draw them first (drawCommittee, anyone may; open rounds are listed by getRound), then retry. Rounds opened in the current block never block settlement.`,
  ScoringSeedNotReady: ([roundId, seedBlock]) =>
    `The seed of round ${roundId} is not known yet (its seed block is ${seedBlock}): wait for the next block, then draw again.`,
  ScoringCommitClosed: ([roundId, commitDeadline]) =>
    `The commit window of round ${roundId} closed at ${date(commitDeadline)}: no more commitments are taken.`,
  ScoringNotRevealWindow: ([roundId, commitDeadline, revealDeadline]) =>
    `Round ${roundId} takes reveals after ${date(commitDeadline)} until ${date(revealDeadline)}: before it, wait for the commit window to close; after it, the round can only be finalized.`,
  ScoringRevealWindowOpen: ([roundId, revealDeadline]) =>
    `The reveal window of round ${roundId} is open until ${date(revealDeadline)}: finalize it after that.`,
  ScoringNotMember: ([roundId, account]) =>
    `${account} holds no seat in the committee of round ${roundId}: only its drawn members commit and reveal.`,
  ScoringZeroCommitment: ([roundId]) =>
    `The commitment for round ${roundId} is zero: commit keccak256(abi.encode(roundId, validator, score, digest, salt)), as scoreCommitment computes it.`,
  ScoringNothingToReveal: ([roundId, validator, state]) =>
    ballotStates[Number(state)] === 'drawn'
      ? `${validator} did not commit in round ${roundId}: there is nothing to reveal.`
      : `${validator} has revealed in round ${roundId} already (its ballot is ${ballotStates[Number(state)]}).`,
  ScoringCommitmentMismatch: ([roundId, validator]) =>
    `The score, digest and salt do not match the commitment of ${validator} in round ${roundId}: reveal exactly the score, evaluation digest and salt that were committed (commit returns them).`,
  ScoringScoreOutOfRange: ([score]) => `Scores run from 1 to 100, or 0 to abstain (got ${score}).`,
  ScoringInvalidDigest: ([score, digest]) =>
    Number(score) === 0
      ? `An abstention (score 0) carries no evaluation digest (got ${digest}).`
      : `Score ${score} needs the digest of the evaluation behind it (evaluationDigest of @daimm/sdk/eval), not zero.`,
  ScoringNothingToClaim: ([roundId, account], functionName) =>
    `${account} has no reward to claim in ${functionName === 'claimRewards' ? 'any of these rounds' : `round ${roundId}`}: a reward is paid once, to members that revealed within the band of a finalized round.`,
  ScoringNothingToReport: ([roundId]) =>
    `Round ${roundId} has no offender left to report: every member revealed within the band, or the offenders were reported already.`,
  ScoringZeroAmount: () => 'The amount is zero.',
  ScoringInvalidParameters: () =>
    'The scoring parameters are out of range: windows must last 1 s to 30 days, the quorums and the lock share 1 to 10,000 basis points, the reputation weight at most 10,000, the tolerance below 100 points, the minimum budget per seat above zero, and the minimum reward score at most 100.',
  // SortitionPool
  SortitionPoolFrozen: ([validator, pendingDraws]) =>
    `The sortition weight of ${validator} cannot change now: ${plural(pendingDraws, 'opened round waits', 'opened rounds wait')} for a committee draw, which freezes the pool's weights. Call drawCommittee(roundId) on it (anyone may), or retry once it is drawn.`,
  SortitionPoolNoPendingDraw: () =>
    'The sortition pool was asked to draw without an opened round waiting for one: committees are drawn through the ScoringManager, with drawCommittee.',
  // RoyaltySplitter (NotModelOwner is also the Marketplace's and UsageAnchors')
  NotModelOwner: ([model, caller]) =>
    `${caller} does not own model ${id(model)}: only its current owner may configure its split, offer licenses to it or delegate its usage anchoring.`,
  LengthMismatch: ([accounts, weights]) =>
    `${accounts} accounts but ${weights} weights were given: give one weight per account.`,
  ZeroAccount: () => 'A split recipient cannot be the zero address.',
  BatchTooLarge: ([units, max]) =>
    `The call would take ${units} units of work, above the maximum of ${max}: split it into several calls (setWeights counts recipients × (1 + accepted tokens), claim counts models).`,
  TotalWeightTooHigh: ([total, max]) =>
    `The split's total weight would become ${total}, above the maximum of ${max}: use smaller weights.`,
  TokenAlreadyAccepted: ([model, address]) =>
    `Model ${id(model)} accepts ${token(address)} already.`,
  TooManyTokens: ([model, max]) =>
    `Model ${id(model)} accepts ${max} tokens already, the most a split can take (accepted tokens are never removed).`,
  ZeroDeposit: () => 'Nothing was deposited: deposit an amount above zero.',
  WrongValue: ([expected, sent]) =>
    `collectSale got ${sent} wei but needs exactly ${expected} (the ETH price; 0 for ERC-20 sales).`,
  NotAnErc20: () =>
    'deposit takes ERC-20 tokens only: deposit ETH with depositETH (the SDK does when no token is given).',
  NotMarketplace: ([caller]) =>
    `${caller} is not the Marketplace: only it may credit license sales to the splitter.`,
  NothingToClaim: ([account, address]) =>
    `${account} has nothing to claim in ${token(address)} on these models.`,
  EthTransferFailed: ([to, amount]) =>
    `Sending ${formatEther(amount as bigint)} ETH to ${to} failed: a contract that claims must accept ETH.`,
  AccumulatorOverflow: ([model, address]) =>
    `The amounts of ${token(address)} deposited to model ${id(model)} are beyond any real supply: the splitter cannot account for them.`,
  InvalidUpstream: ([bps, depth]) =>
    `An upstream share of ${bps} basis points over ${depth} ancestors is out of bounds (at most 5,000 basis points and 8 ancestors).`,
  // Marketplace
  NotSeller: ([seller, caller]) =>
    `Only the offer's seller ${seller} may cancel it, not ${caller}.`,
  UnknownOffer: ([offerId]) => `No offer has id ${offerId}.`,
  OfferInactive: ([offerId]) => `Offer ${offerId} was cancelled by its seller.`,
  SoldOut: ([offerId, supplyCap]) => `Offer ${offerId} sold all its ${supplyCap} licenses.`,
  PriceAboveMax: ([offerId, price, maxPrice]) =>
    `Offer ${offerId} costs ${price}, above the maximum price of ${maxPrice} you set (in the token's base units): raise maxPrice if you accept that price.`,
  StaleOffer: ([offerId, seller, owner]) =>
    `Offer ${offerId} is from ${seller}, who no longer owns the model (${owner} does): it sells nothing until the seller owns the model again.`,
  ModelFlagged: ([model]) =>
    `Model ${id(model)} is flagged by governance: its offers can be neither published nor filled until the flag is cleared.`,
  WrongPayment: ([expected, sent]) =>
    `${sent} wei of ETH was sent; the offer needs exactly ${expected} (0 for ERC-20 offers, which are paid through an allowance).`,
  OfferRequiresSignature: ([offerId]) =>
    `Offer ${offerId} was listed from a signed offer: buy it with buyWithSignature and the signed offer, not buyLicense.`,
  OfferExpired: ([deadline]) =>
    `The signed offer expired at ${date(deadline)}: ask the seller to sign a new one.`,
  NonceTooOld: ([seller, nonce, minNonce]) =>
    `${seller} voided its signed offers with a nonce below ${minNonce}, and this one has nonce ${nonce}: ask the seller to sign a new one.`,
  NonceNotIncreasing: ([minNonce, current]) =>
    `Nonces can only be voided upwards: ${minNonce} must be above the current minimum ${current}.`,
  SignedOfferRevoked: ([digest]) =>
    `The seller cancelled this signed offer (digest ${digest}) already.`,
  LicensePerpetual: ([model, account]) =>
    `${account} holds a perpetual license of this kind to model ${id(model)} already: a timed license would only shorten it.`,
  ProtocolFeeTooHigh: ([bps, max]) =>
    `A protocol fee of ${bps} basis points exceeds the maximum of ${max}.`,
  ZeroTreasury: () => 'The treasury cannot be the zero address.',
  // Genesis distribution and airdrop (DaimmToken)
  DaimmGenesisOverAllocated: ([allocated, supply]) =>
    `The genesis allocates ${formatEther(allocated as bigint)} DAIMM, more than the supply of ${formatEther(supply as bigint)}.`,
  DaimmAirdropInvalid: ([root, deadline]) =>
    `An airdrop needs a Merkle root and a future deadline (got root ${root}, deadline ${date(deadline)}).`,
  DaimmAirdropAlreadyClaimed: ([account]) => `${account} has claimed its airdrop already.`,
  DaimmAirdropInvalidProof: ([account, amount]) =>
    `The proof does not show an airdrop of ${formatEther(amount as bigint)} DAIMM to ${account}: only the account of a leaf claims it, with its exact amount.`,
  DaimmAirdropClosed: ([deadline]) => `Airdrop claims closed at ${date(deadline)}.`,
  DaimmAirdropStillOpen: ([deadline]) =>
    `The unclaimed airdrop can be swept to the treasury only after ${date(deadline)}.`,
  SignatureNotYetValid: ([notBefore]) =>
    `The signature names block ${notBefore} as signed after, which is not mined yet: sign with a mined block.`,
  SignatureTooOld: ([notBefore, lastBlock]) =>
    `The signature (block ${notBefore}) could land until block ${lastBlock} only: ask the publisher to sign again.`,
  NotLicensee: ([model, account]) =>
    `${account} never held a license to model ${id(model)}: only licensees may review it (buy a license first).`,
  RatingOutOfRange: ([rating, max]) => `A rating runs from 1 to ${max} stars, not ${rating}.`,
  LicenseTermsDiffer: ([model, account, offerId]) =>
    `${account}'s running license of this kind to model ${id(model)} is under offer ${offerId}, whose terms differ: its time cannot carry over to other terms. Buy after it expires, or the other kind (commercial or not).`,
  StakeManagerInsufficientHeldStake: ([account, held, requested]) =>
    `${account} has ${daimm(held)} held for pending challenges, less than the ${daimm(requested)} to release; this is a protocol bug, please report it.`,
  SlasherChallengeNotCommitted: ([commitment]) =>
    `No commitment ${commitment} from an earlier block matches this challenge: commit first (commitChallenge with challengeCommitmentOf(you, accused, kind, evidence, salt)), wait one block, then open it with the same salt. A challenge copied from someone else's transaction never matches.`,
  SlasherNoRevealBelowOutlier: ([noReveal, outlier]) =>
    `A no-reveal slash of ${noReveal} bps below the outlier slash of ${outlier} bps would make withholding a reveal cheaper than revealing an outlier: keep NoReveal at least Outlier.`,
  ScoringNoHeldReward: ([roundId]) =>
    `Round ${roundId} holds no contributor reward: it earned none (not the first finalized round of its subject on an approved benchmark, or an owner without contributorMinStake), or it was released already.`,
  ScoringRewardStillHeld: ([roundId, releaseAt]) =>
    `The contributor reward of round ${roundId} is held through the challenge window, until ${date(releaseAt)}: release it then.`,
  ScoringInvalidReportWindow: ([window, unbonding]) =>
    `A report window of ${window} s must be above zero and shorter than the unbonding period (${unbonding} s).`,
  // Access control and pausing
  AccessManagedUnauthorized: ([caller]) =>
    `${caller} does not hold the role this function requires (roles: docs/deployment.md).`,
  EnforcedPause: () => 'The module is paused by the guardian; governance must unpause it.',
  // AccessManager (governance's role and delay rules)
  AccessManagerUnauthorizedAccount: ([account, roleId]) =>
    `${account} does not hold role ${roleId} in the AccessManager.`,
  AccessManagerUnauthorizedCall: ([caller, target, selector]) =>
    `${caller} may not call function ${selector} of ${target}: it lacks the role the AccessManager requires (roles: docs/deployment.md).`,
  AccessManagerUnauthorizedCancel: ([sender, caller, target, selector]) =>
    `${sender} may not cancel the operation of ${caller} on ${target} (function ${selector}).`,
  AccessManagerUnauthorizedConsume: ([target]) =>
    `${target} may not consume a scheduled operation that is not addressed to it.`,
  AccessManagerAlreadyScheduled: ([operationId]) =>
    `Operation ${operationId} is scheduled already: wait for it, or cancel it first.`,
  AccessManagerNotScheduled: ([operationId]) =>
    `Operation ${operationId} is not scheduled: schedule it first.`,
  AccessManagerNotReady: ([operationId]) =>
    `Operation ${operationId} is scheduled but its delay has not passed yet.`,
  AccessManagerExpired: ([operationId]) =>
    `Operation ${operationId} expired before it was executed: schedule it again.`,
  AccessManagerLockedRole: ([roleId]) => `Role ${roleId} is locked: it cannot be changed.`,
  AccessManagerLockedFunction: ([selector]) =>
    `Function ${selector} is locked: it cannot be reconfigured.`,
  AccessManagerBadConfirmation: () =>
    'Renouncing a role needs the caller to confirm its own address.',
  AccessManagerInvalidInitialAdmin: ([admin]) => `${admin} cannot be the initial admin.`,
  AccessManagedRequiredDelay: ([caller, delay]) =>
    `${caller} may call this function only after a delay of ${delay} seconds: schedule it through the AccessManager first.`,
  AccessManagedInvalidAuthority: ([authority]) => `${authority} is not a valid AccessManager.`,
  AccessControlUnauthorizedAccount: ([account, role]) => `${account} does not hold role ${role}.`,
  AccessControlBadConfirmation: () =>
    'Renouncing a role needs the caller to confirm its own address.',
  // Governor and its timelock
  GovernorAlreadyCastVote: ([voter]) => `${voter} has voted on this proposal already.`,
  GovernorAlreadyQueuedProposal: ([proposalId]) => `Proposal ${proposalId} is queued already.`,
  GovernorDisabledDeposit: () =>
    'The Governor does not accept deposits: send funds to the treasury (timelock).',
  GovernorInsufficientProposerVotes: ([proposer, votes, threshold]) =>
    `${proposer} has ${daimm(votes)} of votes, below the proposal threshold of ${daimm(threshold)}: delegate to yourself (governance.delegate) or gather delegations first.`,
  GovernorInvalidProposalLength: ([targets, calldatas, values]) =>
    `A proposal needs as many targets, calldatas and values (got ${targets}, ${calldatas} and ${values}), and at least one.`,
  GovernorInvalidQuorumFraction: ([numerator, denominator]) =>
    `A quorum of ${numerator}/${denominator} is not a valid fraction.`,
  GovernorInvalidSignature: ([voter]) => `The vote signature is not ${voter}'s.`,
  GovernorInvalidVoteParams: () => 'The vote parameters are not valid for this Governor.',
  GovernorInvalidVoteType: () => "The vote must be 'against', 'for' or 'abstain'.",
  GovernorInvalidVotingPeriod: ([period]) => `A voting period of ${period} is not valid.`,
  GovernorNonexistentProposal: ([proposalId]) =>
    `No proposal has id ${proposalId}: check the targets, values, calldatas and description (their hash is the id).`,
  GovernorOnlyExecutor: ([account]) =>
    `${account} is not the Governor's executor (the timelock): this function is changed through a proposal.`,
  GovernorProposalQueueingFailed: ([proposalId]) =>
    `Queueing proposal ${proposalId} in the timelock failed.`,
  GovernorProposalQueueingNotRequired: ([proposalId]) =>
    `Proposal ${proposalId} needs no queueing: execute it directly.`,
  GovernorRestrictedProposer: ([proposer]) =>
    `${proposer} may not make this proposal: its description restricts the proposer.`,
  GovernorUnableToCancel: ([proposalId, account]) =>
    `${account} cannot cancel proposal ${proposalId}: only its proposer can, and only while it is pending.`,
  GovernorUnexpectedProposalState: ([proposalId, current, expected]) =>
    `Proposal ${proposalId} is ${PROPOSAL_STATES[Number(current)] ?? `in state ${current}`}, but this needs it ${proposalStates(expected)}.`,
  TimelockInsufficientDelay: ([delay, minDelay]) =>
    `A delay of ${delay} seconds is below the timelock's minimum of ${minDelay}.`,
  TimelockInvalidOperationLength: ([targets, payloads, values]) =>
    `An operation needs as many targets, payloads and values (got ${targets}, ${payloads} and ${values}).`,
  TimelockUnauthorizedCaller: ([caller]) =>
    `${caller} may not call the timelock directly: governance acts through proposals.`,
  TimelockUnexecutedPredecessor: ([predecessor]) =>
    `Operation ${predecessor} must be executed first.`,
  TimelockUnexpectedOperationState: ([operationId]) =>
    `Timelock operation ${operationId} is not in the state this needs (not queued yet, not ready yet, or done already).`,
  ERC6372InconsistentClock: () => "The token's clock and the Governor's disagree.",
  InsufficientBalance: ([balance, needed]) =>
    `The contract holds ${formatEther(balance as bigint)} ETH but ${formatEther(needed as bigint)} are needed.`,
  // Plumbing no user call should meet; still worded.
  AddressEmptyCode: ([target]) => `${target} has no code: it is not a contract on this chain.`,
  FailedCall: () => 'A call to another contract failed without a reason.',
  ERC1967InvalidImplementation: ([implementation]) =>
    `${implementation} is not a valid implementation.`,
  ERC1967NonPayable: () => 'This call takes no ETH.',
  ExpectedPause: () => 'This needs the module to be paused, and it is not.',
  InvalidInitialization: () => 'The contract is initialized already.',
  NotInitializing: () => 'This can only be called while the contract is initializing.',
  ReentrancyGuardReentrantCall: () =>
    'The contract was re-entered during a call: reentrancy is refused.',
  SafeCastOverflowedUintDowncast: ([bits, value]) => `${value} does not fit in ${bits} bits.`,
  UUPSUnauthorizedCallContext: () => 'This upgrade call must go through the proxy.',
  UUPSUnsupportedProxiableUUID: ([slot]) =>
    `The new implementation reports an unsupported slot ${slot}.`,
  // ERC-20 and ERC-721
  ERC20InsufficientBalance: ([account, balance, needed]) =>
    `${account} holds ${formatEther(balance as bigint)} tokens but ${formatEther(needed as bigint)} are needed.`,
  ERC20InsufficientAllowance: ([spender, allowance, needed]) =>
    `${spender} may spend ${formatEther(allowance as bigint)} tokens but ${formatEther(needed as bigint)} are needed: approve first.`,
  ERC20InvalidSender: ([sender]) => `Tokens cannot be sent from ${sender}.`,
  ERC20InvalidReceiver: ([receiver]) =>
    `Tokens cannot be sent to ${receiver} (the zero address): check the recipient.`,
  ERC20InvalidApprover: ([approver]) => `${approver} cannot approve spending.`,
  ERC20InvalidSpender: ([spender]) => `${spender} (the zero address) cannot be approved to spend.`,
  ERC20ExceededSafeSupply: ([supply, cap]) =>
    `Minting would bring the supply to ${daimm(supply)}, over the cap of ${daimm(cap)} that vote checkpoints can hold.`,
  ERC2612ExpiredSignature: ([deadline]) =>
    `The permit expired at ${date(deadline)}: sign a new one.`,
  ERC2612InvalidSigner: ([signer, owner]) =>
    `The permit is signed by ${signer}, not by the owner ${owner}: the owner must sign it.`,
  InvalidAccountNonce: ([account, nonce]) =>
    `The signature uses a stale nonce: ${account}'s current nonce is ${nonce}; sign again with it.`,
  ECDSAInvalidSignature: () => 'The signature does not recover to any signer: sign again.',
  ECDSAInvalidSignatureLength: ([length]) =>
    `A signature is 65 bytes (r, s, v), or 64 in compact form; got ${length}.`,
  ECDSAInvalidSignatureS: () =>
    'The signature is malleable (its s value is in the upper half of the curve order): sign again with a standard signer.',
  ERC5805FutureLookup: ([timepoint, clock]) =>
    `Votes at ${date(timepoint)} are not known yet (the clock is at ${date(clock)}): ask for a past time.`,
  VotesExpiredSignature: ([expiry]) =>
    `The delegation signature expired at ${date(expiry)}: sign a new one.`,
  CheckpointUnorderedInsertion: () =>
    'A checkpoint would be written before the latest one: the clock went backwards.',
  InvalidShortString: () => 'The string is not a valid short string.',
  StringTooLong: ([str]) => `The string "${str}" is longer than 31 bytes.`,
  NotOwnerNorApproved: () => 'The sender is neither the owner of this token nor approved for it.',
  TokenDoesNotExist: () =>
    'No model is registered under this id (the registry holds no such token): check the id, or register the model first.',
  TokenAlreadyExists: () => 'That token id exists already.',
  TransferFromIncorrectOwner: () =>
    'The model is not owned by the account it is transferred from: check the current owner (registry.getModel).',
  TransferToZeroAddress: () =>
    'A model cannot be transferred to the zero address: deprecate it instead of burning it.',
  TransferToNonERC721ReceiverImplementer: () =>
    'The recipient is a contract that does not accept ERC-721 tokens (no onERC721Received): use transferFrom, or send to an account that can hold models.',
  BalanceQueryForZeroAddress: () => 'The zero address holds no models: ask for another account.',
  AccountBalanceOverflow: () => 'The account holds the most models an account can hold.',
  SafeERC20FailedOperation: ([address]) =>
    `Token ${address} refused the transfer (it returned false, or is no token contract).`,
  // UsageAnchors
  NotOwnerOrOperator: ([model, caller]) =>
    `${caller} may not anchor usage of model ${id(model)}: only its owner, or an operator its current owner delegated (usage.setOperator), may.`,
  ZeroRoot: ([model]) => `A zero root commits to no entries (model ${id(model)}).`,
  InvalidRange: ([fromSeq, toSeq, count]) =>
    `Entries ${fromSeq}..${toSeq} cannot hold ${count} entries: positions start at 1, the range must not be empty and the count must be between 1 and its length.`,
  RangeNotAfterLast: ([model, fromSeq, last]) =>
    `Model ${id(model)} is anchored up to entry ${last} already: a new anchor must start after it (got ${fromSeq}).`,
  UnknownAnchor: ([model, index]) => `Model ${id(model)} has no anchor number ${index}.`,
  ZeroOperator: () => 'The zero address cannot be an operator.',
}

/**
 * Makes every `ContractError` say in words what went wrong and what to do (`shortMessage`), for the
 * protocol's and OpenZeppelin's errors. `createDaimmClient` calls it; with standalone actions, call
 * it once at start-up. Without it, errors still carry `errorName` and `args` (and cost a dApp's
 * bundle about 8 KB gz less).
 *
 * @example
 * import { explainContractErrors, stake } from '@daimm/sdk'
 * explainContractErrors()
 */
export function explainContractErrors(): void {
  useContractErrorWords(contractErrorWords)
}
