// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Base} from "../Base.t.sol";
import {RoyaltyHandler} from "./handlers/RoyaltyHandler.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The RoyaltySplitter's accounting against its ghosts and a naive reference ledger, over random sequences
/// of split changes, deposits (ETH and a fee-on-transfer ERC-20; direct and through royalty inboxes),
/// model transfers, upstream changes and claims by EOAs and a reentrant contract.
contract RoyaltyInvariantTest is Base {
    RoyaltyHandler internal handler;
    address[] internal actors;
    uint256[] internal models;
    address[] internal tokens;

    function setUp() public override {
        super.setUp();
        // A lineage root ← child ← grandchild owned by different actors (model transfers mix them up later).
        uint256 root = _register(alice, "invariant root");
        uint256 child = _registerDerived(bob, "invariant child", root);
        uint256 grandchild = _registerDerived(carol, "invariant grandchild", child);
        models = [root, child, grandchild];
        actors = [alice, bob, carol, mallory];

        handler = new RoyaltyHandler(splitter, registry, address(timelock), actors, models);
        // The invariants read these once rather than through the handler on every check.
        actors = handler.allActors();
        tokens = handler.allTokens();
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = RoyaltyHandler.setWeight.selector;
        selectors[1] = RoyaltyHandler.acceptToken.selector;
        selectors[2] = RoyaltyHandler.transferModel.selector;
        selectors[3] = RoyaltyHandler.setUpstream.selector;
        selectors[4] = RoyaltyHandler.depositETH.selector;
        selectors[5] = RoyaltyHandler.depositToken.selector;
        selectors[6] = RoyaltyHandler.payRoyalty.selector;
        selectors[7] = RoyaltyHandler.claim.selector;
        selectors[8] = RoyaltyHandler.claim.selector; // claims twice as often
        selectors[9] = RoyaltyHandler.hookedDeposit.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    // Each invariant reads the splitter through as few calls as it can and asserts once: they run after every
    // handler call, so this is what keeps the campaigns short.

    /// @dev Per token: Σ claimed + Σ claimable + Σ dust == Σ deposited, exactly (nothing created, nothing lost).
    function invariant_claimedPlusClaimablePlusDustEqualsDeposited() public view {
        uint256 wrong;
        for (uint256 t; t < tokens.length; ++t) {
            if (handler.ghost_claimed(tokens[t]) + _owedIn(tokens[t]) != handler.ghost_deposited(tokens[t])) wrong++;
        }
        assertEq(wrong, 0, "tokens whose books do not balance");
    }

    /// @dev Per token: the splitter holds at least everything deposited and not yet claimed, which the invariant
    /// above shows is exactly Σ claimable + Σ dust (exactly, here: no stray transfers are made).
    function invariant_balanceCoversClaimableAndDust() public view {
        uint256 short;
        uint256 surplus;
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 balance = token == ETH ? address(splitter).balance : IERC20(token).balanceOf(address(splitter));
            uint256 owed = handler.ghost_deposited(token) - handler.ghost_claimed(token);
            if (balance < owed) short++;
            if (balance > owed) surplus++;
        }
        assertEq(short, 0, "tokens the splitter cannot pay");
        assertEq(surplus, 0, "tokens with unaccounted balance");
    }

    /// @dev The O(1) accumulator agrees, for every (model, token, account), with the naive ledger that credits every
    /// recipient on every deposit: so nobody earns revenue deposited before joining, or after leaving.
    function invariant_claimableMatchesReferenceLedger() public view {
        uint256[] memory ledger = handler.referenceLedger();
        uint256 i;
        uint256 wrong;
        for (uint256 m; m < models.length; ++m) {
            for (uint256 t; t < tokens.length; ++t) {
                if (splitter.dust(models[m], tokens[t]) != ledger[i++]) wrong++;
                for (uint256 a; a < actors.length; ++a) {
                    if (splitter.claimable(models[m], tokens[t], actors[a]) != ledger[i++]) wrong++;
                }
            }
        }
        assertEq(wrong, 0, "entries that differ from the reference ledger");
    }

    /// @dev Joining a split never brings revenue that arrived earlier.
    function invariant_lateRecipientEarnsNothingOfEarlierRevenue() public view {
        assertEq(handler.ghost_lateJoinerGains(), 0);
    }

    /// @dev Every claim pays exactly what was claimable and leaves nothing claimable; the reentrant receiver never
    /// gets a second claim through.
    function invariant_noDoubleClaim() public view {
        assertEq(handler.ghost_claimMismatches(), 0);
        assertEq(handler.receiver().reentrantClaims(), 0);
    }

    /// @dev H-3: whatever a token's hooks do, a payment is credited once: every hooked deposit credited exactly what
    /// arrived, and no re-entry from a hook (deposit, inbox sweep, claim) went through.
    function invariant_hookTokenPaymentsCountedOnce() public view {
        assertEq(handler.ghost_hookDoubleCounts(), 0);
        assertEq(handler.attacker().reentries(), 0);
    }

    function _owedIn(address token) private view returns (uint256 owed) {
        for (uint256 m; m < models.length; ++m) {
            owed += splitter.dust(models[m], token);
            for (uint256 a; a < actors.length; ++a) {
                owed += splitter.claimable(models[m], token, actors[a]);
            }
        }
    }
}
