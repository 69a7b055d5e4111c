// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmToken} from "../../src/DaimmToken.sol";
import {IDaimmToken} from "../../src/interfaces/IDaimmToken.sol";
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

    function test_constructor_mintsGenesisAndRestToTreasury() public view {
        assertEq(token.totalSupply(), 1_000_000_000 ether);
        assertEq(token.totalSupply(), token.TOTAL_SUPPLY());
        (, uint256 airdrop) = _airdropTree();
        assertEq(token.balanceOf(genesisReserve), RESERVE_ALLOCATION);
        assertEq(token.balanceOf(address(teamWallet)), TEAM_ALLOCATION);
        assertEq(token.balanceOf(address(token)), airdrop, "the token holds the airdrop");
        assertEq(
            token.balanceOf(address(timelock)), token.TOTAL_SUPPLY() - RESERVE_ALLOCATION - TEAM_ALLOCATION - airdrop
        );
        assertEq(token.balanceOf(deployer), 0);
        assertEq(token.TREASURY(), address(timelock));
    }

    /// @dev Votes exist at genesis without a transaction of the holders: grants vote for themselves, a vesting wallet
    /// for its beneficiary; the treasury and the airdrop do not vote.
    function test_constructor_delegatesGenesisVotes() public view {
        assertEq(token.delegates(genesisReserve), genesisReserve);
        assertEq(token.getVotes(genesisReserve), RESERVE_ALLOCATION);
        assertEq(token.delegates(address(teamWallet)), teamMember);
        assertEq(token.getVotes(teamMember), TEAM_ALLOCATION);
        assertEq(token.delegates(address(timelock)), address(0));
        assertEq(token.getVotes(address(timelock)), 0);
        assertEq(token.getVotes(address(token)), 0);
    }

    function test_RevertWhen_genesisExceedsSupply() public {
        IDaimmToken.Allocation[] memory allocations = new IDaimmToken.Allocation[](2);
        allocations[0] = IDaimmToken.Allocation(alice, 600_000_000 ether, alice);
        allocations[1] = IDaimmToken.Allocation(bob, 300_000_000 ether, address(0));
        IDaimmToken.Airdrop memory airdrop = IDaimmToken.Airdrop(keccak256("root"), 100_000_000 ether + 1, 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDaimmToken.DaimmGenesisOverAllocated.selector, 1_000_000_000 ether + 1, 1_000_000_000 ether
            )
        );
        new DaimmToken(carol, allocations, airdrop);
    }

    function test_RevertWhen_airdropHasNoRootOrDeadline() public {
        IDaimmToken.Allocation[] memory none;
        vm.expectRevert(abi.encodeWithSelector(IDaimmToken.DaimmAirdropInvalid.selector, bytes32(0), 1 days));
        new DaimmToken(carol, none, IDaimmToken.Airdrop(bytes32(0), 1 ether, 1 days));
        uint64 past = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IDaimmToken.DaimmAirdropInvalid.selector, keccak256("r"), past));
        new DaimmToken(carol, none, IDaimmToken.Airdrop(keccak256("r"), 1 ether, past));
    }

    function test_constructor_withoutAirdropGivesEverythingElseToTreasury() public {
        IDaimmToken.Allocation[] memory allocations = new IDaimmToken.Allocation[](1);
        allocations[0] = IDaimmToken.Allocation(alice, 1 ether, bob);
        DaimmToken plain = new DaimmToken(carol, allocations, IDaimmToken.Airdrop(bytes32(0), 0, 0));
        assertEq(plain.balanceOf(carol), plain.TOTAL_SUPPLY() - 1 ether);
        assertEq(plain.getVotes(bob), 1 ether, "alice's grant votes through bob");
        assertEq(plain.getVotes(carol), 0);
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
        IDaimmToken.Allocation[] memory none;
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new DaimmToken(address(0), none, IDaimmToken.Airdrop(bytes32(0), 0, 0));
    }

    /*//////////////////////////////////////////////////////////////
                                 AIRDROP
    //////////////////////////////////////////////////////////////*/

    function test_claim_paysAndDelegatesToClaimer() public {
        (address account, uint256 amount,) = _airdropLeaf(1);
        bytes32[] memory proof = _airdropProof(1);
        vm.expectEmit(address(token));
        emit IDaimmToken.AirdropClaimed(account, amount, account);
        vm.prank(account);
        token.claim(amount, address(0), proof);
        vm.snapshotGasLastCall("DaimmToken", "claim");
        assertEq(token.balanceOf(account), amount);
        assertTrue(token.isClaimed(account));
        assertEq(token.delegates(account), account);
        vm.warp(block.timestamp + 1);
        assertEq(token.getPastVotes(account, block.timestamp - 1), amount, "votes with no extra step");
    }

    function test_claim_delegatesWhereTold() public {
        (address account, uint256 amount,) = _airdropLeaf(2);
        bytes32[] memory proof = _airdropProof(2);
        vm.prank(account);
        token.claim(amount, teamMember, proof);
        assertEq(token.delegates(account), teamMember);
        assertEq(token.getVotes(teamMember), TEAM_ALLOCATION + amount);
    }

    function test_claim_keepsAnEarlierDelegate() public {
        (address account, uint256 amount,) = _airdropLeaf(0);
        bytes32[] memory proof = _airdropProof(0);
        vm.startPrank(account);
        token.delegate(bob);
        token.claim(amount, address(0), proof);
        vm.stopPrank();
        assertEq(token.delegates(account), bob);
        assertEq(token.getVotes(bob), amount);
    }

    function test_claim_everyLeafThenSweepNothingLeft() public {
        for (uint256 i; i < 4; ++i) {
            (address account, uint256 amount,) = _airdropLeaf(i);
            bytes32[] memory proof = _airdropProof(i);
            vm.prank(account);
            token.claim(amount, address(0), proof);
        }
        assertEq(token.balanceOf(address(token)), 0);
        vm.warp(token.AIRDROP_DEADLINE() + 1);
        assertEq(token.sweepUnclaimed(), 0);
    }

    function test_attack_airdropDoubleClaim_reverts() public {
        (address account, uint256 amount,) = _airdropLeaf(3);
        bytes32[] memory proof = _airdropProof(3);
        vm.startPrank(account);
        token.claim(amount, address(0), proof);
        vm.expectRevert(abi.encodeWithSelector(IDaimmToken.DaimmAirdropAlreadyClaimed.selector, account));
        token.claim(amount, address(0), proof);
        vm.stopPrank();
    }

    /// @dev Mallory replays bob's leaf and proof: the leaf binds the claimer, so nobody claims (or delegates) for
    /// another account.
    function test_attack_airdropClaimOfAnotherLeaf_reverts() public {
        (, uint256 amount,) = _airdropLeaf(1);
        bytes32[] memory proof = _airdropProof(1);
        vm.expectRevert(abi.encodeWithSelector(IDaimmToken.DaimmAirdropInvalidProof.selector, mallory, amount));
        vm.prank(mallory);
        token.claim(amount, mallory, proof);
    }

    function test_attack_airdropInflatedAmount_reverts() public {
        (address account, uint256 amount,) = _airdropLeaf(0);
        bytes32[] memory proof = _airdropProof(0);
        vm.expectRevert(abi.encodeWithSelector(IDaimmToken.DaimmAirdropInvalidProof.selector, account, amount * 2));
        vm.prank(account);
        token.claim(amount * 2, address(0), proof);
    }

    function test_RevertWhen_claimAfterDeadline() public {
        (address account, uint256 amount,) = _airdropLeaf(0);
        bytes32[] memory proof = _airdropProof(0);
        uint64 deadline = token.AIRDROP_DEADLINE();
        vm.warp(deadline);
        vm.prank(account);
        token.claim(amount, address(0), proof); // the deadline's second still counts
        (account, amount,) = _airdropLeaf(1);
        proof = _airdropProof(1);
        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(IDaimmToken.DaimmAirdropClosed.selector, deadline));
        vm.prank(account);
        token.claim(amount, address(0), proof);
    }

    function test_sweepUnclaimed_sendsRestToTreasury() public {
        (address account, uint256 amount,) = _airdropLeaf(0);
        bytes32[] memory proof = _airdropProof(0);
        vm.prank(account);
        token.claim(amount, address(0), proof);
        (, uint256 total) = _airdropTree();
        uint256 treasuryBefore = token.balanceOf(address(timelock));

        vm.warp(uint256(token.AIRDROP_DEADLINE()) + 1);
        vm.expectEmit(address(token));
        emit IDaimmToken.AirdropSwept(address(timelock), total - amount);
        vm.prank(mallory); // anyone
        assertEq(token.sweepUnclaimed(), total - amount);
        assertEq(token.balanceOf(address(timelock)), treasuryBefore + total - amount);
        assertEq(token.balanceOf(address(token)), 0);
    }

    function test_attack_airdropEarlySweep_reverts() public {
        uint64 deadline = token.AIRDROP_DEADLINE();
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IDaimmToken.DaimmAirdropStillOpen.selector, deadline));
        token.sweepUnclaimed();
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
        funded = bound(funded, 0, RESERVE_ALLOCATION);
        sent = bound(sent, 0, funded);
        _fund(alice, funded);
        vm.prank(alice);
        assertTrue(token.transfer(bob, sent));
        assertEq(token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(genesisReserve), RESERVE_ALLOCATION);
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
        toAlice = bound(toAlice, 0, RESERVE_ALLOCATION / 2);
        toBob = bound(toBob, 0, RESERVE_ALLOCATION / 2);
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
