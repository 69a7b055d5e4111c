// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IScoringManagerErrors, IScoringTypes} from "../../src/interfaces/IScoringManager.sol";
import {ISortitionPool} from "../../src/interfaces/ISortitionPool.sol";
import {Base} from "../Base.t.sol";

/// @notice Steering the committee draw once its seed is public. The seed of a round is fixed when its opening block
/// is mined, but the draw runs later: these tests play a reader of the seed that tops up its stake, syncs weights,
/// opens and draws a round of its own first, or leaves the validator set, and check what each can change.
contract ScoringSortitionTest is Base {
    uint256 internal constant BUDGET = 1000 ether;
    uint256 internal constant VALIDATORS = 10;
    uint256 internal constant SEATS = 5;

    uint256 internal subject;
    address internal publisher = makeAddr("publisher");
    address internal funder = makeAddr("funder");
    address[] internal validators;
    /// @dev Stakes out of proportion with each other, from the minimum to 16 times it.
    uint256[VALIDATORS] internal stakes = [
        uint256(10_000 ether),
        11_000 ether,
        13_000 ether,
        17_000 ether,
        25_000 ether,
        40_000 ether,
        60_000 ether,
        90_000 ether,
        120_000 ether,
        160_000 ether
    ];

    function setUp() public override {
        super.setUp();
        subject = _register(publisher, "model weights");
        for (uint256 i; i < VALIDATORS; ++i) {
            validators.push(makeAddr(string.concat("validator", vm.toString(i))));
            _joinValidators(validators[i], stakes[i]);
        }
        vm.warp(block.timestamp + 1);
    }

    /// @dev A drawn committee, in seat order, with its weights.
    function _committee(uint256 roundId) internal view returns (address[] memory members, uint256[] memory weights) {
        members = _members(roundId);
        weights = new uint256[](members.length);
        for (uint256 i; i < members.length; ++i) {
            weights[i] = scoringManager.seatAt(roundId, i).weight;
        }
    }

    /// @dev The committee `roundId` would get if drawn now, leaving no trace of the draw.
    function _drawAndForget(uint256 roundId) internal returns (address[] memory members, uint256[] memory weights) {
        uint256 snapshot = vm.snapshotState();
        scoringManager.drawCommittee(roundId);
        (members, weights) = _committee(roundId);
        vm.revertToState(snapshot);
    }

    function _contains(address[] memory members, address account) internal pure returns (bool) {
        for (uint256 i; i < members.length; ++i) {
            if (members[i] == account) return true;
        }
        return false;
    }

    /*//////////////////////////////////////////////////////////////
                                 FROZEN
    //////////////////////////////////////////////////////////////*/

    /// @dev Once the seed block is mined, no weight in the pool can move: neither a fresh top-up's, nor another
    /// validator's stale weight (one that unstaked without syncing), and the pool's total stays put.
    function test_steering_weightsCannotMoveAfterTheSeedBlock() public {
        address attacker = validators[0];
        address stale = validators[9];
        // A stale weight: most of the stake is unbonding, but the pool still holds the old weight.
        vm.prank(stale);
        stakeManager.requestUnstake(150_000 ether);
        vm.warp(block.timestamp + 1);
        uint256 total = sortitionPool.totalWeight();
        assertEq(sortitionPool.weightOf(stale), stakes[9], "stale");

        uint256 roundId = _openRound(funder, subject, BUDGET, SEATS);
        assertGt(block.number, scoringManager.round(roundId).seedBlock, "the seed block is mined: the seed is public");

        _stakeAsValidator(attacker, 1_000_000 ether);
        vm.expectRevert(abi.encodeWithSelector(ISortitionPool.SortitionPoolFrozen.selector, attacker, 1));
        sortitionPool.updateWeight(attacker);
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(ISortitionPool.SortitionPoolFrozen.selector, stale, 1));
        sortitionPool.updateWeight(stale);

        assertEq(sortitionPool.weightOf(attacker), stakes[0], "the top-up is not in the pool");
        assertEq(sortitionPool.weightOf(stale), stakes[9], "the stale weight is not synced");
        assertEq(sortitionPool.totalWeight(), total);
        assertEq(sortitionPool.pendingDraws(), 1);
    }

    /// @dev Whoever tops up, by however much, however long after the seed block: the committee and its weights are
    /// those the round gets without the top-up. The top-up is in the StakeManager (not the snapshot, not the frozen
    /// pool), and a kept candidate had enough unlocked stake before it as well.
    /// forge-config: default.fuzz.runs = 256
    /// forge-config: ci.fuzz.runs = 2048
    function testFuzz_steering_aTopUpAfterOpeningDoesNotChangeTheCommittee(
        uint256 who,
        uint256 topUp,
        uint256 wait,
        bool trySync
    ) public {
        address attacker = validators[bound(who, 0, VALIDATORS - 1)];
        topUp = bound(topUp, 1, 10_000_000 ether);
        uint256 roundId = _openRound(funder, subject, BUDGET, SEATS);
        vm.roll(block.number + bound(wait, 0, 200));
        (address[] memory expected, uint256[] memory expectedWeights) = _drawAndForget(roundId);
        assertEq(expected.length, SEATS);

        _stakeAsValidator(attacker, topUp);
        if (trySync) {
            vm.expectRevert(abi.encodeWithSelector(ISortitionPool.SortitionPoolFrozen.selector, attacker, 1));
            sortitionPool.updateWeight(attacker);
        }
        scoringManager.drawCommittee(roundId);
        (address[] memory members, uint256[] memory weights) = _committee(roundId);
        assertEq(members, expected, "the same committee");
        assertEq(weights, expectedWeights, "the same weights");
        for (uint256 i; i < members.length; ++i) {
            assertEq(weights[i], stakeManager.stakeAt(members[i], scoringManager.round(roundId).snapshotAt));
        }
        // The draw was the last pending one: the candidates it touched are synced to their current stake now.
        assertEq(sortitionPool.pendingDraws(), 0);
        if (_contains(members, attacker)) {
            assertEq(sortitionPool.weightOf(attacker), stakes[bound(who, 0, VALIDATORS - 1)] + topUp);
        }
    }

    /// @dev The same, across many seeds at once: eight rounds opened in a row, each drawn with and without a top-up
    /// of the smallest validator (a 2% stake) by fifty times its stake between the opening and the draw. (Eight
    /// seats lock at most 80% of anyone's stake, so no candidate is skipped for its locks; near that capacity a
    /// top-up could keep the topper's own seat, which docs/scoring.md names as the one thing left to it.)
    function test_steering_aTopUpChangesNoCommitteeOfEightRounds() public {
        uint256[] memory roundIds = new uint256[](8);
        for (uint256 i; i < roundIds.length; ++i) {
            roundIds[i] = _openRound(funder, subject, BUDGET, SEATS);
        }
        assertEq(sortitionPool.pendingDraws(), 8);
        uint256 snapshot = vm.snapshotState();
        address[][] memory expected = new address[][](roundIds.length);
        for (uint256 i; i < roundIds.length; ++i) {
            scoringManager.drawCommittee(roundIds[i]);
            expected[i] = _members(roundIds[i]);
        }
        vm.revertToState(snapshot);

        _stakeAsValidator(validators[0], 50 * stakes[0]);
        // Drawn in the reverse order as well: pending draws do not depend on their order.
        for (uint256 i = roundIds.length; i != 0; --i) {
            scoringManager.drawCommittee(roundIds[i - 1]);
        }
        for (uint256 i; i < roundIds.length; ++i) {
            assertEq(_members(roundIds[i]), expected[i]);
        }
    }

    /// @dev A reader of the seed opens a round of its own and draws it first: the first round's committee does not
    /// change. The earlier of two pending draws puts back the weights it touched; only the last one syncs them.
    function test_steering_aRoundOpenedAndDrawnFirstChangesNothing() public {
        uint256 roundId = _openRound(funder, subject, BUDGET, SEATS);
        (address[] memory expected, uint256[] memory expectedWeights) = _drawAndForget(roundId);

        address attacker = validators[0];
        _stakeAsValidator(attacker, 500_000 ether);
        uint256 own = _openRound(attacker, subject, BUDGET, SEATS);
        assertEq(sortitionPool.pendingDraws(), 2);
        uint256 total = sortitionPool.totalWeight();
        scoringManager.drawCommittee(own);
        assertEq(sortitionPool.totalWeight(), total, "an earlier pending draw puts the weights back");
        assertEq(sortitionPool.weightOf(attacker), stakes[0], "still frozen");
        vm.expectRevert(abi.encodeWithSelector(ISortitionPool.SortitionPoolFrozen.selector, attacker, 1));
        sortitionPool.updateWeight(attacker);

        scoringManager.drawCommittee(roundId);
        (address[] memory members, uint256[] memory weights) = _committee(roundId);
        assertEq(members, expected);
        assertEq(weights, expectedWeights);
    }

    /// @dev What a reader of the seed can still do is only to itself: a member-to-be that leaves the validator set
    /// before the draw is skipped, every other member keeps its seat, and the seat goes to the next draw.
    function test_steering_leavingGivesUpOnlyTheLeaversSeat() public {
        uint256 roundId = _openRound(funder, subject, BUDGET, SEATS);
        (address[] memory expected,) = _drawAndForget(roundId);
        address leaver = expected[0];

        vm.prank(leaver);
        stakeManager.deregisterValidator();
        scoringManager.drawCommittee(roundId);
        address[] memory members = _members(roundId);
        assertEq(members.length, SEATS, "the seat is filled by another draw");
        assertFalse(_contains(members, leaver));
        for (uint256 i = 1; i < expected.length; ++i) {
            assertTrue(_contains(members, expected[i]), "another member lost its seat");
        }
    }

    /// @dev Stake staked in the opening block (a flash stake), synced or not, counts for nothing in that round.
    function test_steering_stakeOfTheOpeningBlockIsNotDrawnOn() public {
        address flash = makeAddr("flash");
        _fund(funder, BUDGET);
        vm.prank(funder);
        token.approve(address(scoringManager), BUDGET);
        // In the opening block, just before the opening: a huge new validator, synced into the pool.
        _joinValidators(flash, 100_000_000 ether);
        vm.prank(funder);
        uint256 roundId = scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, SEATS);
        _nextBlock();
        scoringManager.drawCommittee(roundId);
        IScoringTypes.Round memory r = scoringManager.round(roundId);
        assertEq(stakeManager.stakeAt(flash, r.snapshotAt), 0);
        assertFalse(_contains(_members(roundId), flash), "no stake at the snapshot, no seat");
        assertEq(r.seats, SEATS);
    }
}

/// @notice Settling another round after a seed is public: releases and slashes decide who is eligible in the draw, so
/// they wait for pending draws (`ScoringDrawPending`).
contract ScoringSettlementSteeringTest is Base {
    uint256 internal constant BUDGET = 1000 ether;

    function test_steering_settlingAnotherRoundWaitsForPendingDraws() public {
        uint256 subject = _register(makeAddr("publisher"), "model weights");
        address funder = makeAddr("funder");
        address victim = makeAddr("victim");
        _validators("validator", 6, 20_000 ether);
        _joinValidators(victim, VALIDATOR_MIN_STAKE);
        vm.warp(block.timestamp + 1);

        // Round B seats all seven; everyone but the victim reveals; B finalizes, nobody reports yet.
        uint256 b = _openRound(funder, subject, BUDGET, 7);
        scoringManager.drawCommittee(b);
        address[] memory members = _members(b);
        assertEq(members.length, 7);
        for (uint256 i; i < 7; ++i) {
            if (members[i] != victim) _commitScore(b, members[i], 60);
        }
        _warpToReveal(b);
        for (uint256 i; i < 7; ++i) {
            if (members[i] != victim) _revealScore(b, members[i], 60);
        }
        _warpPastReveal(b);
        scoringManager.finalize(b);

        // Round A: opened until its (public) seed seats the victim.
        uint256 a;
        address[] memory expected;
        for (uint256 tries; tries < 20; ++tries) {
            a = _openRound(funder, subject, BUDGET, 3);
            uint256 snapshot = vm.snapshotState();
            scoringManager.drawCommittee(a);
            expected = _members(a);
            vm.revertToState(snapshot);
            if (_contains(expected, victim)) break;
            scoringManager.drawCommittee(a);
        }
        assertTrue(_contains(expected, victim), "no round seated the victim");

        // After reading A's seed, a stranger would report B's offenders first: the slash would take the victim out of
        // the set and A's draw would skip it. Settling waits until A is drawn.
        vm.prank(makeAddr("stranger"));
        vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringDrawPending.selector, 1));
        scoringManager.reportOffenders(b);
        scoringManager.drawCommittee(a);
        assertEq(_members(a), expected, "the committee is the one the seed gave");

        scoringManager.reportOffenders(b);
        assertFalse(stakeManager.isValidator(victim), "the slash took the victim out of the set, too late to matter");
    }

    function _contains(address[] memory list, address account) internal pure returns (bool) {
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == account) return true;
        }
        return false;
    }
}
