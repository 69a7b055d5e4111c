// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDaimmToken} from "../interfaces/IDaimmToken.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {
    IRandomnessSource,
    IScoringManagerErrors,
    IScoringManagerEvents,
    IScoringTypes
} from "../interfaces/IScoringManager.sol";
import {ISlasher, ISlasherTypes} from "../interfaces/ISlasher.sol";
import {ISortitionPool} from "../interfaces/ISortitionPool.sol";
import {IStakeManager} from "../interfaces/IStakeManager.sol";
import {SeatLock} from "./SeatLock.sol";
import {WeightedMedian} from "./WeightedMedian.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title ScoringSettlement
/// @notice How a ScoringManager round is drawn and settles: the committee draw, quorum, the stake-weighted median, the
/// tolerance band, rewards, reputation, the registry's evaluation and reports to the Slasher. Its storage layout and
/// helpers are shared with the ScoringManager.
/// @dev An external library, linked into the ScoringManager and reached by `DELEGATECALL`, so settlement runs in the
/// ScoringManager's context (its storage, events, token balance and roles) while its code stays under the EIP-170
/// size limit — the pattern of Aave v3's logic libraries.
library ScoringSettlement {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_SCORE = 100;
    /// @dev One score point in basis points of a perfect score.
    uint256 internal constant BPS_PER_POINT = 100;
    /// @dev The reward multiplier's floor, 0.5, in basis points: the multiplier is this plus the reputation. A
    /// contributor without rewarded rounds has reputation 0, the lowest there is, so moving models to a fresh address
    /// can only lower it.
    uint256 internal constant BASE_MULTIPLIER_BPS = 5000;
    /// @dev What the draw writes in each member's digest slot, so that the reveal rewrites a slot instead of creating
    /// one (5,000 gas instead of 22,100, paid by whoever draws rather than by each member). Never a digest: an
    /// evaluation digest is a keccak256 hash.
    bytes32 internal constant DIGEST_PLACEHOLDER = bytes32(uint256(1));
    /// @dev How far back `blockhash` sees.
    uint256 private constant BLOCKHASH_HORIZON = 256;

    /// @dev The ScoringManager's ERC-7201 namespace `daimm.storage.ScoringManager`.
    struct ScoringStorage {
        IScoringTypes.Parameters parameters;
        uint96[2] contributorRewards;
        IRandomnessSource randomnessSource;
        uint256 roundCount;
        uint256 reserved;
        mapping(uint256 roundId => IScoringTypes.Round) rounds;
        mapping(uint256 roundId => mapping(uint256 seat => IScoringTypes.Seat)) seats;
        mapping(uint256 roundId => mapping(address validator => IScoringTypes.Ballot)) ballots;
        /// @dev Zero, the floor, until the contributor's first rewarded round.
        mapping(address contributor => uint256) reputations;
        mapping(bytes32 benchmarkId => bool) approvedBenchmarks;
        /// @dev Whether the pair already earned its contributor reward: it is paid once.
        mapping(uint256 subjectId => mapping(bytes32 benchmarkId => bool)) contributorRewarded;
        mapping(uint256 roundId => IScoringTypes.HeldReward) heldRewards;
        uint40 reportWindow;
        /// @dev Each member's revealed evaluation digest; `DIGEST_PLACEHOLDER` from the draw until it reveals.
        mapping(uint256 roundId => mapping(address validator => bytes32)) digests;
    }

    /// @dev A committee as finalize sees it; `scores[i]` is zero for a member that did not reveal.
    struct Tally {
        address[] validators;
        uint256[] weights;
        uint256[] scores;
        bool[] abstained;
        uint256 revealed;
        uint256 revealedWeight;
        uint256 totalWeight;
    }

    /// @dev A contributor reward just held: zero `lockedStake` when none was; `counted` when the round counted for
    /// the pair and the reputation (held, or below the minimum reward score).
    struct Hold {
        uint256 amount;
        uint256 reputation;
        uint256 lockedStake;
        bool counted;
    }

    /// @dev A successful round's outcome.
    struct Result {
        uint256 consensus;
        uint256 bandLow;
        uint256 bandHigh;
        uint256 rewardedWeight;
        uint256 returned;
        bytes32 digest;
    }

    /// @dev The modules settlement calls: the ScoringManager's immutables.
    struct Modules {
        IDaimmToken token;
        IStakeManager stakeManager;
        ISlasher slasher;
        IModelRegistry registry;
        ISortitionPool pool;
    }

    /*//////////////////////////////////////////////////////////////
                                  DRAW
    //////////////////////////////////////////////////////////////*/

    /// @notice Draws round `roundId`'s committee (see `IScoringManager.drawCommittee`). Runs in the ScoringManager's
    /// context.
    function drawCommittee(ScoringStorage storage $, Modules memory m, uint256 roundId) external returns (uint256) {
        IScoringTypes.Round storage stored = $.rounds[roundId];
        expectStatus(roundId, stored.status, IScoringTypes.RoundStatus.Open);
        IScoringTypes.Round memory r = stored;
        bytes32 seed = _seed($, roundId, r.seedBlock);
        if (seed == 0) {
            // No re-roll: a seed nobody drew while `blockhash` could see it fails the round, at its opener's cost.
            if (address($.randomnessSource) == address(0) && block.number > r.seedBlock + BLOCKHASH_HORIZON) {
                m.pool.cancelDraw();
                _fail($, m.token, roundId, r, 0, 0, false);
                return 0;
            }
            revert IScoringManagerErrors.ScoringSeedNotReady(roundId, r.seedBlock);
        }

        IScoringTypes.Parameters memory p = $.parameters;
        // Nobody scores their own model.
        (address[] memory members, uint256[] memory weights, uint256 filled) =
            m.pool.draw(seed, r.committeeSize, r.snapshotAt, p.lockShareBps, r.subjectOwner);
        if (filled == 0 || filled * BPS < uint256(p.quorumCountBps) * r.committeeSize) {
            // Nobody was seated, so nobody worked or can be slashed: the opener gets its budget back.
            _fail($, m.token, roundId, r, 0, 0, true);
            return 0;
        }
        _seat($, m.stakeManager, stored, roundId, seed, members, weights, filled, p);
        return filled;
    }

    function _seed(ScoringStorage storage $, uint256 roundId, uint256 seedBlock) private view returns (bytes32) {
        IRandomnessSource source = $.randomnessSource;
        if (address(source) != address(0)) return source.randomness(roundId, seedBlock);
        if (block.number <= seedBlock) return 0;
        bytes32 hash = blockhash(seedBlock);
        return hash == 0 ? bytes32(0) : keccak256(abi.encode(hash, roundId));
    }

    /// @dev Writes the committee's seats and ballots and opens the commit window, then locks each member's share.
    function _seat(
        ScoringStorage storage $,
        IStakeManager stakeManager,
        IScoringTypes.Round storage stored,
        uint256 roundId,
        bytes32 seed,
        address[] memory members,
        uint256[] memory weights,
        uint256 filled,
        IScoringTypes.Parameters memory p
    ) private {
        uint256 commitDeadline = block.timestamp + p.commitWindow;
        uint256 revealDeadline = commitDeadline + p.revealWindow;
        stored.status = IScoringTypes.RoundStatus.Drawn;
        // forge-lint: disable-next-line(unsafe-typecast)
        stored.seats = uint8(filled); // at most the committee size
        stored.lockShareBps = p.lockShareBps;
        stored.commitDeadline = commitDeadline.toUint40();
        stored.revealDeadline = revealDeadline.toUint40();
        for (uint256 i; i < filled; ++i) {
            $.seats[roundId][i] = IScoringTypes.Seat({validator: members[i], weight: uint96(weights[i])});
            $.ballots[roundId][members[i]] = IScoringTypes.Ballot({
                commitment: bytes29(0),
                // forge-lint: disable-next-line(unsafe-typecast)
                seat: uint8(i), // below the committee size
                score: 0,
                state: IScoringTypes.BallotState.Drawn
            });
            $.digests[roundId][members[i]] = DIGEST_PLACEHOLDER;
        }
        emit IScoringManagerEvents.CommitteeDrawn(roundId, seed, filled, commitDeadline, revealDeadline, p.lockShareBps);
        for (uint256 i; i < filled; ++i) {
            uint256 locked = SeatLock.amount(weights[i], p.lockShareBps);
            emit IScoringManagerEvents.MemberDrawn(roundId, members[i], i, weights[i], locked);
            stakeManager.lock(members[i], locked);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @notice Settles round `roundId` (see `IScoringManager.finalize`). Runs in the ScoringManager's context.
    function finalize(ScoringStorage storage $, Modules memory m, uint256 roundId) external {
        IScoringTypes.Round memory r = $.rounds[roundId];
        expectStatus(roundId, r.status, IScoringTypes.RoundStatus.Drawn);
        _expectNoBlockingDraw(m.pool);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= r.revealDeadline) {
            revert IScoringManagerErrors.ScoringRevealWindowOpen(roundId, r.revealDeadline);
        }

        Tally memory tally = _tally($, roundId, r.seats);
        IScoringTypes.Parameters memory p = $.parameters;
        // Only scores count towards the quorum: abstentions and withheld reveals shrink it alike; both the count and
        // the stake must still be met.
        if (
            tally.revealed == 0 || tally.revealed * BPS < uint256(p.quorumCountBps) * r.seats
                || tally.revealedWeight * BPS < uint256(p.quorumStakeBps) * tally.totalWeight
        ) {
            // Revealers and abstainers go free; non-revealers stay locked until `reportOffenders`. Nothing evaluable
            // (or a silent committee) is the opener's risk: the budget joins the pool, it is not refunded.
            _unlockInBand(m.stakeManager, r, tally, 1, MAX_SCORE);
            _fail($, m.token, roundId, r, tally.revealed, tally.revealedWeight, false);
            return;
        }
        _finalize($, m, roundId, r, tally, p);
    }

    /// @dev Reads the committee's seats and ballots.
    function _tally(ScoringStorage storage $, uint256 roundId, uint256 seats)
        private
        view
        returns (Tally memory tally)
    {
        tally.validators = new address[](seats);
        tally.weights = new uint256[](seats);
        tally.scores = new uint256[](seats);
        tally.abstained = new bool[](seats);
        for (uint256 i; i < seats; ++i) {
            IScoringTypes.Seat memory seat = $.seats[roundId][i];
            tally.validators[i] = seat.validator;
            tally.weights[i] = seat.weight;
            tally.totalWeight += seat.weight;
            IScoringTypes.Ballot memory ballot = $.ballots[roundId][seat.validator];
            if (ballot.state == IScoringTypes.BallotState.Revealed) {
                tally.scores[i] = ballot.score;
                tally.revealedWeight += seat.weight;
                ++tally.revealed;
            } else if (ballot.state == IScoringTypes.BallotState.Abstained) {
                tally.abstained[i] = true;
            }
        }
    }

    /// @dev Consensus, band, rewards and reputation, written before any call out; then the calls.
    function _finalize(
        ScoringStorage storage $,
        Modules memory m,
        uint256 roundId,
        IScoringTypes.Round memory r,
        Tally memory tally,
        IScoringTypes.Parameters memory p
    ) private {
        Result memory result = _result(r.budget, tally, p.tolerance);
        result.digest = _agreedDigest($.digests[roundId], tally, result);
        IScoringTypes.Round storage stored = $.rounds[roundId];
        stored.status = IScoringTypes.RoundStatus.Finalized;
        stored.consensus = uint8(result.consensus);
        stored.bandLow = uint8(result.bandLow);
        stored.bandHigh = uint8(result.bandHigh);
        stored.rewardedWeight = uint96(result.rewardedWeight);
        release($, result.returned);

        bool approved = $.approvedBenchmarks[r.benchmarkId];
        (address contributor, IModelRegistry.Status status) = m.registry.ownerAndStatusOf(r.subjectId);
        // Zero (no reward held) unless the round earns its subject's reward below.
        // slither-disable-next-line uninitialized-local
        Hold memory hold;
        if (approved && status != IModelRegistry.Status.Flagged && !$.contributorRewarded[r.subjectId][r.benchmarkId]) {
            hold = _holdContributorReward($, m, roundId, r, contributor, result.consensus, p);
        }
        emit IScoringManagerEvents.RoundFinalized(
            roundId,
            r.subjectId,
            result.consensus,
            result.bandLow,
            result.bandHigh,
            tally.revealedWeight,
            result.rewardedWeight,
            result.returned,
            result.digest
        );
        if (hold.counted) {
            emit IScoringManagerEvents.ContributorRewarded(roundId, contributor, hold.amount, hold.reputation);
        }

        _unlockInBand(m.stakeManager, r, tally, result.bandLow, result.bandHigh);
        if (hold.lockedStake != 0) m.stakeManager.lock(contributor, hold.lockedStake);
        // Only approved benchmarks make a model's record: an irrelevant benchmark cannot overwrite it.
        // forge-lint: disable-next-line(unsafe-typecast)
        if (approved) {
            m.registry
                .recordEvaluation(
                    r.subjectId, roundId.toUint64(), r.benchmarkId, uint8(result.consensus), result.digest
                );
        }
    }

    /// @dev The consensus, its band, the weight sharing the budget, and the rounding the shares leave of it.
    function _result(uint256 budget, Tally memory tally, uint256 tolerance)
        private
        pure
        returns (Result memory result)
    {
        uint256 consensus = _consensus(tally);
        result.consensus = consensus;
        result.bandLow = consensus > tolerance ? consensus - tolerance : 1;
        result.bandHigh = Math.min(consensus + tolerance, MAX_SCORE);
        for (uint256 i; i < tally.scores.length; ++i) {
            if (inBand(tally.scores[i], result.bandLow, result.bandHigh)) result.rewardedWeight += tally.weights[i];
        }
        // Shares round down; what they leave of the budget returns to the pool now, so the reserve stays exact.
        uint256 owed = 0;
        for (uint256 i; i < tally.scores.length; ++i) {
            if (inBand(tally.scores[i], result.bandLow, result.bandHigh)) {
                owed += shareOf(budget, tally.weights[i], result.rewardedWeight);
            }
        }
        result.returned = budget - owed;
    }

    /// @dev The digest carried by more than half of the in-band revealed weight, else zero ("no agreement"). A
    /// weighted majority vote (Boyer–Moore) finds the only candidate in one pass; a second pass checks its weight. So
    /// a minority cannot impose its digest, and digests off the band (outliers, who are slashed) do not count. Only
    /// in-band digests are read, and each is cleared once read: the round's agreed digest is what remains of them
    /// (in the event and the registry), and the refund pays for most of the read.
    function _agreedDigest(
        mapping(address validator => bytes32) storage revealed,
        Tally memory tally,
        Result memory result
    ) private returns (bytes32 candidate) {
        uint256 n = tally.scores.length;
        bytes32[] memory digests = new bytes32[](n);
        uint256 lead = 0;
        for (uint256 i; i < n; ++i) {
            if (!inBand(tally.scores[i], result.bandLow, result.bandHigh)) continue;
            bytes32 digest = revealed[tally.validators[i]];
            delete revealed[tally.validators[i]];
            digests[i] = digest;
            if (digest == candidate) {
                lead += tally.weights[i];
            } else if (lead >= tally.weights[i]) {
                lead -= tally.weights[i];
            } else {
                (candidate, lead) = (digest, tally.weights[i] - lead);
            }
        }
        uint256 carried = 0;
        for (uint256 i; i < n; ++i) {
            // Off-band seats left a zero here, and the candidate is never zero once an in-band seat was read.
            if (digests[i] == candidate) carried += tally.weights[i];
        }
        if (2 * carried <= result.rewardedWeight) candidate = 0;
    }

    /// @dev The stake-weighted median of the reveals.
    function _consensus(Tally memory tally) private pure returns (uint256) {
        uint256[] memory scores = new uint256[](tally.revealed);
        uint256[] memory weights = new uint256[](tally.revealed);
        uint256 j = 0;
        for (uint256 i; i < tally.scores.length; ++i) {
            if (tally.scores[i] != 0) {
                scores[j] = tally.scores[i];
                weights[j] = tally.weights[i];
                ++j;
            }
        }
        return WeightedMedian.lowerMedian(scores, weights);
    }

    /// @dev The contributor's reward: base for the kind × score / 100 × (0.5 + reputation), reserved from the pool
    /// as far as it reaches and held through the Slasher's challenge window, with `contributorMinStake` of the
    /// contributor's stake locked meanwhile. Only once per (subject, approved benchmark), and only for a contributor
    /// with that stake unlocked: one without it earns nothing now and may earn it in a later round. The multiplier uses
    /// the reputation earned before this round, which this round then updates (only counted rounds move it). A
    /// consensus below `minRewardScore` counts for the pair and the reputation but pays and holds nothing.
    function _holdContributorReward(
        ScoringStorage storage $,
        Modules memory m,
        uint256 roundId,
        IScoringTypes.Round memory r,
        address contributor,
        uint256 consensus,
        IScoringTypes.Parameters memory p
    ) private returns (Hold memory hold) {
        uint256 minStake = m.stakeManager.contributorMinStake();
        if (m.stakeManager.unlockedStakeOf(contributor) < minStake) return hold;
        $.contributorRewarded[r.subjectId][r.benchmarkId] = true;
        uint256 previous = $.reputations[contributor];
        uint256 reward = uint256($.contributorRewards[uint8(r.kind)]) * consensus * (BASE_MULTIPLIER_BPS + previous)
            / (MAX_SCORE * BPS);
        reward = Math.min(reward, rewardPool($, m.token));
        uint256 reputation =
            (previous * (BPS - p.reputationWeightBps) + consensus * BPS_PER_POINT * p.reputationWeightBps) / BPS;
        $.reputations[contributor] = reputation;
        // Below the minimum the round counts (the pair is spent, the reputation moved) but pays and holds nothing.
        if (consensus < p.minRewardScore) {
            return Hold({amount: 0, reputation: reputation, lockedStake: 0, counted: true});
        }
        $.reserved += reward;
        uint256 releaseAt = block.timestamp + m.slasher.challengeWindow();
        $.heldRewards[roundId] = IScoringTypes.HeldReward({
            contributor: contributor,
            amount: reward.toUint96(),
            releaseAt: releaseAt.toUint40(),
            lockedStake: minStake.toUint96()
        });
        hold = Hold({amount: reward, reputation: reputation, lockedStake: minStake, counted: true});
    }

    /// @notice Settles round `roundId`'s held contributor reward (see `IScoringManager.releaseContributorReward`).
    /// Runs in the ScoringManager's context.
    function releaseContributorReward(ScoringStorage storage $, Modules memory m, uint256 roundId)
        external
        returns (uint256 paid)
    {
        IScoringTypes.HeldReward memory held = $.heldRewards[roundId];
        if (held.contributor == address(0)) revert IScoringManagerErrors.ScoringNoHeldReward(roundId);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < held.releaseAt) {
            revert IScoringManagerErrors.ScoringRewardStillHeld(roundId, held.releaseAt);
        }
        delete $.heldRewards[roundId];
        release($, held.amount);
        // Only the status matters here: the reward goes to the contributor recorded when it was held.
        // slither-disable-next-line unused-return
        (, IModelRegistry.Status status) = m.registry.ownerAndStatusOf($.rounds[roundId].subjectId);
        // A subject flagged meanwhile (a plagiarism ruling) earns nothing: the reward stays in the pool.
        paid = status == IModelRegistry.Status.Flagged ? 0 : held.amount;
        emit IScoringManagerEvents.ContributorRewardReleased(roundId, held.contributor, paid, held.amount - paid);
        m.stakeManager.unlock(held.contributor, held.lockedStake);
        if (paid != 0) IERC20(address(m.token)).safeTransfer(held.contributor, paid);
    }

    /// @dev Releases the locks of the members that revealed within [bandLow, bandHigh] and of those that abstained;
    /// offenders keep theirs until they are reported.
    function _unlockInBand(
        IStakeManager stakeManager,
        IScoringTypes.Round memory r,
        Tally memory tally,
        uint256 bandLow,
        uint256 bandHigh
    ) private {
        for (uint256 i; i < tally.validators.length; ++i) {
            if (tally.abstained[i] || inBand(tally.scores[i], bandLow, bandHigh)) {
                stakeManager.unlock(tally.validators[i], SeatLock.amount(tally.weights[i], r.lockShareBps));
            }
        }
    }

    /// @dev Fails the round: its budget leaves the reserve, and goes back to its funder when `refund`, else joins the
    /// reward pool.
    function _fail(
        ScoringStorage storage $,
        IDaimmToken token,
        uint256 roundId,
        IScoringTypes.Round memory r,
        uint256 revealed,
        uint256 revealedWeight,
        bool refund
    ) private {
        $.rounds[roundId].status = IScoringTypes.RoundStatus.Failed;
        release($, r.budget);
        // A pool-funded budget simply stays in the pool.
        refund = refund && r.funder != address(this);
        emit IScoringManagerEvents.RoundFailed(roundId, revealed, revealedWeight, refund ? r.budget : 0);
        if (refund) IERC20(address(token)).safeTransfer(r.funder, r.budget);
    }

    /*//////////////////////////////////////////////////////////////
                                 REPORTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Reports a settled round's offenders (see `IScoringManager.reportOffenders`). Runs in the
    /// ScoringManager's context.
    function reportOffenders(ScoringStorage storage $, Modules memory m, uint256 roundId)
        external
        returns (uint256 reported)
    {
        IScoringTypes.Round memory r = $.rounds[roundId];
        bool finalized = r.status == IScoringTypes.RoundStatus.Finalized;
        if (!finalized && r.status != IScoringTypes.RoundStatus.Failed) {
            revert IScoringManagerErrors.ScoringWrongStatus(roundId, r.status, IScoringTypes.RoundStatus.Finalized);
        }
        _expectNoBlockingDraw(m.pool);
        // The bounty (the challenger share of each slash) is for prompt reports, while the stake is surely there.
        // forge-lint: disable-next-line(block-timestamp)
        address reporter = block.timestamp <= uint256(r.revealDeadline) + $.reportWindow ? msg.sender : address(0);
        for (uint256 i; i < r.seats; ++i) {
            IScoringTypes.Seat memory seat = $.seats[roundId][i];
            IScoringTypes.Ballot storage ballot = $.ballots[roundId][seat.validator];
            (bool offended, ISlasherTypes.OffenceKind kind) = _offence(ballot, finalized, r.bandLow, r.bandHigh);
            if (!offended) continue;
            ballot.state = IScoringTypes.BallotState.Reported;
            ++reported;
            m.stakeManager.unlock(seat.validator, SeatLock.amount(seat.weight, r.lockShareBps));
            _report(m.slasher, roundId, seat, kind, reporter);
        }
        if (reported == 0) revert IScoringManagerErrors.ScoringNothingToReport(roundId);
    }

    /// @dev Slashes one offender: the offence's share of its seat weight, which its lock covered until now.
    function _report(
        ISlasher slasher,
        uint256 roundId,
        IScoringTypes.Seat memory seat,
        ISlasherTypes.OffenceKind kind,
        address reporter
    ) private {
        (bytes32 offenceId, uint256 escrowId, uint256 slashed) =
            slasher.reportOffence(seat.validator, kind, bytes32(roundId), seat.weight, reporter);
        emit IScoringManagerEvents.MemberReported(roundId, seat.validator, kind, offenceId, escrowId, slashed);
    }

    /// @dev Settling releases locks and slashes, which decide who is eligible in a draw: with a seed public and its
    /// draw still to run, anyone could otherwise pick the moment to settle and so strike a validator from it. Rounds
    /// opened in this block have no public seed yet, so they do not block (an opener cannot front-run a settlement).
    function _expectNoBlockingDraw(ISortitionPool pool) private view {
        uint256 pending = pool.blockingDraws();
        if (pending != 0) revert IScoringManagerErrors.ScoringDrawPending(pending);
    }

    /// @dev Whether a settled ballot is an offence, and which: no reveal; or, once finalized, a reveal off the band.
    function _offence(IScoringTypes.Ballot storage ballot, bool finalized, uint256 bandLow, uint256 bandHigh)
        private
        view
        returns (bool, ISlasherTypes.OffenceKind)
    {
        IScoringTypes.BallotState state = ballot.state;
        if (state == IScoringTypes.BallotState.Drawn || state == IScoringTypes.BallotState.Committed) {
            return (true, ISlasherTypes.OffenceKind.NoReveal);
        }
        bool outlier =
            finalized && state == IScoringTypes.BallotState.Revealed && !inBand(ballot.score, bandLow, bandHigh);
        return (outlier, ISlasherTypes.OffenceKind.Outlier);
    }

    /*//////////////////////////////////////////////////////////////
                         SHARED WITH THE MANAGER
    //////////////////////////////////////////////////////////////*/

    function release(ScoringStorage storage $, uint256 amount) internal {
        $.reserved -= amount;
    }

    /// @dev The DAIMM beyond what rounds and members are owed.
    function rewardPool(ScoringStorage storage $, IDaimmToken token) internal view returns (uint256) {
        return token.balanceOf(address(this)) - $.reserved;
    }

    function expectStatus(uint256 roundId, IScoringTypes.RoundStatus status, IScoringTypes.RoundStatus expected)
        internal
        pure
    {
        if (status != expected) revert IScoringManagerErrors.ScoringWrongStatus(roundId, status, expected);
    }

    /// @dev A rewarded member's share of the budget, rounded down. Finalize sums these to know what it owes, and
    /// claims pay them, so both must use this one formula. Budget and weights fit 96 bits: no overflow.
    function shareOf(uint256 budget, uint256 weight, uint256 rewardedWeight) internal pure returns (uint256) {
        return budget * weight / rewardedWeight;
    }

    function inBand(uint256 score, uint256 bandLow, uint256 bandHigh) internal pure returns (bool) {
        return score != 0 && score >= bandLow && score <= bandHigh;
    }
}
