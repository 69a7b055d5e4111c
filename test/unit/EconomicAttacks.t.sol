// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {IScoringManagerErrors, IScoringTypes} from "../../src/interfaces/IScoringManager.sol";
import {ISlasherErrors, ISlasherTypes} from "../../src/interfaces/ISlasher.sol";
import {Base} from "../Base.t.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice The attacks of issue 16, each performed against the whole protocol as deployed. Every test names its
/// finding; each failed on the code before the fix (the report of the change says how that was checked).
contract EconomicAttacksTest is Base {
    uint256 internal constant STAKE = 100_000 ether;
    uint256 internal constant BUDGET = 50 ether;
    bytes internal constant EVIDENCE = hex"01551220aa";
    bytes internal constant OTHER_CID = hex"01551220bb";

    address internal publisher = makeAddr("publisher");
    address internal attacker = makeAddr("attacker");
    uint256 internal subject;

    function setUp() public override {
        super.setUp();
        subject = _register(publisher, "model weights");
        _stake(publisher, CONTRIBUTOR_MIN_STAKE);
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev A drawn round of five on `subject_` over `validators` staked alike, opened by `opener`.
    function _round(address opener, uint256 subject_) internal returns (uint256 roundId, address[] memory members) {
        roundId = _openRound(opener, subject_, BUDGET, 5);
        scoringManager.drawCommittee(roundId);
        members = _members(roundId);
    }

    /// @dev Commits and reveals `scores[i]` for `members[i]`; `type(uint8).max` withholds (commits, never reveals).
    function _vote(uint256 roundId, address[] memory members, uint8[5] memory scores) internal {
        for (uint256 i; i < members.length; ++i) {
            _commitScore(roundId, members[i], scores[i] == type(uint8).max ? 50 : scores[i]);
        }
        _warpToReveal(roundId);
        for (uint256 i; i < members.length; ++i) {
            if (scores[i] != type(uint8).max) _revealScore(roundId, members[i], scores[i]);
        }
        _warpPastReveal(roundId);
    }

    function _commitChallenge(address challenger, address accused, ISlasherTypes.OffenceKind kind)
        internal
        returns (bytes32 salt)
    {
        salt = keccak256(abi.encode(challenger, block.number));
        bytes32 commitment = slasher.challengeCommitmentOf(challenger, accused, kind, EVIDENCE, salt);
        vm.prank(challenger);
        slasher.commitChallenge(commitment);
        vm.roll(block.number + 1);
    }

    function _openChallenge(address challenger, address accused, ISlasherTypes.OffenceKind kind)
        internal
        returns (uint256 challengeId)
    {
        _fund(challenger, CHALLENGE_BOND);
        vm.prank(challenger);
        token.approve(address(slasher), CHALLENGE_BOND);
        bytes32 salt = _commitChallenge(challenger, accused, kind);
        vm.prank(challenger);
        challengeId = slasher.openChallenge(accused, kind, EVIDENCE, salt);
    }

    /*//////////////////////////////////////////////////////////////
                          H-4 AND M-2: NO FREE SLASHING
    //////////////////////////////////////////////////////////////*/

    /// @dev H-4: rounds on a model whose artifact was never published. The committee reveals that it could not
    /// evaluate (score 0): nobody is slashed, every lock is released, and the opener's budget is not refunded.
    /// Before: a 0 reveal reverted (`ScoringScoreOutOfRange`), so nobody could reveal; the round failed with a full
    /// refund and every member was slashed as a non-revealer.
    function test_attack_H4_unevaluableRoundsCostTheOpenerNotTheCommittee() public {
        _validators("validator", 5, STAKE);
        uint256 ghost = _register(attacker, "artifact never published");
        uint256 pool = scoringManager.rewardPool();
        uint256[] memory rounds = new uint256[](3);
        for (uint256 r; r < rounds.length; ++r) {
            (uint256 roundId, address[] memory members) = _round(attacker, ghost);
            rounds[r] = roundId;
            _vote(roundId, members, [uint8(0), 0, 0, 0, 0]);
            scoringManager.finalize(roundId);
            assertEq(uint8(scoringManager.round(roundId).status), uint8(IScoringTypes.RoundStatus.Failed));
            for (uint256 i; i < members.length; ++i) {
                assertEq(
                    uint8(scoringManager.ballotOf(roundId, members[i]).state),
                    uint8(IScoringTypes.BallotState.Abstained)
                );
                assertEq(stakeManager.lockedOf(members[i]), 0, "abstainers are released");
                assertEq(stakeManager.stakeOf(members[i]), STAKE, "and keep their stake");
            }
            vm.expectRevert(abi.encodeWithSelector(IScoringManagerErrors.ScoringNothingToReport.selector, roundId));
            scoringManager.reportOffenders(roundId);
        }
        assertEq(token.balanceOf(attacker), 0, "the opener got nothing back");
        assertEq(scoringManager.rewardPool(), pool + 3 * BUDGET, "its budgets joined the pool");
    }

    /// @dev H-4: an abstention is committed before any reveal is public, so it cannot be chosen after seeing the
    /// others; and abstaining in a round that finalizes costs nothing but the reward.
    function test_attack_H4_abstentionIsCommittedNotChosenLate() public {
        _validators("validator", 5, STAKE);
        (uint256 roundId, address[] memory members) = _round(attacker, subject);
        _vote(roundId, members, [uint8(80), 80, 80, 0, type(uint8).max]);
        // members[4] committed 50 and stayed silent: it could not have turned that into an abstention.
        scoringManager.finalize(roundId);
        assertEq(uint8(scoringManager.round(roundId).status), uint8(IScoringTypes.RoundStatus.Finalized));
        assertEq(stakeManager.lockedOf(members[3]), 0, "the abstainer is released");
        assertEq(scoringManager.rewardOf(roundId, members[3]), 0, "and unpaid");
        assertEq(scoringManager.reportOffenders(roundId), 1, "only the silent member is reported");
        assertEq(stakeManager.stakeOf(members[3]), STAKE);
    }

    /// @dev M-2: withholding a reveal costs at least as much as revealing an outlier, and governance cannot make it
    /// cheaper. Before: no reveal cost 1% and an outlier 2%.
    function test_attack_M2_withholdingCostsAtLeastAsMuchAsAnOutlier() public {
        address[] memory validators = _validators("validator", 5, STAKE);
        (uint256 roundId, address[] memory members) = _round(attacker, subject);
        // Four reveal 80; one reveals 20 (an outlier) in this round ...
        _vote(roundId, members, [uint8(80), 80, 80, 80, 20]);
        scoringManager.finalize(roundId);
        address outlier = members[4];
        scoringManager.reportOffenders(roundId);
        uint256 outlierLoss = STAKE - stakeManager.stakeOf(outlier);

        // ... and in another round, a validator of the same stake who saw four 80s withholds its 20.
        (uint256 second, address[] memory seated) = _round(attacker, subject);
        address withholder = seated[0] == outlier ? seated[1] : seated[0];
        uint8[5] memory scores = [uint8(80), 80, 80, 80, 80];
        for (uint256 i; i < 5; ++i) {
            if (seated[i] == withholder) scores[i] = type(uint8).max;
        }
        _vote(second, seated, scores);
        scoringManager.finalize(second);
        scoringManager.reportOffenders(second);
        uint256 withholdingLoss = STAKE - stakeManager.stakeOf(withholder);
        assertGe(withholdingLoss, outlierLoss, "withholding is never cheaper");
        assertGt(outlierLoss, 0);
        assertTrue(validators.length == 5);

        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherNoRevealBelowOutlier.selector, 100, 200));
        slasher.setSlashShare(ISlasherTypes.OffenceKind.NoReveal, 100);
    }

    /*//////////////////////////////////////////////////////////////
                         M-1, L-2: SETTLEMENT AND ESCAPES
    //////////////////////////////////////////////////////////////*/

    /// @dev M-1: a round opened in the same block (a front-run) does not block a report; the reporter earns the
    /// challenger share. Before: `reportOffenders` reverted with `ScoringDrawPending(1)`.
    function test_attack_M1_frontRunOpeningDoesNotBlockReports() public {
        _validators("validator", 5, STAKE);
        (uint256 roundId, address[] memory members) = _round(attacker, subject);
        _vote(roundId, members, [uint8(80), 80, 80, 80, type(uint8).max]);
        scoringManager.finalize(roundId);

        // The offender's friend opens a round in the reporter's block, just before the report.
        _fund(attacker, BUDGET);
        vm.startPrank(attacker);
        token.approve(address(scoringManager), BUDGET);
        scoringManager.openRound(subject, DATASET_CID, METRIC, BUDGET, 5);
        vm.stopPrank();
        assertEq(sortitionPool.pendingDraws(), 1);

        vm.prank(mallory);
        assertEq(scoringManager.reportOffenders(roundId), 1, "reported anyway");
        ISlasherTypes.Escrow memory escrow = slasher.escrow(slasher.escrowCount());
        assertEq(escrow.account, members[4]);
        assertEq(escrow.challenger, mallory, "the reporter earns the bounty");
        assertEq(escrow.amount, STAKE * 300 / 10_000, "3% of its seat weight");

        vm.warp(escrow.releaseAt);
        slasher.releaseSlash(slasher.escrowCount());
        assertEq(token.balanceOf(mallory), escrow.amount * 2000 / 10_000, "20% of the slash");
    }

    /// @dev M-1: an offender that unstakes everything it can right after the round and waits out the unbonding is
    /// still slashed its full share of its seat weight, which its lock covers; a late report earns no bounty.
    /// Before: the slash was the share of what was left (1% of 10,000 = 100 instead of 1,000).
    function test_attack_M1_escapeBeforeALateReportStillPaysTheFullSlash() public {
        _validators("validator", 5, STAKE);
        (uint256 roundId, address[] memory members) = _round(attacker, subject);
        _vote(roundId, members, [uint8(80), 80, 80, 80, type(uint8).max]);
        scoringManager.finalize(roundId);
        address offender = members[4];
        uint256 unlocked = stakeManager.unlockedStakeOf(offender);
        assertEq(unlocked, STAKE * 9 / 10, "its lock stays");
        vm.prank(offender);
        stakeManager.requestUnstake(unlocked);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(offender);
        stakeManager.withdraw();

        assertGt(block.timestamp, uint256(scoringManager.round(roundId).revealDeadline) + REPORT_WINDOW);
        vm.prank(mallory);
        scoringManager.reportOffenders(roundId);
        ISlasherTypes.Escrow memory escrow = slasher.escrow(slasher.escrowCount());
        assertEq(escrow.amount, STAKE * 300 / 10_000, "the full share of the seat weight");
        assertEq(escrow.challenger, address(0), "no bounty after the report window");

        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IScoringManagerErrors.ScoringInvalidReportWindow.selector, UNBONDING_PERIOD, UNBONDING_PERIOD
            )
        );
        scoringManager.setReportWindow(UNBONDING_PERIOD);
    }

    /// @dev L-2: a guardian pause that stops settlement stops withdrawals too. Before: `withdraw` ignored every pause.
    function test_attack_L2_noEscapeDuringAPause() public {
        _validators("validator", 5, STAKE);
        (uint256 roundId, address[] memory members) = _round(attacker, subject);
        _vote(roundId, members, [uint8(80), 80, 80, 80, type(uint8).max]);
        scoringManager.finalize(roundId);
        address offender = members[4];
        uint256 unlocked = stakeManager.unlockedStakeOf(offender);
        vm.prank(offender);
        stakeManager.requestUnstake(unlocked);

        vm.startPrank(guardian);
        scoringManager.pause();
        stakeManager.pause();
        vm.stopPrank();
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(offender);
        stakeManager.withdraw();

        vm.startPrank(address(timelock));
        scoringManager.unpause();
        stakeManager.unpause();
        vm.stopPrank();
        scoringManager.reportOffenders(roundId);
        assertEq(slasher.escrow(slasher.escrowCount()).amount, STAKE * 300 / 10_000);
    }

    /*//////////////////////////////////////////////////////////////
                          L-3, M-5: CHALLENGES
    //////////////////////////////////////////////////////////////*/

    /// @dev L-3: stake queued on day 0 and challenged on day 20 cannot leave on day 28: the challenge holds the share
    /// the ruling may slash until it lands on day 30. Before: it was withdrawn, and the ruling slashed nothing.
    function test_attack_L3_challengeHoldsTheStakeUntilTheRuling() public {
        address accused = makeAddr("accused");
        _stake(accused, STAKE);
        vm.prank(accused);
        stakeManager.requestUnstake(STAKE / 2);
        vm.prank(accused);
        stakeManager.requestUnstake(STAKE / 2);
        vm.warp(block.timestamp + 20 days);
        uint256 challengeId = _openChallenge(carol, accused, ISlasherTypes.OffenceKind.Plagiarism);
        assertEq(stakeManager.heldOf(accused), STAKE / 2, "50% held");

        vm.warp(block.timestamp + 8 days);
        vm.prank(accused);
        assertEq(stakeManager.withdraw(), STAKE / 2, "only what the hold leaves");
        assertEq(stakeManager.slashableStakeOf(accused), STAKE / 2);

        vm.warp(block.timestamp + 2 days);
        vm.prank(address(timelock));
        (, uint256 slashed) = slasher.upholdChallenge(challengeId);
        assertEq(slashed, STAKE / 4, "half of what is left, which was there to take");
        assertEq(stakeManager.heldOf(accused), 0, "released by the ruling");
        vm.prank(accused);
        assertEq(stakeManager.withdraw(), STAKE / 4);
    }

    /// @dev M-5: the accused's sybil copies the whistleblower's challenge from the mempool: without a commitment of
    /// its own the copy fails, and by the time its own commitment is a block old the offence is recorded. Before:
    /// the copy opened first and the whistleblower's reverted with `SlasherOffenceAlreadyRecorded`.
    function test_attack_M5_aCopiedChallengeNeverOpens() public {
        address accused = makeAddr("accused");
        address sybil = makeAddr("sybil");
        _stake(accused, STAKE);
        _fund(bob, CHALLENGE_BOND);
        _fund(sybil, CHALLENGE_BOND);
        vm.prank(bob);
        token.approve(address(slasher), CHALLENGE_BOND);
        vm.prank(sybil);
        token.approve(address(slasher), CHALLENGE_BOND);

        bytes32 salt = _commitChallenge(bob, accused, ISlasherTypes.OffenceKind.Plagiarism);
        // The sybil front-runs bob's reveal with the same arguments.
        bytes32 copied =
            slasher.challengeCommitmentOf(sybil, accused, ISlasherTypes.OffenceKind.Plagiarism, EVIDENCE, salt);
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherChallengeNotCommitted.selector, copied));
        vm.prank(sybil);
        slasher.openChallenge(accused, ISlasherTypes.OffenceKind.Plagiarism, EVIDENCE, salt);
        // It commits the copy in bob's block ...
        vm.prank(sybil);
        slasher.commitChallenge(copied);
        vm.prank(bob);
        uint256 challengeId = slasher.openChallenge(accused, ISlasherTypes.OffenceKind.Plagiarism, EVIDENCE, salt);
        assertEq(slasher.challenge(challengeId).challenger, bob);
        // ... and a block later the offence is bob's.
        vm.roll(block.number + 1);
        bytes32 offenceId = slasher.challengeOffenceId(accused, ISlasherTypes.OffenceKind.Plagiarism, EVIDENCE);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlasherErrors.SlasherOffenceAlreadyRecorded.selector, offenceId, ISlasherTypes.OffenceStatus.Challenged
            )
        );
        vm.prank(sybil);
        slasher.openChallenge(accused, ISlasherTypes.OffenceKind.Plagiarism, EVIDENCE, salt);
    }

    /// @dev The challenge state machine: each ruling or expiry leaves exactly its status, and every settled
    /// challenge refuses uphold, reject and expire, before and after its deadline. (With `rejectChallenge` leaving
    /// a challenge `Pending`, the status check fails and the later expiry would refund the bond twice.)
    function test_challenge_settledChallengesRefuseEveryRuling() public {
        address accused = makeAddr("accused");
        _stake(accused, STAKE);
        uint256 upheld = _openChallenge(bob, accused, ISlasherTypes.OffenceKind.Plagiarism);
        uint256 rejected = _openChallenge(carol, accused, ISlasherTypes.OffenceKind.BadDataset);
        uint256 expired = _openChallenge(mallory, accused, ISlasherTypes.OffenceKind.Collusion);
        assertEq(uint8(slasher.challenge(upheld).status), uint8(ISlasherTypes.ChallengeStatus.Pending));

        vm.startPrank(address(timelock));
        slasher.upholdChallenge(upheld);
        slasher.rejectChallenge(rejected);
        vm.stopPrank();
        assertEq(uint8(slasher.challenge(upheld).status), uint8(ISlasherTypes.ChallengeStatus.Upheld));
        assertEq(uint8(slasher.challenge(rejected).status), uint8(ISlasherTypes.ChallengeStatus.Rejected));
        uint256 bonds = slasher.totalBonds();
        _assertSettled(upheld, ISlasherTypes.ChallengeStatus.Upheld);
        _assertSettled(rejected, ISlasherTypes.ChallengeStatus.Rejected);

        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        slasher.expireChallenge(expired);
        assertEq(uint8(slasher.challenge(expired).status), uint8(ISlasherTypes.ChallengeStatus.Expired));
        _assertSettled(upheld, ISlasherTypes.ChallengeStatus.Upheld);
        _assertSettled(rejected, ISlasherTypes.ChallengeStatus.Rejected);
        _assertSettled(expired, ISlasherTypes.ChallengeStatus.Expired);
        assertEq(slasher.totalBonds(), bonds - CHALLENGE_BOND, "only the expiry refunded a bond");
        assertEq(stakeManager.heldOf(accused), 0, "every hold released");
    }

    function _assertSettled(uint256 challengeId, ISlasherTypes.ChallengeStatus status) internal {
        bytes memory notPending =
            abi.encodeWithSelector(ISlasherErrors.SlasherChallengeNotPending.selector, challengeId, status);
        vm.startPrank(address(timelock));
        vm.expectRevert(notPending);
        slasher.upholdChallenge(challengeId);
        vm.expectRevert(notPending);
        slasher.rejectChallenge(challengeId);
        vm.expectRevert(notPending);
        slasher.expireChallenge(challengeId);
        vm.stopPrank();
        assertEq(uint8(slasher.challenge(challengeId).status), uint8(status));
    }

    /*//////////////////////////////////////////////////////////////
                      L-4: EVALUATIONS PER BENCHMARK
    //////////////////////////////////////////////////////////////*/

    /// @dev L-4: rounds on an irrelevant benchmark neither rewrite a model's record nor its owner's reputation.
    /// Before: five 10-DAIMM rounds replaced a 95 with 3 and cut the owner's reputation.
    function test_attack_L4_irrelevantBenchmarksCannotRewriteTheRecord() public {
        _validators("validator", 5, STAKE);
        (uint256 roundId, address[] memory members) = _round(attacker, subject);
        _vote(roundId, members, [uint8(95), 95, 95, 95, 95]);
        scoringManager.finalize(roundId);
        bytes32 approved = scoringManager.round(roundId).benchmarkId;
        uint256 reputation = scoringManager.reputationOf(publisher);

        for (uint256 r; r < 5; ++r) {
            _fund(attacker, 10 ether);
            vm.startPrank(attacker);
            token.approve(address(scoringManager), 10 ether);
            uint256 other = scoringManager.openRound(subject, OTHER_CID, METRIC, 10 ether, 1);
            vm.stopPrank();
            _nextBlock();
            scoringManager.drawCommittee(other);
            address member = _members(other)[0];
            _commitScore(other, member, 3);
            _warpToReveal(other);
            _revealScore(other, member, 3);
            _warpPastReveal(other);
            scoringManager.finalize(other);
        }
        IModelRegistry.Evaluation memory record = registry.modelOf(subject).evaluation;
        assertEq(record.score, 95, "the record stands");
        assertEq(registry.evaluationOf(subject, approved).score, 95);
        assertEq(registry.evaluationOf(subject, approved).benchmarkId, approved);
        assertEq(registry.evaluationOf(subject, keccak256(abi.encodePacked(METRIC, OTHER_CID))).score, 0);
        assertEq(scoringManager.reputationOf(publisher), reputation, "reputation untouched");

        // A second approved benchmark gets a record of its own; the first keeps its own.
        vm.prank(address(timelock));
        scoringManager.setBenchmarkApproval(OTHER_CID, METRIC, true);
        _fund(attacker, BUDGET);
        vm.startPrank(attacker);
        token.approve(address(scoringManager), BUDGET);
        uint256 third = scoringManager.openRound(subject, OTHER_CID, METRIC, BUDGET, 5);
        vm.stopPrank();
        _nextBlock();
        scoringManager.drawCommittee(third);
        _vote(third, _members(third), [uint8(40), 40, 40, 40, 40]);
        scoringManager.finalize(third);
        assertEq(registry.evaluationOf(subject, approved).score, 95);
        assertEq(registry.evaluationOf(subject, scoringManager.round(third).benchmarkId).score, 40);
    }

    /// @dev L-4: a publisher with a poor record moves a model to a fresh address to earn at a better multiplier.
    /// Before: a fresh address started at the neutral 5,000 (× 1), above the publisher's 4,200 after a 10, so the moved
    /// model earned 900 DAIMM where its owner would have earned 828. Now a fresh address starts at the floor, 0 (× 0.5),
    /// which no record is below: the move earns at most what staying would have.
    function test_attack_L4_reputationResetByNewAddress() public {
        _fund(address(this), 100_000 ether);
        token.approve(address(scoringManager), 100_000 ether);
        scoringManager.fundRewardPool(100_000 ether);
        _validators("validator", 5, STAKE);
        (uint256 roundId, address[] memory members) = _round(attacker, subject);
        _vote(roundId, members, [uint8(10), 10, 10, 10, 10]);
        scoringManager.finalize(roundId);
        uint256 poor = scoringManager.reputationOf(publisher);
        assertEq(poor, 1000 * 2000 / 10_000, "the poor record counts (below the minimum score it pays nothing)");

        uint256 second = _register(publisher, "second model");
        address fresh = makeAddr("fresh address");
        _stake(fresh, CONTRIBUTOR_MIN_STAKE);
        vm.prank(publisher);
        registry.transferFrom(publisher, fresh, second);
        assertLe(scoringManager.reputationOf(fresh), poor, "a fresh address starts no higher than any record");

        (uint256 next, address[] memory others) = _round(attacker, second);
        _vote(next, others, [uint8(90), 90, 90, 90, 90]);
        scoringManager.finalize(next);
        IScoringTypes.HeldReward memory held = scoringManager.heldReward(next);
        assertEq(held.contributor, fresh, "the fresh address earns the moved model's reward");
        uint256 base = scoringManager.contributorReward(IModelRegistry.AssetKind.Model);
        uint256 stayed = base * 90 * (5000 + poor) / (100 * 10_000);
        assertLe(held.amount, stayed, "the move earned no more than staying would have");
    }
}
