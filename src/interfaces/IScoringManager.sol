// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDaimmToken} from "./IDaimmToken.sol";
import {IModelRegistry} from "./IModelRegistry.sol";
import {ISlasher, ISlasherTypes} from "./ISlasher.sol";
import {ISortitionPool} from "./ISortitionPool.sol";
import {IStakeManager} from "./IStakeManager.sol";

/// @title IRandomnessSource
/// @notice Where a scoring round's committee seed comes from. The ScoringManager's default (no source set) is the hash
/// of the round's seed block; governance may plug in a stronger source (a VRF, a beacon) behind this interface.
interface IRandomnessSource {
    /// @notice The seed of `roundId`, whose opening fixed `seedBlock`; zero while it is not known yet.
    function randomness(uint256 roundId, uint256 seedBlock) external view returns (bytes32);
}

/// @title IScoringTypes
/// @notice Enums and structs of the ScoringManager.
interface IScoringTypes {
    /// @notice Life of a round: `Open` until its committee is drawn, `Drawn` through the commit and reveal windows,
    /// then `Finalized` with a score, or `Failed` (no committee, or no quorum) with its budget refunded.
    enum RoundStatus {
        None,
        Open,
        Drawn,
        Finalized,
        Failed
    }

    /// @notice Where a committee member stands in a round. `Abstained`: the member revealed that it could not evaluate
    /// (score 0 committed), which earns nothing and is never slashed.
    enum BallotState {
        None,
        Drawn,
        Committed,
        Revealed,
        Claimed,
        Reported,
        Abstained
    }

    /// @notice Governed parameters, in one slot.
    /// @param commitWindow Seconds from the draw during which members commit.
    /// @param revealWindow Seconds after the commit window during which members reveal.
    /// @param quorumCountBps Share of the committee's seats that must reveal, in basis points.
    /// @param quorumStakeBps Share of the committee's stake weight that must reveal, in basis points.
    /// @param tolerance Score points around the consensus within which a reveal is rewarded, not slashed.
    /// @param lockShareBps Share of a member's snapshot weight locked in the StakeManager until the round settles.
    /// @param reputationWeightBps Weight of the newest score in a contributor's reputation (moving average).
    /// @param minBudgetPerSeat Smallest validator budget per committee seat, in DAIMM wei: rounds cost their opener.
    /// @param minRewardScore Lowest consensus that pays a contributor reward. A round below it still counts for its
    /// (subject, benchmark) pair and moves the owner's reputation, but pays nothing: a junk model earns no reward.
    struct Parameters {
        uint40 commitWindow;
        uint40 revealWindow;
        uint16 quorumCountBps;
        uint16 quorumStakeBps;
        uint8 tolerance;
        uint16 lockShareBps;
        uint16 reputationWeightBps;
        uint96 minBudgetPerSeat;
        uint8 minRewardScore;
    }

    /// @notice A round, in five slots written at opening; the draw and finalization rewrite the last two.
    /// @param funder Who paid the budget; the ScoringManager itself when governance funded it from the reward pool.
    /// @param budget Validator reward, in DAIMM wei, shared by the members within the tolerance band.
    /// @param subjectId The model or dataset scored (its registry id).
    /// @param benchmarkId `benchmarkIdOf(datasetCid, metricId)`.
    /// @param snapshotAt Stake weights are members' active stake at the end of this second (the one before opening).
    /// @param seedBlock The block whose hash seeds the draw (the opening block; never moved: a round not drawn
    /// within 256 blocks fails at its opener's cost).
    /// @param commitDeadline Last second of the commit window (set by the draw).
    /// @param revealDeadline Last second of the reveal window (set by the draw).
    /// @param committeeSize Seats asked for.
    /// @param seats Seats filled by the draw.
    /// @param status Where the round stands.
    /// @param kind The subject's asset kind, which sets the contributor's reward.
    /// @param lockShareBps The lock share in force at the draw, so each unlock matches its lock.
    /// @param consensus The stake-weighted median of the reveals (finalized rounds).
    /// @param bandLow Lowest rewarded score (finalized rounds).
    /// @param bandHigh Highest rewarded score (finalized rounds).
    /// @param rewardedWeight Stake weight of the members within the band, who share the budget pro rata.
    /// @param subjectOwner The subject's owner at opening, never drawn: read then, so a transfer after the seed is
    /// public cannot strike a validator from the draw.
    struct Round {
        address funder;
        uint96 budget;
        uint256 subjectId;
        bytes32 benchmarkId;
        uint40 snapshotAt;
        uint48 seedBlock;
        uint40 commitDeadline;
        uint40 revealDeadline;
        uint8 committeeSize;
        uint8 seats;
        RoundStatus status;
        IModelRegistry.AssetKind kind;
        uint16 lockShareBps;
        uint8 consensus;
        uint8 bandLow;
        uint8 bandHigh;
        uint96 rewardedWeight;
        address subjectOwner;
    }

    /// @notice A committee seat: who sits in it and its stake weight (the member's stake at `snapshotAt`).
    struct Seat {
        address validator;
        uint96 weight;
    }

    /// @notice A contributor reward held through the Slasher's challenge window before it can be released.
    /// @param contributor The subject's owner at finalization, who earns it.
    /// @param amount DAIMM reserved from the reward pool.
    /// @param releaseAt First second `releaseContributorReward` pays it.
    /// @param lockedStake The contributor's stake locked meanwhile (`contributorMinStake`), so a plagiarism ruling
    /// finds it.
    struct HeldReward {
        address contributor;
        uint96 amount;
        uint40 releaseAt;
        uint96 lockedStake;
    }

    /// @notice A member's ballot, one slot that the draw writes, so commit and reveal each rewrite a warm non-zero
    /// slot. `commitment` keeps the first 29 bytes of the commitment hash (232 bits still bind the score).
    struct Ballot {
        bytes29 commitment;
        uint8 seat;
        uint8 score;
        BallotState state;
    }
}

/// @title IScoringManagerErrors
/// @notice Custom errors of the ScoringManager. Each names the round, account or values involved.
interface IScoringManagerErrors is IScoringTypes {
    /// @notice The subject is not registered in the ModelRegistry.
    error ScoringUnknownSubject(uint256 subjectId);
    /// @notice A committee size of zero or above `MAX_COMMITTEE_SIZE`.
    error ScoringInvalidCommitteeSize(uint256 committeeSize, uint256 maximum);
    /// @notice The budget is below `minBudgetPerSeat × committeeSize`.
    error ScoringBudgetTooLow(uint256 budget, uint256 minimum);
    /// @notice Governance asked the reward pool for more than it holds.
    error ScoringRewardPoolShort(uint256 available, uint256 requested);
    /// @notice The round is not in the status this call needs.
    error ScoringWrongStatus(uint256 roundId, RoundStatus status, RoundStatus expected);
    /// @notice Rounds wait for their committee draw (`pendingDraws` of them): settling now could change who is
    /// eligible in them after their seeds are public. Draw them first (`drawCommittee`), then settle.
    error ScoringDrawPending(uint256 pendingDraws);
    /// @notice The draw's seed is not known yet: the seed block must be mined first.
    error ScoringSeedNotReady(uint256 roundId, uint256 seedBlock);
    /// @notice A commit after the commit window.
    error ScoringCommitClosed(uint256 roundId, uint256 commitDeadline);
    /// @notice A reveal outside the reveal window (`commitDeadline` < now ≤ `revealDeadline`).
    error ScoringNotRevealWindow(uint256 roundId, uint256 commitDeadline, uint256 revealDeadline);
    /// @notice `finalize` before the reveal window closed.
    error ScoringRevealWindowOpen(uint256 roundId, uint256 revealDeadline);
    /// @notice `account` has no seat in the round's committee.
    error ScoringNotMember(uint256 roundId, address account);
    /// @notice A zero commitment.
    error ScoringZeroCommitment(uint256 roundId);
    /// @notice A reveal without a commitment, or a second reveal.
    error ScoringNothingToReveal(uint256 roundId, address validator, BallotState state);
    /// @notice The revealed score and salt do not hash to the member's commitment.
    error ScoringCommitmentMismatch(uint256 roundId, address validator);
    /// @notice Scores run from 1 to 100 (0 reveals an abstention).
    error ScoringScoreOutOfRange(uint256 score);
    /// @notice A score comes with the digest of the evaluation behind it, an abstention (score 0) with none: a score
    /// with a zero digest, or an abstention with a digest.
    error ScoringInvalidDigest(uint256 score, bytes32 digest);
    /// @notice `account` has no unclaimed reward in the round (not finalized, outside the band, or claimed).
    error ScoringNothingToClaim(uint256 roundId, address account);
    /// @notice The settled round has no member left to report: none missed its reveal or the band, or all were
    /// reported.
    error ScoringNothingToReport(uint256 roundId);
    /// @notice A zero amount.
    error ScoringZeroAmount();
    /// @notice No contributor reward is held for the round (none earned, or already released).
    error ScoringNoHeldReward(uint256 roundId);
    /// @notice The held contributor reward is still inside the challenge window.
    error ScoringRewardStillHeld(uint256 roundId, uint256 releaseAt);
    /// @notice A report window of zero, or not shorter than the StakeManager's unbonding period.
    error ScoringInvalidReportWindow(uint256 reportWindow, uint256 unbondingPeriod);
    /// @notice Parameters out of range: windows of zero or over `MAX_WINDOW`, quorum or shares over 10,000 bps or
    /// zero, a tolerance over 99, a minimum reward score over 100.
    error ScoringInvalidParameters(Parameters parameters);
}

/// @title IScoringManagerEvents
/// @notice Events of the ScoringManager. Replayed in order they rebuild every round (committee, ballots, result,
/// claims), the sortition weights, reputations, the reward pool and the parameters.
interface IScoringManagerEvents is IScoringTypes {
    /// @notice A round opened; `budget` was paid in. `subjectOwner` and `kind` are the subject's owner (never drawn)
    /// and asset kind (which sets the contributor's reward), read from the registry at opening and stored with the
    /// round.
    event RoundOpened(
        uint256 indexed roundId,
        uint256 indexed subjectId,
        address indexed funder,
        address subjectOwner,
        IModelRegistry.AssetKind kind,
        bytes32 benchmarkId,
        bytes datasetCid,
        bytes32 metricId,
        uint256 budget,
        uint256 committeeSize,
        uint256 snapshotAt,
        uint256 seedBlock
    );
    /// @notice `validator` took `seat` with stake weight `weight`; `locked` of its stake is locked until settlement.
    event MemberDrawn(uint256 indexed roundId, address indexed validator, uint256 seat, uint256 weight, uint256 locked);
    /// @notice The committee is seated: commits until `commitDeadline`, reveals until `revealDeadline`. Each member's
    /// lock is `lockShareBps` of its weight (the share in force at the draw, stored with the round for the unlocks).
    event CommitteeDrawn(
        uint256 indexed roundId,
        bytes32 seed,
        uint256 seats,
        uint256 commitDeadline,
        uint256 revealDeadline,
        uint256 lockShareBps
    );
    /// @notice A member committed (or replaced its commitment).
    event ScoreCommitted(uint256 indexed roundId, address indexed validator, bytes32 commitment);
    /// @notice A member revealed its score and the digest of the evaluation behind it (the SDK's `evaluationDigest`).
    event ScoreRevealed(uint256 indexed roundId, address indexed validator, uint256 score, bytes32 digest);
    /// @notice The round settled with `score`, the stake-weighted median; members scoring within
    /// [`bandLow`, `bandHigh`] share the budget by weight, and `returnedToPool` (rounding) joined the reward pool.
    /// `digest` is the evaluation digest carried by more than half of the in-band revealed weight, the one the
    /// committee agreed on; zero when no digest had that majority.
    event RoundFinalized(
        uint256 indexed roundId,
        uint256 indexed subjectId,
        uint256 score,
        uint256 bandLow,
        uint256 bandHigh,
        uint256 revealedWeight,
        uint256 rewardedWeight,
        uint256 returnedToPool,
        bytes32 digest
    );
    /// @notice The round failed. Too few members drawn: `refund` went back to its funder. No quorum of scores (nothing
    /// evaluable, or silent members) or a seed that aged out: `refund` is 0 and the budget joined the reward pool.
    event RoundFailed(uint256 indexed roundId, uint256 revealed, uint256 revealedWeight, uint256 refund);
    /// @notice A member revealed that it could not evaluate the subject on the benchmark (not slashed, not paid).
    event ScoreAbstained(uint256 indexed roundId, address indexed validator);
    /// @notice A member was reported to the Slasher (non-reveal, or score outside the band); `slashed` tokens went
    /// into escrow `escrowId` (0 when there was nothing to slash).
    event MemberReported(
        uint256 indexed roundId,
        address indexed validator,
        ISlasherTypes.OffenceKind kind,
        bytes32 offenceId,
        uint256 escrowId,
        uint256 slashed
    );
    /// @notice The subject's owner earned `amount` from the reward pool, held until `releaseAt` (the challenge window);
    /// `reputation` is its updated reputation; `amount` is 0, with nothing held, when the consensus was below
    /// `minRewardScore` (the round still counts for the pair and the reputation). Emitted only for the first finalized
    /// round of a (subject, approved
    /// benchmark) whose owner holds `contributorMinStake` unlocked and whose subject is not flagged.
    event ContributorRewarded(uint256 indexed roundId, address indexed contributor, uint256 amount, uint256 reputation);
    /// @notice A held contributor reward was settled: `paid` to the contributor, or `forfeited` to the reward pool
    /// because the subject was flagged meanwhile; the contributor's stake lock was released.
    event ContributorRewardReleased(
        uint256 indexed roundId, address indexed contributor, uint256 paid, uint256 forfeited
    );
    /// @notice Governance approved or withdrew a benchmark: only approved benchmarks earn contributor rewards, move
    /// reputation and are recorded in the registry.
    event BenchmarkApprovalSet(bytes32 indexed benchmarkId, bytes datasetCid, bytes32 metricId, bool approved);
    /// @notice Governance set the report window: a reporter earns the challenger share of a slash only within it.
    event ReportWindowSet(uint256 reportWindow);
    /// @notice A member claimed its share of a round's budget.
    event RewardClaimed(uint256 indexed roundId, address indexed validator, uint256 amount);
    /// @notice Tokens paid into the reward pool through `fundRewardPool`.
    event RewardPoolFunded(address indexed from, uint256 amount);
    /// @notice Governance set the parameters.
    event ParametersSet(Parameters parameters);
    /// @notice Governance set the contributor reward for `kind` (before score and reputation).
    event ContributorRewardSet(IModelRegistry.AssetKind indexed kind, uint256 amount);
    /// @notice Governance set the randomness source; zero means the seed block's hash.
    event RandomnessSourceSet(address indexed source);
}

/// @title IScoringManager
/// @notice Multi-validator scoring. A round scores one registered model or dataset on one benchmark. A committee is
/// drawn by stake from the validator set, using stake at the round's opening; members commit
/// `keccak256(abi.encode(roundId, validator, score, digest, salt))`, then reveal; anyone finalizes. The consensus is the
/// stake-weighted (lower) median of the reveals; members within the tolerance band share the budget by weight, while
/// outliers and non-revealers are reported to the Slasher. The result is written to the ModelRegistry, and the
/// subject's owner earns a governed reward scaled by score and reputation, from the reward pool.
/// @dev Sortition: the SortitionPool, a sum tree of validator weights, O(log n) per candidate (see ISortitionPool).
/// Randomness: `blockhash(seedBlock)` by default, fixed after the opening transaction, so an opener cannot retry
/// until it likes the committee; the seed block's producer can still bias it. See docs/scoring.md.
interface IScoringManager is IScoringManagerErrors, IScoringManagerEvents {
    /*//////////////////////////////////////////////////////////////
                                 ROUNDS
    //////////////////////////////////////////////////////////////*/

    /// @notice Opens a round on `subjectId`, paid by the caller (approve `budget` first). Paused with the module.
    /// @param subjectId A registered model or dataset.
    /// @param datasetCid The benchmark dataset's CID, in binary form.
    /// @param metricId The benchmark metric (e.g. `bytes32("accuracy")`).
    /// @param budget Validator reward in DAIMM wei; at least `minBudgetPerSeat × committeeSize`.
    /// @param committeeSize Seats, 1 to `MAX_COMMITTEE_SIZE`.
    /// @return roundId The new round.
    function openRound(
        uint256 subjectId,
        bytes calldata datasetCid,
        bytes32 metricId,
        uint256 budget,
        uint256 committeeSize
    ) external returns (uint256 roundId);

    /// @notice `openRound` funded from the reward pool. Callable by the ADMIN role (governance).
    function openRoundFromPool(
        uint256 subjectId,
        bytes calldata datasetCid,
        bytes32 metricId,
        uint256 budget,
        uint256 committeeSize
    ) external returns (uint256 roundId);

    /// @notice Draws the committee once the seed is known (from the block after the seed block). Anyone may call it;
    /// the result does not depend on who does. Fails the round and refunds it when too few eligible validators are
    /// drawn for the count quorum. Paused with the module.
    /// @return seats Seats filled (zero when the seed block aged out and moved, or when the round failed).
    function drawCommittee(uint256 roundId) external returns (uint256 seats);

    /// @notice Commits the caller's score and evaluation digest during the commit window; a later commit replaces an
    /// earlier one. The digest is sealed like the score, so nobody can copy another member's from the mempool.
    /// @param commitment `commitmentOf(roundId, msg.sender, score, digest, salt)`.
    function commit(uint256 roundId, bytes32 commitment) external;

    /// @notice Reveals the caller's committed score during the reveal window. A score of 0 (committed as such) reveals
    /// an abstention: the member could not evaluate (artifact or dataset unavailable or not matching its CID). It is
    /// neither paid nor slashed; the round fails, at its opener's cost, when too few members could score.
    /// @param digest The digest of the evaluation behind the score (the SDK's `evaluationDigest`: model fingerprint,
    /// dataset, metric, runtime and every prediction); zero exactly when the score is 0.
    function reveal(uint256 roundId, uint8 score, bytes32 digest, bytes32 salt) external;

    /// @notice Settles a round after its reveal window: consensus, the agreed evaluation digest, rewards, the
    /// registry's evaluation, the
    /// contributor's (held) reward, and every lock but the offenders'. Anyone may call it. Paused with the module;
    /// waits while a round opened in an earlier block waits for its draw (`ScoringDrawPending`: draw it first, anyone
    /// may), since releasing locks changes eligibility once a seed is public. Rounds opened in the current block
    /// never block it.
    function finalize(uint256 roundId) external;

    /// @notice Reports a settled round's offenders to the Slasher (members that did not reveal, and, once finalized,
    /// members outside the band) and releases their locks. Anyone may call it; each member is reported once. Each
    /// slash is the offence's share of the member's seat weight, which its lock covers. Within `reportWindow()` of the
    /// reveal deadline the caller earns the challenger share of each slash. Paused with the module; waits for draws
    /// like `finalize`.
    /// @dev Apart from `finalize` so that settling costs the same whoever misbehaved: an offender's stake stays
    /// locked until it is reported, so it cannot leave before its slash.
    /// @return reported Members reported.
    function reportOffenders(uint256 roundId) external returns (uint256 reported);

    /// @notice Pays the caller its share of a finalized round's budget. Never paused.
    /// @return amount Tokens paid.
    function claimReward(uint256 roundId) external returns (uint256 amount);

    /// @notice Pays the caller its shares of several rounds, skipping rounds with nothing to claim.
    /// @return amount Tokens paid.
    function claimRewards(uint256[] calldata roundIds) external returns (uint256 amount);

    /// @notice Adds `amount` DAIMM from the caller to the reward pool (approve first).
    function fundRewardPool(uint256 amount) external;

    /// @notice Settles round `roundId`'s held contributor reward once its challenge window is over: pays it to the
    /// contributor, or returns it to the pool when the subject was flagged meanwhile; unlocks the contributor's stake.
    /// Anyone may call it. Never paused.
    /// @return paid Tokens paid to the contributor.
    function releaseContributorReward(uint256 roundId) external returns (uint256 paid);

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the parameters; rounds already drawn keep their windows and lock share. Callable by ADMIN.
    function setParameters(Parameters calldata parameters) external;

    /// @notice Sets the contributor reward of `kind`, in DAIMM wei before score and reputation. Callable by ADMIN.
    function setContributorReward(IModelRegistry.AssetKind kind, uint256 amount) external;

    /// @notice Plugs in a randomness source for draws from now on; zero restores the seed block's hash. ADMIN.
    function setRandomnessSource(IRandomnessSource source) external;

    /// @notice Approves (or withdraws) the benchmark `(datasetCid, metricId)`. Callable by ADMIN.
    function setBenchmarkApproval(bytes calldata datasetCid, bytes32 metricId, bool approved) external;

    /// @notice Sets the report window, shorter than the unbonding period. Callable by ADMIN.
    function setReportWindow(uint256 reportWindow) external;

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The largest committee.
    function MAX_COMMITTEE_SIZE() external view returns (uint256);

    /// @notice The longest commit or reveal window governance may set, in seconds.
    function MAX_WINDOW() external view returns (uint256);

    /// @notice The reward token, DAIMM.
    function token() external view returns (IDaimmToken);

    /// @notice The StakeManager whose validators are drawn.
    function stakeManager() external view returns (IStakeManager);

    /// @notice The Slasher outliers and non-revealers are reported to.
    function slasher() external view returns (ISlasher);

    /// @notice The pool committees are drawn from.
    function sortitionPool() external view returns (ISortitionPool);

    /// @notice The registry the results are written to.
    function registry() external view returns (IModelRegistry);

    /// @notice The governed parameters.
    function parameters() external view returns (Parameters memory);

    /// @notice The contributor reward of `kind`, before score and reputation.
    function contributorReward(IModelRegistry.AssetKind kind) external view returns (uint256);

    /// @notice The plugged-in randomness source (zero: the seed block's hash).
    function randomnessSource() external view returns (IRandomnessSource);

    /// @notice Number of rounds opened: ids run from 1 to this.
    function roundCount() external view returns (uint256);

    /// @notice Round `roundId` (all zero if it does not exist).
    function round(uint256 roundId) external view returns (Round memory);

    /// @notice Seat `seat` (0-based) of round `roundId`'s committee.
    function seatAt(uint256 roundId, uint256 seat) external view returns (Seat memory);

    /// @notice `validator`'s ballot in round `roundId` (state `None` if it holds no seat).
    function ballotOf(uint256 roundId, address validator) external view returns (Ballot memory);

    /// @notice What `claimReward(roundId)` would pay `validator` now.
    function rewardOf(uint256 roundId, address validator) external view returns (uint256);

    /// @notice DAIMM held for open rounds' budgets and unclaimed member rewards.
    function reservedRewards() external view returns (uint256);

    /// @notice DAIMM free to fund rounds and contributor rewards: the balance beyond `reservedRewards()`.
    function rewardPool() external view returns (uint256);

    /// @notice Whether governance approved benchmark `benchmarkId`.
    function isBenchmarkApproved(bytes32 benchmarkId) external view returns (bool);

    /// @notice Whether `subjectId` already earned its contributor reward on `benchmarkId` (once per pair).
    function isContributorRewarded(uint256 subjectId, bytes32 benchmarkId) external view returns (bool);

    /// @notice The contributor reward held for round `roundId` (all zero when none, or once released).
    function heldReward(uint256 roundId) external view returns (HeldReward memory);

    /// @notice Seconds after a reveal deadline during which reporting the round's offenders earns the bounty.
    function reportWindow() external view returns (uint256);

    /// @notice `contributor`'s reputation in basis points of a perfect score: the moving average of its rewarded rounds'
    /// consensus, from 0 (the floor) before its first. Its next contributor reward is scaled by 0.5 + reputation, so a
    /// fresh address never earns more than one with a record.
    function reputationOf(address contributor) external view returns (uint256);

    /// @notice The commitment a member posts: `keccak256(abi.encode(roundId, validator, score, digest, salt))`.
    function commitmentOf(uint256 roundId, address validator, uint8 score, bytes32 digest, bytes32 salt)
        external
        pure
        returns (bytes32);

    /// @notice The evaluation digest `validator` revealed in round `roundId`: zero before its reveal, when it
    /// abstained, and once the round finalized with it in the band (finalization reads and clears the in-band
    /// digests; `ScoreRevealed` keeps every one, and the agreed digest is in `RoundFinalized` and the registry).
    function revealedDigestOf(uint256 roundId, address validator) external view returns (bytes32);

    /// @notice The benchmark id recorded in the registry: `keccak256(abi.encodePacked(metricId, datasetCid))`.
    function benchmarkIdOf(bytes calldata datasetCid, bytes32 metricId) external pure returns (bytes32);
}
