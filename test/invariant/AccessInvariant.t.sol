// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../../src/Roles.sol";
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
        handler =
            new AccessHandler(accessManager, timelock, governor, token, registry, splitter, market, guardian, actors);
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
        assertEq(registry.royaltyRate(), ROYALTY_BPS);
        assertEq(registry.maxCommitAge(), MAX_COMMIT_AGE);
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
