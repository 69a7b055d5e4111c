// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Deploy} from "../../script/Deploy.s.sol";
import {DeployProtocol} from "../../script/DeployProtocol.sol";
import {Roles} from "../../src/Roles.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Runs the deployment script itself, with its environment-driven configuration.
/// @dev One test function on purpose: `vm.setEnv` is process-wide, so tests that set variables would race with
/// tests that read the defaults if they ran in parallel.
contract DeployScriptTest is Test {
    function test_run_deploysDeterministicallyFromEnvironment() public {
        uint256 fresh = vm.snapshotState();

        // Local defaults.
        DeployProtocol.Deployment memory first = new Deploy().run();
        assertEq(block.chainid, 31_337);
        assertEq(first.timelock.getMinDelay(), 60, "short local timelock");
        assertEq(first.governor.votingPeriod(), 300);
        assertEq(first.token.balanceOf(address(first.timelock)), first.token.TOTAL_SUPPLY());
        (bool timelockIsAdmin,) = first.accessManager.hasRole(Roles.ADMIN, address(first.timelock));
        assertTrue(timelockIsAdmin);
        assertEq(first.stakeManager.unbondingPeriod(), 2 hours, "short local unbonding");
        assertEq(first.slasher.challengeWindow(), 1 hours);
        assertEq(first.slasher.escrowPeriod(), 1 hours);
        assertEq(first.slasher.rewardPool(), address(first.scoring), "no reward pool named: the ScoringManager");
        // Scoring draws from the StakeManager, reports to the Slasher and writes to the registry.
        (bool scoringHasRole,) = first.accessManager.hasRole(Roles.SCORING, address(first.scoring));
        assertTrue(scoringHasRole);
        assertEq(address(first.scoring.stakeManager()), address(first.stakeManager));
        assertEq(address(first.scoring.slasher()), address(first.slasher));
        assertEq(address(first.scoring.registry()), address(first.registry));
        assertEq(first.scoring.parameters().commitWindow, 10 minutes, "short local windows");
        assertEq(address(first.scoring.sortitionPool()), address(first.sortitionPool));
        assertEq(
            first.accessManager.getTargetFunctionRole(address(first.sortitionPool), first.sortitionPool.draw.selector),
            Roles.SCORING
        );
        assertEq(
            first.accessManager.getTargetFunctionRole(address(first.stakeManager), first.stakeManager.lock.selector),
            Roles.SCORING
        );
        assertEq(first.stakeManager.slasher(), address(first.slasher));
        (bool slasherMaySlash,) = first.accessManager.hasRole(Roles.SLASHER, address(first.slasher));
        assertTrue(slasherMaySlash);
        // Royalties and licenses are wired to each other and to the registry before the deployer steps down.
        assertEq(first.registry.royaltySplitter(), address(first.splitter));
        assertEq(first.splitter.REGISTRY(), address(first.registry));
        assertEq(first.splitter.inboxFactory(), address(first.inboxFactory));
        assertEq(first.splitter.marketplace(), address(first.market));
        assertEq(first.market.SPLITTER(), address(first.splitter));
        (uint16 upstreamBps, uint8 upstreamDepth) = first.splitter.upstream();
        assertEq(upstreamBps, 1000);
        assertEq(upstreamDepth, 3);
        (uint16 feeBps, address treasury) = first.market.protocolFee();
        assertEq(feeBps, 250);
        assertEq(treasury, address(first.timelock));

        // Same inputs, same addresses.
        vm.revertToState(fresh);
        DeployProtocol.Deployment memory again = new Deploy().run();
        assertEq(address(again.accessManager), address(first.accessManager));
        assertEq(address(again.token), address(first.token));
        assertEq(address(again.governor), address(first.governor));
        assertEq(address(again.stakeManager), address(first.stakeManager));
        assertEq(address(again.slasher), address(first.slasher));

        // Settings from the environment; a new salt moves every address.
        vm.revertToState(fresh);
        address guardian = makeAddr("env guardian");
        vm.setEnv("DAIMM_GUARDIAN", vm.toString(guardian));
        vm.setEnv("DAIMM_TIMELOCK_DELAY", "86400");
        vm.setEnv("DAIMM_QUORUM_PERCENT", "10");
        vm.setEnv("DAIMM_PROTOCOL_FEE_BPS", "100");
        vm.setEnv("DAIMM_UPSTREAM_BPS", "2000");
        vm.setEnv("DAIMM_SALT", vm.toString(keccak256("another")));
        address pool = makeAddr("env reward pool");
        vm.setEnv("DAIMM_REWARD_POOL", vm.toString(pool));
        vm.setEnv("DAIMM_UNBONDING_PERIOD", "2592000");
        vm.setEnv("DAIMM_CHALLENGE_WINDOW", "1209600");
        vm.setEnv("DAIMM_VALIDATOR_MIN_STAKE", "5000000000000000000000");
        vm.setEnv("DAIMM_REVEAL_WINDOW", "7200");
        DeployProtocol.Deployment memory custom = new Deploy().run();
        (bool isGuardian,) = custom.accessManager.hasRole(Roles.GUARDIAN, guardian);
        assertTrue(isGuardian);
        assertEq(custom.timelock.getMinDelay(), 1 days);
        assertEq(custom.governor.quorumNumerator(), 10);
        (uint16 customFee,) = custom.market.protocolFee();
        assertEq(customFee, 100);
        (uint16 customUpstream,) = custom.splitter.upstream();
        assertEq(customUpstream, 2000);
        assertTrue(address(custom.token) != address(first.token));
        assertEq(custom.slasher.rewardPool(), pool);
        assertEq(custom.stakeManager.unbondingPeriod(), 30 days);
        assertEq(custom.slasher.challengeWindow(), 14 days);
        assertEq(custom.stakeManager.validatorMinStake(), 5000 ether);
        assertEq(custom.scoring.parameters().revealWindow, 2 hours);
    }
}
