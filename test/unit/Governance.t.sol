// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModelRegistry} from "../../src/ModelRegistry.sol";
import {Roles} from "../../src/Roles.sol";
import {IDaimmToken} from "../../src/interfaces/IDaimmToken.sol";
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
        IDaimmToken.Allocation[] memory allocations = new IDaimmToken.Allocation[](2);
        allocations[0] = IDaimmToken.Allocation(genesisReserve, RESERVE_ALLOCATION, genesisReserve);
        allocations[1] = IDaimmToken.Allocation(address(teamWallet), TEAM_ALLOCATION, teamMember);
        (bytes32 root, uint256 airdrop) = _airdropTree();
        IDaimmToken.Airdrop memory drop = IDaimmToken.Airdrop(root, airdrop, token.AIRDROP_DEADLINE());
        bytes32 tokenInit = keccak256(
            abi.encodePacked(vm.getCode("DaimmToken.sol:DaimmToken"), abi.encode(timelock, allocations, drop))
        );
        assertEq(address(token), vm.computeCreate2Address(SALT, tokenInit, deployer));
        bytes32 managerInit =
            keccak256(abi.encodePacked(vm.getCode("AccessManager.sol:AccessManager"), abi.encode(deployer)));
        assertEq(address(accessManager), vm.computeCreate2Address(SALT, managerInit, deployer));
    }

    /*//////////////////////////////////////////////////////////////
                        GENESIS TO EXECUTED UPGRADE
    //////////////////////////////////////////////////////////////*/

    /// @dev The whole cycle with genesis holders only, and no prank of the timelock or the governor: the team member
    /// votes with the vesting wallet's tokens (delegated to it at genesis), alice with her airdrop (delegated by her
    /// claim); together they change a parameter and upgrade a module through the timelock. On the old genesis (the
    /// whole supply in the undelegated timelock) nobody held a vote and `propose` reverted.
    function test_attack_deadGovernance_genesisHoldersChangeParameterAndUpgrade() public {
        (address claimer, uint256 claimed,) = _airdropLeaf(0);
        bytes32[] memory proof = _airdropProof(0);
        vm.prank(claimer);
        token.claim(claimed, address(0), proof);

        address newImplementation = address(new ModelRegistry());
        Proposal memory p;
        p.targets = new address[](2);
        (p.targets[0], p.targets[1]) = (address(registry), address(registry));
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.calldatas[0] = abi.encodeCall(registry.setRoyaltyRate, (250));
        p.calldatas[1] = abi.encodeCall(registry.upgradeToAndCall, (newImplementation, ""));
        p.description = "Royalty rate to 2.5% and a new registry implementation";

        vm.warp(block.timestamp + 1); // the claim's checkpoint is in the past
        vm.prank(teamMember);
        uint256 proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
        vm.warp(block.timestamp + VOTING_DELAY + 1);
        vm.prank(teamMember);
        governor.castVote(proposalId, 1);
        vm.prank(claimer);
        governor.castVote(proposalId, 1);
        (, uint256 forVotes,) = governor.proposalVotes(proposalId);
        assertEq(forVotes, TEAM_ALLOCATION + claimed, "vesting votes and airdrop votes, with no other step");

        vm.warp(block.timestamp + VOTING_PERIOD);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
        bytes32 descriptionHash = keccak256(bytes(p.description));
        vm.prank(carol); // anyone queues and executes
        governor.queue(p.targets, p.values, p.calldatas, descriptionHash);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.prank(carol);
        governor.execute(p.targets, p.values, p.calldatas, descriptionHash);

        assertEq(registry.royaltyRate(), 250);
        assertEq(address(uint160(uint256(vm.load(address(registry), IMPLEMENTATION_SLOT)))), newImplementation);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed));
    }

    /// @dev ERC-1967's implementation slot.
    bytes32 private constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    /// @dev A genesis holder hands its votes to another, who then proposes and passes alone.
    function test_delegate_genesisVotesPassAProposal() public {
        vm.prank(teamMember);
        teamWallet.delegate(token, bob);
        vm.warp(block.timestamp + 1);
        _pass(_singleCall(address(governor), abi.encodeCall(governor.setVotingDelay, (2 days)), "Longer delay"), bob);
        assertEq(governor.votingDelay(), 2 days);
    }

    /// @dev Mallory borrows more than the team's votes after the snapshot (a flash loan from a holder), delegates to
    /// herself and votes against in the same block, then repays: checkpoints at the snapshot give her nothing.
    function test_attack_flashLoanVotes_acquiredAfterSnapshotDoNotCount() public {
        vm.warp(block.timestamp + 1); // genesis checkpoints in the past
        Proposal memory p = _singleCall(address(governor), abi.encodeCall(governor.setVotingDelay, (1)), "Flash");
        uint256 proposalId = _proposeAndOpen(p, teamMember);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        vm.prank(teamMember);
        governor.castVote(proposalId, 1);

        uint256 loan = 2 * TEAM_ALLOCATION;
        vm.prank(genesisReserve);
        assertTrue(token.transfer(mallory, loan));
        vm.startPrank(mallory);
        token.delegate(mallory);
        assertEq(token.getVotes(mallory), loan, "she holds the votes now");
        uint256 weight = governor.castVote(proposalId, 0);
        assertTrue(token.transfer(genesisReserve, loan));
        vm.stopPrank();

        assertEq(weight, 0);
        assertEq(governor.getVotes(mallory, snapshot), 0);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(proposalId);
        assertEq(against, 0);
        assertEq(forVotes, TEAM_ALLOCATION);
        vm.warp(block.timestamp + VOTING_PERIOD);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded));
    }

    /// @dev Tokens bought before the snapshot (during the voting delay) do count: that is what the delay is for, and
    /// why it must be long enough for holders to see a proposal coming.
    function test_castVote_countsTokensDelegatedBeforeSnapshot() public {
        vm.warp(block.timestamp + 1); // genesis checkpoints in the past
        Proposal memory p = _singleCall(address(governor), abi.encodeCall(governor.setVotingDelay, (1)), "Early");
        vm.prank(teamMember);
        uint256 proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
        _giveVotes(bob, 1000 ether);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.prank(bob);
        assertEq(governor.castVote(proposalId, 2), 1000 ether);
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
        weight = bound(weight, 1, RESERVE_ALLOCATION - token.TOTAL_SUPPLY() / 10);
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
