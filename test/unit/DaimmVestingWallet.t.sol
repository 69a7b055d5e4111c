// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmVestingWallet} from "../../src/DaimmVestingWallet.sol";
import {Base} from "../Base.t.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The genesis vesting wallet: its beneficiary votes while the tokens vest, releases follow the schedule.
contract DaimmVestingWalletTest is Base {
    function test_deploy_setsSchedule() public view {
        assertEq(teamWallet.owner(), teamMember);
        assertEq(teamWallet.duration(), TEAM_VESTING);
        assertEq(teamWallet.cliff(), teamWallet.start() + TEAM_CLIFF);
    }

    function test_delegate_movesVestingVotes() public {
        vm.prank(teamMember);
        teamWallet.delegate(token, alice);
        vm.snapshotGasLastCall("DaimmVestingWallet", "delegate");
        assertEq(token.delegates(address(teamWallet)), alice);
        assertEq(token.getVotes(alice), TEAM_ALLOCATION);
        assertEq(token.getVotes(teamMember), 0);
    }

    /// @dev Mallory tries to take the team's votes: only the beneficiary directs them.
    function test_attack_vestingVotesTakenByStranger_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, mallory));
        vm.prank(mallory);
        teamWallet.delegate(token, mallory);
        assertEq(token.delegates(address(teamWallet)), teamMember);
    }

    function test_release_nothingBeforeCliffThenLinear() public {
        vm.warp(teamWallet.start() + TEAM_CLIFF - 1);
        assertEq(teamWallet.releasable(address(token)), 0);

        vm.warp(teamWallet.start() + TEAM_VESTING / 2);
        teamWallet.release(address(token));
        assertEq(token.balanceOf(teamMember), TEAM_ALLOCATION / 2);
        // Released tokens are the beneficiary's own: they vote once it delegates them, the rest still votes for it.
        assertEq(token.getVotes(teamMember), TEAM_ALLOCATION / 2);
        vm.prank(teamMember);
        token.delegate(teamMember);
        assertEq(token.getVotes(teamMember), TEAM_ALLOCATION);

        vm.warp(teamWallet.end());
        teamWallet.release(address(token));
        assertEq(token.balanceOf(teamMember), TEAM_ALLOCATION);
        assertEq(token.balanceOf(address(teamWallet)), 0);
    }

    function test_RevertWhen_cliffLongerThanDuration() public {
        vm.expectRevert();
        new DaimmVestingWallet(alice, uint64(block.timestamp), 1 days, 2 days);
    }
}
