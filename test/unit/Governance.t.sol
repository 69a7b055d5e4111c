// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../../src/Roles.sol";
import {Base} from "../Base.t.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

contract GovernanceTest is Base {
    /*//////////////////////////////////////////////////////////////
                                 WIRING
    //////////////////////////////////////////////////////////////*/

    function test_deploy_makesTimelockTheOnlyAdmin() public view {
        (bool timelockIsAdmin, uint32 delay) = accessManager.hasRole(Roles.ADMIN, address(timelock));
        assertTrue(timelockIsAdmin);
        assertEq(delay, 0);
        (bool deployerIsAdmin,) = accessManager.hasRole(Roles.ADMIN, deployer);
        assertFalse(deployerIsAdmin, "deployer renounced");
        (bool arbiter,) = accessManager.hasRole(Roles.ARBITER, address(timelock));
        assertTrue(arbiter);
    }

    function test_deploy_grantsGuardianOnlyGuardian() public view {
        (bool isGuardian,) = accessManager.hasRole(Roles.GUARDIAN, guardian);
        assertTrue(isGuardian);
        (bool isAdmin,) = accessManager.hasRole(Roles.ADMIN, guardian);
        assertFalse(isAdmin);
        assertEq(accessManager.getRoleAdmin(Roles.GUARDIAN), Roles.ADMIN);
    }

    function test_deploy_letsOnlyGovernorProposeToTimelock() public view {
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "execution is open");
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), deployer), "deployer renounced");
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)), "self-administered");
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY);
    }

    function test_deploy_configuresGovernor() public view {
        assertEq(address(governor.token()), address(token));
        assertEq(governor.timelock(), address(timelock));
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD);
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT);
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
    }

    function test_deploy_isDeterministic() public view {
        bytes32 tokenInit = keccak256(abi.encodePacked(vm.getCode("DaimmToken.sol:DaimmToken"), abi.encode(timelock)));
        assertEq(address(token), vm.computeCreate2Address(SALT, tokenInit, deployer));
        bytes32 managerInit =
            keccak256(abi.encodePacked(vm.getCode("AccessManager.sol:AccessManager"), abi.encode(deployer)));
        assertEq(address(accessManager), vm.computeCreate2Address(SALT, managerInit, deployer));
    }

    /*//////////////////////////////////////////////////////////////
                               PROPOSALS
    //////////////////////////////////////////////////////////////*/

    function test_execute_changesSettingThroughTimelock() public {
        _makeVoter(alice);
        Proposal memory p =
            _singleCall(address(governor), abi.encodeCall(governor.setVotingPeriod, (3 days)), "Shorter votes");

        vm.prank(alice);
        uint256 proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
        vm.snapshotGasLastCall("DaimmGovernor", "propose");
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Pending));

        vm.warp(block.timestamp + VOTING_DELAY + 1);
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        vm.snapshotGasLastCall("DaimmGovernor", "castVote");

        vm.warp(block.timestamp + VOTING_PERIOD);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
        bytes32 descriptionHash = keccak256(bytes(p.description));
        governor.queue(p.targets, p.values, p.calldatas, descriptionHash);
        vm.snapshotGasLastCall("DaimmGovernor", "queue");

        vm.warp(block.timestamp + TIMELOCK_DELAY);
        governor.execute(p.targets, p.values, p.calldatas, descriptionHash);
        vm.snapshotGasLastCall("DaimmGovernor", "execute");

        assertEq(governor.votingPeriod(), 3 days);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed));
    }

    function test_execute_grantsModuleRoleThroughAccessManager() public {
        _makeVoter(alice);
        _pass(
            _singleCall(
                address(accessManager),
                abi.encodeCall(accessManager.grantRole, (Roles.SCORING, carol, 0)),
                "Grant SCORING to carol"
            ),
            alice
        );
        (bool isScoring,) = accessManager.hasRole(Roles.SCORING, carol);
        assertTrue(isScoring);
    }

    function test_execute_paysFromTreasury() public {
        _makeVoter(alice);
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        _pass(_singleCall(address(token), abi.encodeCall(token.transfer, (carol, 1000 ether)), "Grant"), alice);
        assertEq(token.balanceOf(carol), 1000 ether);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore - 1000 ether);
    }

    function test_RevertWhen_proposerIsBelowThreshold() public {
        _giveVotes(carol, PROPOSAL_THRESHOLD - 1);
        Proposal memory p = _singleCall(address(governor), abi.encodeCall(governor.setVotingDelay, (1)), "x");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, carol, PROPOSAL_THRESHOLD - 1, PROPOSAL_THRESHOLD
            )
        );
        vm.prank(carol);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function test_RevertWhen_executedBeforeTimelockDelay() public {
        _makeVoter(alice);
        Proposal memory p = _singleCall(address(governor), abi.encodeCall(governor.setVotingDelay, (1)), "Quick");
        uint256 proposalId = _proposeAndOpen(p, alice);
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        vm.warp(block.timestamp + VOTING_PERIOD);
        bytes32 descriptionHash = keccak256(bytes(p.description));
        governor.queue(p.targets, p.values, p.calldatas, descriptionHash);

        vm.warp(block.timestamp + TIMELOCK_DELAY - 1);
        vm.expectPartialRevert(TimelockController.TimelockUnexpectedOperationState.selector);
        governor.execute(p.targets, p.values, p.calldatas, descriptionHash);
    }

    function test_state_defeatedWithoutQuorum() public {
        _makeVoter(alice);
        uint256 belowQuorum = governor.quorum(block.timestamp - 1) - 1;
        _giveVotes(bob, belowQuorum);

        Proposal memory p = _singleCall(address(governor), abi.encodeCall(governor.setVotingDelay, (1)), "Thin");
        uint256 proposalId = _proposeAndOpen(p, alice);
        vm.prank(bob);
        governor.castVote(proposalId, 1);
        vm.warp(block.timestamp + VOTING_PERIOD);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated));
    }

    function testFuzz_castVote_countsVotingPower(uint256 weight, uint8 support) public {
        weight = bound(weight, 1, token.TOTAL_SUPPLY() / 2);
        support = uint8(bound(support, 0, 2));
        _makeVoter(alice);
        _giveVotes(bob, weight);

        Proposal memory p = _singleCall(address(governor), abi.encodeCall(governor.setVotingDelay, (1)), "Fuzz");
        uint256 proposalId = _proposeAndOpen(p, alice);
        vm.prank(bob);
        governor.castVote(proposalId, support);

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against + forVotes + abstain, weight);
        assertEq([against, forVotes, abstain][support], weight);
    }

    /*//////////////////////////////////////////////////////////////
                             ACCESS CONTROL
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_settingChangedOutsideGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.setVotingDelay(1);
    }

    function test_RevertWhen_guardianGrantsRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, guardian, Roles.ADMIN)
        );
        vm.prank(guardian);
        accessManager.grantRole(Roles.GUARDIAN, mallory, 0);
    }

    function test_RevertWhen_outsiderSchedulesOnTimelock() public {
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, mallory, proposerRole)
        );
        vm.prank(mallory);
        timelock.schedule(address(token), 0, "", bytes32(0), bytes32(0), TIMELOCK_DELAY);
    }

    function test_RevertWhen_deployerActsAfterRenouncing() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, deployer, Roles.ADMIN)
        );
        accessManager.grantRole(Roles.ADMIN, deployer, 0);
    }
}
