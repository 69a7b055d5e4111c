// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmToken} from "../../src/DaimmToken.sol";
import {Base} from "../Base.t.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

contract DaimmTokenTest is Base {
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function _signPermit(uint256 key, address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        private
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    /*//////////////////////////////////////////////////////////////
                               DEPLOYMENT
    //////////////////////////////////////////////////////////////*/

    function test_constructor_mintsWholeSupplyToTreasury() public view {
        assertEq(token.totalSupply(), 1_000_000_000 ether);
        assertEq(token.totalSupply(), token.TOTAL_SUPPLY());
        assertEq(token.balanceOf(address(timelock)), token.TOTAL_SUPPLY());
        assertEq(token.balanceOf(deployer), 0);
    }

    function test_metadata_namesDaimm() public view {
        assertEq(token.name(), "DAIMM");
        assertEq(token.symbol(), "DAIMM");
        assertEq(token.decimals(), 18);
    }

    function test_clock_isTimestamp() public {
        vm.warp(1_800_000_000);
        assertEq(token.clock(), 1_800_000_000);
        assertEq(token.CLOCK_MODE(), "mode=timestamp");
    }

    function test_RevertWhen_constructorTreasuryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new DaimmToken(address(0));
    }

    /*//////////////////////////////////////////////////////////////
                                TRANSFERS
    //////////////////////////////////////////////////////////////*/

    function test_transfer_movesBalance() public {
        _fund(alice, 100 ether);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 40 ether));
        vm.snapshotGasLastCall("DaimmToken", "transfer");
        assertEq(token.balanceOf(alice), 60 ether);
        assertEq(token.balanceOf(bob), 40 ether);
    }

    function test_RevertWhen_transferExceedsBalance() public {
        _fund(alice, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1 ether, 1 ether + 1)
        );
        vm.prank(alice);
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        token.transfer(bob, 1 ether + 1);
    }

    function testFuzz_transfer_conservesSupply(uint256 funded, uint256 sent) public {
        funded = bound(funded, 0, token.TOTAL_SUPPLY());
        sent = bound(sent, 0, funded);
        _fund(alice, funded);
        vm.prank(alice);
        assertTrue(token.transfer(bob, sent));
        assertEq(
            token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(address(timelock)), token.totalSupply()
        );
        assertEq(token.totalSupply(), token.TOTAL_SUPPLY());
    }

    /*//////////////////////////////////////////////////////////////
                                 PERMIT
    //////////////////////////////////////////////////////////////*/

    function test_permit_setsAllowanceFromSignature() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 5 ether, 0, deadline);
        token.permit(alice, bob, 5 ether, deadline, v, r, s);
        vm.snapshotGasLastCall("DaimmToken", "permit");
        assertEq(token.allowance(alice, bob), 5 ether);
        assertEq(token.nonces(alice), 1);
    }

    function test_RevertWhen_permitIsReplayed() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 5 ether, 0, deadline);
        token.permit(alice, bob, 5 ether, deadline, v, r, s);
        // The nonce moved on, so the same signature now recovers to some other address.
        vm.expectPartialRevert(ERC20Permit.ERC2612InvalidSigner.selector);
        token.permit(alice, bob, 5 ether, deadline, v, r, s);
    }

    function test_RevertWhen_permitIsExpired() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 5 ether, 0, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, bob, 5 ether, deadline, v, r, s);
    }

    function testFuzz_permit_rejectsAnyOtherSigner(uint256 signerKey, uint256 value) public {
        signerKey = bound(signerKey, 1, SECP256K1_ORDER - 1);
        if (signerKey == aliceKey) signerKey = aliceKey == 1 ? 2 : 1;
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, alice, bob, value, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, vm.addr(signerKey), alice));
        token.permit(alice, bob, value, deadline, v, r, s);
    }

    /*//////////////////////////////////////////////////////////////
                                  VOTES
    //////////////////////////////////////////////////////////////*/

    function test_delegate_checkpointsVotesByTimestamp() public {
        _fund(alice, 100 ether);
        vm.prank(alice);
        token.delegate(alice);
        vm.snapshotGasLastCall("DaimmToken", "delegate");
        uint256 delegatedAt = block.timestamp;
        assertEq(token.getVotes(alice), 100 ether);

        vm.warp(delegatedAt + 10);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 30 ether));
        vm.warp(delegatedAt + 20);

        assertEq(token.getVotes(alice), 70 ether);
        assertEq(token.getPastVotes(alice, delegatedAt + 5), 100 ether);
        assertEq(token.getPastVotes(alice, delegatedAt + 15), 70 ether);
    }

    function test_RevertWhen_pastVotesQueriedForTheFuture() public {
        vm.expectRevert(
            abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, block.timestamp, uint48(block.timestamp))
        );
        token.getPastVotes(alice, block.timestamp);
    }

    function testFuzz_delegate_votesFollowBalances(uint256 toAlice, uint256 toBob, uint256 moved) public {
        toAlice = bound(toAlice, 0, token.TOTAL_SUPPLY() / 2);
        toBob = bound(toBob, 0, token.TOTAL_SUPPLY() / 2);
        moved = bound(moved, 0, toAlice);
        _fund(alice, toAlice);
        _fund(bob, toBob);
        vm.prank(alice);
        token.delegate(carol);
        vm.prank(bob);
        token.delegate(carol);
        vm.prank(alice);
        assertTrue(token.transfer(mallory, moved));

        assertEq(token.getVotes(carol), toAlice + toBob - moved);
        assertEq(token.getVotes(alice), 0);
        assertEq(token.getVotes(mallory), 0, "undelegated balances carry no votes");
    }
}
