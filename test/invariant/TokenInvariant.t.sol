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
        targetContract(address(handler));
    }

    function invariant_totalSupplyIsFixed() public view {
        assertEq(token.totalSupply(), token.TOTAL_SUPPLY());
    }

    /// @dev Tokens only move among the actors, so their balances and the genesis holders the handler never moves (the
    /// treasury, the vesting wallet, the unclaimed airdrop) must add up to the whole supply.
    function invariant_balancesSumToSupply() public view {
        uint256 sum =
            token.balanceOf(address(timelock)) + token.balanceOf(address(teamWallet)) + token.balanceOf(address(token));
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.balanceOf(handler.actors(i));
        }
        assertEq(sum, token.totalSupply());
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
