// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "../../src/DaimmModule.sol";
import {Roles} from "../../src/Roles.sol";
import {StakeManager} from "../../src/StakeManager.sol";
import {IStakeManager, IStakeManagerErrors, IStakeManagerEvents} from "../../src/interfaces/IStakeManager.sol";
import {Base} from "../Base.t.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @dev Stands in for a Slasher with a given window, to test the StakeManager's side of the window rule.
contract WindowStub {
    uint256 public slashingWindow;

    constructor(uint256 window) {
        slashingWindow = window;
    }
}

contract StakeManagerTest is Base, IStakeManagerEvents {
    bytes32 private constant OFFENCE = "offence";
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @dev Holds the SLASHER role directly, so the StakeManager's `slash` can be tested without Slasher policy.
    address internal slashingModule = makeAddr("slashingModule");

    function setUp() public override {
        super.setUp();
        _grantRole(Roles.SCORING, scoring);
        _grantRole(Roles.SLASHER, slashingModule);
        vm.warp(1_800_000_000);
    }

    function _requestUnstake(address account, uint256 amount) internal {
        vm.prank(account);
        stakeManager.requestUnstake(amount);
    }

    function _slash(address account, uint256 amount, bytes32 offenceId) internal returns (uint256) {
        vm.prank(slashingModule);
        return stakeManager.slash(account, amount, offenceId);
    }

    function _lock(address account, uint256 amount) internal {
        vm.prank(scoring);
        stakeManager.lock(account, amount);
    }

    /*//////////////////////////////////////////////////////////////
                               DEPLOYMENT
    //////////////////////////////////////////////////////////////*/

    function test_initialize_setsParameters() public view {
        assertEq(address(stakeManager.token()), address(token));
        assertEq(stakeManager.authority(), address(accessManager));
        assertEq(stakeManager.slasher(), address(slasher));
        assertEq(stakeManager.unbondingPeriod(), UNBONDING_PERIOD);
        assertEq(stakeManager.contributorMinStake(), CONTRIBUTOR_MIN_STAKE);
        assertEq(stakeManager.validatorMinStake(), VALIDATOR_MIN_STAKE);
        assertEq(stakeManager.MAX_UNBONDING_REQUESTS(), 16);
        assertEq(stakeManager.MAX_UNBONDING_PERIOD(), 365 days);
        assertGe(stakeManager.unbondingPeriod(), slasher.slashingWindow());
    }

    function test_initialize_wiresRoles() public view {
        (bool slasherHasRole,) = accessManager.hasRole(Roles.SLASHER, address(slasher));
        assertTrue(slasherHasRole);
        address sm = address(stakeManager);
        assertEq(accessManager.getTargetFunctionRole(sm, StakeManager.slash.selector), Roles.SLASHER);
        assertEq(accessManager.getTargetFunctionRole(sm, StakeManager.lock.selector), Roles.SCORING);
        assertEq(accessManager.getTargetFunctionRole(sm, StakeManager.unlock.selector), Roles.SCORING);
        assertEq(accessManager.getTargetFunctionRole(sm, DaimmModule.pause.selector), Roles.GUARDIAN);
        assertEq(accessManager.getTargetFunctionRole(sm, StakeManager.setUnbondingPeriod.selector), Roles.ADMIN);
        assertEq(accessManager.getTargetFunctionRole(sm, StakeManager.setSlasher.selector), Roles.ADMIN);
        assertEq(accessManager.getTargetFunctionRole(sm, UUPSUpgradeable.upgradeToAndCall.selector), Roles.ADMIN);
    }

    function test_RevertWhen_initializeIsCalledAgain() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        stakeManager.initialize(address(accessManager), 1 days, 1, 1);
    }

    function test_storage_usesErc7201Namespace() public view {
        bytes32 location =
            keccak256(abi.encode(uint256(keccak256("daimm.storage.StakeManager")) - 1)) & ~bytes32(uint256(0xff));
        // The first slot packs the totals: staked (96), unbonding (96), validator count (32), unbonding period (32).
        uint256 totals = uint256(vm.load(address(stakeManager), location));
        assertEq(totals >> 224, UNBONDING_PERIOD);
    }

    function test_clock_isTheTokensClock() public view {
        assertEq(stakeManager.clock(), token.clock());
        assertEq(stakeManager.CLOCK_MODE(), token.CLOCK_MODE());
    }

    /*//////////////////////////////////////////////////////////////
                                  STAKE
    //////////////////////////////////////////////////////////////*/

    function test_stake_pullsTokensAndCheckpoints() public {
        _fund(alice, 5000 ether);
        vm.prank(alice);
        token.approve(address(stakeManager), 5000 ether);
        vm.expectEmit(address(stakeManager));
        emit Staked(alice, 5000 ether, 5000 ether);
        vm.prank(alice);
        stakeManager.stake(5000 ether);
        vm.snapshotGasLastCall("StakeManager", "stake_first");

        assertEq(token.balanceOf(address(stakeManager)), 5000 ether);
        assertEq(token.balanceOf(alice), 0);
        assertEq(stakeManager.stakeOf(alice), 5000 ether);
        assertEq(stakeManager.totalStaked(), 5000 ether);
        assertTrue(stakeManager.isContributor(alice));
        assertFalse(stakeManager.isValidator(alice), "contributors do not validate unless they register");
        assertEq(stakeManager.validatorCount(), 0);
    }

    function test_stake_topsUp() public {
        _stake(alice, 5000 ether);
        vm.warp(block.timestamp + 1);
        _fund(alice, 3000 ether);
        vm.prank(alice);
        token.approve(address(stakeManager), 3000 ether);
        vm.prank(alice);
        stakeManager.stake(3000 ether);
        vm.snapshotGasLastCall("StakeManager", "stake_topup");
        assertEq(stakeManager.stakeOf(alice), 8000 ether);
        assertEq(stakeManager.totalStaked(), 8000 ether);
    }

    function test_stakeAsValidator_registersAndJoinsSet() public {
        _fund(alice, VALIDATOR_MIN_STAKE);
        vm.prank(alice);
        token.approve(address(stakeManager), VALIDATOR_MIN_STAKE);
        vm.expectEmit(address(stakeManager));
        emit ValidatorRegistered(alice);
        vm.expectEmit(address(stakeManager));
        emit ValidatorActivated(alice, 1);
        vm.expectEmit(address(stakeManager));
        emit Staked(alice, VALIDATOR_MIN_STAKE, VALIDATOR_MIN_STAKE);
        vm.prank(alice);
        stakeManager.stakeAsValidator(VALIDATOR_MIN_STAKE);
        vm.snapshotGasLastCall("StakeManager", "stakeAsValidator_first");

        assertTrue(stakeManager.isRegisteredValidator(alice));
        assertTrue(stakeManager.isValidator(alice));
        assertEq(stakeManager.validatorCount(), 1);
        assertEq(stakeManager.validatorAt(0), alice);
    }

    function test_stakeAsValidator_joinsSetOnlyFromTheMinimum() public {
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE - 1);
        assertTrue(stakeManager.isRegisteredValidator(alice));
        assertFalse(stakeManager.isValidator(alice));
        assertEq(stakeManager.validatorCount(), 0);

        _stake(alice, 1);
        assertTrue(stakeManager.isValidator(alice));
        assertEq(stakeManager.validatorAt(0), alice);
    }

    function test_RevertWhen_stakeIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManagerErrors.StakeManagerZeroAmount.selector, alice));
        vm.prank(alice);
        stakeManager.stake(0);
    }

    function test_RevertWhen_stakeIsNotApproved() public {
        _fund(alice, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(stakeManager), 0, 1 ether)
        );
        vm.prank(alice);
        stakeManager.stake(1 ether);
    }

    function test_RevertWhen_stakeWhilePaused() public {
        _fund(alice, 1 ether);
        vm.prank(guardian);
        stakeManager.pause();
        vm.startPrank(alice);
        token.approve(address(stakeManager), 1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        stakeManager.stake(1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        stakeManager.stakeAsValidator(1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        stakeManager.registerValidator();
        vm.stopPrank();
    }

    function _signPermit(uint256 key, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, address(stakeManager), value, token.nonces(owner), deadline)
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    function test_stakeWithPermit_stakesWithoutApproval() public {
        _fund(alice, VALIDATOR_MIN_STAKE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, VALIDATOR_MIN_STAKE, deadline);
        vm.prank(alice);
        stakeManager.stakeWithPermit(VALIDATOR_MIN_STAKE, true, deadline, v, r, s);
        assertEq(stakeManager.stakeOf(alice), VALIDATOR_MIN_STAKE);
        assertTrue(stakeManager.isValidator(alice));
        assertEq(token.allowance(alice, address(stakeManager)), 0);
    }

    function test_stakeWithPermit_survivesFrontRunPermit() public {
        _fund(alice, 100 ether);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, 100 ether, deadline);
        // Someone submits the permit first: the nonce is used, but the allowance is in place.
        vm.prank(mallory);
        token.permit(alice, address(stakeManager), 100 ether, deadline, v, r, s);
        vm.prank(alice);
        stakeManager.stakeWithPermit(100 ether, false, deadline, v, r, s);
        assertEq(stakeManager.stakeOf(alice), 100 ether);
        assertFalse(stakeManager.isRegisteredValidator(alice));
    }

    /*//////////////////////////////////////////////////////////////
                              VALIDATOR SET
    //////////////////////////////////////////////////////////////*/

    function test_registerValidator_addsStakedAccount() public {
        _stake(alice, VALIDATOR_MIN_STAKE);
        vm.prank(alice);
        stakeManager.registerValidator();
        assertTrue(stakeManager.isValidator(alice));
        assertEq(stakeManager.validatorCount(), 1);
    }

    function test_RevertWhen_registerValidatorTwice() public {
        _stakeAsValidator(alice, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerValidatorRegistrationUnchanged.selector, alice, true)
        );
        vm.prank(alice);
        stakeManager.registerValidator();
    }

    function test_RevertWhen_deregisterValidatorUnregistered() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerValidatorRegistrationUnchanged.selector, alice, false
            )
        );
        vm.prank(alice);
        stakeManager.deregisterValidator();
    }

    function test_deregisterValidator_swapsLastMemberIntoGap() public {
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE);
        _stakeAsValidator(bob, VALIDATOR_MIN_STAKE);
        _stakeAsValidator(carol, VALIDATOR_MIN_STAKE);

        vm.expectEmit(address(stakeManager));
        emit ValidatorDeregistered(alice);
        vm.expectEmit(address(stakeManager));
        emit ValidatorDeactivated(alice, 1);
        vm.prank(alice);
        stakeManager.deregisterValidator();

        assertEq(stakeManager.validatorCount(), 2);
        assertEq(stakeManager.validatorAt(0), carol);
        assertEq(stakeManager.validatorAt(1), bob);
        assertFalse(stakeManager.isValidator(alice));
        assertEq(stakeManager.stakeOf(alice), VALIDATOR_MIN_STAKE, "stake stays");

        // Carol's recorded position followed the move: removing her now must leave bob alone in the set.
        vm.prank(carol);
        stakeManager.deregisterValidator();
        assertEq(stakeManager.validatorCount(), 1);
        assertEq(stakeManager.validatorAt(0), bob);
    }

    function test_deregisterValidator_worksWhilePaused() public {
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE);
        vm.prank(guardian);
        stakeManager.pause();
        vm.prank(alice);
        stakeManager.deregisterValidator();
        assertEq(stakeManager.validatorCount(), 0);
    }

    function test_syncValidator_followsMinimumChanges() public {
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE);
        vm.prank(address(timelock));
        stakeManager.setMinimumStakes(CONTRIBUTOR_MIN_STAKE, 2 * VALIDATOR_MIN_STAKE);
        assertFalse(stakeManager.isValidator(alice), "the live check follows the new minimum at once");
        assertEq(stakeManager.validatorCount(), 1, "the set is not swept");

        stakeManager.syncValidator(alice);
        assertEq(stakeManager.validatorCount(), 0);

        vm.prank(address(timelock));
        stakeManager.setMinimumStakes(CONTRIBUTOR_MIN_STAKE, VALIDATOR_MIN_STAKE);
        stakeManager.syncValidator(alice);
        assertEq(stakeManager.validatorAt(0), alice);
    }

    function test_RevertWhen_validatorAtIsOutOfBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerValidatorIndexOutOfBounds.selector, 0, 0)
        );
        stakeManager.validatorAt(0);
    }

    /*//////////////////////////////////////////////////////////////
                                 UNSTAKE
    //////////////////////////////////////////////////////////////*/

    function test_requestUnstake_queuesStakeThatStopsCounting() public {
        _stakeAsValidator(alice, 2 * VALIDATOR_MIN_STAKE);
        vm.warp(block.timestamp + 1);
        uint256 releaseAt = block.timestamp + UNBONDING_PERIOD;
        vm.expectEmit(address(stakeManager));
        emit UnstakeRequested(alice, 1000 ether, releaseAt, 2 * VALIDATOR_MIN_STAKE - 1000 ether);
        _requestUnstake(alice, 1000 ether);
        vm.snapshotGasLastCall("StakeManager", "requestUnstake");

        assertEq(stakeManager.stakeOf(alice), 2 * VALIDATOR_MIN_STAKE - 1000 ether);
        assertEq(stakeManager.unbondingOf(alice), 1000 ether);
        assertEq(stakeManager.slashableStakeOf(alice), 2 * VALIDATOR_MIN_STAKE);
        assertEq(stakeManager.totalUnbonding(), 1000 ether);
        assertEq(stakeManager.withdrawableOf(alice), 0);
        IStakeManager.UnbondingRequest[] memory requests = stakeManager.unbondingRequests(alice);
        assertEq(requests.length, 1);
        assertEq(requests[0].amount, 1000 ether);
        assertEq(requests[0].releaseAt, releaseAt);
        assertTrue(stakeManager.isValidator(alice));
    }

    function test_requestUnstake_leavesValidatorSetBelowMinimum() public {
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE);
        vm.expectEmit(address(stakeManager));
        emit ValidatorDeactivated(alice, 1);
        _requestUnstake(alice, 1);
        assertEq(stakeManager.validatorCount(), 0);
        assertTrue(stakeManager.isRegisteredValidator(alice), "still registered: a top-up brings it back");
    }

    function test_RevertWhen_requestUnstakeIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManagerErrors.StakeManagerZeroAmount.selector, alice));
        _requestUnstake(alice, 0);
    }

    function test_RevertWhen_requestUnstakeExceedsStake() public {
        _stake(alice, 100 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerInsufficientUnlockedStake.selector, alice, 100 ether, 100 ether + 1
            )
        );
        _requestUnstake(alice, 100 ether + 1);
    }

    function test_RevertWhen_requestUnstakeWhilePaused() public {
        _stake(alice, 100 ether);
        vm.prank(guardian);
        stakeManager.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _requestUnstake(alice, 1 ether);
    }

    function test_RevertWhen_unbondingQueueIsFull() public {
        _stake(alice, 100 ether);
        for (uint256 i; i < 16; ++i) {
            _requestUnstake(alice, 1 ether);
        }
        vm.expectRevert(abi.encodeWithSelector(IStakeManagerErrors.StakeManagerUnbondingQueueFull.selector, alice, 16));
        _requestUnstake(alice, 1 ether);

        // Withdrawing matured requests makes room again.
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(alice);
        stakeManager.withdraw();
        _requestUnstake(alice, 1 ether);
        assertEq(stakeManager.unbondingRequests(alice).length, 1);
    }

    function test_requestUnstake_neverOvertakesEarlierRequest() public {
        _stake(alice, 100 ether);
        _requestUnstake(alice, 1 ether);
        uint256 firstRelease = block.timestamp + UNBONDING_PERIOD;

        // Governance shortens the period (the Slasher's windows first, so the rule allows it).
        vm.startPrank(address(timelock));
        slasher.setWindows(1 days, 1 days);
        stakeManager.setUnbondingPeriod(2 days);
        vm.stopPrank();

        vm.warp(block.timestamp + 1 days);
        _requestUnstake(alice, 2 ether);
        IStakeManager.UnbondingRequest[] memory requests = stakeManager.unbondingRequests(alice);
        assertEq(requests[1].releaseAt, firstRelease, "waits for the earlier request");
    }

    /*//////////////////////////////////////////////////////////////
                                WITHDRAW
    //////////////////////////////////////////////////////////////*/

    function test_withdraw_paysMaturedRequestsOldestFirst() public {
        _fund(alice, 1 ether);
        _stake(alice, 100 ether);
        _requestUnstake(alice, 10 ether);
        vm.warp(block.timestamp + 1 days);
        _requestUnstake(alice, 20 ether);
        vm.warp(block.timestamp + 1 days);
        _requestUnstake(alice, 30 ether);

        vm.warp(block.timestamp - 1 days + UNBONDING_PERIOD);
        assertEq(stakeManager.withdrawableOf(alice), 30 ether);
        vm.expectEmit(address(stakeManager));
        emit Withdrawn(alice, 30 ether, 2);
        vm.prank(alice);
        assertEq(stakeManager.withdraw(), 30 ether);
        vm.snapshotGasLastCall("StakeManager", "withdraw");

        assertEq(token.balanceOf(alice), 31 ether);
        assertEq(stakeManager.unbondingOf(alice), 30 ether);
        assertEq(stakeManager.totalUnbonding(), 30 ether);
        assertEq(token.balanceOf(address(stakeManager)), 100 ether - 30 ether);
        IStakeManager.UnbondingRequest[] memory requests = stakeManager.unbondingRequests(alice);
        assertEq(requests.length, 1);
        assertEq(requests[0].amount, 30 ether);
    }

    function test_RevertWhen_withdrawBeforeRelease() public {
        _stake(alice, 100 ether);
        _requestUnstake(alice, 10 ether);
        uint256 releaseAt = block.timestamp + UNBONDING_PERIOD;
        vm.warp(releaseAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerNothingToWithdraw.selector, alice, releaseAt)
        );
        vm.prank(alice);
        stakeManager.withdraw();
    }

    function test_RevertWhen_withdrawWithNothingUnbonding() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManagerErrors.StakeManagerNothingToWithdraw.selector, alice, 0));
        vm.prank(alice);
        stakeManager.withdraw();
    }

    /// @dev L-2: a guardian pause holds withdrawals too, so stake cannot escape while settlement is stopped.
    function test_withdraw_pausedWithTheModule() public {
        _stake(alice, 100 ether);
        _requestUnstake(alice, 10 ether);
        vm.prank(guardian);
        stakeManager.pause();
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        stakeManager.withdraw();
        vm.prank(address(timelock));
        stakeManager.unpause();
        vm.prank(alice);
        assertEq(stakeManager.withdraw(), 10 ether);
    }

    /// @dev A hold keeps the slashable stake at or above it: matured requests beyond it wait, and leave once released.
    function test_withdraw_stopsAtTheHold() public {
        _stake(alice, 100 ether);
        _requestUnstake(alice, 30 ether);
        _requestUnstake(alice, 30 ether);
        vm.prank(address(slasher));
        stakeManager.hold(alice, 50 ether);
        assertEq(stakeManager.heldOf(alice), 50 ether);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        assertEq(stakeManager.withdrawableOf(alice), 30 ether, "the second request would leave 40 < 50");
        vm.prank(alice);
        assertEq(stakeManager.withdraw(), 30 ether);
        assertEq(stakeManager.slashableStakeOf(alice), 70 ether);
        vm.prank(alice);
        vm.expectRevert();
        stakeManager.withdraw();
        vm.prank(address(slasher));
        stakeManager.releaseHold(alice, 50 ether);
        assertEq(stakeManager.heldOf(alice), 0);
        vm.prank(alice);
        assertEq(stakeManager.withdraw(), 30 ether);
    }

    function test_hold_onlyTheSlasher() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        stakeManager.hold(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        stakeManager.releaseHold(alice, 1);
    }

    function test_withdraw_reusesQueueSlotsAroundTheRing() public {
        _stake(alice, 1000 ether);
        uint256 withdrawn;
        for (uint256 i = 1; i <= 40; ++i) {
            _requestUnstake(alice, i * 1 ether);
            if (i % 3 == 0) {
                vm.warp(block.timestamp + UNBONDING_PERIOD);
                vm.prank(alice);
                withdrawn += stakeManager.withdraw();
            }
        }
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(alice);
        withdrawn += stakeManager.withdraw();
        assertEq(withdrawn, 820 ether, "1 + 2 + ... + 40");
        assertEq(stakeManager.stakeOf(alice), 180 ether);
        assertEq(stakeManager.unbondingOf(alice), 0);
    }

    function testFuzz_stakeUnstakeWithdraw_neverReturnsMoreThanStaked(uint256 staked, uint256 unstaked, uint256 waited)
        public
    {
        staked = bound(staked, 1, RESERVE_ALLOCATION);
        unstaked = bound(unstaked, 1, staked);
        waited = bound(waited, 0, 2 * UNBONDING_PERIOD);
        _stake(alice, staked);
        _requestUnstake(alice, unstaked);
        vm.warp(block.timestamp + waited);
        vm.prank(alice);
        if (waited < UNBONDING_PERIOD) {
            vm.expectRevert();
            stakeManager.withdraw();
        } else {
            assertEq(stakeManager.withdraw(), unstaked);
        }
        assertLe(token.balanceOf(alice), staked);
        assertEq(token.balanceOf(alice) + stakeManager.slashableStakeOf(alice), staked);
    }

    /*//////////////////////////////////////////////////////////////
                                  LOCKS
    //////////////////////////////////////////////////////////////*/

    function test_lock_holdsStakeAgainstUnstaking() public {
        _stake(alice, 100 ether);
        vm.expectEmit(address(stakeManager));
        emit StakeLocked(alice, 60 ether, 60 ether);
        _lock(alice, 60 ether);
        vm.snapshotGasLastCall("StakeManager", "lock");
        assertEq(stakeManager.lockedOf(alice), 60 ether);
        assertEq(stakeManager.unlockedStakeOf(alice), 40 ether);

        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerInsufficientUnlockedStake.selector, alice, 40 ether, 41 ether
            )
        );
        _requestUnstake(alice, 41 ether);
        _requestUnstake(alice, 40 ether);

        vm.expectEmit(address(stakeManager));
        emit StakeUnlocked(alice, 60 ether, 0);
        vm.prank(scoring);
        stakeManager.unlock(alice, 60 ether);
        vm.snapshotGasLastCall("StakeManager", "unlock");
        _requestUnstake(alice, 60 ether);
    }

    function test_RevertWhen_lockExceedsUnlockedStake() public {
        _stake(alice, 100 ether);
        _lock(alice, 70 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerInsufficientUnlockedStake.selector, alice, 30 ether, 31 ether
            )
        );
        _lock(alice, 31 ether);
    }

    function test_RevertWhen_unlockExceedsLockedStake() public {
        _stake(alice, 100 ether);
        _lock(alice, 10 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerInsufficientLockedStake.selector, alice, 10 ether, 11 ether
            )
        );
        vm.prank(scoring);
        stakeManager.unlock(alice, 11 ether);
    }

    function test_RevertWhen_lockIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManagerErrors.StakeManagerZeroAmount.selector, alice));
        _lock(alice, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakeManagerErrors.StakeManagerZeroAmount.selector, alice));
        vm.prank(scoring);
        stakeManager.unlock(alice, 0);
    }

    function test_RevertWhen_lockIsNotCalledByScoring() public {
        _stake(alice, 100 ether);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        stakeManager.lock(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        stakeManager.unlock(alice, 1 ether);
    }

    function test_lock_doesNotShieldStakeFromSlashing() public {
        _stake(alice, 100 ether);
        _lock(alice, 100 ether);
        assertEq(_slash(alice, 30 ether, "offence"), 30 ether);
        assertEq(stakeManager.lockedOf(alice), 100 ether, "the lock is the round's to release");
        assertEq(stakeManager.unlockedStakeOf(alice), 0);
        vm.prank(scoring);
        stakeManager.unlock(alice, 100 ether);
        assertEq(stakeManager.unlockedStakeOf(alice), 70 ether);
    }

    /*//////////////////////////////////////////////////////////////
                                  SLASH
    //////////////////////////////////////////////////////////////*/

    function test_slash_takesActiveStakeFirst() public {
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE + 100 ether);
        _requestUnstake(alice, 100 ether);
        vm.expectEmit(address(stakeManager));
        emit Slashed(alice, "offence", slashingModule, 50 ether, 50 ether, 0);
        assertEq(_slash(alice, 50 ether, "offence"), 50 ether);
        vm.snapshotGasLastCall("StakeManager", "slash");

        assertEq(token.balanceOf(slashingModule), 50 ether);
        assertEq(stakeManager.stakeOf(alice), VALIDATOR_MIN_STAKE - 50 ether);
        assertEq(stakeManager.unbondingOf(alice), 100 ether);
        assertEq(stakeManager.validatorCount(), 0, "fell below the validator minimum");
        assertTrue(stakeManager.isOffenceSlashed("offence"));
    }

    function test_slash_reachesUnbondingStakeNewestFirst() public {
        _stake(alice, 600 ether);
        _requestUnstake(alice, 100 ether);
        _requestUnstake(alice, 200 ether);
        _requestUnstake(alice, 300 ether);

        vm.expectEmit(address(stakeManager));
        emit Slashed(alice, "offence", slashingModule, 400 ether, 0, 400 ether);
        assertEq(_slash(alice, 400 ether, "offence"), 400 ether);

        IStakeManager.UnbondingRequest[] memory requests = stakeManager.unbondingRequests(alice);
        assertEq(requests.length, 2, "the newest request was emptied and left the queue");
        assertEq(requests[0].amount, 100 ether, "the oldest request is untouched");
        assertEq(requests[1].amount, 100 ether);
        assertEq(stakeManager.unbondingOf(alice), 200 ether);
        assertEq(stakeManager.totalUnbonding(), 200 ether);

        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(alice);
        assertEq(stakeManager.withdraw(), 200 ether);
    }

    function test_slash_neverTakesMoreThanExists() public {
        _stake(alice, 100 ether);
        _requestUnstake(alice, 40 ether);
        assertEq(_slash(alice, 1e30, "offence"), 100 ether);
        assertEq(stakeManager.slashableStakeOf(alice), 0);
        assertEq(token.balanceOf(address(stakeManager)), 0);
        assertEq(stakeManager.unbondingRequests(alice).length, 0);
        assertEq(_slash(bob, 1 ether, "nobody"), 0, "nothing to take is not an error");
    }

    function test_RevertWhen_slashRepeatsOffence() public {
        _stake(alice, 100 ether);
        _slash(alice, 0, "offence");
        assertTrue(stakeManager.isOffenceSlashed("offence"), "recorded even when nothing was taken");
        vm.expectRevert(abi.encodeWithSelector(IStakeManagerErrors.StakeManagerOffenceAlreadySlashed.selector, OFFENCE));
        _slash(alice, 1 ether, "offence");
    }

    function test_RevertWhen_slashIsNotCalledBySlasher() public {
        _stake(alice, 100 ether);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, scoring));
        vm.prank(scoring);
        stakeManager.slash(alice, 1 ether, "offence");
    }

    function test_slash_worksWhilePaused() public {
        _stake(alice, 100 ether);
        vm.prank(guardian);
        stakeManager.pause();
        assertEq(_slash(alice, 1 ether, "offence"), 1 ether);
    }

    function testFuzz_slash_takesActiveThenUnbonding(uint256 staked, uint256 unstaked, uint256 amount) public {
        staked = bound(staked, 1, RESERVE_ALLOCATION);
        unstaked = bound(unstaked, 0, staked);
        amount = bound(amount, 0, 2e27);
        _stake(alice, staked);
        if (unstaked != 0) _requestUnstake(alice, unstaked);
        uint256 active = staked - unstaked;

        uint256 slashed = _slash(alice, amount, "offence");
        uint256 expected = amount < staked ? amount : staked;
        assertEq(slashed, expected);
        uint256 fromActive = amount < active ? amount : active;
        assertEq(stakeManager.stakeOf(alice), active - fromActive);
        assertEq(stakeManager.unbondingOf(alice), unstaked - (expected - fromActive));
        assertEq(token.balanceOf(address(stakeManager)), staked - expected);
        assertEq(stakeManager.totalStaked() + stakeManager.totalUnbonding(), staked - expected);
    }

    /// @dev Every loop is bounded by the 16-request queue, so the heaviest withdrawal and slash stay far below
    /// Ethereum's per-transaction cap (EIP-7825), which anvil does not enforce by itself.
    function test_worstCases_fitTransactionGasCap() public {
        uint256 txGasCap = 16_777_216;
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE + 32 ether);
        _stakeAsValidator(bob, VALIDATOR_MIN_STAKE + 32 ether);
        for (uint256 i; i < 16; ++i) {
            _requestUnstake(alice, 1 ether);
            _requestUnstake(bob, 2 ether);
            vm.warp(block.timestamp + 1);
        }
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(alice);
        assertEq(stakeManager.withdraw(), 16 ether);
        uint256 withdrawGas = vm.lastCallGas().gasTotalUsed;
        assertLt(withdrawGas, 200_000);
        assertLt(withdrawGas, txGasCap);

        // Takes all of bob's active stake (leaving the validator set) and then every one of his 16 requests.
        assertEq(_slash(bob, type(uint256).max, OFFENCE), VALIDATOR_MIN_STAKE + 32 ether);
        uint256 slashGas = vm.lastCallGas().gasTotalUsed;
        assertLt(slashGas, 300_000);
        assertLt(slashGas, txGasCap);
        assertEq(stakeManager.unbondingRequests(bob).length, 0);
    }

    /*//////////////////////////////////////////////////////////////
                               CHECKPOINTS
    //////////////////////////////////////////////////////////////*/

    function test_stakeAt_returnsPastStakeThatLaterChangesCannotMove() public {
        uint256 t0 = block.timestamp;
        _stake(alice, 100 ether);
        vm.warp(t0 + 10);
        _requestUnstake(alice, 30 ether);
        vm.warp(t0 + 20);
        _slash(alice, 50 ether, "offence");
        vm.warp(t0 + 30);

        assertEq(stakeManager.stakeAt(alice, t0 - 1), 0);
        assertEq(stakeManager.stakeAt(alice, t0), 100 ether);
        assertEq(stakeManager.stakeAt(alice, t0 + 9), 100 ether);
        assertEq(stakeManager.stakeAt(alice, t0 + 10), 70 ether);
        assertEq(stakeManager.stakeAt(alice, t0 + 20), 20 ether);
        assertEq(stakeManager.stakeAt(alice, t0 + 29), 20 ether);
    }

    function test_stakeAt_keepsOnlyTheLastValueOfATimestamp() public {
        uint256 t0 = block.timestamp;
        _stake(alice, 100 ether);
        _requestUnstake(alice, 100 ether); // a flash stake: in and out at the same timestamp
        vm.warp(t0 + 1);
        assertEq(stakeManager.stakeAt(alice, t0), 0);
    }

    function test_RevertWhen_stakeAtIsNotInThePast() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerFutureLookup.selector, block.timestamp, uint48(block.timestamp)
            )
        );
        stakeManager.stakeAt(alice, block.timestamp);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    function test_setUnbondingPeriod_byGovernance() public {
        vm.expectEmit(address(stakeManager));
        emit UnbondingPeriodSet(40 days);
        vm.prank(address(timelock));
        stakeManager.setUnbondingPeriod(40 days);
        assertEq(stakeManager.unbondingPeriod(), 40 days);
    }

    function test_RevertWhen_unbondingPeriodBelowSlashingWindow() public {
        uint256 window = CHALLENGE_WINDOW + ESCROW_PERIOD;
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerInvalidUnbondingPeriod.selector, window - 1, window, 365 days
            )
        );
        vm.prank(address(timelock));
        stakeManager.setUnbondingPeriod(window - 1);
    }

    function test_RevertWhen_unbondingPeriodAboveMaximum() public {
        uint256 window = CHALLENGE_WINDOW + ESCROW_PERIOD;
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerInvalidUnbondingPeriod.selector, 365 days + 1, window, 365 days
            )
        );
        vm.prank(address(timelock));
        stakeManager.setUnbondingPeriod(365 days + 1);
    }

    function testFuzz_setUnbondingPeriod_neverBelowSlashingWindow(uint256 period) public {
        period = bound(period, 0, 400 days);
        vm.prank(address(timelock));
        try stakeManager.setUnbondingPeriod(period) {} catch {}
        assertGe(stakeManager.unbondingPeriod(), slasher.slashingWindow());
        assertLe(stakeManager.unbondingPeriod(), 365 days);
    }

    function test_RevertWhen_setUnbondingPeriodIsNotGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        stakeManager.setUnbondingPeriod(40 days);
    }

    function test_setSlasher_rejectsWindowLongerThanUnbonding() public {
        WindowStub tooLong = new WindowStub(UNBONDING_PERIOD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManagerErrors.StakeManagerSlashingWindowTooLong.selector,
                address(tooLong),
                UNBONDING_PERIOD + 1,
                UNBONDING_PERIOD
            )
        );
        vm.prank(address(timelock));
        stakeManager.setSlasher(address(tooLong));

        WindowStub fits = new WindowStub(UNBONDING_PERIOD);
        vm.expectEmit(address(stakeManager));
        emit SlasherSet(address(fits));
        vm.prank(address(timelock));
        stakeManager.setSlasher(address(fits));
        assertEq(stakeManager.slasher(), address(fits));
    }

    function test_setSlasher_toZeroLeavesOnlyTheOneSecondMinimum() public {
        vm.startPrank(address(timelock));
        stakeManager.setSlasher(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerInvalidUnbondingPeriod.selector, 0, 1, 365 days)
        );
        stakeManager.setUnbondingPeriod(0);
        stakeManager.setUnbondingPeriod(1);
        vm.stopPrank();
        assertEq(stakeManager.unbondingPeriod(), 1);
    }

    function test_setMinimumStakes_byGovernance() public {
        vm.expectEmit(address(stakeManager));
        emit MinimumStakesSet(1 ether, 2 ether);
        vm.prank(address(timelock));
        stakeManager.setMinimumStakes(1 ether, 2 ether);
        assertEq(stakeManager.contributorMinStake(), 1 ether);
        assertEq(stakeManager.validatorMinStake(), 2 ether);
    }

    function test_RevertWhen_minimumStakeIsZeroOrTooLarge() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerInvalidMinimumStakes.selector, 0, 1 ether)
        );
        stakeManager.setMinimumStakes(0, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerInvalidMinimumStakes.selector, 1 ether, 0)
        );
        stakeManager.setMinimumStakes(1 ether, 0);
        uint256 tooLarge = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManagerErrors.StakeManagerInvalidMinimumStakes.selector, 1 ether, tooLarge)
        );
        stakeManager.setMinimumStakes(1 ether, tooLarge);
        vm.stopPrank();
    }

    function test_upgrade_keepsStateAndNeedsGovernance() public {
        _stakeAsValidator(alice, VALIDATOR_MIN_STAKE);
        _requestUnstake(alice, 1 ether);
        StakeManager next = new StakeManager(token);

        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        stakeManager.upgradeToAndCall(address(next), "");

        vm.prank(address(timelock));
        stakeManager.upgradeToAndCall(address(next), "");
        assertEq(stakeManager.stakeOf(alice), VALIDATOR_MIN_STAKE - 1 ether);
        assertEq(stakeManager.unbondingOf(alice), 1 ether);
        assertEq(stakeManager.unbondingPeriod(), UNBONDING_PERIOD);
        assertEq(stakeManager.slasher(), address(slasher));
        assertTrue(stakeManager.isRegisteredValidator(alice));
    }

    function test_RevertWhen_unpauseIsNotGovernance() public {
        vm.prank(guardian);
        stakeManager.pause();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        stakeManager.unpause();
        vm.prank(address(timelock));
        stakeManager.unpause();
        assertFalse(stakeManager.paused());
    }
}
