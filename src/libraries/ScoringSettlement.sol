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
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
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
    /// @dev Reputation of a contributor without rounds: the middle, a multiplier of 1.
    uint256 internal constant NEUTRAL_REPUTATION = 5000;
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
        /// @dev Reputation plus one, so zero means "no rounds yet".
        mapping(address contributor => uint256) reputations;
    }

    /// @dev A committee as finalize sees it; `scores[i]` is zero for a member that did not reveal.
    struct Tally {
        address[] validators;
        uint256[] weights;
        uint256[] scores;
        uint256 revealed;
        uint256 revealedWeight;
        uint256 totalWeight;
    }

    /// @dev A successful round's outcome.
    struct Result {
        uint256 consensus;
        uint256 bandLow;
        uint256 bandHigh;
        uint256 rewardedWeight;
        uint256 returned;
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
        bytes32 seed = _seedOrMove($, stored, roundId);
        if (seed == 0) return 0;

        IScoringTypes.Round memory r = stored;
        IScoringTypes.Parameters memory p = $.parameters;
        // Nobody scores their own model.
        (address[] memory members, uint256[] memory weights, uint256 filled) =
            m.pool.draw(seed, r.committeeSize, r.snapshotAt, p.lockShareBps, r.subjectOwner);
        if (filled == 0 || filled * BPS < uint256(p.quorumCountBps) * r.committeeSize) {
            _fail($, m.token, roundId, r, 0, 0);
            return 0;
        }
        _seat($, m.stakeManager, stored, roundId, seed, members, weights, filled, p);
        return filled;
    }

    /// @dev The draw's seed. Without one yet, reverts; but when the default source's seed block aged out of
    /// `blockhash`'s reach, moves the seed block to this one (which nobody could predict) and returns zero.
    function _seedOrMove(ScoringStorage storage $, IScoringTypes.Round storage stored, uint256 roundId)
        private
        returns (bytes32 seed)
    {
        uint256 seedBlock = stored.seedBlock;
        seed = _seed($, roundId, seedBlock);
        if (seed != 0) return seed;
        if (address($.randomnessSource) == address(0) && block.number > seedBlock + BLOCKHASH_HORIZON) {
            stored.seedBlock = block.number.toUint48();
            emit IScoringManagerEvents.SeedBlockMoved(roundId, block.number);
            return 0;
        }
        revert IScoringManagerErrors.ScoringSeedNotReady(roundId, seedBlock);
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
        _expectNoPendingDraw(m.pool);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= r.revealDeadline) {
            revert IScoringManagerErrors.ScoringRevealWindowOpen(roundId, r.revealDeadline);
        }

        Tally memory tally = _tally($, roundId, r.seats);
        IScoringTypes.Parameters memory p = $.parameters;
        // A member that withholds its reveal shrinks the quorum; both the count and the stake must still be met.
        if (
            tally.revealed == 0 || tally.revealed * BPS < uint256(p.quorumCountBps) * r.seats
                || tally.revealedWeight * BPS < uint256(p.quorumStakeBps) * tally.totalWeight
        ) {
            // Revealers go free; non-revealers stay locked until `reportOffenders`.
            _unlockInBand(m.stakeManager, r, tally, 1, MAX_SCORE);
            _fail($, m.token, roundId, r, tally.revealed, tally.revealedWeight);
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
        IScoringTypes.Round storage stored = $.rounds[roundId];
        stored.status = IScoringTypes.RoundStatus.Finalized;
        stored.consensus = uint8(result.consensus);
        stored.bandLow = uint8(result.bandLow);
        stored.bandHigh = uint8(result.bandHigh);
        stored.rewardedWeight = uint96(result.rewardedWeight);
        release($, result.returned);

        address contributor = IERC721(address(m.registry)).ownerOf(r.subjectId);
        (uint256 reward, uint256 reputation) = _rewardContributor($, m.token, r.kind, contributor, result.consensus, p);
        emit IScoringManagerEvents.RoundFinalized(
            roundId,
            r.subjectId,
            result.consensus,
            result.bandLow,
            result.bandHigh,
            tally.revealedWeight,
            result.rewardedWeight,
            result.returned
        );
        emit IScoringManagerEvents.ContributorRewarded(roundId, contributor, reward, reputation);

        _unlockInBand(m.stakeManager, r, tally, result.bandLow, result.bandHigh);
        // forge-lint: disable-next-line(unsafe-typecast)
        m.registry.recordEvaluation(r.subjectId, roundId.toUint64(), r.benchmarkId, uint8(result.consensus));
        if (reward != 0) IERC20(address(m.token)).safeTransfer(contributor, reward);
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

    /// @dev The contributor's reward: base for the kind × score / 100 × (0.5 + reputation), paid from the pool as
    /// far as it reaches. The multiplier uses the reputation earned before this round, which this round then updates.
    function _rewardContributor(
        ScoringStorage storage $,
        IDaimmToken token,
        IModelRegistry.AssetKind kind,
        address contributor,
        uint256 consensus,
        IScoringTypes.Parameters memory p
    ) private returns (uint256 reward, uint256 reputation) {
        uint256 previous = reputationOf($, contributor);
        reward = uint256($.contributorRewards[uint8(kind)]) * consensus * (NEUTRAL_REPUTATION + previous)
            / (MAX_SCORE * BPS);
        reward = Math.min(reward, rewardPool($, token));
        reputation =
            (previous * (BPS - p.reputationWeightBps) + consensus * BPS_PER_POINT * p.reputationWeightBps) / BPS;
        $.reputations[contributor] = reputation + 1;
    }

    /// @dev Releases the locks of the members that revealed within [bandLow, bandHigh]; offenders keep theirs until
    /// they are reported.
    function _unlockInBand(
        IStakeManager stakeManager,
        IScoringTypes.Round memory r,
        Tally memory tally,
        uint256 bandLow,
        uint256 bandHigh
    ) private {
        for (uint256 i; i < tally.validators.length; ++i) {
            if (inBand(tally.scores[i], bandLow, bandHigh)) {
                stakeManager.unlock(tally.validators[i], SeatLock.amount(tally.weights[i], r.lockShareBps));
            }
        }
    }

    /// @dev Fails the round: its budget leaves the reserve and goes back to its funder.
    function _fail(
        ScoringStorage storage $,
        IDaimmToken token,
        uint256 roundId,
        IScoringTypes.Round memory r,
        uint256 revealed,
        uint256 revealedWeight
    ) private {
        $.rounds[roundId].status = IScoringTypes.RoundStatus.Failed;
        release($, r.budget);
        emit IScoringManagerEvents.RoundFailed(roundId, revealed, revealedWeight, r.budget);
        // A pool-funded budget simply stays in the pool.
        if (r.funder != address(this)) IERC20(address(token)).safeTransfer(r.funder, r.budget);
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
        _expectNoPendingDraw(m.pool);
        for (uint256 i; i < r.seats; ++i) {
            IScoringTypes.Seat memory seat = $.seats[roundId][i];
            IScoringTypes.Ballot storage ballot = $.ballots[roundId][seat.validator];
            (bool offended, ISlasherTypes.OffenceKind kind) = _offence(ballot, finalized, r.bandLow, r.bandHigh);
            if (!offended) continue;
            ballot.state = IScoringTypes.BallotState.Reported;
            ++reported;
            m.stakeManager.unlock(seat.validator, SeatLock.amount(seat.weight, r.lockShareBps));
            (bytes32 offenceId, uint256 escrowId, uint256 slashed) =
                m.slasher.reportOffence(seat.validator, kind, bytes32(roundId));
            emit IScoringManagerEvents.MemberReported(roundId, seat.validator, kind, offenceId, escrowId, slashed);
        }
        if (reported == 0) revert IScoringManagerErrors.ScoringNothingToReport(roundId);
    }

    /// @dev Settling releases locks and slashes, which decide who is eligible in a draw: with a seed public and its
    /// draw still to run, anyone could otherwise pick the moment to settle and so strike a validator from it.
    function _expectNoPendingDraw(ISortitionPool pool) private view {
        uint256 pending = pool.pendingDraws();
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

    function reputationOf(ScoringStorage storage $, address contributor) internal view returns (uint256) {
        uint256 stored = $.reputations[contributor];
        return stored == 0 ? NEUTRAL_REPUTATION : stored - 1;
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
