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

        // Same inputs, same addresses.
        vm.revertToState(fresh);
        DeployProtocol.Deployment memory again = new Deploy().run();
        assertEq(address(again.accessManager), address(first.accessManager));
        assertEq(address(again.token), address(first.token));
        assertEq(address(again.governor), address(first.governor));

        // Settings from the environment; a new salt moves every address.
        vm.revertToState(fresh);
        address guardian = makeAddr("env guardian");
        vm.setEnv("DAIMM_GUARDIAN", vm.toString(guardian));
        vm.setEnv("DAIMM_TIMELOCK_DELAY", "86400");
        vm.setEnv("DAIMM_QUORUM_PERCENT", "10");
        vm.setEnv("DAIMM_SALT", vm.toString(keccak256("another")));
        DeployProtocol.Deployment memory custom = new Deploy().run();
        (bool isGuardian,) = custom.accessManager.hasRole(Roles.GUARDIAN, guardian);
        assertTrue(isGuardian);
        assertEq(custom.timelock.getMinDelay(), 1 days);
        assertEq(custom.governor.quorumNumerator(), 10);
        assertTrue(address(custom.token) != address(first.token));
    }
}
