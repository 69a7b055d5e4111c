// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../../src/Roles.sol";
import {IStakeManager} from "../../src/interfaces/IStakeManager.sol";
import {Base} from "../Base.t.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";

/// @notice Staking and slashing under random sequences of stakes, unstakes, withdrawals, locks, automatic offences,
/// challenges, rulings, releases, reversals, pauses, parameter changes and time, with a hostile contract staker
/// among the actors that front-runs slashes, flash-stakes and calls privileged functions.
contract StakingInvariantTest is Base {
    StakingHandler internal handler;

    function setUp() public override {
        super.setUp();
        _grantRole(Roles.SCORING, scoring);
        // Shorter periods than in production, so that a run of a few dozen calls sees requests mature, challenges
        // expire and escrows end; the handler keeps governance changes in the same range.
        vm.startPrank(address(timelock));
        slasher.setWindows(1 days, 1 days);
        stakeManager.setUnbondingPeriod(3 days);
        vm.stopPrank();
        address[] memory stakers = new address[](4);
        stakers[0] = alice;
        stakers[1] = bob;
        stakers[2] = carol;
        stakers[3] = mallory;
        handler = new StakingHandler(stakeManager, slasher, token, scoring, address(timelock), guardian, stakers);
        // Everyone starts funded and staked as a validator, through the handler so the model knows.
        for (uint256 i; i < handler.actorCount(); ++i) {
            _fund(handler.actors(i), 1_000_000 ether);
            handler.stake(i, 100_000 ether, true);
        }

        bytes4[] memory selectors = new bytes4[](22);
        selectors[0] = StakingHandler.stake.selector;
        selectors[1] = StakingHandler.requestUnstake.selector;
        selectors[2] = StakingHandler.unstakeLockedStake.selector;
        selectors[3] = StakingHandler.withdraw.selector;
        selectors[4] = StakingHandler.registerValidator.selector;
        selectors[5] = StakingHandler.hostileFlashStake.selector;
        selectors[6] = StakingHandler.hostilePrivilegedCall.selector;
        selectors[7] = StakingHandler.lock.selector;
        selectors[8] = StakingHandler.unlock.selector;
        selectors[9] = StakingHandler.reportOffence.selector;
        selectors[10] = StakingHandler.openChallenge.selector;
        selectors[11] = StakingHandler.ruleOnChallenge.selector;
        selectors[12] = StakingHandler.expireChallenge.selector;
        selectors[13] = StakingHandler.releaseSlash.selector;
        selectors[14] = StakingHandler.reverseSlash.selector;
        selectors[15] = StakingHandler.warp.selector;
        selectors[16] = StakingHandler.togglePause.selector;
        selectors[17] = StakingHandler.setUnbondingPeriod.selector;
        selectors[18] = StakingHandler.setWindows.selector;
        selectors[19] = StakingHandler.setMinimumStakes.selector;
        selectors[20] = StakingHandler.retrySettledChallenge.selector;
        selectors[21] = StakingHandler.setSlashShare.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Custody is exact. The StakeManager holds exactly the active plus the unbonding stake of its stakers; the
    /// Slasher holds exactly the escrowed slashes plus the bonds of pending challenges; and every token staked is
    /// active, unbonding, withdrawn or slashed, every slashed token escrowed, released or reversed.
    function invariant_balancesMatchLedgers() public view {
        uint256 active = handler.ghost_totalActive();
        uint256 unbonding = handler.ghost_totalUnbonding();
        assertEq(stakeManager.totalStaked(), active, "total staked");
        assertEq(stakeManager.totalUnbonding(), unbonding, "total unbonding");
        assertEq(token.balanceOf(address(stakeManager)), active + unbonding, "StakeManager balance");

        assertEq(slasher.totalBonds(), handler.ghost_bondsHeld(), "bonds");
        assertEq(token.balanceOf(address(slasher)), slasher.totalEscrowed() + slasher.totalBonds(), "Slasher balance");

        uint256 inCustody = handler.ghost_deposited() - handler.ghost_withdrawn() - handler.ghost_slashed();
        assertEq(token.balanceOf(address(stakeManager)), inCustody, "staked tokens conserved");
        uint256 escrowed = handler.ghost_slashed() - handler.ghost_released() - handler.ghost_reversed();
        assertEq(slasher.totalEscrowed(), escrowed, "slashed tokens conserved");
    }

    /// @dev Each account matches the model: stake, lock, registration, and the unbonding queue (amounts and release
    /// times, in order). What went in equals what is staked, unbonding, withdrawn or slashed, so nobody takes out
    /// (by withdrawal or a reversed slash) more than they staked. Locked stake leaves active stake only by
    /// slashing, never by an unstake, so it is never withdrawn. The validator set holds exactly the registered
    /// stakers at or above the validator minimum (the handler syncs everyone when the minimum changes).
    function invariant_accountsMatchModel() public view {
        uint256 minimum = stakeManager.validatorMinStake();
        uint256 members;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address account = handler.actors(i);
            (
                uint256 deposited,
                uint256 withdrawn,
                uint256 slashed,
                uint256 slashedFromActive,
                uint256 reversed,
                uint256 active,
                uint256 locked,
                bool registered
            ) = handler.ledger(account);
            assertEq(stakeManager.stakeOf(account), active, "active");
            assertEq(stakeManager.lockedOf(account), locked, "locked");
            assertEq(stakeManager.isRegisteredValidator(account), registered, "registered");
            uint256 unbonding = stakeManager.unbondingOf(account);
            assertEq(deposited, active + unbonding + withdrawn + slashed, "per-account conservation");
            assertLe(withdrawn + reversed, deposited, "never more out than in");
            assertGe(active + slashedFromActive, locked, "locked stake only leaves by slashing");
            bool qualifies = registered && active >= minimum;
            assertEq(stakeManager.isValidator(account), qualifies, "validator");
            if (qualifies) ++members;

            IStakeManager.UnbondingRequest[] memory requests = stakeManager.unbondingRequests(account);
            StakingHandler.GhostRequest[] memory expected = handler.queueOf(account);
            assertEq(requests.length, expected.length, "queue length");
            uint256 sum;
            for (uint256 j; j < requests.length; ++j) {
                assertEq(requests[j].amount, expected[j].amount, "request amount");
                assertEq(requests[j].releaseAt, expected[j].releaseAt, "release time");
                sum += requests[j].amount;
            }
            assertEq(sum, unbonding, "unbonding");
        }
        assertEq(handler.ghost_lockedUnstakes(), 0, "an unstake reached locked stake");
        assertEq(stakeManager.validatorCount(), members, "validator set size");
        for (uint256 i; i < members; ++i) {
            assertTrue(stakeManager.isValidator(stakeManager.validatorAt(i)), "validator set member");
        }
    }

    /// @dev Stake comes back only through matured requests, and only for what they still hold.
    function invariant_noWithdrawalBeforeDelay() public view {
        assertEq(handler.ghost_earlyWithdrawals(), 0);
    }

    /// @dev Every slash took exactly its share of active plus unbonding stake, so unbonding stake (front-run or not)
    /// is reached and nothing beyond what exists is taken; and no offence was slashed or pursued twice.
    function invariant_slashesAreExactAndOnce() public view {
        assertEq(handler.ghost_slashMismatches(), 0, "slash amount");
        assertEq(handler.ghost_doubleSlashes(), 0, "double slash");
    }

    /// @dev Every stake the model recorded at a closed timestamp still reads the same.
    function invariant_pastCheckpointsNeverChange() public view {
        uint256 count = handler.sampleCount();
        for (uint256 i; i < count; ++i) {
            StakingHandler.Sample memory past = handler.sample(i);
            assertEq(stakeManager.stakeAt(past.account, past.timepoint), past.stake);
        }
    }

    /// @dev Pending slashes hold the stake they need: each account's hold is the sum its pending challenges took, and
    /// no withdrawal (the escaper's, during a challenge or a pause) took slashable stake below it or paid while
    /// paused. A challenge copied from the mempool (no commitment of the copier's own from an earlier block) never
    /// opened.
    function invariant_pendingSlashesHoldTheirStake() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address account = handler.actors(i);
            assertEq(stakeManager.heldOf(account), handler.ghost_held(account), "hold");
        }
        assertEq(handler.ghost_escapes(), 0, "escape");
        assertEq(handler.ghost_copiedChallenges(), 0, "copied challenge");
    }

    /// @dev The challenge state machine: every ruling or expiry left exactly its status, and a settled challenge
    /// refused every further uphold, reject and expiry.
    function invariant_settledChallengesAreFinal() public view {
        assertEq(handler.ghost_challengeStatusMismatches(), 0, "status");
        assertEq(handler.ghost_settledChallengeRulings(), 0, "settled challenge ruled again");
    }

    /// @dev Slashing can always finish before unbonding stake leaves; no window or deadline was bypassed; a pause
    /// stopped entries (stake, unstake, challenges, releases) and never exits (withdrawals, slashing, expiries); and
    /// the hostile staker never got through a privileged function.
    function invariant_rulesAndRolesHold() public view {
        assertLe(slasher.slashingWindow(), stakeManager.unbondingPeriod(), "window fits unbonding");
        assertEq(handler.ghost_ruleViolations(), 0, "rule");
        assertEq(handler.ghost_pauseViolations(), 0, "pause");
        assertEq(handler.ghost_unauthorizedSuccesses(), 0, "role");
    }
}
