// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Deploy} from "../../script/Deploy.s.sol";
import {DeployProtocol} from "../../script/DeployProtocol.sol";
import {Roles} from "../../src/Roles.sol";
import {IDaimmToken} from "../../src/interfaces/IDaimmToken.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Runs the deployment script itself, with its environment-driven configuration.
/// @dev One test function on purpose: `vm.setEnv` is process-wide, so tests that set variables would race with
/// tests that read the defaults if they ran in parallel.
contract DeployScriptTest is Test {
    function test_run_deploysDeterministicallyFromEnvironment() public {
        uint256 fresh = vm.snapshotState();

        // Local defaults.
        DeployProtocol.Deployment memory first = new Deploy().deploy();
        assertEq(block.chainid, 31_337);
        assertEq(first.timelock.getMinDelay(), 60, "short local timelock");
        assertEq(first.governor.votingPeriod(), 300);
        _checkLocalGenesis(first);
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
        assertEq(first.usageAnchors.registry(), address(first.registry), "owners of the registry's models anchor");
        (uint16 upstreamBps, uint8 upstreamDepth) = first.splitter.upstream();
        assertEq(upstreamBps, 1000);
        assertEq(upstreamDepth, 3);
        (uint16 feeBps, address treasury) = first.market.protocolFee();
        assertEq(feeBps, 250);
        assertEq(treasury, address(first.timelock));

        // Same inputs, same addresses.
        vm.revertToState(fresh);
        DeployProtocol.Deployment memory again = new Deploy().deploy();
        assertEq(address(again.accessManager), address(first.accessManager));
        assertEq(address(again.token), address(first.token));
        assertEq(address(again.governor), address(first.governor));
        assertEq(address(again.stakeManager), address(first.stakeManager));
        assertEq(address(again.slasher), address(first.slasher));

        _checkOtherChains(fresh);

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
        DeployProtocol.Deployment memory custom = new Deploy().deploy();
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

    /// @dev Elsewhere, no deployment without a named guardian, then without a genesis file; never the deployer by
    /// default. Runs before DAIMM_GUARDIAN is set for the custom run (the environment is process-wide).
    function _checkOtherChains(uint256 fresh) private {
        vm.revertToState(fresh);
        vm.chainId(8453);
        Deploy script = new Deploy();
        vm.expectRevert(
            bytes(
                "DAIMM_GUARDIAN is not set: on chain 8453 name the account that may pause modules (it is never the deployer by default)"
            )
        );
        script.deploy();
        vm.setEnv("DAIMM_GUARDIAN", vm.toString(makeAddr("base guardian")));
        vm.expectRevert(
            bytes("DAIMM_GENESIS is not set: on chain 8453 name the genesis distribution file (see docs/deployment.md)")
        );
        script.deploy();
        vm.setEnv("DAIMM_GENESIS", string.concat(vm.projectRoot(), "/test/fixtures/genesis.json"));
        vm.warp(1_790_000_000); // before the fixture's airdrop deadline
        DeployProtocol.Deployment memory base = script.deploy();
        _checkFileGenesis(base);
        vm.chainId(31_337);
    }

    /// @dev Anvil's ten dev accounts hold 1,000,000 DAIMM each and vote with it from genesis; accounts 0 and 1 vote
    /// for the team's and the backers' vesting wallets; the airdrop waits in the token; the treasury has the rest.
    function _checkLocalGenesis(DeployProtocol.Deployment memory d) private view {
        // Derived from anvil's mnemonic, not copied from the script: the test checks the script's list.
        address[10] memory dev;
        for (uint32 i; i < dev.length; ++i) {
            dev[i] = vm.addr(vm.deriveKey("test test test test test test test test test test test junk", i));
        }
        for (uint256 i; i < dev.length; ++i) {
            assertEq(d.token.balanceOf(dev[i]), 1_000_000 ether);
            assertEq(d.token.delegates(dev[i]), dev[i], "self-delegated at genesis");
        }
        assertEq(d.vestingWallets.length, 2);
        assertEq(d.token.balanceOf(address(d.vestingWallets[0])), 150_000_000 ether);
        assertEq(d.vestingWallets[0].owner(), dev[0]);
        assertEq(d.token.getVotes(dev[0]), 151_000_000 ether, "own grant and the team's wallet");
        assertEq(d.token.getVotes(dev[1]), 101_000_000 ether, "own grant and the backers' wallet");
        assertGe(d.token.getVotes(dev[0]), d.governor.quorum(block.timestamp - 1), "one dev account reaches quorum");
        assertEq(d.token.balanceOf(address(d.token)), 100_000 ether, "ten airdrop leaves of 10,000");
        assertEq(d.token.AIRDROP_DEADLINE(), 4_102_444_800, "a fixed deadline keeps local addresses fixed");
        assertEq(d.vestingWallets[0].start(), 1_767_225_600);
        assertEq(
            d.token.balanceOf(address(d.timelock)),
            d.token.TOTAL_SUPPLY() - 10_000_000 ether - 250_000_000 ether - 100_000 ether
        );
        assertEq(d.token.getVotes(address(d.timelock)), 0, "the treasury does not vote");
    }

    function _checkFileGenesis(DeployProtocol.Deployment memory d) private {
        (bool isGuardian,) = d.accessManager.hasRole(Roles.GUARDIAN, makeAddr("base guardian"));
        assertTrue(isGuardian);
        (bool deployerIsGuardian,) = d.accessManager.hasRole(Roles.GUARDIAN, msg.sender);
        assertFalse(deployerIsGuardian);
        assertEq(d.timelock.getMinDelay(), 2 days, "production delays");
        address grantee = 0x1000000000000000000000000000000000000001;
        assertEq(d.token.balanceOf(grantee), 50_000_000 ether);
        assertEq(d.token.delegates(grantee), grantee);
        assertEq(d.vestingWallets.length, 2);
        assertEq(d.vestingWallets[1].owner(), 0x3000000000000000000000000000000000000003);
        assertEq(d.vestingWallets[1].start(), 1_798_761_600);
        assertEq(d.vestingWallets[1].cliff(), 1_798_761_600 + 15_552_000);
        assertEq(d.token.getVotes(0x2000000000000000000000000000000000000002), 200_000_000 ether);
        assertEq(d.token.AIRDROP_ROOT(), 0x4a5a5b1f0f3c6e1b2d7a8c9e0f112233445566778899aabbccddeeff00112233);
        assertEq(d.token.balanceOf(address(d.token)), 100_000_000 ether);
        assertEq(d.token.balanceOf(address(d.timelock)), 500_000_000 ether);
        IDaimmToken token = d.token;
        assertEq(token.TREASURY(), address(d.timelock));
    }
}
