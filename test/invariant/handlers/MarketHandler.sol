// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmToken} from "../../../src/DaimmToken.sol";
import {Marketplace} from "../../../src/Marketplace.sol";
import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {CidV1} from "../../../src/libraries/CidV1.sol";
import {HookAttacker} from "../../mocks/HookAttacker.sol";
import {HookToken} from "../../mocks/HookToken.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Two sellers publish, sign, cancel and void offers (commercial or not, under two terms documents, in ETH,
/// DAIMM or a token with ERC-777-style hooks) for their models and hand models to each other; buyers buy through
/// on-chain and signed offers as time passes. One buyer is a hook attacker (H-3) that re-enters a purchase or a
/// deposit from inside its own hook-token payments; one is a license upgrader (M-6) that buys a cheap
/// non-commercial license and then a commercial one. The handler predicts, from its own ghost copy of every offer and
/// license, whether each purchase must go through or fail and what license it writes, then makes it (in try/catch,
/// so the handler never reverts) and counts every disagreement.
contract MarketHandler is CommonBase, StdCheats, StdUtils {
    struct Ghost {
        uint256 modelId;
        address seller;
        address token;
        uint96 price;
        uint32 duration;
        uint24 supplyCap;
        uint24 fills;
        bool cancelled;
        bool commercial;
        uint8 termsId;
    }

    struct Signed {
        IMarketplace.SignedOffer offer;
        bytes signature;
        bytes32 digest;
        uint24 fills;
        bool cancelled;
    }

    uint256 private constant _MAX_OFFERS = 24;

    Marketplace public immutable market;
    ModelRegistry public immutable registry;
    DaimmToken public immutable token;
    HookToken public immutable hookToken;
    HookAttacker public immutable attacker;
    address public immutable treasury;
    /// @dev Pays buyers their DAIMM: a genesis holder (`setFunder`), never the timelock.
    address public funder;
    address public immutable splitter;

    address[2] public sellers;
    mapping(address seller => uint256 key) private _keys;
    address[] public buyers;
    uint256[] public models;
    bytes[2] private _terms;

    Ghost[] internal _offers; // index = offer id - 1 for published offers (signed listings are not in it)
    uint256[] public publishedIds;
    Signed[] internal _signed;

    mapping(uint256 modelId => mapping(address buyer => mapping(bool commercial => uint64))) public ghost_expiry;
    /// @dev The terms document of each running license.
    mapping(uint256 modelId => mapping(address buyer => mapping(bool commercial => uint8))) public ghost_terms;
    mapping(uint256 modelId => bool) public ghost_flagged;
    mapping(address token => uint256) public ghost_paid;
    /// @dev Purchases (or publications) that went through although the offer was cancelled, expired, voided, sold out
    /// or stale, or its model flagged.
    uint256 public ghost_deadFills;
    /// @dev Purchases that failed although the offer was live and the buyer paid exactly.
    uint256 public ghost_liveFailures;
    /// @dev Successful purchases whose license record differs from the predicted one.
    uint256 public ghost_licenseMismatches;
    uint256 public ghost_sales;
    /// @dev Commercial licenses that outlast what their commercial purchases paid for (M-6).
    uint256 public ghost_freeUpgrades;
    uint256 public ghost_upgrades;

    constructor(
        Marketplace market_,
        ModelRegistry registry_,
        DaimmToken token_,
        address treasury_,
        address[2] memory sellers_,
        uint256[2] memory keys,
        address[] memory buyers_,
        uint256[] memory models_
    ) {
        market = market_;
        registry = registry_;
        token = token_;
        treasury = treasury_;
        splitter = market_.SPLITTER();
        sellers = sellers_;
        _keys[sellers_[0]] = keys[0];
        _keys[sellers_[1]] = keys[1];
        buyers = buyers_;
        attacker = new HookAttacker();
        buyers.push(address(attacker));
        hookToken = new HookToken();
        attacker.execute(address(hookToken), 0, abi.encodeCall(HookToken.setHook, (address(attacker))));
        models = models_;
        _terms[0] = CidV1.encode(0x55, sha256("invariant license terms"));
        _terms[1] = CidV1.encode(0x55, sha256("invariant license terms, redistribution allowed"));
    }

    /*//////////////////////////////////////////////////////////////
                                 SELLERS
    //////////////////////////////////////////////////////////////*/

    function publishOffer(
        uint256 modelSeed,
        uint8 asset,
        uint96 price,
        uint32 duration,
        uint24 cap,
        bool commercial,
        bool otherTerms
    ) external {
        if (_offers.length + _signed.length >= _MAX_OFFERS) return;
        uint256 modelId = models[bound(modelSeed, 0, models.length - 1)];
        address seller = registry.ownerOf(modelId);
        Ghost memory g = _ghost(modelId, seller, asset, price, duration, cap);
        g.commercial = commercial;
        g.termsId = otherTerms ? 1 : 0;
        IMarketplace.OfferTerms memory terms = IMarketplace.OfferTerms({
            modelId: modelId,
            token: g.token,
            price: g.price,
            duration: g.duration,
            supplyCap: g.supplyCap,
            commercial: commercial,
            termsCid: _terms[g.termsId]
        });
        vm.prank(seller);
        if (ghost_flagged[modelId]) {
            // Publishing for a flagged model must fail.
            try market.publishOffer(terms) {
                ghost_deadFills++;
            } catch {}
            return;
        }
        uint256 offerId = market.publishOffer(terms);
        // Ids are shared with signed listings: keep a slot per id.
        while (_offers.length < offerId) {
            _offers.push();
        }
        _offers[offerId - 1] = g;
        publishedIds.push(offerId);
    }

    function cancelOffer(uint256 offerSeed) external {
        if (publishedIds.length == 0) return;
        uint256 offerId = publishedIds[bound(offerSeed, 0, publishedIds.length - 1)];
        Ghost storage g = _offers[offerId - 1];
        if (g.cancelled) return;
        vm.prank(g.seller);
        market.cancelOffer(offerId);
        g.cancelled = true;
    }

    function signOffer(uint256 modelSeed, bool eth, uint96 price, uint32 duration, uint24 cap, uint256 deadline)
        external
    {
        if (_offers.length + _signed.length >= _MAX_OFFERS) return;
        uint256 modelId = models[bound(modelSeed, 0, models.length - 1)];
        address seller = registry.ownerOf(modelId);
        Ghost memory g = _ghost(modelId, seller, eth ? 0 : 1, price, duration, cap);
        Signed storage s = _signed.push();
        s.offer = IMarketplace.SignedOffer({
            modelId: modelId,
            seller: seller,
            token: g.token,
            price: g.price,
            duration: g.duration,
            supplyCap: g.supplyCap,
            commercial: true,
            termsCid: _terms[0],
            nonce: market.minNonceOf(seller) + _signed.length % 3,
            deadline: block.timestamp + bound(deadline, 0, 20 days)
        });
        s.digest = market.hashSignedOffer(s.offer);
        (uint8 v, bytes32 r, bytes32 sig) = vm.sign(_keys[seller], s.digest);
        s.signature = abi.encodePacked(r, sig, v);
    }

    function cancelSignedOffer(uint256 signedSeed) external {
        if (_signed.length == 0) return;
        Signed storage s = _signed[bound(signedSeed, 0, _signed.length - 1)];
        if (s.cancelled) return;
        vm.prank(s.offer.seller);
        market.cancelSignedOffer(s.offer);
        s.cancelled = true;
    }

    function invalidateNonces(uint256 sellerSeed, uint256 bump) external {
        address seller = sellers[bound(sellerSeed, 0, 1)];
        uint256 minNonce = market.minNonceOf(seller) + bound(bump, 1, 2);
        vm.prank(seller);
        market.invalidateNonces(minNonce);
    }

    /// @dev The model goes to the other seller: every offer of the previous owner goes stale.
    function transferModel(uint256 modelSeed) external {
        uint256 modelId = models[bound(modelSeed, 0, models.length - 1)];
        address owner = registry.ownerOf(modelId);
        address to = owner == sellers[0] ? sellers[1] : sellers[0];
        vm.prank(owner);
        registry.transferFrom(owner, to, modelId);
    }

    /// @dev The arbiter flags the model (every offer for it sleeps) or clears the flag (they wake up).
    function toggleFlag(uint256 modelSeed) external {
        uint256 modelId = models[bound(modelSeed, 0, models.length - 1)];
        bool flagged = !ghost_flagged[modelId];
        vm.prank(treasury); // the timelock is the arbiter by default
        registry.setFlagged(modelId, flagged);
        ghost_flagged[modelId] = flagged;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 10 days));
    }

    /*//////////////////////////////////////////////////////////////
                                 BUYERS
    //////////////////////////////////////////////////////////////*/

    function buyLicense(uint256 buyerSeed, uint256 offerSeed, bool reenterDeposit) external {
        if (publishedIds.length == 0) return;
        address buyer = buyers[bound(buyerSeed, 0, buyers.length - 1)];
        _buy(buyer, publishedIds[bound(offerSeed, 0, publishedIds.length - 1)], reenterDeposit);
    }

    /// @dev M-6: a buyer takes a non-commercial license, then a commercial one to the same model. The commercial
    /// license must last exactly what commercial purchases paid for.
    function upgradeLicense(uint256 buyerSeed, uint256 cheapSeed, uint256 dearSeed) external {
        if (publishedIds.length == 0) return;
        address buyer = buyers[bound(buyerSeed, 0, buyers.length - 1)];
        uint256 cheap = publishedIds[bound(cheapSeed, 0, publishedIds.length - 1)];
        uint256 dear = publishedIds[bound(dearSeed, 0, publishedIds.length - 1)];
        Ghost storage c = _offers[cheap - 1];
        Ghost storage d = _offers[dear - 1];
        if (c.commercial || !d.commercial || c.modelId != d.modelId) return;
        ghost_upgrades++;
        _buy(buyer, cheap, false);
        _buy(buyer, dear, false);
        // The ghost predicts the commercial expiry from commercial purchases alone.
        if (market.licenseOfKind(d.modelId, buyer, true).expiresAt != ghost_expiry[d.modelId][buyer][true]) {
            ghost_freeUpgrades++;
        }
    }

    function _buy(address buyer, uint256 offerId, bool reenterDeposit) private {
        Ghost storage g = _offers[offerId - 1];
        bool live = !g.cancelled && _available(g) && _sellable(g);
        bool allowed = _renewable(g, buyer);
        uint256 value = _fundBuyer(buyer, g);
        if (buyer == address(attacker) && g.token == address(hookToken)) {
            // H-3: while its payment moves, the attacker's hook buys again or deposits into the splitter.
            attacker.arm(
                reenterDeposit ? splitter : address(market),
                reenterDeposit
                    ? abi.encodeWithSignature("deposit(uint256,address,uint256)", g.modelId, address(hookToken), 1)
                    : abi.encodeCall(market.buyLicense, (offerId, g.price))
            );
        }
        vm.prank(buyer);
        try market.buyLicense{value: value}(offerId, g.price) returns (uint64 expiresAt) {
            _recordSale(g, buyer, expiresAt, live && allowed);
            g.fills++;
        } catch {
            if (live && allowed) ghost_liveFailures++;
        }
        attacker.disarm();
    }

    function buyWithSig(uint256 buyerSeed, uint256 signedSeed) external {
        if (_signed.length == 0) return;
        address buyer = buyers[bound(buyerSeed, 0, buyers.length - 1)];
        Signed storage s = _signed[bound(signedSeed, 0, _signed.length - 1)];
        Ghost memory g = Ghost({
            modelId: s.offer.modelId,
            seller: s.offer.seller,
            token: s.offer.token,
            price: s.offer.price,
            duration: s.offer.duration,
            supplyCap: s.offer.supplyCap,
            fills: s.fills,
            cancelled: s.cancelled,
            commercial: true,
            termsId: 0
        });
        bool live = !s.cancelled && block.timestamp <= s.offer.deadline
            && s.offer.nonce >= market.minNonceOf(s.offer.seller) && _available(g) && _sellable(g);
        bool allowed = _renewable(g, buyer);
        uint256 value = _fundBuyer(buyer, g);
        vm.prank(buyer);
        try market.buyWithSig{value: value}(s.offer, s.signature) returns (uint64 expiresAt) {
            _recordSale(g, buyer, expiresAt, live && allowed);
            s.fills++;
        } catch {
            if (live && allowed) ghost_liveFailures++;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    function signedCount() external view returns (uint256) {
        return _signed.length;
    }

    function signedAt(uint256 i) external view returns (bytes32 digest, uint24 fills, uint24 supplyCap) {
        Signed storage s = _signed[i];
        return (s.digest, s.fills, s.offer.supplyCap);
    }

    function publishedCount() external view returns (uint256) {
        return publishedIds.length;
    }

    function ghostOffer(uint256 offerId) external view returns (Ghost memory) {
        return _offers[offerId - 1];
    }

    function allBuyers() external view returns (address[] memory) {
        return buyers;
    }

    function buyerCount() external view returns (uint256) {
        return buyers.length;
    }

    function modelCount() external view returns (uint256) {
        return models.length;
    }

    /*//////////////////////////////////////////////////////////////
                                 PRIVATE
    //////////////////////////////////////////////////////////////*/

    function _ghost(uint256 modelId, address seller, uint8 asset, uint96 price, uint32 duration, uint24 cap)
        private
        view
        returns (Ghost memory)
    {
        asset = uint8(bound(asset, 0, 2));
        return Ghost({
            modelId: modelId,
            seller: seller,
            token: asset == 0 ? address(0) : asset == 1 ? address(token) : address(hookToken),
            price: uint96(bound(price, 0, 50 ether)),
            duration: uint32(bound(duration, 0, 30 days)),
            supplyCap: uint24(bound(cap, 0, 3)),
            fills: 0,
            cancelled: false,
            commercial: true,
            termsId: 0
        });
    }

    function _available(Ghost memory g) private pure returns (bool) {
        return g.supplyCap == 0 || g.fills < g.supplyCap;
    }

    function _sellable(Ghost memory g) private view returns (bool) {
        return registry.ownerOf(g.modelId) == g.seller && !ghost_flagged[g.modelId];
    }

    /// @dev A timed license cannot be bought on top of a running perpetual one of its kind, nor on top of a running
    /// one of its kind under other terms.
    function _renewable(Ghost memory g, address buyer) private view returns (bool) {
        if (g.duration == 0) return true;
        uint64 current = ghost_expiry[g.modelId][buyer][g.commercial];
        if (current <= block.timestamp) return true;
        return current != type(uint64).max && ghost_terms[g.modelId][buyer][g.commercial] == g.termsId;
    }

    /// @dev Called by the setup only (not among the fuzzed selectors).
    function setFunder(address funder_) external {
        funder = funder_;
    }

    function _fundBuyer(address buyer, Ghost memory g) private returns (uint256 value) {
        if (g.token == address(0)) {
            vm.deal(buyer, buyer.balance + g.price);
            return g.price;
        }
        if (g.token == address(hookToken)) {
            // Twice the price: the attacker's hook may try to spend the rest.
            hookToken.mint(buyer, 2 * uint256(g.price) + 1);
            vm.prank(buyer);
            hookToken.approve(address(splitter), 2 * uint256(g.price) + 1);
            return 0;
        }
        vm.prank(funder);
        require(token.transfer(buyer, g.price), "funding failed");
        vm.prank(buyer);
        token.approve(address(splitter), g.price);
    }

    function _recordSale(Ghost memory g, address buyer, uint64 expiresAt, bool expected) private {
        if (!expected) ghost_deadFills++;
        uint64 predicted;
        if (g.duration == 0) {
            predicted = type(uint64).max;
        } else {
            uint256 current = ghost_expiry[g.modelId][buyer][g.commercial];
            uint256 start = current > block.timestamp ? current : block.timestamp;
            // Timestamps plus at most 30 days: far below 2^64.
            // forge-lint: disable-next-line(unsafe-typecast)
            predicted = uint64(start + g.duration);
        }
        IMarketplace.License memory license = market.licenseOfKind(g.modelId, buyer, g.commercial);
        if (expiresAt != predicted || license.expiresAt != predicted) ghost_licenseMismatches++;
        ghost_expiry[g.modelId][buyer][g.commercial] = predicted;
        ghost_terms[g.modelId][buyer][g.commercial] = g.termsId;
        ghost_paid[g.token] += g.price;
        ghost_sales++;
    }
}
