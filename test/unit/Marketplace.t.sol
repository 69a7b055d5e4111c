// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Marketplace} from "../../src/Marketplace.sol";
import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {IRoyaltySplitter} from "../../src/interfaces/IRoyaltySplitter.sol";
import {CidV1} from "../../src/libraries/CidV1.sol";
import {Base} from "../Base.t.sol";
import {ContractWallet} from "../mocks/ContractWallet.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {HookAttacker} from "../mocks/HookAttacker.sol";
import {HookToken} from "../mocks/HookToken.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

contract MarketplaceTest is Base {
    uint256 internal model;
    bytes internal terms;

    function setUp() public override {
        super.setUp();
        model = _register(alice, "licensed model");
        terms = CidV1.encode(RAW, sha256("license terms v1"));
        // Carol and the model's owner share the proceeds 1:1 in ETH and DAIMM.
        _setSplit(model, alice, ETH, _pair(alice, carol), _weights(1, 1));
        _setSplit(model, alice, address(token), _pair(alice, carol), _weights(1, 1));
        vm.deal(bob, 100 ether);
        _fund(bob, 1000 ether);
        vm.prank(bob);
        token.approve(address(splitter), type(uint256).max);
    }

    /*//////////////////////////////////////////////////////////////
                                 PUBLISH
    //////////////////////////////////////////////////////////////*/

    function test_publishOffer_recordsImmutableTerms() public {
        IMarketplace.OfferTerms memory t = _terms(address(token), 10 ether, 30 days, 5, true);
        vm.expectEmit(address(market));
        emit IMarketplace.OfferPublished(1, model, alice, address(token), 10 ether, 30 days, 5, true, false, terms);
        vm.prank(alice);
        uint256 offerId = market.publishOffer(t);
        vm.snapshotGasLastCall("Marketplace", "publishOffer");

        assertEq(offerId, 1);
        assertEq(market.offerCount(), 1);
        IMarketplace.Offer memory o = market.offerOf(offerId);
        assertEq(o.modelId, model);
        assertEq(o.seller, alice);
        assertEq(o.token, address(token));
        assertEq(o.price, 10 ether);
        assertEq(o.duration, 30 days);
        assertEq(o.supplyCap, 5);
        assertEq(o.sold, 0);
        assertTrue(o.commercial);
        assertFalse(o.cancelled);
        assertFalse(o.signed);
        assertEq(o.termsCid, terms);
    }

    function test_RevertWhen_publishingForAModelNotOwned() public {
        IMarketplace.OfferTerms memory t = _terms(ETH, 1 ether, 0, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotModelOwner.selector, model, mallory));
        vm.prank(mallory);
        market.publishOffer(t);
    }

    function test_RevertWhen_termsCidIsNotCidV1() public {
        IMarketplace.OfferTerms memory t = _terms(ETH, 1 ether, 0, 0, false);
        t.termsCid = abi.encodePacked(uint8(0x12), uint8(0x20), sha256("v0"));
        vm.expectRevert(abi.encodeWithSelector(CidV1.CidUnsupportedVersion.selector, 0));
        vm.prank(alice);
        market.publishOffer(t);
    }

    function test_RevertWhen_offerIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownOffer.selector, 7));
        market.offerOf(7);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownOffer.selector, 7));
        vm.prank(bob);
        market.buyLicense(7, 1 ether);
    }

    /*//////////////////////////////////////////////////////////////
                                  BUY
    //////////////////////////////////////////////////////////////*/

    function test_buyLicense_erc20PaysTreasuryAndSplit() public {
        uint256 offerId = _publish(address(token), 100 ether, 30 days, 0, true);
        uint256 treasuryBefore = token.balanceOf(address(timelock));
        vm.expectEmit(address(market));
        emit IMarketplace.LicensePurchased(
            model,
            bob,
            offerId,
            address(token),
            100 ether,
            2.5 ether,
            address(timelock),
            uint64(block.timestamp + 30 days)
        );
        vm.prank(bob);
        uint64 expiresAt = market.buyLicense(offerId, 100 ether);
        vm.snapshotGasLastCall("Marketplace", "buyLicense");

        assertEq(expiresAt, block.timestamp + 30 days);
        assertEq(token.balanceOf(address(splitter)), 100 ether, "one transfer, into the splitter");
        assertEq(splitter.claimable(0, address(token), address(timelock)), 2.5 ether, "2.5% protocol fee");
        assertEq(splitter.claimable(model, address(token), carol), 48.75 ether);
        assertEq(splitter.claimable(model, address(token), alice), 48.75 ether);
        assertTrue(market.hasValidLicense(model, bob));
        IMarketplace.License memory license = market.licenseOf(model, bob);
        assertEq(license.expiresAt, expiresAt);
        assertEq(license.offerId, offerId);
        assertTrue(license.commercial);

        // Anyone sweeps the treasury's fees to it.
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.Claimed(0, address(token), address(timelock), 2.5 ether);
        vm.prank(mallory);
        assertEq(splitter.sweepProtocolFees(address(token), address(timelock)), 2.5 ether);
        assertEq(token.balanceOf(address(timelock)) - treasuryBefore, 2.5 ether);
        assertEq(token.balanceOf(address(splitter)), 97.5 ether);
    }

    function test_buyLicense_ethPaysTreasuryAndSplit() public {
        uint256 offerId = _publish(ETH, 1 ether, 0, 0, false);
        uint256 treasuryBefore = address(timelock).balance;
        vm.expectEmit(address(market));
        emit IMarketplace.LicensePurchased(
            model, bob, offerId, ETH, 1 ether, 0.025 ether, address(timelock), market.PERPETUAL()
        );
        vm.prank(bob);
        uint64 expiresAt = market.buyLicense{value: 1 ether}(offerId, 1 ether);
        vm.snapshotGasLastCall("Marketplace", "buyLicense_eth");
        assertEq(expiresAt, market.PERPETUAL());
        assertEq(address(splitter).balance, 1 ether);
        assertEq(splitter.claimable(0, ETH, address(timelock)), 0.025 ether);
        assertEq(splitter.claimable(model, ETH, carol), 0.4875 ether);
        splitter.sweepProtocolFees(ETH, address(timelock));
        assertEq(address(timelock).balance - treasuryBefore, 0.025 ether);
        assertEq(address(splitter).balance, 0.975 ether);
        assertFalse(market.licenseOf(model, bob).commercial);
    }

    function test_buyLicense_feeOnTransferTokenCreditsWhatArrived() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        vm.prank(alice);
        splitter.acceptToken(model, address(fot));
        uint256 offerId = _publish(address(fot), 100 ether, 0, 0, false);
        fot.mint(bob, 100 ether);
        vm.startPrank(bob);
        fot.approve(address(splitter), 100 ether);
        market.buyLicense(offerId, 100 ether);
        vm.stopPrank();
        // 100 sent to the splitter, 1% burned in transit; the 2.5% fee is taken from the 99 that arrived.
        assertEq(fot.balanceOf(address(splitter)), 99 ether);
        assertEq(splitter.claimable(0, address(fot), address(timelock)), 2.475 ether);
        assertEq(splitter.claimable(model, address(fot), carol), 48.2625 ether);
        assertEq(splitter.claimable(model, address(fot), alice), 48.2625 ether);
    }

    function test_RevertWhen_priceIsAboveBuyersMax() public {
        uint256 offerId = _publish(address(token), 100 ether, 0, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PriceAboveMax.selector, offerId, 100 ether, 99 ether));
        vm.prank(bob);
        market.buyLicense(offerId, 99 ether);
    }

    function test_RevertWhen_paymentIsWrong() public {
        uint256 ethOffer = _publish(ETH, 1 ether, 0, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.WrongPayment.selector, 1 ether, 0.5 ether));
        vm.prank(bob);
        market.buyLicense{value: 0.5 ether}(ethOffer, 1 ether);
        uint256 tokenOffer = _publish(address(token), 1 ether, 0, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.WrongPayment.selector, 0, 1 ether));
        vm.prank(bob);
        market.buyLicense{value: 1 ether}(tokenOffer, 1 ether);
    }

    function test_buyLicense_sellsAtMostSupplyCap() public {
        uint256 offerId = _publish(address(token), 1 ether, 0, 2, false);
        _fund(carol, 10 ether);
        vm.prank(carol);
        token.approve(address(splitter), type(uint256).max);
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        vm.prank(carol);
        market.buyLicense(offerId, 1 ether);
        assertEq(market.offerOf(offerId).sold, 2);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.SoldOut.selector, offerId, 2));
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
    }

    function test_buyLicense_freeOfferMovesNoFunds() public {
        uint256 offerId = _publish(address(token), 0, 7 days, 0, false);
        vm.expectEmit(address(market));
        emit IMarketplace.LicensePurchased(
            model, bob, offerId, address(token), 0, 0, address(timelock), uint64(block.timestamp + 7 days)
        );
        vm.prank(bob);
        market.buyLicense(offerId, 0);
        assertTrue(market.hasValidLicense(model, bob));
        assertEq(token.balanceOf(address(splitter)), 0);
    }

    function test_RevertWhen_offerIsCancelled() public {
        uint256 offerId = _publish(address(token), 1 ether, 0, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotSeller.selector, alice, mallory));
        vm.prank(mallory);
        market.cancelOffer(offerId);
        vm.expectEmit(address(market));
        emit IMarketplace.OfferCancelled(offerId, model, alice);
        vm.prank(alice);
        market.cancelOffer(offerId);
        assertTrue(market.offerOf(offerId).cancelled);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.OfferInactive.selector, offerId));
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.OfferInactive.selector, offerId));
        vm.prank(alice);
        market.cancelOffer(offerId);
    }

    function test_RevertWhen_modelChangedHands() public {
        uint256 offerId = _publish(address(token), 1 ether, 0, 0, false);
        vm.prank(alice);
        registry.transferFrom(alice, carol, model);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.StaleOffer.selector, offerId, alice, carol));
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        // Back with its seller, the offer is live again.
        vm.prank(carol);
        registry.transferFrom(carol, alice, model);
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
    }

    function test_RevertWhen_modelIsFlagged() public {
        uint256 offerId = _publish(address(token), 1 ether, 0, 0, false);
        vm.prank(address(timelock)); // the arbiter by default
        registry.setFlagged(model, true);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ModelFlagged.selector, model));
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ModelFlagged.selector, model));
        _publish(address(token), 1 ether, 0, 0, false);
        // Cleared, the model sells again through the offer published before the flag.
        vm.prank(address(timelock));
        registry.setFlagged(model, false);
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        assertTrue(market.hasValidLicense(model, bob));
    }

    function test_RevertWhen_signedOfferIsForAFlaggedModel() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 0, 0);
        bytes memory signature = _sign(aliceKey, market.hashSignedOffer(offer));
        vm.prank(address(timelock));
        registry.setFlagged(model, true);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ModelFlagged.selector, model));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
    }

    function test_buyLicense_deprecatedModelStillSells() public {
        uint256 offerId = _publish(address(token), 1 ether, 30 days, 0, false);
        vm.prank(alice);
        registry.deprecate(model);
        // Deprecation is the owner's notice that a newer model exists; licensees may still renew.
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        assertTrue(market.hasValidLicense(model, bob));
    }

    function test_RevertWhen_publishingForAnUnknownModel() public {
        IMarketplace.OfferTerms memory offer = _terms(address(token), 1 ether, 0, 0, false);
        offer.modelId = 42;
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownModel.selector, 42));
        vm.prank(alice);
        market.publishOffer(offer);
    }

    /*//////////////////////////////////////////////////////////////
                                RENEWALS
    //////////////////////////////////////////////////////////////*/

    function test_buyLicense_renewalExtendsFromExpiry() public {
        uint256 offerId = _publish(address(token), 1 ether, 30 days, 0, false);
        vm.prank(bob);
        uint64 first = market.buyLicense(offerId, 1 ether);
        vm.warp(block.timestamp + 10 days);
        vm.prank(bob);
        uint64 second = market.buyLicense(offerId, 1 ether);
        assertEq(second, first + 30 days, "renewing early keeps the remaining time");

        vm.warp(second + 1);
        assertFalse(market.hasValidLicense(model, bob));
        vm.prank(bob);
        uint64 third = market.buyLicense(offerId, 1 ether);
        assertEq(third, block.timestamp + 30 days, "an expired license restarts from now");
    }

    function test_buyLicense_perpetualIsFinalForItsKind() public {
        uint256 timed = _publish(address(token), 1 ether, 30 days, 0, true);
        uint256 perpetual = _publish(address(token), 50 ether, 0, 0, true);
        vm.prank(bob);
        market.buyLicense(timed, 1 ether);
        vm.prank(bob);
        market.buyLicense(perpetual, 50 ether);
        IMarketplace.License memory license = market.licenseOf(model, bob);
        assertEq(license.expiresAt, market.PERPETUAL());
        assertEq(license.offerId, perpetual);
        assertTrue(license.commercial);
        vm.warp(block.timestamp + 365 days * 100);
        assertTrue(market.hasValidLicense(model, bob));

        vm.expectRevert(abi.encodeWithSelector(IMarketplace.LicensePerpetual.selector, model, bob));
        vm.prank(bob);
        market.buyLicense(timed, 1 ether);
    }

    /*//////////////////////////////////////////////////////////////
                          M-6: LICENSES PER TERMS
    //////////////////////////////////////////////////////////////*/

    /// @dev M-6: a non-commercial year for 0.01 ETH, then one commercial day for 0.1 ETH. The old single license slot
    /// extended the expiry and overwrote the commercial flag: 366 commercial days for 0.11 ETH. Now each kind keeps its
    /// own expiry: one commercial day, and the non-commercial year beside it.
    function test_attack_M6_commercialDayDoesNotUpgradeNonCommercialYear() public {
        uint256 year = _publish(ETH, 0.01 ether, 365 days, 0, false);
        uint256 day = _publish(ETH, 0.1 ether, 1 days, 0, true);
        uint256 start = block.timestamp;
        vm.prank(bob);
        market.buyLicense{value: 0.01 ether}(year, 0.01 ether);
        vm.prank(bob);
        uint64 commercialUntil = market.buyLicense{value: 0.1 ether}(day, 0.1 ether);

        assertEq(commercialUntil, start + 1 days, "the commercial license lasts the day paid for");
        IMarketplace.License memory commercial = market.licenseOfKind(model, bob, true);
        assertEq(commercial.expiresAt, start + 1 days);
        assertEq(commercial.offerId, day);
        IMarketplace.License memory other = market.licenseOfKind(model, bob, false);
        assertEq(other.expiresAt, start + 365 days);
        assertEq(other.offerId, year);
        assertTrue(market.licenseOf(model, bob).commercial);

        vm.warp(start + 2 days);
        IMarketplace.License memory now_ = market.licenseOf(model, bob);
        assertFalse(now_.commercial, "no commercial use after the day");
        assertEq(now_.expiresAt, start + 365 days);
        assertTrue(market.hasValidLicense(model, bob));
    }

    /// @dev Remaining time carries over only under the same terms: a cheap license cannot be renewed into other terms
    /// of the same kind (a different terms document), while a re-priced offer with the same terms extends it.
    function test_attack_M6_timeDoesNotCarryOverToOtherTerms() public {
        uint256 cheap = _publish(ETH, 0.01 ether, 365 days, 0, false);
        IMarketplace.OfferTerms memory t = _terms(ETH, 0.02 ether, 1 days, 0, false);
        t.termsCid = CidV1.encode(RAW, sha256("license terms v2: redistribution allowed"));
        vm.prank(alice);
        uint256 otherTerms = market.publishOffer(t);
        uint256 repriced = _publish(ETH, 0.02 ether, 30 days, 0, false);

        vm.prank(bob);
        uint64 first = market.buyLicense{value: 0.01 ether}(cheap, 0.01 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.LicenseTermsDiffer.selector, model, bob, cheap));
        vm.prank(bob);
        market.buyLicense{value: 0.02 ether}(otherTerms, 0.02 ether);
        vm.prank(bob);
        uint64 renewed = market.buyLicense{value: 0.02 ether}(repriced, 0.02 ether);
        assertEq(renewed, first + 30 days, "same terms document: the time carries over");
        assertEq(market.licenseOfKind(model, bob, false).offerId, repriced);

        vm.warp(renewed + 1);
        vm.prank(bob);
        uint64 fresh = market.buyLicense{value: 0.02 ether}(otherTerms, 0.02 ether);
        assertEq(fresh, block.timestamp + 1 days, "after expiry, new terms start from now");
    }

    /// @dev An ERC-1271 seller revokes its signed offer in the wallet: the next fill fails, though the offer was
    /// listed already.
    function test_buyWithSig_erc1271RevocationStopsFills() public {
        ContractWallet wallet = new ContractWallet(alice);
        vm.prank(alice);
        registry.transferFrom(alice, address(wallet), model);
        IMarketplace.SignedOffer memory offer = _signedOffer(ETH, 1 ether, 1 days, 0);
        offer.seller = address(wallet);
        bytes32 digest = market.hashSignedOffer(offer);
        bytes memory signature = _sign(aliceKey, digest);
        vm.prank(bob);
        market.buyWithSig{value: 1 ether}(offer, signature);
        vm.deal(carol, 1 ether);
        vm.prank(carol);
        market.buyWithSig{value: 1 ether}(offer, signature);

        vm.prank(alice);
        wallet.revoke(digest);
        vm.deal(bob, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSignature.selector, address(wallet)));
        vm.prank(bob);
        market.buyWithSig{value: 1 ether}(offer, signature);
    }

    /*//////////////////////////////////////////////////////////////
                                 REVIEWS
    //////////////////////////////////////////////////////////////*/

    function test_review_byLicenseeCountsOnceAndUpdates() public {
        uint256 offerId = _publish(ETH, 1 ether, 1 days, 0, false);
        vm.prank(bob);
        market.buyLicense{value: 1 ether}(offerId, 1 ether);
        bytes memory first = CidV1.encode(RAW, sha256("review: good"));
        vm.expectEmit(address(market));
        emit IMarketplace.Reviewed(model, bob, 4, 0, first);
        vm.prank(bob);
        market.review(model, 4, first);
        vm.snapshotGasLastCall("Marketplace", "review");
        (uint256 count, uint256 sum) = market.ratingOf(model);
        assertEq(count, 1);
        assertEq(sum, 4);

        // Expired licensees may still review; a second review replaces the first.
        vm.warp(block.timestamp + 2 days);
        bytes memory second = CidV1.encode(RAW, sha256("review: it broke"));
        vm.expectEmit(address(market));
        emit IMarketplace.Reviewed(model, bob, 2, 4, second);
        vm.prank(bob);
        market.review(model, 2, second);
        (count, sum) = market.ratingOf(model);
        assertEq(count, 1);
        assertEq(sum, 2);
        assertEq(market.reviewOf(model, bob), 2);

        vm.deal(carol, 1 ether);
        vm.prank(carol);
        market.buyLicense{value: 1 ether}(offerId, 1 ether);
        vm.prank(carol);
        market.review(model, 5, first);
        (count, sum) = market.ratingOf(model);
        assertEq(count, 2);
        assertEq(sum, 7);
    }

    function test_RevertWhen_nonLicenseeReviews() public {
        bytes memory cid = CidV1.encode(RAW, sha256("fake review"));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotLicensee.selector, model, mallory));
        vm.prank(mallory);
        market.review(model, 5, cid);
    }

    function test_RevertWhen_ratingIsOutOfRange() public {
        uint256 offerId = _publish(ETH, 0, 1 days, 0, false);
        vm.prank(bob);
        market.buyLicense(offerId, 0);
        bytes memory cid = CidV1.encode(RAW, sha256("review"));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.RatingOutOfRange.selector, 0, 5));
        vm.prank(bob);
        market.review(model, 0, cid);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.RatingOutOfRange.selector, 6, 5));
        vm.prank(bob);
        market.review(model, 6, cid);
    }

    /*//////////////////////////////////////////////////////////////
                             SIGNED OFFERS
    //////////////////////////////////////////////////////////////*/

    function test_buyWithSig_listsAtFirstFillThenFillsWithoutSignature() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 10 ether, 7 days, 3);
        bytes32 digest = market.hashSignedOffer(offer);
        bytes memory signature = _sign(aliceKey, digest);

        vm.expectEmit(address(market));
        emit IMarketplace.SignedOfferListed(digest, 1, offer.nonce, offer.deadline);
        vm.prank(bob);
        market.buyWithSig(offer, signature);
        vm.snapshotGasLastCall("Marketplace", "buyWithSig_first");
        (uint256 offerId, bool revoked) = market.signedOfferStatus(digest);
        assertEq(offerId, 1);
        assertFalse(revoked);
        assertTrue(market.offerOf(1).signed);
        assertEq(market.licenseOf(model, bob).offerId, 1);

        _fund(carol, 10 ether);
        vm.startPrank(carol);
        token.approve(address(splitter), 10 ether);
        market.buyWithSig(offer, ""); // listed: the signature was checked at the first fill
        vm.snapshotGasLastCall("Marketplace", "buyWithSig_listed");
        vm.stopPrank();
        assertEq(market.offerOf(1).sold, 2);
        assertTrue(market.hasValidLicense(model, carol));

        vm.expectRevert(abi.encodeWithSelector(IMarketplace.OfferRequiresSignature.selector, 1));
        vm.prank(bob);
        market.buyLicense(1, 10 ether);
    }

    function test_RevertWhen_signedOfferIsSoldOut() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 0, 1);
        bytes memory signature = _sign(aliceKey, market.hashSignedOffer(offer));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
        _fund(carol, 1 ether);
        vm.startPrank(carol);
        token.approve(address(splitter), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.SoldOut.selector, 1, 1));
        market.buyWithSig(offer, signature);
        vm.stopPrank();
    }

    function test_RevertWhen_signedOfferIsExpired() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 0, 0);
        bytes memory signature = _sign(aliceKey, market.hashSignedOffer(offer));
        vm.warp(offer.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.OfferExpired.selector, offer.deadline));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
    }

    function test_RevertWhen_signatureIsNotSellers() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 0, 0);
        bytes memory signature = _sign(bobKey, market.hashSignedOffer(offer));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSignature.selector, alice));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
    }

    function test_RevertWhen_signedOfferNonceIsInvalidated() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 0, 0);
        offer.nonce = 4;
        bytes memory signature = _sign(aliceKey, market.hashSignedOffer(offer));
        vm.expectEmit(address(market));
        emit IMarketplace.NoncesInvalidated(alice, 5);
        vm.prank(alice);
        market.invalidateNonces(5);
        assertEq(market.minNonceOf(alice), 5);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NonceTooOld.selector, alice, 4, 5));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NonceNotIncreasing.selector, 5, 5));
        vm.prank(alice);
        market.invalidateNonces(5);
    }

    function test_RevertWhen_signedOfferIsCancelledBeforeListing() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 0, 0);
        bytes32 digest = market.hashSignedOffer(offer);
        bytes memory signature = _sign(aliceKey, digest);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotSeller.selector, alice, mallory));
        vm.prank(mallory);
        market.cancelSignedOffer(offer);
        vm.expectEmit(address(market));
        emit IMarketplace.SignedOfferCancelled(digest, alice);
        vm.prank(alice);
        market.cancelSignedOffer(offer);
        (, bool revoked) = market.signedOfferStatus(digest);
        assertTrue(revoked);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.SignedOfferRevoked.selector, digest));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
    }

    function test_RevertWhen_signedOfferIsCancelledAfterListing() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 1 days, 0);
        bytes memory signature = _sign(aliceKey, market.hashSignedOffer(offer));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
        vm.prank(alice);
        market.cancelSignedOffer(offer);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.OfferInactive.selector, 1));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
    }

    function test_RevertWhen_signedOfferSellerNoLongerOwnsModel() public {
        IMarketplace.SignedOffer memory offer = _signedOffer(address(token), 1 ether, 0, 0);
        bytes memory signature = _sign(aliceKey, market.hashSignedOffer(offer));
        vm.prank(alice);
        registry.transferFrom(alice, carol, model);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.StaleOffer.selector, 1, alice, carol));
        vm.prank(bob);
        market.buyWithSig(offer, signature);
    }

    function test_buyWithSig_acceptsErc1271Seller() public {
        ContractWallet wallet = new ContractWallet(alice);
        vm.prank(alice);
        registry.transferFrom(alice, address(wallet), model);
        IMarketplace.SignedOffer memory offer = _signedOffer(ETH, 1 ether, 0, 0);
        offer.seller = address(wallet);
        bytes memory signature = _sign(aliceKey, market.hashSignedOffer(offer));
        vm.prank(bob);
        market.buyWithSig{value: 1 ether}(offer, signature);
        assertTrue(market.hasValidLicense(model, bob));
    }

    /// @dev The digest in test/fixtures/offer-digest.json is viem's `hashTypedData` of the same offer (checked by
    /// sdk/test/unit/offerDigest.test.ts); the contract must produce it too, at the fixture's verifying contract.
    function test_hashSignedOffer_matchesViemFixture() public {
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/offer-digest.json"));
        address verifyingContract = vm.parseJsonAddress(json, ".domain.verifyingContract");
        assertEq(vm.parseJsonUint(json, ".domain.chainId"), block.chainid);
        assertEq(vm.parseJsonString(json, ".domain.name"), "DAIMM Marketplace");
        address implementation = address(new Marketplace(address(registry), address(splitter)));
        bytes memory init = abi.encodeCall(Marketplace.initialize, (address(accessManager), address(timelock), 0));
        deployCodeTo("ERC1967Proxy.sol:ERC1967Proxy", abi.encode(implementation, init), verifyingContract);

        IMarketplace.SignedOffer memory offer = IMarketplace.SignedOffer({
            modelId: vm.parseJsonUint(json, ".message.modelId"),
            seller: vm.parseJsonAddress(json, ".message.seller"),
            token: vm.parseJsonAddress(json, ".message.token"),
            price: uint96(vm.parseJsonUint(json, ".message.price")),
            duration: uint32(vm.parseJsonUint(json, ".message.duration")),
            supplyCap: uint24(vm.parseJsonUint(json, ".message.supplyCap")),
            commercial: vm.parseJsonBool(json, ".message.commercial"),
            termsCid: vm.parseJsonBytes(json, ".message.termsCid"),
            nonce: vm.parseJsonUint(json, ".message.nonce"),
            deadline: vm.parseJsonUint(json, ".message.deadline")
        });
        assertEq(Marketplace(verifyingContract).OFFER_TYPEHASH(), vm.parseJsonBytes32(json, ".typeHash"));
        assertEq(Marketplace(verifyingContract).hashSignedOffer(offer), vm.parseJsonBytes32(json, ".digest"));
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    function test_setProtocolFee_isGovernedAndCapped() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        market.setProtocolFee(0);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProtocolFeeTooHigh.selector, 1001, 1000));
        vm.prank(address(timelock));
        market.setProtocolFee(1001);
        vm.expectEmit(address(market));
        emit IMarketplace.ProtocolFeeSet(0);
        vm.prank(address(timelock));
        market.setProtocolFee(0);
        (uint16 bps, address treasury) = market.protocolFee();
        assertEq(bps, 0);
        assertEq(treasury, address(timelock));

        uint256 offerId = _publish(address(token), 10 ether, 0, 0, false);
        vm.prank(bob);
        market.buyLicense(offerId, 10 ether);
        assertEq(token.balanceOf(address(splitter)), 10 ether, "no fee, everything to the split");
    }

    function test_setTreasury_isGovernedAndNonZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        market.setTreasury(guardian);
        vm.expectRevert(IMarketplace.ZeroTreasury.selector);
        vm.prank(address(timelock));
        market.setTreasury(address(0));
        vm.prank(address(timelock));
        market.setTreasury(carol);
        (, address treasury) = market.protocolFee();
        assertEq(treasury, carol);
    }

    function test_pause_stopsSales() public {
        uint256 offerId = _publish(address(token), 1 ether, 0, 0, false);
        vm.prank(guardian);
        market.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        vm.prank(address(timelock));
        market.unpause();
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
    }

    /// @dev Pausing the splitter freezes claims and split changes, not sales: proceeds keep being credited.
    function test_buyLicense_creditsWhileSplitterIsPaused() public {
        uint256 offerId = _publish(address(token), 1 ether, 0, 0, false);
        vm.prank(guardian);
        splitter.pause();
        vm.prank(bob);
        market.buyLicense(offerId, 1 ether);
        assertEq(splitter.claimable(model, address(token), carol), 0.4875 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _claim(carol, _ids(model), address(token));
    }

    /*//////////////////////////////////////////////////////////////
                                  FUZZ
    //////////////////////////////////////////////////////////////*/

    /// @dev Every wei of a price ends up in the treasury's fee account or in the model's split; the fee rounds down.
    function testFuzz_buyLicense_paysEveryWei(uint96 price, uint16 feeBps) public {
        feeBps = uint16(bound(feeBps, 0, 1000));
        price = uint96(bound(price, 0, 1000 ether));
        vm.prank(address(timelock));
        market.setProtocolFee(feeBps);
        uint256 offerId = _publish(address(token), price, 1 days, 0, false);
        vm.prank(bob);
        market.buyLicense(offerId, price);
        uint256 fee = splitter.claimable(0, address(token), address(timelock));
        assertEq(fee, uint256(price) * feeBps / 10_000);
        assertEq(token.balanceOf(address(splitter)), price);
        assertEq(
            splitter.claimable(model, address(token), alice) + splitter.claimable(model, address(token), carol)
                + splitter.dust(model, address(token)),
            price - fee
        );
    }

    /// @dev Renewals add up: n purchases of a d-second license, whenever made before expiry, last n × d seconds.
    function testFuzz_buyLicense_renewalsAddUp(uint32 duration, uint8 renewals, uint32 gap) public {
        duration = uint32(bound(duration, 1, 3650 days));
        renewals = uint8(bound(renewals, 1, 5));
        uint256 offerId = _publish(address(token), 1 ether, duration, 0, false);
        uint256 start = block.timestamp;
        for (uint256 i; i < renewals; ++i) {
            vm.prank(bob);
            market.buyLicense(offerId, 1 ether);
            vm.warp(block.timestamp + bound(gap, 0, duration - 1) / renewals);
        }
        assertEq(market.licenseOf(model, bob).expiresAt, start + uint256(duration) * renewals);
    }

    /*//////////////////////////////////////////////////////////////
                     H-3: PAYMENTS COUNTED ONCE
    //////////////////////////////////////////////////////////////*/

    /// @dev H-3: Mallory sells herself a 1-token license in a token with ERC-777 hooks; her buying contract's
    /// `tokensToSend` hook deposits 100 tokens to her own model while the Marketplace's payment is moving. The old
    /// Marketplace measured the splitter's balance around the transfer under its own guard only, so the nested
    /// deposit was credited twice (198.475 for 101 paid) and Alice's 100 became unclaimable. Now the splitter
    /// collects the payment itself under the guard every deposit shares: the nested deposit is refused.
    function test_attack_H3_hookedDepositInsidePurchaseIsCountedOnce() public {
        HookToken hook = new HookToken();
        _setSplit(model, alice, address(hook), _pair(alice, carol), _weights(1, 1));
        // Alice's model has earned 100 tokens honestly.
        hook.mint(bob, 100 ether);
        vm.startPrank(bob);
        hook.approve(address(splitter), 100 ether);
        splitter.deposit(model, address(hook), 100 ether);
        vm.stopPrank();

        // Mallory's model, all proceeds hers, and a 1-token offer for it.
        uint256 own = _register(mallory, "mallory's model");
        _setSplit(own, mallory, address(hook), _one(mallory), _weight(1));
        IMarketplace.OfferTerms memory t = _terms(address(hook), 1 ether, 1 days, 0, false);
        t.modelId = own;
        vm.prank(mallory);
        uint256 offerId = market.publishOffer(t);

        HookAttacker attacker = new HookAttacker();
        hook.mint(address(attacker), 101 ether);
        attacker.execute(address(hook), 0, abi.encodeCall(HookToken.setHook, (address(attacker))));
        attacker.execute(address(hook), 0, abi.encodeCall(hook.approve, (address(splitter), type(uint256).max)));
        attacker.arm(address(splitter), abi.encodeCall(splitter.deposit, (own, address(hook), 100 ether)));
        attacker.execute(address(market), 0, abi.encodeCall(market.buyLicense, (offerId, 1 ether)));

        assertEq(attacker.reentries(), 0, "the hooked deposit went through");
        assertEq(attacker.blockedReentries(), 1);
        assertEq(hook.balanceOf(address(splitter)), 101 ether, "100 deposited + the 1-token sale");
        uint256 fee = 1 ether * uint256(PROTOCOL_FEE_BPS) / 10_000;
        assertEq(splitter.claimable(own, address(hook), mallory), 1 ether - fee, "credited once");
        // Everyone can claim, and the splitter ends with nothing owed and nothing left.
        _claim(mallory, _ids(own), address(hook));
        _claim(alice, _ids(model), address(hook));
        _claim(carol, _ids(model), address(hook));
        splitter.sweepProtocolFees(address(hook), address(timelock));
        assertEq(hook.balanceOf(alice) + hook.balanceOf(carol), 100 ether);
        assertEq(hook.balanceOf(address(splitter)), 0);
    }

    /// @dev The same hook re-entering the Marketplace itself, or sweeping an inbox (which deposits), during a
    /// purchase: every path that moves tokens into the splitter is behind the same guard.
    function test_attack_H3_hookedPurchaseOrSweepInsidePurchaseIsRefused() public {
        HookToken hook = new HookToken();
        IMarketplace.OfferTerms memory t = _terms(address(hook), 1 ether, 1 days, 0, false);
        vm.prank(alice);
        uint256 offerId = market.publishOffer(t);
        HookAttacker attacker = new HookAttacker();
        hook.mint(address(attacker), 10 ether);
        hook.mint(splitter.royaltyInboxOf(model), 5 ether);
        attacker.execute(address(hook), 0, abi.encodeCall(HookToken.setHook, (address(attacker))));
        attacker.execute(address(hook), 0, abi.encodeCall(hook.approve, (address(splitter), type(uint256).max)));

        attacker.arm(address(market), abi.encodeCall(market.buyLicense, (offerId, 1 ether)));
        attacker.execute(address(market), 0, abi.encodeCall(market.buyLicense, (offerId, 1 ether)));
        attacker.arm(address(splitter), abi.encodeCall(splitter.sweepInbox, (model, address(hook))));
        attacker.execute(address(market), 0, abi.encodeCall(market.buyLicense, (offerId, 1 ether)));

        assertEq(attacker.reentries(), 0);
        assertEq(attacker.blockedReentries(), 2);
        assertEq(hook.balanceOf(address(splitter)), 2 ether);
        assertEq(
            splitter.claimable(model, address(hook), alice),
            2 ether - 2 * (1 ether * uint256(PROTOCOL_FEE_BPS) / 10_000)
        );
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _terms(address asset, uint96 price, uint32 duration, uint24 supplyCap, bool commercial)
        internal
        view
        returns (IMarketplace.OfferTerms memory)
    {
        return IMarketplace.OfferTerms({
            modelId: model,
            token: asset,
            price: price,
            duration: duration,
            supplyCap: supplyCap,
            commercial: commercial,
            termsCid: terms
        });
    }

    function _publish(address asset, uint96 price, uint32 duration, uint24 supplyCap, bool commercial)
        internal
        returns (uint256)
    {
        IMarketplace.OfferTerms memory t = _terms(asset, price, duration, supplyCap, commercial);
        vm.prank(alice);
        return market.publishOffer(t);
    }

    function _signedOffer(address asset, uint96 price, uint32 duration, uint24 supplyCap)
        internal
        view
        returns (IMarketplace.SignedOffer memory)
    {
        return IMarketplace.SignedOffer({
            modelId: model,
            seller: alice,
            token: asset,
            price: price,
            duration: duration,
            supplyCap: supplyCap,
            commercial: true,
            termsCid: terms,
            nonce: 0,
            deadline: block.timestamp + 1 days
        });
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }
}
