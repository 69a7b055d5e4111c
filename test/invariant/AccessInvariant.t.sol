// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../../src/Roles.sol";
import {ISlasherTypes} from "../../src/interfaces/ISlasher.sol";
import {Base} from "../Base.t.sol";
import {AccessHandler} from "./handlers/AccessHandler.sol";

/// @notice Nothing privileged is callable except through the roles the deployment granted.
contract AccessInvariantTest is Base {
    AccessHandler internal handler;
    uint256 internal treasuryAtStart;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](5);
        actors[0] = deployer;
        actors[1] = guardian;
        actors[2] = alice;
        actors[3] = bob;
        actors[4] = mallory;
        // State in which every privileged staking call would succeed if its role check were missing.
        _grantRole(Roles.SCORING, scoring);
        _stakeAsValidator(carol, 100_000 ether);
        vm.startPrank(scoring);
        stakeManager.lock(carol, 1 ether);
        slasher.reportOffence(carol, ISlasherTypes.OffenceKind.NoReveal, "round-0", type(uint256).max, address(0));
        vm.stopPrank();
        _fund(rewardPool, CHALLENGE_BOND);
        vm.startPrank(rewardPool);
        token.approve(address(slasher), CHALLENGE_BOND);
        slasher.commitChallenge(
            slasher.challengeCommitmentOf(rewardPool, carol, ISlasherTypes.OffenceKind.Plagiarism, hex"01", bytes32(0))
        );
        vm.roll(block.number + 1);
        slasher.openChallenge(carol, ISlasherTypes.OffenceKind.Plagiarism, hex"01", bytes32(0));
        vm.stopPrank();

        handler = new AccessHandler(
            AccessHandler.Protocol(
                accessManager, timelock, governor, token, registry, stakeManager, slasher, splitter, market
            ),
            carol,
            guardian,
            actors
        );
        treasuryAtStart = token.balanceOf(address(timelock));
        targetContract(address(handler));
    }

    function invariant_noUnauthorizedCallSucceeds() public view {
        assertEq(handler.ghost_unauthorizedSuccesses(), 0);
    }

    function invariant_timelockIsSoleAdmin() public view {
        (bool timelockIsAdmin,) = accessManager.hasRole(Roles.ADMIN, address(timelock));
        assertTrue(timelockIsAdmin);
        for (uint256 i; i < 5; ++i) {
            address actor = handler.actors(i);
            (bool isAdmin,) = accessManager.hasRole(Roles.ADMIN, actor);
            assertFalse(isAdmin);
            assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), actor));
            assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), actor));
        }
    }

    function invariant_governanceUnchanged() public view {
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD);
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT);
        assertEq(governor.timelock(), address(timelock));
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY);
        assertEq(token.balanceOf(address(timelock)), treasuryAtStart);
        assertFalse(accessManager.isTargetClosed(address(governor)));
        assertFalse(accessManager.isTargetClosed(address(stakeManager)));
        assertFalse(accessManager.isTargetClosed(address(slasher)));
        // Staking and slashing settings, and the state prepared in setUp, are as governance left them.
        assertEq(stakeManager.unbondingPeriod(), UNBONDING_PERIOD);
        assertEq(stakeManager.validatorMinStake(), VALIDATOR_MIN_STAKE);
        assertEq(stakeManager.slasher(), address(slasher));
        assertEq(stakeManager.lockedOf(carol), 1 ether);
        assertEq(slasher.slashingWindow(), CHALLENGE_WINDOW + ESCROW_PERIOD);
        assertEq(slasher.challengeBond(), CHALLENGE_BOND);
        assertEq(slasher.treasury(), address(timelock));
        assertEq(uint8(slasher.challenge(1).status), uint8(ISlasherTypes.ChallengeStatus.Pending));
        assertEq(uint8(slasher.escrow(1).status), uint8(ISlasherTypes.EscrowStatus.Held));
        assertFalse(stakeManager.paused());
        assertFalse(registry.paused());
        assertEq(registry.royaltyRate(), ROYALTY_BPS);
        assertEq(registry.maxCommitAge(), MAX_COMMIT_AGE);
        assertFalse(slasher.paused());
        assertFalse(splitter.paused());
        assertFalse(market.paused());
        assertEq(registry.royaltySplitter(), address(splitter));
        (uint16 upstreamBps, uint8 upstreamDepth) = splitter.upstream();
        assertEq(upstreamBps, UPSTREAM_BPS);
        assertEq(upstreamDepth, UPSTREAM_DEPTH);
        assertEq(splitter.marketplace(), address(market));
        (uint16 feeBps, address treasury) = market.protocolFee();
        assertEq(feeBps, PROTOCOL_FEE_BPS);
        assertEq(treasury, address(timelock));
    }
}
