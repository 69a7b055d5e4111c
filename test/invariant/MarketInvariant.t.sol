// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {Base} from "../Base.t.sol";
import {MarketHandler} from "./handlers/MarketHandler.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The Marketplace's rules over random sequences of offers (published and signed), cancellations, nonce
/// voids, model transfers, flags, time and purchases.
contract MarketInvariantTest is Base {
    MarketHandler internal handler;
    address[] internal buyers;
    uint256[] internal models;

    function setUp() public override {
        super.setUp();
        models = [_register(alice, "market model a"), _register(bob, "market model b")];
        buyers = [carol, mallory, makeAddr("dave")];
        handler = new MarketHandler(
            market, registry, token, address(timelock), [alice, bob], [aliceKey, bobKey], buyers, models
        );
        handler.setFunder(genesisReserve);
        buyers = handler.allBuyers();
        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = MarketHandler.publishOffer.selector;
        selectors[1] = MarketHandler.cancelOffer.selector;
        selectors[2] = MarketHandler.signOffer.selector;
        selectors[3] = MarketHandler.cancelSignedOffer.selector;
        selectors[4] = MarketHandler.invalidateNonces.selector;
        selectors[5] = MarketHandler.transferModel.selector;
        selectors[6] = MarketHandler.warp.selector;
        selectors[7] = MarketHandler.buyLicense.selector;
        selectors[8] = MarketHandler.buyLicense.selector;
        selectors[9] = MarketHandler.buyWithSig.selector;
        selectors[10] = MarketHandler.buyWithSig.selector;
        selectors[11] = MarketHandler.toggleFlag.selector;
        selectors[12] = MarketHandler.upgradeLicense.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev A signed offer never sells more than its cap, and the listing's sold count is the number of fills.
    function invariant_signedOfferFillsAtMostItsCap() public view {
        for (uint256 i; i < handler.signedCount(); ++i) {
            (bytes32 digest, uint24 fills, uint24 cap) = handler.signedAt(i);
            if (cap != 0) assertLe(fills, cap);
            (uint256 offerId,) = market.signedOfferStatus(digest);
            if (offerId != 0 && cap != 0) assertEq(market.offerOf(offerId).sold, fills);
        }
        for (uint256 i; i < handler.publishedCount(); ++i) {
            uint256 offerId = handler.publishedIds(i);
            MarketHandler.Ghost memory g = handler.ghostOffer(offerId);
            if (g.supplyCap != 0) assertLe(market.offerOf(offerId).sold, g.supplyCap);
        }
    }

    /// @dev Cancelled, expired, nonce-voided, sold-out and stale-owner offers never fill, nor offers for flagged
    /// models (which cannot be published either).
    function invariant_deadOffersNeverFill() public view {
        assertEq(handler.ghost_deadFills(), 0);
    }

    /// @dev And live offers always do: the rules are exactly the ones the handler predicts.
    function invariant_liveOffersFill() public view {
        assertEq(handler.ghost_liveFailures(), 0);
    }

    /// @dev License records follow the renewal rule, kind by kind, and `hasValidLicense` reads them.
    function invariant_licensesMatchGhosts() public view {
        assertEq(handler.ghost_licenseMismatches(), 0);
        for (uint256 m; m < models.length; ++m) {
            for (uint256 b; b < buyers.length; ++b) {
                uint64 commercial = handler.ghost_expiry(models[m], buyers[b], true);
                uint64 other = handler.ghost_expiry(models[m], buyers[b], false);
                assertEq(market.licenseOfKind(models[m], buyers[b], true).expiresAt, commercial);
                assertEq(market.licenseOfKind(models[m], buyers[b], false).expiresAt, other);
                assertEq(
                    market.hasValidLicense(models[m], buyers[b]),
                    commercial > block.timestamp || other > block.timestamp
                );
            }
        }
    }

    /// @dev M-6: no purchase grants a commercial license it did not pay for.
    function invariant_noFreeLicenseUpgrade() public view {
        assertEq(handler.ghost_freeUpgrades(), 0);
    }

    /// @dev H-3: the hook attacker's re-entries (a second purchase, a deposit) never go through, so every payment is
    /// counted once (the balances below match what buyers paid).
    function invariant_hookReentryRefused() public view {
        assertEq(handler.attacker().reentries(), 0);
    }

    /// @dev Every wei paid sits in the splitter, owed to the models' owners (no splits here), the treasury's fee
    /// account, or as dust.
    function invariant_paymentsReachTheSplitterExactly() public view {
        address[3] memory assets = [ETH, address(token), address(handler.hookToken())];
        for (uint256 t; t < 3; ++t) {
            uint256 owed = splitter.claimable(0, assets[t], address(timelock));
            for (uint256 m; m < models.length; ++m) {
                owed += splitter.claimable(models[m], assets[t], alice) + splitter.claimable(models[m], assets[t], bob)
                + splitter.dust(models[m], assets[t]);
            }
            uint256 balance =
                assets[t] == ETH ? address(splitter).balance : IERC20(assets[t]).balanceOf(address(splitter));
            assertEq(balance, handler.ghost_paid(assets[t]));
            assertEq(owed, handler.ghost_paid(assets[t]));
        }
    }
}
