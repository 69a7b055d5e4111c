// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../../src/Roles.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {
    IRandomnessSource,
    IScoringManagerErrors,
    IScoringManagerEvents,
    IScoringTypes
} from "../../src/interfaces/IScoringManager.sol";
import {ISlasherTypes} from "../../src/interfaces/ISlasher.sol";
import {ISortitionPool} from "../../src/interfaces/ISortitionPool.sol";
import {Base} from "../Base.t.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Vm} from "forge-std/Vm.sol";

/// @dev Answers a fixed seed once `ready`.
contract FixedRandomness is IRandomnessSource {
    bytes32 public seed;

    function setSeed(bytes32 seed_) external {
        seed = seed_;
    }

    function randomness(uint256, uint256) external view returns (bytes32) {
        return seed;
    }
}

contract ScoringManagerTest is Base {
    uint256 internal constant STAKE = 20_000 ether;
    uint256 internal constant BUDGET = 1000 ether;

    uint256 internal subject;
    address internal publisher = makeAddr("publisher");
    address internal funder = makeAddr("funder");

    function setUp() public override {
        super.setUp();
        subject = _register(publisher, "model weights");
        // A staked contributor: rewards go only to owners whose stake a plagiarism ruling can reach.
        _stake(publisher, CONTRIBUTOR_MIN_STAKE);
    }

    /// @dev Five validators, a round of five drawn, all seated.
    function _drawnRound() internal returns (uint256 roundId, address[] memory members) {
        _validators("validator", 5, STAKE);
        roundId = _openRound(funder, subject, BUDGET, 5);
        scoringManager.drawCommittee(roundId);
        members = _members(roundId);
    }

    /// @dev Commits and reveals `scores` for `members` (a zero score: commits nothing).
    function _vote(uint256 roundId, address[] memory members, uint8[] memory scores) internal {
        for (uint256 i; i < members.length; ++i) {
            if (scores[i] != 0) _commitScore(roundId, members[i], scores[i]);
        }
        _warpToReveal(roundId);
        for (uint256 i; i < members.length; ++i) {
            if (scores[i] != 0) _revealScore(roundId, members[i], scores[i]);
        }
        _warpPastReveal(roundId);
    }

    function _scores(uint8 a, uint8 b, uint8 c, uint8 d, uint8 e) internal pure returns (uint8[] memory scores) {
        scores = new uint8[](5);
        (scores[0], scores[1], scores[2], scores[3], scores[4]) = (a, b, c, d, e);
    }

    /*//////////////////////////////////////////////////////////////
                                 OPENING
    //////////////////////////////////////////////////////////////*/

    function test_openRound_escrowsBudgetAndRecordsTheRound() public {
        uint256 roundId = _openRound(funder, subject, BUDGET, 5);
        IScoringTypes.Round memory r = scoringManager.round(roundId);
        assertEq(roundId, 1);
        assertEq(r.funder, funder);
        assertEq(r.budget, BUDGET);
        assertEq(r.subjectId, subject);
        assertEq(r.benchmarkId, scoringManager.benchmarkIdOf(DATASET_CID, METRIC));
        assertEq(uint8(r.status), uint8(IScoringTypes.RoundStatus.Open));
        assertEq(r.committeeSize, 5);
        assertEq(r.seedBlock, block.number - 1, "seeded by the opening block");
        assertEq(r.snapshotAt, block.timestamp - 2, "stake at the second before opening");
        assertEq(token.balanceOf(address(scoringManager)), BUDGET);
        assertEq(scoringManager.reservedRewards(), BUDGET);
        assertEq(scoringManager.rewardPool(), 0);
    }

    function test_openRound_emitsTheSubjectsOwnerAndKind() public {
        _fund(funder, BUDGET);
        vm.startPrank(funder);
        token.approve(address(scoringManager), BUDGET);
        vm.expectEmit(address(scoringManager));
        emit IScoringManagerEvents.RoundOpened(
            1,
            subject,
            funder,
            publisher,
            IModelRegistry.AssetKind.Model,
            scoringManager.benchmarkIdOf(DATASET_CID, METRIC),
            DATASET_CID,
            METRIC,
            BUDGET,
            5,
            block.timestamp - 1,
            block.number
        );
        uint256 roundId = scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, 5);
        vm.stopPrank();
        IScoringTypes.Round memory r = scoringManager.round(roundId);
        assertEq(r.subjectOwner, publisher);
        assertEq(uint8(r.kind), uint8(IModelRegistry.AssetKind.Model));
    }

    function test_openRound_rejectsBadInput() public {
        _fund(funder, BUDGET);
        vm.startPrank(funder);
        token.approve(address(scoringManager), BUDGET);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringInvalidCommitteeSize.selector, 0, 32));
        scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, 0);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringInvalidCommitteeSize.selector, 33, 32));
        scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, 33);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringBudgetTooLow.selector, 49 ether, 50 ether));
        scoringManager.openRound(subject, DATASET_CID, METRIC, 49 ether, 5);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringUnknownSubject.selector, 42));
        scoringManager.openRound(42, DATASET_CID, METRIC, BUDGET, 5);
        vm.stopPrank();
    }

    function test_openRoundFromPool_onlyGovernanceAndWithinThePool() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(this)));
        scoringManager.openRoundFromPool(subject, DATASET_CID, METRIC, BUDGET, 5);

        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringRewardPoolShort.selector, 0, BUDGET));
        scoringManager.openRoundFromPool(subject, DATASET_CID, METRIC, BUDGET, 5);

        _fund(address(this), BUDGET);
        token.approve(address(scoringManager), BUDGET);
        scoringManager.fundRewardPool(BUDGET);
        assertEq(scoringManager.rewardPool(), BUDGET);
        vm.prank(address(timelock));
        uint256 roundId = scoringManager.openRoundFromPool(subject, DATASET_CID, METRIC, BUDGET, 5);
        assertEq(scoringManager.round(roundId).funder, address(scoringManager));
        assertEq(scoringManager.rewardPool(), 0, "the budget left the pool");
        assertEq(scoringManager.reservedRewards(), BUDGET);
    }

    function test_openRound_pausedByTheGuardian() public {
        vm.prank(guardian);
        scoringManager.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, 5);
    }

    /*//////////////////////////////////////////////////////////////
                                  DRAW
    //////////////////////////////////////////////////////////////*/

    function test_drawCommittee_seatsDistinctValidatorsWithSnapshotWeightsAndLocks() public {
        address[] memory validators = _validators("validator", 8, STAKE);
        // Stake added in the opening block is not in the snapshot.
        _stakeAsValidator(validators[0], STAKE);
        uint256 roundId = _openRound(funder, subject, BUDGET, 5);
        assertEq(scoringManager.drawCommittee(roundId), 5);

        IScoringTypes.Round memory r = scoringManager.round(roundId);
        assertEq(uint8(r.status), uint8(IScoringTypes.RoundStatus.Drawn));
        assertEq(r.seats, 5);
        assertEq(r.commitDeadline, block.timestamp + COMMIT_WINDOW);
        assertEq(r.revealDeadline, block.timestamp + COMMIT_WINDOW + REVEAL_WINDOW);
        address[] memory members = _members(roundId);
        for (uint256 i; i < members.length; ++i) {
            assertTrue(stakeManager.isValidator(members[i]), "a member of the set");
            for (uint256 j; j < i; ++j) {
                assertTrue(members[i] != members[j], "sits once");
            }
            assertEq(scoringManager.seatAt(roundId, i).weight, stakeManager.stakeAt(members[i], r.snapshotAt));
            assertEq(scoringManager.seatAt(roundId, i).weight, STAKE, "the opening block's stake does not count");
            assertEq(stakeManager.lockedOf(members[i]), STAKE / 10, "a tenth of the weight is locked");
            assertEq(uint8(scoringManager.ballotOf(roundId, members[i]).state), uint8(IScoringTypes.BallotState.Drawn));
        }
    }

    function test_drawCommittee_waitsForTheSeedBlock() public {
        _validators("validator", 5, STAKE);
        _fund(funder, BUDGET);
        vm.startPrank(funder);
        token.approve(address(scoringManager), BUDGET);
        uint256 roundId = scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, 5);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringSeedNotReady.selector, roundId, block.number)
        );
        scoringManager.drawCommittee(roundId);
    }

    /// @dev M-3: a seed nobody drew within 256 blocks fails the round at its opener's cost; there is no new seed to
    /// wait for, so the opener cannot re-roll the committee. (Before, the seed block moved and the draw waited.)
    function test_attack_M3_agedSeedFailsTheRoundInsteadOfRerolling() public {
        _validators("validator", 5, STAKE);
        uint256 roundId = _openRound(funder, subject, BUDGET, 5);
        uint256 seedBlock = scoringManager.round(roundId).seedBlock;
        uint256 pool = scoringManager.rewardPool();
        vm.roll(block.number + 300);
        vm.expectEmit(address(scoringManager));
        emit IScoringManagerEvents.RoundFailed(roundId, 0, 0, 0);
        assertEq(scoringManager.drawCommittee(roundId), 0);
        IScoringTypes.Round memory r = scoringManager.round(roundId);
        assertEq(uint8(r.status), uint8(IScoringTypes.RoundStatus.Failed), "failed");
        assertEq(r.seedBlock, seedBlock, "no new seed block");
        assertEq(token.balanceOf(funder), 0, "not refunded");
        assertEq(scoringManager.rewardPool(), pool + BUDGET, "the budget joined the pool");
        assertEq(sortitionPool.pendingDraws(), 0, "its pending draw ended");
        _nextBlock();
        vm.expectRevert(
            abi.encodeWithSelector(
                IScoringManagerErrors.ScoringWrongStatus.selector,
                roundId,
                IScoringTypes.RoundStatus.Failed,
                IScoringTypes.RoundStatus.Open
            )
        );
        scoringManager.drawCommittee(roundId);
    }

    function test_drawCommittee_emitsTheLockShare() public {
        _validators("validator", 5, STAKE);
        uint256 roundId = _openRound(funder, subject, BUDGET, 5);
        vm.recordLogs();
        scoringManager.drawCommittee(roundId);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != IScoringManagerEvents.CommitteeDrawn.selector) continue;
            ++found;
            assertEq(uint256(logs[i].topics[1]), roundId);
            (, uint256 seats, uint256 commitDeadline, uint256 revealDeadline, uint256 lockShareBps) =
                abi.decode(logs[i].data, (bytes32, uint256, uint256, uint256, uint256));
            IScoringTypes.Round memory r = scoringManager.round(roundId);
            assertEq(seats, 5);
            assertEq(commitDeadline, r.commitDeadline);
            assertEq(revealDeadline, r.revealDeadline);
            assertEq(lockShareBps, r.lockShareBps);
            assertEq(lockShareBps, scoringManager.parameters().lockShareBps);
        }
        assertEq(found, 1);
    }

    function test_drawCommittee_neverSeatsTheSubjectsOwner() public {
        _validators("validator", 4, STAKE);
        _joinValidators(publisher, STAKE * 100);
        vm.warp(block.timestamp + 1);
        uint256 roundId = _openRound(funder, subject, BUDGET, 4);
        scoringManager.drawCommittee(roundId);
        address[] memory members = _members(roundId);
        assertEq(members.length, 4);
        for (uint256 i; i < members.length; ++i) {
            assertTrue(members[i] != publisher);
        }
    }

    function test_drawCommittee_failsAndRefundsWithoutEnoughValidators() public {
        _validators("validator", 2, STAKE);
        uint256 roundId = _openRound(funder, subject, BUDGET, 5);
        vm.expectEmit(address(scoringManager));
        emit IScoringManagerEvents.RoundFailed(roundId, 0, 0, BUDGET);
        assertEq(scoringManager.drawCommittee(roundId), 0);
        assertEq(uint8(scoringManager.round(roundId).status), uint8(IScoringTypes.RoundStatus.Failed));
        assertEq(token.balanceOf(funder), BUDGET, "refunded");
        assertEq(scoringManager.reservedRewards(), 0);
    }

    function test_drawCommittee_skipsValidatorsThatLeftAndHealsTheTree() public {
        address[] memory validators = _validators("validator", 6, STAKE);
        for (uint256 i; i < 5; ++i) {
            vm.prank(validators[i]);
            stakeManager.deregisterValidator();
        }
        assertEq(sortitionPool.totalWeight(), 6 * STAKE, "stale until touched");
        uint256 roundId = _openRound(funder, subject, BUDGET, 1);
        assertEq(scoringManager.drawCommittee(roundId), 1);
        assertEq(scoringManager.seatAt(roundId, 0).validator, validators[5], "only the remaining validator sits");
        assertLt(sortitionPool.totalWeight(), 6 * STAKE, "the stale weights drawn were resynced");
        for (uint256 i; i < 5; ++i) {
            sortitionPool.updateWeight(validators[i]);
        }
        assertEq(sortitionPool.totalWeight(), STAKE, "anyone may resync the rest");
    }

    function test_drawCommittee_usesAPluggedRandomnessSource() public {
        _validators("validator", 5, STAKE);
        FixedRandomness source = new FixedRandomness();
        vm.prank(address(timelock));
        scoringManager.setRandomnessSource(source);
        uint256 roundId = _openRound(funder, subject, BUDGET, 5);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringSeedNotReady.selector, roundId, block.number - 1)
        );
        scoringManager.drawCommittee(roundId);
        source.setSeed(keccak256("beacon"));
        assertEq(scoringManager.drawCommittee(roundId), 5);
    }

    function test_drawCommittee_onlyOnce() public {
        (uint256 roundId,) = _drawnRound();
        vm.expectRevert(
            abi.encodeWithSelector(
                IScoringManagerErrors.ScoringWrongStatus.selector,
                roundId,
                IScoringTypes.RoundStatus.Drawn,
                IScoringTypes.RoundStatus.Open
            )
        );
        scoringManager.drawCommittee(roundId);
    }

    function test_updateWeight_frozenFromOpeningUntilTheDraw() public {
        address[] memory validators = _validators("validator", 5, STAKE);
        uint256 roundId = _openRound(funder, subject, BUDGET, 5);
        // The seed is public now: a weight that could still move would let its reader steer the draw.
        _stakeAsValidator(validators[0], STAKE);
        vm.expectRevert(abi.encodeWithSelector(ISortitionPool.SortitionPoolFrozen.selector, validators[0], 1));
        sortitionPool.updateWeight(validators[0]);
        assertEq(sortitionPool.pendingDraws(), 1);

        scoringManager.drawCommittee(roundId);
        assertEq(sortitionPool.pendingDraws(), 0);
        sortitionPool.updateWeight(validators[0]);
        assertEq(sortitionPool.weightOf(validators[0]), 2 * STAKE, "free again once drawn");
    }

    /// @dev M-1: a round opened in the current block has no public seed yet, so it freezes nothing: weights sync and
    /// rounds settle in its block; from the next block on it blocks them until drawn.
    function test_updateWeight_notFrozenByARoundOpenedThisBlock() public {
        address[] memory validators = _validators("validator", 5, STAKE);
        _fund(funder, BUDGET);
        vm.startPrank(funder);
        token.approve(address(scoringManager), BUDGET);
        scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, 5);
        vm.stopPrank();
        _stakeAsValidator(validators[1], STAKE);
        assertEq(sortitionPool.pendingDraws(), 1);
        assertEq(sortitionPool.blockingDraws(), 0);
        sortitionPool.updateWeight(validators[1]);
        assertEq(sortitionPool.weightOf(validators[1]), 2 * STAKE);
        _nextBlock();
        assertEq(sortitionPool.blockingDraws(), 1);
        vm.expectRevert(abi.encodeWithSelector(ISortitionPool.SortitionPoolFrozen.selector, validators[1], 1));
        sortitionPool.updateWeight(validators[1]);
    }

    function test_drawCommittee_pendingDrawsDoNotDependOnTheirOrder() public {
        _validators("validator", 12, STAKE);
        uint256 first = _openRound(funder, subject, BUDGET, 4);
        uint256 second = _openRound(funder, subject, BUDGET, 4);
        uint256 snapshot = vm.snapshotState();

        scoringManager.drawCommittee(first);
        scoringManager.drawCommittee(second);
        address[] memory firstInOrder = _members(first);
        address[] memory secondInOrder = _members(second);

        vm.revertToState(snapshot);
        scoringManager.drawCommittee(second);
        scoringManager.drawCommittee(first);
        assertEq(_members(first), firstInOrder);
        assertEq(_members(second), secondInOrder);
    }

    function test_sortitionPool_onlyScoringFreezesAndDraws() public {
        vm.startPrank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        sortitionPool.freeze();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        sortitionPool.draw(0, 1, 0, 1000, address(0));
        vm.stopPrank();
        vm.prank(address(scoringManager));
        vm.expectRevert(ISortitionPool.SortitionPoolNoPendingDraw.selector);
        sortitionPool.draw(0, 1, 0, 1000, address(0));
    }

    function test_drawCommittee_excludesTheOwnerAtOpening() public {
        address[] memory validators = _validators("validator", 4, STAKE);
        _joinValidators(publisher, STAKE * 100);
        vm.warp(block.timestamp + 1);
        uint256 roundId = _openRound(funder, subject, BUDGET, 4);
        // Handing the model to a validator after the seed is public strikes nobody from the draw.
        vm.prank(publisher);
        registry.transferFrom(publisher, validators[0], subject);
        assertEq(scoringManager.drawCommittee(roundId), 4);
        address[] memory members = _members(roundId);
        bool ownerNowSits;
        for (uint256 i; i < members.length; ++i) {
            assertTrue(members[i] != publisher, "the owner at opening never sits");
            ownerNowSits = ownerNowSits || members[i] == validators[0];
        }
        assertTrue(ownerNowSits, "the four other validators fill the four seats");
    }

    /*//////////////////////////////////////////////////////////////
                             COMMIT AND REVEAL
    //////////////////////////////////////////////////////////////*/

    function test_commit_onlyMembersWithinTheWindow() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringNotMember.selector, roundId, mallory));
        scoringManager.commit(roundId, keccak256("x"));

        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringZeroCommitment.selector, roundId));
        scoringManager.commit(roundId, bytes32(0));

        _commitScore(roundId, members[0], 80);
        _commitScore(roundId, members[0], 81); // a later commitment replaces the first
        _warpToReveal(roundId);
        uint256 deadline = scoringManager.round(roundId).commitDeadline;
        vm.prank(members[1]);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitClosed.selector, roundId, deadline));
        scoringManager.commit(roundId, keccak256("late"));

        vm.prank(members[0]);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitmentMismatch.selector, roundId, members[0])
        );
        scoringManager.reveal(roundId, 80, _digestOf(80), _salt(members[0]));
        _revealScore(roundId, members[0], 81);
        assertEq(scoringManager.ballotOf(roundId, members[0]).score, 81);
    }

    function test_reveal_onlyInItsWindow() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _commitScore(roundId, members[0], 70);
        IScoringTypes.Round memory r = scoringManager.round(roundId);
        bytes memory outside = abi.encodeWithSelector(
            IScoringManagerErrors.ScoringNotRevealWindow.selector, roundId, r.commitDeadline, r.revealDeadline
        );
        vm.prank(members[0]);
        vm.expectRevert(outside);
        scoringManager.reveal(roundId, 70, _digestOf(70), _salt(members[0]));

        vm.warp(r.revealDeadline + 1);
        vm.prank(members[0]);
        vm.expectRevert(outside);
        scoringManager.reveal(roundId, 70, _digestOf(70), _salt(members[0]));
    }

    function test_reveal_aCopiedCommitmentRevealsForNobodyElse() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        // members[1] copies members[0]'s commitment (UMA #1216): the hash binds the committer.
        bytes32 commitment = scoringManager.commitmentOf(roundId, members[0], 90, _digestOf(90), _salt(members[0]));
        vm.prank(members[0]);
        scoringManager.commit(roundId, commitment);
        vm.prank(members[1]);
        scoringManager.commit(roundId, commitment);
        _warpToReveal(roundId);
        _revealScore(roundId, members[0], 90);
        vm.prank(members[1]);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitmentMismatch.selector, roundId, members[1])
        );
        scoringManager.reveal(roundId, 90, _digestOf(90), _salt(members[0]));
    }

    function test_reveal_aCommitmentDoesNotRevealInAnotherRound() public {
        (uint256 first, address[] memory members) = _drawnRound();
        uint256 second = _openRound(funder, subject, BUDGET, 3);
        scoringManager.drawCommittee(second);
        address member = scoringManager.seatAt(second, 0).validator;
        // The member commits in the second round the hash it would use in the first.
        bytes32 commitment = scoringManager.commitmentOf(first, member, 60, _digestOf(60), _salt(member));
        vm.prank(member);
        scoringManager.commit(second, commitment);
        _warpToReveal(second);
        vm.prank(member);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitmentMismatch.selector, second, member)
        );
        scoringManager.reveal(second, 60, _digestOf(60), _salt(member));
        members; // the first round's committee is only there to take a round id
    }

    function test_reveal_rejectsScoresOutOfRangeAndSecondReveals() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _commitScore(roundId, members[0], 100);
        _warpToReveal(roundId);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringScoreOutOfRange.selector, 101));
        scoringManager.reveal(roundId, 101, _digestOf(101), _salt(members[0]));
        vm.prank(members[1]);
        vm.expectRevert(
            abi.encodeWithSelector(
                IScoringManagerErrors.ScoringNothingToReveal.selector,
                roundId,
                members[1],
                IScoringTypes.BallotState.Drawn
            )
        );
        scoringManager.reveal(roundId, 50, _digestOf(50), _salt(members[1]));
        _revealScore(roundId, members[0], 100);
        vm.prank(members[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                IScoringManagerErrors.ScoringNothingToReveal.selector,
                roundId,
                members[0],
                IScoringTypes.BallotState.Revealed
            )
        );
        scoringManager.reveal(roundId, 100, _digestOf(100), _salt(members[0]));
    }

    /*//////////////////////////////////////////////////////////////
                                FINALIZE
    //////////////////////////////////////////////////////////////*/

    function test_finalize_notBeforeTheRevealDeadline() public {
        (uint256 roundId,) = _drawnRound();
        uint256 deadline = scoringManager.round(roundId).revealDeadline;
        vm.warp(deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringRevealWindowOpen.selector, roundId, deadline)
        );
        scoringManager.finalize(roundId);
    }

    function test_finalize_settlesConsensusRewardsReportsAndEvaluation() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        // Four honest scores around 80, one outlier.
        _vote(roundId, members, _scores(78, 80, 82, 85, 20));
        uint256 outlierStake = stakeManager.slashableStakeOf(members[4]);

        scoringManager.finalize(roundId);
        vm.snapshotGasLastCall("ScoringManager", "finalize_k5_one_outlier");

        IScoringTypes.Round memory r = scoringManager.round(roundId);
        assertEq(uint8(r.status), uint8(IScoringTypes.RoundStatus.Finalized));
        assertEq(r.consensus, 80, "stake-weighted lower median");
        assertEq(r.bandLow, 70);
        assertEq(r.bandHigh, 90);
        assertEq(r.rewardedWeight, 4 * STAKE);

        IModelRegistry.Evaluation memory evaluation = registry.modelOf(subject).evaluation;
        assertEq(evaluation.score, 80);
        assertEq(evaluation.roundId, roundId);
        assertEq(evaluation.benchmarkId, r.benchmarkId);

        for (uint256 i; i < 4; ++i) {
            assertEq(stakeManager.lockedOf(members[i]), 0, "locks released");
        }
        assertEq(stakeManager.lockedOf(members[4]), STAKE / 10, "the outlier stays locked until reported");
        bytes32 offence = slasher.offenceIdOf(members[4], ISlasherTypes.OffenceKind.Outlier, bytes32(roundId));
        assertFalse(stakeManager.isOffenceSlashed(offence));

        vm.prank(mallory);
        assertEq(scoringManager.reportOffenders(roundId), 1, "anyone reports");
        vm.snapshotGasLastCall("ScoringManager", "reportOffenders_one_outlier");
        assertTrue(stakeManager.isOffenceSlashed(offence), "the outlier was reported");
        assertEq(stakeManager.slashableStakeOf(members[4]), outlierStake - outlierStake * 200 / 10_000);
        assertEq(stakeManager.lockedOf(members[4]), 0);
        assertEq(uint8(scoringManager.ballotOf(roundId, members[4]).state), uint8(IScoringTypes.BallotState.Reported));

        // Contributor: 1,000 DAIMM × 80 / 100 × 0.5 (no record yet), from the pool — which is empty here.
        assertEq(token.balanceOf(publisher), 0);
        assertEq(scoringManager.reputationOf(publisher), 8000 * 2000 / 10_000, "from the floor, 0");

        // Members in the band share the budget by weight.
        for (uint256 i; i < 4; ++i) {
            assertEq(scoringManager.rewardOf(roundId, members[i]), BUDGET / 4);
        }
        assertEq(scoringManager.rewardOf(roundId, members[4]), 0);
    }

    function test_finalize_holdsTheContributorRewardThroughTheChallengeWindow() public {
        _fund(address(this), 10_000 ether);
        token.approve(address(scoringManager), 10_000 ether);
        scoringManager.fundRewardPool(10_000 ether);
        (uint256 roundId, address[] memory members) = _drawnRound();
        _vote(roundId, members, _scores(60, 60, 60, 60, 60));
        vm.expectEmit(address(scoringManager));
        emit IScoringManagerEvents.ContributorRewarded(roundId, publisher, 300 ether, 1200);
        scoringManager.finalize(roundId);
        assertEq(token.balanceOf(publisher), 0, "held, not paid");
        IScoringTypes.HeldReward memory held = scoringManager.heldReward(roundId);
        assertEq(held.contributor, publisher);
        assertEq(held.amount, 300 ether, "1,000 x 60/100 x (0.5 + 0)");
        assertEq(held.releaseAt, block.timestamp + CHALLENGE_WINDOW);
        assertEq(held.lockedStake, CONTRIBUTOR_MIN_STAKE);
        assertEq(stakeManager.lockedOf(publisher), CONTRIBUTOR_MIN_STAKE, "the contributor's stake stays");
        assertEq(scoringManager.reservedRewards(), BUDGET + 300 ether, "budget shares and the held reward");
        assertEq(scoringManager.reputationOf(publisher), 6000 * 2000 / 10_000);

        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringRewardStillHeld.selector, roundId, held.releaseAt)
        );
        scoringManager.releaseContributorReward(roundId);
        vm.warp(held.releaseAt);
        vm.prank(mallory);
        assertEq(scoringManager.releaseContributorReward(roundId), 300 ether, "anyone releases it");
        assertEq(token.balanceOf(publisher), 300 ether);
        assertEq(stakeManager.lockedOf(publisher), 0);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringNoHeldReward.selector, roundId));
        scoringManager.releaseContributorReward(roundId);
    }

    /// @dev H-1: the contributor reward is paid once per (subject, approved benchmark); further rounds on the pair
    /// pay the committee from their budget and nothing to the owner, nor move its reputation.
    function test_attack_H1_repeatedRoundsOnOneBenchmarkPayTheOwnerOnce() public {
        _fund(address(this), 100_000 ether);
        token.approve(address(scoringManager), 100_000 ether);
        scoringManager.fundRewardPool(100_000 ether);
        _validators("validator", 5, STAKE);
        uint256 poolBefore = scoringManager.rewardPool();
        uint256 first;
        for (uint256 i; i < 10; ++i) {
            uint256 roundId = _openRound(publisher, subject, 10 ether, 1);
            if (i == 0) first = roundId;
            scoringManager.drawCommittee(roundId);
            address member = _members(roundId)[0];
            _commitScore(roundId, member, 60);
            _warpToReveal(roundId);
            _revealScore(roundId, member, 60);
            _warpPastReveal(roundId);
            scoringManager.finalize(roundId);
            if (i != 0) assertEq(scoringManager.heldReward(roundId).amount, 0, "no second reward");
        }
        uint256 reward = scoringManager.heldReward(first).amount;
        assertEq(reward, 300 ether, "1,000 x 60/100 x 0.5, once");
        assertEq(scoringManager.rewardPool(), poolBefore - reward, "the pool paid one reward");
        assertEq(scoringManager.reputationOf(publisher), 6000 * 2000 / 10_000, "moved once");
        // On the old code each of the 10 rounds paid about 300: the owner netted ~2,900 for 100 spent.
        assertLe(reward, 1000 ether * 3 / 2, "within the reward the design means to pay");
    }

    /// @dev H-1 residual: a junk model (consensus below `minRewardScore`, 50 at genesis) earns nothing, so registering
    /// many junk models no longer collects one reward each. The round still counts: the pair is spent and the
    /// owner's reputation moves down. Before: the owner of a model scored 30 earned 1,000 × 0.30 × the multiplier.
    function test_attack_H1_junkModelsBelowTheMinimumScoreEarnNothing() public {
        _fund(address(this), 10_000 ether);
        token.approve(address(scoringManager), 10_000 ether);
        scoringManager.fundRewardPool(10_000 ether);
        uint256 poolBefore = scoringManager.rewardPool();
        (uint256 roundId, address[] memory members) = _drawnRound();
        assertEq(scoringManager.parameters().minRewardScore, 50);
        _vote(roundId, members, _scores(30, 30, 30, 30, 30));
        vm.expectEmit(address(scoringManager));
        emit IScoringManagerEvents.ContributorRewarded(roundId, publisher, 0, 3000 * 2000 / 10_000);
        scoringManager.finalize(roundId);
        assertEq(scoringManager.heldReward(roundId).contributor, address(0), "nothing held");
        assertEq(stakeManager.lockedOf(publisher), 0, "nothing locked");
        assertEq(scoringManager.rewardPool(), poolBefore, "the pool paid no contributor reward");
        assertEq(scoringManager.reputationOf(publisher), 3000 * 2000 / 10_000, "the low score counts");
        bytes32 benchmarkId = scoringManager.round(roundId).benchmarkId;
        assertTrue(scoringManager.isContributorRewarded(subject, benchmarkId), "the pair is spent");
        assertEq(registry.evaluationOf(subject, benchmarkId).score, 30, "and recorded");

        // At the minimum, a reward is paid.
        uint256 other = _register(publisher, "a better model");
        uint256 next = _openRound(funder, other, BUDGET, 5);
        scoringManager.drawCommittee(next);
        _vote(next, _members(next), _scores(50, 50, 50, 50, 50));
        scoringManager.finalize(next);
        assertEq(scoringManager.heldReward(next).amount, 1000 ether * 50 * (5000 + 600) / (100 * 10_000));
    }

    /// @dev H-1: rounds on a benchmark governance did not approve pay no contributor reward and write no record.
    function test_attack_H1_unapprovedBenchmarksEarnNothing() public {
        _fund(address(this), 10_000 ether);
        token.approve(address(scoringManager), 10_000 ether);
        scoringManager.fundRewardPool(10_000 ether);
        _validators("validator", 5, STAKE);
        _fund(publisher, BUDGET);
        vm.startPrank(publisher);
        token.approve(address(scoringManager), BUDGET);
        uint256 roundId = scoringManager.openRound(subject, hex"01551220ff", METRIC, BUDGET, 5);
        vm.stopPrank();
        _nextBlock();
        scoringManager.drawCommittee(roundId);
        _vote(roundId, _members(roundId), _scores(99, 99, 99, 99, 99));
        scoringManager.finalize(roundId);
        assertEq(uint8(scoringManager.round(roundId).status), uint8(IScoringTypes.RoundStatus.Finalized));
        assertEq(scoringManager.heldReward(roundId).amount, 0, "no contributor reward");
        assertEq(scoringManager.reputationOf(publisher), 0, "no reputation");
        assertEq(registry.modelOf(subject).evaluation.roundId, 0, "no record");
    }

    /// @dev H-1 / M-4: an owner without `contributorMinStake` earns nothing (a plagiarist must be slashable), and a
    /// subject flagged during the hold forfeits its reward to the pool.
    function test_attack_M4_unstakedOrFlaggedOwnersEarnNothing() public {
        _fund(address(this), 10_000 ether);
        token.approve(address(scoringManager), 10_000 ether);
        scoringManager.fundRewardPool(10_000 ether);
        _validators("validator", 5, STAKE);
        // A copy registered by an account with no stake.
        address copier = makeAddr("copier");
        uint256 copy = _register(copier, "model weights plus two bytes");
        uint256 roundId = _openRound(funder, copy, BUDGET, 5);
        scoringManager.drawCommittee(roundId);
        _vote(roundId, _members(roundId), _scores(96, 96, 96, 96, 96));
        scoringManager.finalize(roundId);
        assertEq(scoringManager.heldReward(roundId).amount, 0, "unstaked: nothing");
        assertFalse(scoringManager.isContributorRewarded(copy, scoringManager.round(roundId).benchmarkId));

        // Staked now: earns, but the model is flagged (plagiarism) before the release: the reward goes back.
        _stake(copier, CONTRIBUTOR_MIN_STAKE);
        uint256 second = _openRound(funder, copy, BUDGET, 5);
        scoringManager.drawCommittee(second);
        _vote(second, _members(second), _scores(96, 96, 96, 96, 96));
        scoringManager.finalize(second);
        uint256 held = scoringManager.heldReward(second).amount;
        assertGt(held, 0, "held");
        // The copier cannot leave: its stake is locked, so a plagiarism challenge finds it.
        assertEq(stakeManager.unlockedStakeOf(copier), 0);
        uint256 pool = scoringManager.rewardPool();
        vm.prank(address(timelock));
        registry.setFlagged(copy, true);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        assertEq(scoringManager.releaseContributorReward(second), 0, "forfeited");
        assertEq(token.balanceOf(copier), 0);
        assertEq(scoringManager.rewardPool(), pool + held, "back to the pool");
    }

    function test_finalize_withoutQuorumFailsAtTheOpenersCostAndReportsSilentMembers() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _vote(roundId, members, _scores(70, 72, 0, 0, 0));
        uint256 pool = scoringManager.rewardPool();
        scoringManager.finalize(roundId);
        assertEq(uint8(scoringManager.round(roundId).status), uint8(IScoringTypes.RoundStatus.Failed));
        assertEq(token.balanceOf(funder), 0, "not refunded");
        assertEq(scoringManager.rewardPool(), pool + BUDGET, "the budget joined the pool");
        assertEq(scoringManager.reservedRewards(), 0);
        for (uint256 i; i < members.length; ++i) {
            assertEq(stakeManager.lockedOf(members[i]), i >= 2 ? STAKE / 10 : 0, "silent members stay locked");
        }
        assertEq(scoringManager.reportOffenders(roundId), 3);
        for (uint256 i; i < members.length; ++i) {
            bytes32 offence = slasher.offenceIdOf(members[i], ISlasherTypes.OffenceKind.NoReveal, bytes32(roundId));
            assertEq(stakeManager.isOffenceSlashed(offence), i >= 2);
            assertEq(stakeManager.lockedOf(members[i]), 0);
        }
        assertEq(registry.modelOf(subject).evaluation.roundId, 0, "no evaluation written");
    }

    function test_finalize_nonRevealersAreReportedEvenWithQuorum() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _vote(roundId, members, _scores(50, 52, 55, 0, 51));
        scoringManager.finalize(roundId);
        assertEq(scoringManager.round(roundId).consensus, 51);
        assertEq(scoringManager.reportOffenders(roundId), 1);
        bytes32 offence = slasher.offenceIdOf(members[3], ISlasherTypes.OffenceKind.NoReveal, bytes32(roundId));
        assertTrue(stakeManager.isOffenceSlashed(offence));
    }

    function test_reportOffenders_onlySettledRoundsAndEachMemberOnce() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _vote(roundId, members, _scores(50, 52, 55, 90, 51));
        vm.expectRevert(
            abi.encodeWithSelector(
                IScoringManagerErrors.ScoringWrongStatus.selector,
                roundId,
                IScoringTypes.RoundStatus.Drawn,
                IScoringTypes.RoundStatus.Finalized
            )
        );
        scoringManager.reportOffenders(roundId);
        scoringManager.finalize(roundId);
        assertEq(scoringManager.reportOffenders(roundId), 1, "the one outlier");
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringNothingToReport.selector, roundId));
        scoringManager.reportOffenders(roundId);
        vm.prank(members[3]);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringNothingToClaim.selector, roundId, members[3])
        );
        scoringManager.claimReward(roundId);
    }

    function test_reportOffenders_pausedWithTheModule() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _vote(roundId, members, _scores(50, 52, 55, 90, 51));
        scoringManager.finalize(roundId);
        vm.prank(guardian);
        scoringManager.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        scoringManager.reportOffenders(roundId);
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIMS
    //////////////////////////////////////////////////////////////*/

    function test_claimReward_paysOnceAndNeverMoreThanTheBudget() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _vote(roundId, members, _scores(40, 41, 42, 43, 99));
        scoringManager.finalize(roundId);

        uint256 paid;
        for (uint256 i; i < 4; ++i) {
            vm.prank(members[i]);
            paid += scoringManager.claimReward(roundId);
        }
        assertEq(paid, BUDGET);
        assertEq(scoringManager.reservedRewards(), 0);
        vm.prank(members[0]);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringNothingToClaim.selector, roundId, members[0])
        );
        scoringManager.claimReward(roundId);
        vm.prank(members[4]);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringNothingToClaim.selector, roundId, members[4])
        );
        scoringManager.claimReward(roundId);
    }

    function test_claimRewards_batchesRoundsAndRoundsSharesDown() public {
        _validators("validator", 3, 10_000 ether + 1);
        uint256 first = _openRound(funder, subject, 100 ether, 3);
        scoringManager.drawCommittee(first);
        address[] memory members = _members(first);
        uint8[] memory scores = new uint8[](3);
        (scores[0], scores[1], scores[2]) = (10, 10, 10);
        _vote(first, members, scores);
        scoringManager.finalize(first);
        // Each share rounds down; the remainder returned to the pool at once, where the contributor's (held) reward
        // took it.
        uint256 share = uint256(100 ether) / 3;
        uint256 held = scoringManager.heldReward(first).amount;
        assertEq(scoringManager.rewardPool() + held, 100 ether - 3 * share);
        assertEq(scoringManager.reservedRewards(), 3 * share + held);

        vm.prank(members[0]);
        assertEq(scoringManager.claimRewards(_ids(first, first)), share, "a round pays once in a batch");
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    function test_setParameters_validatesAndIsRestricted() public {
        IScoringTypes.Parameters memory p = scoringManager.parameters();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(this)));
        scoringManager.setParameters(p);

        p.tolerance = 100;
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringInvalidParameters.selector, p));
        scoringManager.setParameters(p);

        p.tolerance = 5;
        p.minRewardScore = 101;
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringInvalidParameters.selector, p));
        scoringManager.setParameters(p);

        p.minRewardScore = 40;
        p.quorumCountBps = 7500;
        vm.prank(address(timelock));
        scoringManager.setParameters(p);
        assertEq(scoringManager.parameters().quorumCountBps, 7500);

        vm.prank(address(timelock));
        scoringManager.setContributorReward(IModelRegistry.AssetKind.Dataset, 7 ether);
        assertEq(scoringManager.contributorReward(IModelRegistry.AssetKind.Dataset), 7 ether);
    }

    function test_scoringHoldsItsModuleRoleOnly() public view {
        (bool isScoring,) = accessManager.hasRole(Roles.SCORING, address(scoringManager));
        assertTrue(isScoring);
        (bool isAdmin,) = accessManager.hasRole(Roles.ADMIN, address(scoringManager));
        assertFalse(isAdmin);
    }

    /*//////////////////////////////////////////////////////////////
                                 DIGESTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Commits and reveals 80 for every member, with `digests[i]` for `members[i]`.
    function _voteDigests(uint256 roundId, address[] memory members, bytes32[5] memory digests) internal {
        for (uint256 i; i < members.length; ++i) {
            _commitScore(roundId, members[i], 80, digests[i]);
        }
        _warpToReveal(roundId);
        for (uint256 i; i < members.length; ++i) {
            _revealScore(roundId, members[i], 80, digests[i]);
        }
        _warpPastReveal(roundId);
    }

    function test_finalize_recordsTheDigestTheCommitteeAgreedOn() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        bytes32 honest = _digestOf(80);
        _voteDigests(roundId, members, [honest, honest, honest, keccak256("other"), keccak256("another")]);
        assertEq(scoringManager.revealedDigestOf(roundId, members[0]), honest);
        assertEq(scoringManager.revealedDigestOf(roundId, members[3]), keccak256("other"));
        vm.expectEmit(address(scoringManager));
        emit IScoringManagerEvents.RoundFinalized(roundId, subject, 80, 70, 90, 5 * STAKE, 5 * STAKE, 0, honest);
        scoringManager.finalize(roundId);
        bytes32 benchmarkId = scoringManager.round(roundId).benchmarkId;
        assertEq(registry.evaluationOf(subject, benchmarkId).digest, honest, "per benchmark");
        assertEq(registry.modelOf(subject).evaluation.digest, honest, "latest");
    }

    function test_finalize_recordsNoDigestWithoutAMajority() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        bytes32 a = keccak256("a");
        bytes32 b = keccak256("b");
        // Two and two of equal weight, and a fifth apart: no digest carries more than half.
        _voteDigests(roundId, members, [a, a, b, b, keccak256("c")]);
        scoringManager.finalize(roundId);
        assertEq(registry.evaluationOf(subject, scoringManager.round(roundId).benchmarkId).digest, 0, "no agreement");
        assertEq(uint8(scoringManager.round(roundId).status), uint8(IScoringTypes.RoundStatus.Finalized));
    }

    /// @dev Digests off the band do not count: two outliers sharing a forged digest (and a third apart) would leave no
    /// majority of all revealed weight; among the in-band reveals the honest digest has it.
    function test_finalize_ignoresTheDigestsOfOutliers() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        bytes32 forged = keccak256("forged");
        for (uint256 i; i < 5; ++i) {
            (uint8 score, bytes32 digest) = i < 3 ? (uint8(60), _digestOf(60)) : (uint8(10), forged);
            if (i == 0) (score, digest) = (80, _digestOf(80));
            _commitScore(roundId, members[i], score, digest);
        }
        _warpToReveal(roundId);
        for (uint256 i; i < 5; ++i) {
            (uint8 score, bytes32 digest) = i < 3 ? (uint8(60), _digestOf(60)) : (uint8(10), forged);
            if (i == 0) (score, digest) = (80, _digestOf(80));
            _revealScore(roundId, members[i], score, digest);
        }
        _warpPastReveal(roundId);
        scoringManager.finalize(roundId);
        // Median 60, band 50–70: members 1 and 2 are in it; member 0 (80) and the forgers (10) are not.
        assertEq(scoringManager.round(roundId).consensus, 60);
        assertEq(registry.evaluationOf(subject, scoringManager.round(roundId).benchmarkId).digest, _digestOf(60));
    }

    /// @dev A minority (two of five seats, 40% of the weight) revealing the consensus score with a forged digest
    /// cannot make the committee's digest theirs, whatever order they reveal in.
    function test_attack_DIGEST_aMinorityCannotForceAWrongDigest() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        bytes32 honest = _digestOf(80);
        bytes32 forged = keccak256("forged");
        _voteDigests(roundId, members, [forged, forged, honest, honest, honest]);
        scoringManager.finalize(roundId);
        assertEq(registry.evaluationOf(subject, scoringManager.round(roundId).benchmarkId).digest, honest);
        assertEq(scoringManager.rewardOf(roundId, members[0]), BUDGET / 5, "the score was in band: paid, not slashed");
    }

    /// @dev A lazy member that never evaluated cannot take an honest member's digest: the commitment seals the digest
    /// with the score, the digest becomes public only with a reveal, and by then commits are closed.
    function test_attack_DIGEST_aDigestCannotBeCopiedFromTheMempool() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        bytes32 honest = _digestOf(80);
        (address lazy, address worker) = (members[0], members[1]);
        _commitScore(roundId, worker, 80, honest);
        // The lazy member copies the worker's pending commitment: it binds the worker, so it reveals nothing.
        bytes32 workerCommitment = scoringManager.commitmentOf(roundId, worker, 80, honest, _salt(worker));
        vm.prank(lazy);
        scoringManager.commit(roundId, workerCommitment);
        _warpToReveal(roundId);
        _revealScore(roundId, worker, 80, honest);
        // The digest is public now; committing it is too late, and the copied commitment does not open with it.
        uint256 deadline = scoringManager.round(roundId).commitDeadline;
        bytes32 late = scoringManager.commitmentOf(roundId, lazy, 80, honest, _salt(lazy));
        vm.prank(lazy);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitClosed.selector, roundId, deadline));
        scoringManager.commit(roundId, late);
        vm.prank(lazy);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitmentMismatch.selector, roundId, lazy));
        scoringManager.reveal(roundId, 80, honest, _salt(lazy));
        vm.prank(lazy);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitmentMismatch.selector, roundId, lazy));
        scoringManager.reveal(roundId, 80, honest, _salt(worker));
        assertEq(scoringManager.revealedDigestOf(roundId, lazy), 0, "nothing revealed");
    }

    function test_reveal_aScoreNeedsADigestAndAnAbstentionHasNone() public {
        (uint256 roundId, address[] memory members) = _drawnRound();
        _commitScore(roundId, members[0], 80, 0);
        _commitScore(roundId, members[1], 0, keccak256("outputs"));
        _commitScore(roundId, members[2], 0);
        _warpToReveal(roundId);
        assertEq(scoringManager.revealedDigestOf(roundId, members[0]), 0, "the draw's placeholder is no digest");
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringInvalidDigest.selector, 80, bytes32(0)));
        scoringManager.reveal(roundId, 80, 0, _salt(members[0]));
        vm.prank(members[1]);
        vm.expectRevert(
            abi.encodeWithSelector(IScoringManagerErrors.ScoringInvalidDigest.selector, 0, keccak256("outputs"))
        );
        scoringManager.reveal(roundId, 0, keccak256("outputs"), _salt(members[1]));
        _revealScore(roundId, members[2], 0);
        assertEq(uint8(scoringManager.ballotOf(roundId, members[2]).state), uint8(IScoringTypes.BallotState.Abstained));
        assertEq(scoringManager.revealedDigestOf(roundId, members[2]), 0);
    }
}
