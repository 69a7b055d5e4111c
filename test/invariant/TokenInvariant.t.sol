// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Base} from "../Base.t.sol";
import {TokenHandler} from "./handlers/TokenHandler.sol";

contract TokenInvariantTest is Base {
    TokenHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new TokenHandler(token, genesisReserve);
        // Seed every holder from the genesis reserve, so the fuzzer starts with balances to move.
        for (uint256 i = 1; i < handler.actorCount(); ++i) {
            _fund(handler.actors(i), 1_000_000 ether * i);
        }
        for (uint256 i; i < 4; ++i) {
            (address account, uint256 amount,) = _airdropLeaf(i);
            handler.addLeaf(account, amount, _airdropProof(i));
        }
        targetContract(address(handler));
        // Every action but `addLeaf`, which only the setup calls.
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = TokenHandler.transfer.selector;
        selectors[1] = TokenHandler.transferFrom.selector;
        selectors[2] = TokenHandler.permit.selector;
        selectors[3] = TokenHandler.delegate.selector;
        selectors[4] = TokenHandler.claimAirdrop.selector;
        selectors[5] = TokenHandler.sweepAirdrop.selector;
        selectors[6] = TokenHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function invariant_totalSupplyIsFixed() public view {
        assertEq(token.totalSupply(), token.TOTAL_SUPPLY());
    }

    /// @dev Tokens only move among the actors, so their balances and the genesis holders the handler never moves (the
    /// treasury, the vesting wallet, the unclaimed airdrop) must add up to the whole supply.
    function invariant_balancesSumToSupply() public view {
        uint256 sum = token.balanceOf(address(timelock)) + token.balanceOf(address(teamWallet))
            + token.balanceOf(address(token)) + handler.ghost_airdropClaimed();
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.balanceOf(handler.actors(i));
        }
        assertEq(sum, token.totalSupply());
    }

    /// @dev The airdrop only leaves the token through rightful claims and the sweep, and no leaf pays twice or to
    /// another account.
    function invariant_airdropPaysOnlyLeaves() public view {
        (, uint256 total) = _airdropTree();
        assertEq(token.balanceOf(address(token)) + handler.ghost_airdropClaimed() + handler.ghost_airdropSwept(), total);
        assertEq(handler.ghost_airdropStolen(), 0);
    }

    /// @dev Each actor's votes are exactly the balances of those who delegate to it, per the ghost ledger.
    function invariant_votesEqualDelegatedBalances() public view {
        uint256 totalVotes;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address delegatee = handler.actors(i);
            uint256 expected;
            for (uint256 j; j < handler.actorCount(); ++j) {
                address holder = handler.actors(j);
                if (handler.ghost_delegateOf(holder) == delegatee) expected += token.balanceOf(holder);
            }
            assertEq(token.getVotes(delegatee), expected);
            totalVotes += expected;
        }
        assertLe(totalVotes, token.totalSupply());
    }
}
