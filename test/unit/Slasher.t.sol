// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "../../src/DaimmModule.sol";
import {Roles} from "../../src/Roles.sol";
import {Slasher} from "../../src/Slasher.sol";
import {ISlasherErrors, ISlasherEvents, ISlasherTypes} from "../../src/interfaces/ISlasher.sol";
import {IStakeManagerErrors} from "../../src/interfaces/IStakeManager.sol";
import {Base} from "../Base.t.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

contract SlasherTest is Base, ISlasherEvents {
    uint256 internal constant STAKE = 100_000 ether;
    bytes internal constant EVIDENCE = hex"01551220aa";
    address internal constant BURN = 0x000000000000000000000000000000000000dEaD;
    bytes32 internal constant ROUND_1 = "round-1";

    function setUp() public override {
        super.setUp();
        _grantRole(Roles.SCORING, scoring);
        vm.warp(1_800_000_000);
        _stakeAsValidator(alice, STAKE);
        _fund(bob, 10 * CHALLENGE_BOND);
        vm.prank(bob);
        token.approve(address(slasher), type(uint256).max);
    }

    function _report(address account, OffenceKind kind, bytes32 context)
        internal
        returns (bytes32 offenceId, uint256 escrowId, uint256 slashed)
    {
        vm.prank(scoring);
        return slasher.reportOffence(account, kind, context, type(uint256).max, address(0));
    }

    /// @dev Bob commits to the challenge, one block passes, and he opens it.
    function _challenge(address accused, OffenceKind kind) internal returns (uint256) {
        return _challengeAs(bob, accused, kind);
    }

    function _challengeAs(address challenger, address accused, OffenceKind kind) internal returns (uint256) {
        return _openCommitted(challenger, accused, kind, _commitChallenge(challenger, accused, kind));
    }

    /// @dev The first step of a challenge: the commitment, then one block.
    function _commitChallenge(address challenger, address accused, OffenceKind kind) internal returns (bytes32 salt) {
        salt = keccak256(abi.encode(challenger, accused, kind, block.number));
        bytes32 commitment = slasher.challengeCommitmentOf(challenger, accused, kind, EVIDENCE, salt);
        vm.prank(challenger);
        slasher.commitChallenge(commitment);
        vm.roll(block.number + 1);
    }

    /// @dev The second step: the reveal, and nothing else (so expectations may precede it).
    function _openCommitted(address challenger, address accused, OffenceKind kind, bytes32 salt)
        internal
        returns (uint256)
    {
        vm.prank(challenger);
        return slasher.openChallenge(accused, kind, EVIDENCE, salt);
    }

    function _uphold(uint256 challengeId) internal returns (uint256 escrowId, uint256 slashed) {
        vm.prank(address(timelock));
        return slasher.upholdChallenge(challengeId);
    }

    /*//////////////////////////////////////////////////////////////
                               DEPLOYMENT
    //////////////////////////////////////////////////////////////*/

    function test_initialize_setsSettings() public view {
        assertEq(address(slasher.token()), address(token));
        assertEq(address(slasher.stakeManager()), address(stakeManager));
        assertEq(slasher.authority(), address(accessManager));
        assertEq(slasher.treasury(), address(timelock));
        assertEq(slasher.rewardPool(), rewardPool);
        assertEq(slasher.challengeBond(), CHALLENGE_BOND);
        assertEq(slasher.challengeWindow(), CHALLENGE_WINDOW);
        assertEq(slasher.escrowPeriod(), ESCROW_PERIOD);
        assertEq(slasher.slashingWindow(), CHALLENGE_WINDOW + ESCROW_PERIOD);
        assertEq(slasher.slashShare(OffenceKind.NoReveal), 300);
        assertEq(slasher.slashShare(OffenceKind.Outlier), 200);
        assertEq(slasher.slashShare(OffenceKind.Plagiarism), 5000);
        assertEq(slasher.slashShare(OffenceKind.BadDataset), 2000);
        assertEq(slasher.slashShare(OffenceKind.Collusion), 5000);
        ReleaseSplit memory split = slasher.releaseSplit();
        assertEq(split.burnBps, 4000);
        assertEq(split.treasuryBps, 2000);
        assertEq(split.challengerBps, 2000);
        assertEq(split.rewardPoolBps, 2000);
        assertEq(slasher.BURN_ADDRESS(), BURN);
    }

    function test_initialize_wiresRoles() public view {
        address sl = address(slasher);
        assertEq(accessManager.getTargetFunctionRole(sl, Slasher.reportOffence.selector), Roles.SCORING);
        assertEq(accessManager.getTargetFunctionRole(sl, Slasher.upholdChallenge.selector), Roles.ARBITER);
        assertEq(accessManager.getTargetFunctionRole(sl, Slasher.rejectChallenge.selector), Roles.ARBITER);
        assertEq(accessManager.getTargetFunctionRole(sl, Slasher.reverseSlash.selector), Roles.ADMIN);
        assertEq(accessManager.getTargetFunctionRole(sl, Slasher.setWindows.selector), Roles.ADMIN);
        assertEq(accessManager.getTargetFunctionRole(sl, DaimmModule.pause.selector), Roles.GUARDIAN);
    }

    function test_RevertWhen_initializeIsCalledAgain() public {
        Settings memory settings;
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        slasher.initialize(address(accessManager), settings);
    }

    /*//////////////////////////////////////////////////////////////
                           AUTOMATIC OFFENCES
    //////////////////////////////////////////////////////////////*/

    function test_reportOffence_slashesShareIntoEscrow() public {
        bytes32 expectedId = keccak256(abi.encode(alice, OffenceKind.NoReveal, ROUND_1));
        uint256 releaseAt = block.timestamp + ESCROW_PERIOD;
        vm.expectEmit(address(slasher));
        emit SlashEscrowed(1, expectedId, alice, address(0), 3000 ether, releaseAt);
        vm.expectEmit(address(slasher));
        emit OffenceReported(expectedId, alice, 1, OffenceKind.NoReveal, "round-1", 3000 ether);
        (bytes32 offenceId, uint256 escrowId, uint256 slashed) = _report(alice, OffenceKind.NoReveal, "round-1");
        vm.snapshotGasLastCall("Slasher", "reportOffence");

        assertEq(offenceId, expectedId);
        assertEq(offenceId, slasher.offenceIdOf(alice, OffenceKind.NoReveal, "round-1"));
        assertEq(escrowId, 1);
        assertEq(slashed, 3000 ether, "3% of 100,000");
        assertEq(stakeManager.stakeOf(alice), STAKE - 3000 ether);
        assertEq(token.balanceOf(address(slasher)), 3000 ether);
        assertEq(slasher.totalEscrowed(), 3000 ether);
        assertEq(uint8(slasher.offenceStatus(offenceId)), uint8(OffenceStatus.Slashed));
        assertTrue(stakeManager.isOffenceSlashed(offenceId));
        Escrow memory held = slasher.escrow(1);
        assertEq(held.account, alice);
        assertEq(held.amount, 3000 ether);
        assertEq(held.challenger, address(0));
        assertEq(held.releaseAt, releaseAt);
        assertEq(uint8(held.status), uint8(EscrowStatus.Held));
    }

    function test_reportOffence_roundsShareDown() public {
        vm.prank(address(timelock));
        slasher.setSlashShare(OffenceKind.Outlier, 3);
        _stake(carol, 3333);
        (,, uint256 slashed) = _report(carol, OffenceKind.Outlier, "round-1");
        assertEq(slashed, 0, "3333 * 3 / 10000 rounds down to nothing");
        (,, slashed) = _report(alice, OffenceKind.Outlier, "round-1");
        assertEq(slashed, STAKE * 3 / 10_000);
    }

    function test_reportOffence_recordsOffenceWithNothingToSlash() public {
        (bytes32 offenceId, uint256 escrowId, uint256 slashed) = _report(carol, OffenceKind.Outlier, "round-1");
        assertEq(escrowId, 0);
        assertEq(slashed, 0);
        assertEq(slasher.escrowCount(), 0);
        assertTrue(stakeManager.isOffenceSlashed(offenceId));
    }

    function test_RevertWhen_reportOffenceIsRepeated() public {
        (bytes32 offenceId,,) = _report(alice, OffenceKind.NoReveal, "round-1");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlasherErrors.SlasherOffenceAlreadyRecorded.selector, offenceId, OffenceStatus.Slashed
            )
        );
        _report(alice, OffenceKind.NoReveal, "round-1");
        // Another round or another kind is another offence.
        _report(alice, OffenceKind.NoReveal, "round-2");
        _report(alice, OffenceKind.Outlier, "round-1");
    }

    function test_RevertWhen_reportOffenceKindIsNotAutomatic() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherOffenceNotAutomatic.selector, OffenceKind.Plagiarism)
        );
        _report(alice, OffenceKind.Plagiarism, "round-1");
    }

    function test_RevertWhen_reportOffenceIsNotFromScoring() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        slasher.reportOffence(alice, OffenceKind.NoReveal, "round-1", type(uint256).max, address(0));
    }

    function test_reportOffence_worksWhilePaused() public {
        vm.startPrank(guardian);
        slasher.pause();
        stakeManager.pause();
        vm.stopPrank();
        (,, uint256 slashed) = _report(alice, OffenceKind.NoReveal, "round-1");
        assertEq(slashed, 3000 ether);
    }

    /*//////////////////////////////////////////////////////////////
                               CHALLENGES
    //////////////////////////////////////////////////////////////*/

    function test_openChallenge_postsBond() public {
        bytes32 offenceId = slasher.challengeOffenceId(alice, OffenceKind.Plagiarism, EVIDENCE);
        uint256 deadline = block.timestamp + CHALLENGE_WINDOW;
        bytes32 salt = _commitChallenge(bob, alice, OffenceKind.Plagiarism);
        vm.expectEmit(address(slasher));
        emit ChallengeOpened(
            1, offenceId, alice, bob, OffenceKind.Plagiarism, CHALLENGE_BOND, deadline, EVIDENCE, STAKE / 2
        );
        uint256 challengeId = _openCommitted(bob, alice, OffenceKind.Plagiarism, salt);
        vm.snapshotGasLastCall("Slasher", "openChallenge");

        assertEq(challengeId, 1);
        assertEq(slasher.challengeCount(), 1);
        assertEq(token.balanceOf(address(slasher)), CHALLENGE_BOND);
        assertEq(slasher.totalBonds(), CHALLENGE_BOND);
        assertEq(uint8(slasher.offenceStatus(offenceId)), uint8(OffenceStatus.Challenged));
        Challenge memory opened = slasher.challenge(1);
        assertEq(opened.challenger, bob);
        assertEq(opened.accused, alice);
        assertEq(opened.bond, CHALLENGE_BOND);
        assertEq(opened.deadline, deadline);
        assertEq(uint8(opened.kind), uint8(OffenceKind.Plagiarism));
        assertEq(uint8(opened.status), uint8(ChallengeStatus.Pending));
        assertEq(opened.offenceId, offenceId);
    }

    function test_RevertWhen_openChallengeIsInvalid() public {
        vm.startPrank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherOffenceNotChallengeable.selector, OffenceKind.Outlier)
        );
        slasher.openChallenge(alice, OffenceKind.Outlier, EVIDENCE, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidAccused.selector, bob));
        slasher.openChallenge(bob, OffenceKind.Plagiarism, EVIDENCE, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidAccused.selector, address(0)));
        slasher.openChallenge(address(0), OffenceKind.Plagiarism, EVIDENCE, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidEvidence.selector, 0, 128));
        slasher.openChallenge(alice, OffenceKind.Plagiarism, "", bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidEvidence.selector, 129, 128));
        slasher.openChallenge(alice, OffenceKind.Plagiarism, new bytes(129), bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherNothingToSlash.selector, carol));
        slasher.openChallenge(carol, OffenceKind.Plagiarism, EVIDENCE, bytes32(0));
        vm.stopPrank();
    }

    function test_RevertWhen_openChallengeDuplicatesPendingOne() public {
        _challenge(alice, OffenceKind.Plagiarism);
        bytes32 offenceId = slasher.challengeOffenceId(alice, OffenceKind.Plagiarism, EVIDENCE);
        bytes32 salt = _commitChallenge(bob, alice, OffenceKind.Plagiarism);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlasherErrors.SlasherOffenceAlreadyRecorded.selector, offenceId, OffenceStatus.Challenged
            )
        );
        _openCommitted(bob, alice, OffenceKind.Plagiarism, salt);
        // Other evidence or another kind is another offence.
        _challenge(alice, OffenceKind.Collusion);
    }

    function test_RevertWhen_openChallengeWhilePaused() public {
        bytes32 salt = _commitChallenge(bob, alice, OffenceKind.Plagiarism);
        vm.prank(guardian);
        slasher.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _openCommitted(bob, alice, OffenceKind.Plagiarism, salt);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(bob);
        slasher.commitChallenge(bytes32(uint256(1)));
    }

    function test_upholdChallenge_slashesAndReturnsBond() public {
        uint256 challengeId = _challenge(alice, OffenceKind.BadDataset);
        bytes32 offenceId = slasher.challenge(challengeId).offenceId;
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        uint256 bobBefore = token.balanceOf(bob);

        vm.expectEmit(address(slasher));
        emit SlashEscrowed(1, offenceId, alice, bob, 20_000 ether, block.timestamp + ESCROW_PERIOD);
        vm.expectEmit(address(slasher));
        emit ChallengeUpheld(challengeId, offenceId, 1, 20_000 ether);
        (uint256 escrowId, uint256 slashed) = _uphold(challengeId);
        vm.snapshotGasLastCall("Slasher", "upholdChallenge");

        assertEq(escrowId, 1);
        assertEq(slashed, 20_000 ether, "20% of 100,000");
        assertEq(token.balanceOf(bob), bobBefore + CHALLENGE_BOND);
        assertEq(slasher.totalBonds(), 0);
        assertEq(slasher.totalEscrowed(), 20_000 ether);
        assertEq(token.balanceOf(address(slasher)), 20_000 ether);
        assertEq(uint8(slasher.challenge(challengeId).status), uint8(ChallengeStatus.Upheld));
        assertEq(uint8(slasher.offenceStatus(offenceId)), uint8(OffenceStatus.Slashed));
        assertEq(slasher.escrow(escrowId).challenger, bob);

        // The same evidence cannot be pursued again.
        bytes32 salt = _commitChallenge(bob, alice, OffenceKind.BadDataset);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlasherErrors.SlasherOffenceAlreadyRecorded.selector, offenceId, OffenceStatus.Slashed
            )
        );
        _openCommitted(bob, alice, OffenceKind.BadDataset, salt);
    }

    function test_RevertWhen_upholdAfterDeadline() public {
        uint256 challengeId = _challenge(alice, OffenceKind.Plagiarism);
        uint256 deadline = block.timestamp + CHALLENGE_WINDOW;
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherChallengeDeadlinePassed.selector, challengeId, deadline)
        );
        _uphold(challengeId);
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherChallengeDeadlinePassed.selector, challengeId, deadline)
        );
        vm.prank(address(timelock));
        slasher.rejectChallenge(challengeId);
    }

    function test_RevertWhen_upholdIsNotFromArbiter() public {
        uint256 challengeId = _challenge(alice, OffenceKind.Plagiarism);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, bob));
        vm.prank(bob);
        slasher.upholdChallenge(challengeId);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, scoring));
        vm.prank(scoring);
        slasher.rejectChallenge(challengeId);
    }

    function test_RevertWhen_upholdSettledChallenge() public {
        uint256 challengeId = _challenge(alice, OffenceKind.Plagiarism);
        _uphold(challengeId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlasherErrors.SlasherChallengeNotPending.selector, challengeId, ChallengeStatus.Upheld
            )
        );
        _uphold(challengeId);
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherChallengeNotPending.selector, 7, ChallengeStatus.None)
        );
        _uphold(7);
    }

    function test_upholdChallenge_worksWhilePaused() public {
        uint256 challengeId = _challenge(alice, OffenceKind.Plagiarism);
        vm.startPrank(guardian);
        slasher.pause();
        stakeManager.pause();
        vm.stopPrank();
        (, uint256 slashed) = _uphold(challengeId);
        assertEq(slashed, STAKE / 2);
    }

    function test_rejectChallenge_paysBondToAccused() public {
        uint256 challengeId = _challenge(alice, OffenceKind.Collusion);
        bytes32 offenceId = slasher.challenge(challengeId).offenceId;
        vm.expectEmit(address(slasher));
        emit ChallengeRejected(challengeId, offenceId, alice, CHALLENGE_BOND);
        vm.prank(address(timelock));
        slasher.rejectChallenge(challengeId);
        vm.snapshotGasLastCall("Slasher", "rejectChallenge");

        assertEq(token.balanceOf(alice), CHALLENGE_BOND);
        assertEq(stakeManager.stakeOf(alice), STAKE);
        assertEq(slasher.totalBonds(), 0);
        assertEq(token.balanceOf(address(slasher)), 0);
        assertEq(uint8(slasher.offenceStatus(offenceId)), uint8(OffenceStatus.None));
        _challenge(alice, OffenceKind.Collusion); // may be raised again, at the cost of another bond
    }

    function test_expireChallenge_refundsBond() public {
        uint256 challengeId = _challenge(alice, OffenceKind.Plagiarism);
        uint256 deadline = block.timestamp + CHALLENGE_WINDOW;
        vm.warp(deadline);
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherChallengeDeadlineNotPassed.selector, challengeId, deadline)
        );
        slasher.expireChallenge(challengeId);

        vm.warp(deadline + 1);
        vm.prank(guardian);
        slasher.pause(); // a refund is never held back by a pause
        uint256 bobBefore = token.balanceOf(bob);
        vm.expectEmit(address(slasher));
        emit ChallengeExpired(challengeId, slasher.challenge(challengeId).offenceId, bob, CHALLENGE_BOND);
        vm.prank(mallory);
        slasher.expireChallenge(challengeId);
        vm.snapshotGasLastCall("Slasher", "expireChallenge");

        assertEq(token.balanceOf(bob), bobBefore + CHALLENGE_BOND);
        assertEq(slasher.totalBonds(), 0);
        assertEq(uint8(slasher.challenge(challengeId).status), uint8(ChallengeStatus.Expired));
    }

    /*//////////////////////////////////////////////////////////////
                                 ESCROW
    //////////////////////////////////////////////////////////////*/

    function test_releaseSlash_splitsByShares() public {
        uint256 challengeId = _challenge(alice, OffenceKind.Plagiarism);
        (uint256 escrowId,) = _uphold(challengeId);
        uint256 amount = STAKE / 2;
        vm.warp(block.timestamp + ESCROW_PERIOD);
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        uint256 bobBefore = token.balanceOf(bob);

        vm.expectEmit(address(slasher));
        emit SlashReleased(escrowId, amount * 4 / 10, amount * 2 / 10, amount * 2 / 10, amount * 2 / 10);
        vm.prank(mallory);
        slasher.releaseSlash(escrowId);
        vm.snapshotGasLastCall("Slasher", "releaseSlash");

        assertEq(token.balanceOf(BURN), amount * 4 / 10);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + amount * 2 / 10);
        assertEq(token.balanceOf(bob), bobBefore + amount * 2 / 10, "the challenger's bounty");
        assertEq(token.balanceOf(rewardPool), amount * 2 / 10);
        assertEq(token.balanceOf(address(slasher)), 0);
        assertEq(slasher.totalEscrowed(), 0);
        assertEq(uint8(slasher.escrow(escrowId).status), uint8(EscrowStatus.Released));
    }

    function test_releaseSlash_givesChallengerShareOfAutomaticOffenceToRewardPool() public {
        (, uint256 escrowId, uint256 amount) = _report(alice, OffenceKind.NoReveal, "round-1");
        vm.warp(block.timestamp + ESCROW_PERIOD);
        slasher.releaseSlash(escrowId);
        assertEq(token.balanceOf(rewardPool), amount * 4 / 10);
        assertEq(token.balanceOf(BURN), amount * 4 / 10);
    }

    function test_releaseSlash_givesRoundingRemainderToTreasury() public {
        vm.prank(address(timelock));
        slasher.setSlashShare(OffenceKind.NoReveal, 10_000);
        _stake(carol, 7);
        (, uint256 escrowId,) = _report(carol, OffenceKind.NoReveal, "round-1");
        vm.warp(block.timestamp + ESCROW_PERIOD);
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        vm.expectEmit(address(slasher));
        emit SlashReleased(escrowId, 2, 3, 0, 2); // 7 * 40% = 2.8 → 2; 20% = 1.4 → 1 (twice, pool gets both)
        slasher.releaseSlash(escrowId);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + 3);
    }

    function test_RevertWhen_releaseSlashIsEarlyRepeatedOrPaused() public {
        (, uint256 escrowId,) = _report(alice, OffenceKind.NoReveal, "round-1");
        uint256 releaseAt = block.timestamp + ESCROW_PERIOD;
        vm.warp(releaseAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherEscrowPeriodNotOver.selector, escrowId, releaseAt));
        slasher.releaseSlash(escrowId);

        vm.warp(releaseAt);
        vm.prank(guardian);
        slasher.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        slasher.releaseSlash(escrowId);
        vm.prank(address(timelock));
        slasher.unpause();

        slasher.releaseSlash(escrowId);
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherEscrowNotHeld.selector, escrowId, EscrowStatus.Released)
        );
        slasher.releaseSlash(escrowId);
    }

    function test_reverseSlash_returnsTokensToAccount() public {
        (, uint256 escrowId, uint256 amount) = _report(alice, OffenceKind.Outlier, "round-1");
        vm.warp(block.timestamp + ESCROW_PERIOD - 1);
        vm.expectEmit(address(slasher));
        emit SlashReversed(escrowId, alice, amount);
        vm.prank(address(timelock));
        slasher.reverseSlash(escrowId);
        vm.snapshotGasLastCall("Slasher", "reverseSlash");

        assertEq(token.balanceOf(alice), amount, "paid back liquid, not restaked");
        assertEq(slasher.totalEscrowed(), 0);
        assertEq(uint8(slasher.escrow(escrowId).status), uint8(EscrowStatus.Reversed));
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherEscrowNotHeld.selector, escrowId, EscrowStatus.Reversed)
        );
        slasher.releaseSlash(escrowId);
    }

    function test_RevertWhen_reverseSlashAfterEscrowPeriod() public {
        (, uint256 escrowId,) = _report(alice, OffenceKind.Outlier, "round-1");
        uint256 releaseAt = block.timestamp + ESCROW_PERIOD;
        vm.warp(releaseAt);
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherEscrowPeriodOver.selector, escrowId, releaseAt));
        vm.prank(address(timelock));
        slasher.reverseSlash(escrowId);
    }

    function test_RevertWhen_reverseSlashIsNotGovernance() public {
        (, uint256 escrowId,) = _report(alice, OffenceKind.Outlier, "round-1");
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        slasher.reverseSlash(escrowId);
    }

    function testFuzz_releaseSlash_paysExactlyTheEscrow(uint256 staked, uint16 burnBps, uint16 challengerBps) public {
        staked = bound(staked, 2, 1e26); // at least 2 wei, so the 50% share slashes something
        burnBps = uint16(bound(burnBps, 0, 10_000));
        challengerBps = uint16(bound(challengerBps, 0, 10_000 - burnBps));
        uint16 poolBps = uint16((10_000 - burnBps - challengerBps) / 2);
        uint16 treasuryBps = 10_000 - burnBps - challengerBps - poolBps;
        vm.prank(address(timelock));
        slasher.setReleaseSplit(ReleaseSplit(burnBps, treasuryBps, challengerBps, poolBps));
        _stake(carol, staked);
        uint256 challengeId = _challenge(carol, OffenceKind.Collusion);
        (uint256 escrowId, uint256 amount) = _uphold(challengeId);
        assertGt(escrowId, 0);
        vm.warp(block.timestamp + ESCROW_PERIOD);

        uint256 treasuryBefore = token.balanceOf(address(timelock));
        uint256 bobBefore = token.balanceOf(bob);
        slasher.releaseSlash(escrowId);
        uint256 paid = token.balanceOf(BURN) + token.balanceOf(address(timelock)) - treasuryBefore
            + token.balanceOf(bob) - bobBefore + token.balanceOf(rewardPool);
        assertEq(paid, amount);
        assertEq(token.balanceOf(address(slasher)), 0);
        assertLe(token.balanceOf(bob) - bobBefore, amount * challengerBps / 10_000);
    }

    /*//////////////////////////////////////////////////////////////
                          FRONT-RUNNING A SLASH
    //////////////////////////////////////////////////////////////*/

    /// @dev Alice sees a challenge against her in the mempool and unstakes everything before it lands. The stake
    /// sits in her unbonding queue for the unbonding period, which outlasts the challenge window plus the escrow
    /// period, so the arbiter's ruling still reaches it, and she withdraws only what is left.
    function test_frontRunSlash_unstakingDoesNotEscapeChallenge() public {
        vm.prank(alice);
        stakeManager.requestUnstake(STAKE);
        uint256 releaseAt = block.timestamp + UNBONDING_PERIOD;
        assertEq(stakeManager.stakeOf(alice), 0);

        uint256 challengeId = _challenge(alice, OffenceKind.Plagiarism);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerNothingToWithdraw.selector, alice, releaseAt)
        );
        vm.prank(alice);
        stakeManager.withdraw();

        // The arbiter (governance) rules at the very end of the window; the stake is still there.
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        assertLt(block.timestamp, releaseAt);
        (, uint256 slashed) = _uphold(challengeId);
        assertEq(slashed, STAKE / 2, "taken from the unbonding queue");
        assertEq(stakeManager.unbondingOf(alice), STAKE / 2);

        vm.warp(releaseAt);
        vm.prank(alice);
        assertEq(stakeManager.withdraw(), STAKE / 2);
        assertEq(token.balanceOf(alice), STAKE / 2);
    }

    /// @dev The same race against the scoring module's automatic report: the unstake lands first, in the same block.
    function test_frontRunSlash_unstakingDoesNotEscapeAutomaticOffence() public {
        vm.prank(alice);
        stakeManager.requestUnstake(STAKE);
        (,, uint256 slashed) = _report(alice, OffenceKind.Outlier, "round-1");
        assertEq(slashed, STAKE * 200 / 10_000);
        assertEq(stakeManager.unbondingOf(alice), STAKE - slashed);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    function test_setWindows_cannotExceedUnbondingPeriod() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherInvalidWindows.selector, 20 days, 8 days + 1, UNBONDING_PERIOD)
        );
        slasher.setWindows(20 days, 8 days + 1);
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidWindows.selector, 0, 1, UNBONDING_PERIOD));
        slasher.setWindows(0, 1);
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidWindows.selector, 1, 0, UNBONDING_PERIOD));
        slasher.setWindows(1, 0);

        vm.expectEmit(address(slasher));
        emit WindowsSet(20 days, 8 days);
        slasher.setWindows(20 days, 8 days);
        vm.stopPrank();
        assertEq(slasher.slashingWindow(), UNBONDING_PERIOD);
    }

    /// @dev Both directions of the rule: the unbonding period cannot drop under the windows, and the windows cannot
    /// grow over the unbonding period, whichever is changed first.
    function test_windowsAndUnbondingPeriod_boundEachOther() public {
        vm.startPrank(address(timelock));
        vm.expectPartialRevert(IStakeManagerErrors.StakeManagerInvalidUnbondingPeriod.selector);
        stakeManager.setUnbondingPeriod(CHALLENGE_WINDOW + ESCROW_PERIOD - 1);
        stakeManager.setUnbondingPeriod(60 days);
        slasher.setWindows(30 days, 30 days);
        vm.expectPartialRevert(IStakeManagerErrors.StakeManagerInvalidUnbondingPeriod.selector);
        stakeManager.setUnbondingPeriod(60 days - 1);
        vm.stopPrank();
    }

    function test_setters_updateSettings() public {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(slasher));
        emit ChallengeBondSet(5 ether);
        slasher.setChallengeBond(5 ether);
        vm.expectEmit(address(slasher));
        emit SlashShareSet(OffenceKind.Collusion, 10_000);
        slasher.setSlashShare(OffenceKind.Collusion, 10_000);
        vm.expectEmit(address(slasher));
        emit ReleaseSplitSet(0, 10_000, 0, 0);
        slasher.setReleaseSplit(ReleaseSplit(0, 10_000, 0, 0));
        vm.expectEmit(address(slasher));
        emit TreasurySet(carol);
        slasher.setTreasury(carol);
        vm.expectEmit(address(slasher));
        emit RewardPoolSet(carol);
        slasher.setRewardPool(carol);
        vm.stopPrank();
        assertEq(slasher.challengeBond(), 5 ether);
        assertEq(slasher.slashShare(OffenceKind.Collusion), 10_000);
        assertEq(slasher.releaseSplit().treasuryBps, 10_000);
        assertEq(slasher.treasury(), carol);
        assertEq(slasher.rewardPool(), carol);
    }

    function test_RevertWhen_settersGetInvalidValues() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidChallengeBond.selector, 0));
        slasher.setChallengeBond(0);
        uint256 tooLarge = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidChallengeBond.selector, tooLarge));
        slasher.setChallengeBond(tooLarge);
        vm.expectRevert(
            abi.encodeWithSelector(ISlasherErrors.SlasherInvalidShare.selector, OffenceKind.NoReveal, 10_001)
        );
        slasher.setSlashShare(OffenceKind.NoReveal, 10_001);
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidReleaseSplit.selector, 1, 1, 1, 1));
        slasher.setReleaseSplit(ReleaseSplit(1, 1, 1, 1));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidRecipient.selector, address(0)));
        slasher.setTreasury(address(0));
        vm.expectRevert(abi.encodeWithSelector(ISlasherErrors.SlasherInvalidRecipient.selector, address(0)));
        slasher.setRewardPool(address(0));
        vm.stopPrank();
    }

    function test_RevertWhen_settersAreNotGovernance() public {
        vm.startPrank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        slasher.setChallengeBond(1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        slasher.setWindows(1, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        slasher.setSlashShare(OffenceKind.NoReveal, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        slasher.setTreasury(guardian);
        vm.stopPrank();
    }

    function test_upgrade_keepsStateAndNeedsGovernance() public {
        _report(alice, OffenceKind.NoReveal, "round-1");
        Slasher next = new Slasher(token, stakeManager);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, scoring));
        vm.prank(scoring);
        slasher.upgradeToAndCall(address(next), "");
        vm.prank(address(timelock));
        slasher.upgradeToAndCall(address(next), "");
        assertEq(slasher.escrowCount(), 1);
        assertEq(slasher.challengeBond(), CHALLENGE_BOND);
        assertEq(slasher.treasury(), address(timelock));
    }

    function test_typesAreExported() public pure {
        // The enums are part of the ABI the SDK decodes: their order is fixed.
        assertEq(uint8(ISlasherTypes.OffenceKind.Collusion), 4);
        assertEq(uint8(ISlasherTypes.ChallengeStatus.Expired), 4);
        assertEq(uint8(ISlasherTypes.EscrowStatus.Reversed), 3);
    }
}
