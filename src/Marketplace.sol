// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {IMarketplace} from "./interfaces/IMarketplace.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IRoyaltySplitter} from "./interfaces/IRoyaltySplitter.sol";
import {CidV1} from "./libraries/CidV1.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title Marketplace
/// @notice Sells licenses to registered models through on-chain and EIP-712 signed offers, and pays each sale to the
/// treasury (protocol fee) and the model's split (the rest) in the same transaction.
/// @dev Storage per offer: five slots, of which a sale reads three (model; seller and price; token, duration, cap,
/// sold count and flags) and writes one (the sold count, capped offers only). Per (model, account): one license slot,
/// holding a commercial and a non-commercial license side by side.
contract Marketplace is DaimmModule, EIP712Upgradeable, ReentrancyGuardTransient, IMarketplace {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev An offer in storage; `flags` holds `_COMMERCIAL`, `_CANCELLED`, `_SIGNED` and `_CONTRACT_SIGNER`.
    struct StoredOffer {
        uint256 modelId;
        address seller;
        uint96 price;
        address token;
        uint32 duration;
        uint24 supplyCap;
        uint24 sold;
        uint8 flags;
        bytes32 termsDigest;
        uint16 termsCodec;
    }

    /*//////////////////////////////////////////////////////////////
                        CONSTANTS AND IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(uint256 modelId,address seller,address token,uint96 price,uint32 duration,uint24 supplyCap,bool commercial,bytes termsCid,uint256 nonce,uint256 deadline)"
    );
    /// @inheritdoc IMarketplace
    uint64 public constant PERPETUAL = type(uint64).max;
    /// @inheritdoc IMarketplace
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 1000;
    /// @inheritdoc IMarketplace
    uint8 public constant MAX_RATING = 5;

    uint8 private constant _COMMERCIAL = 1;
    uint8 private constant _CANCELLED = 2;
    uint8 private constant _SIGNED = 4;
    /// @dev A signed offer whose signature an ERC-1271 wallet accepted: checked again at every fill.
    uint8 private constant _CONTRACT_SIGNER = 8;
    /// @dev Marks a signed offer revoked before it was ever listed.
    uint256 private constant _REVOKED = type(uint256).max;
    // A license slot: the non-commercial license in bits 0-127, the commercial one in bits 128-255; each is its
    // expiry (64 bits) then the id of the offer whose terms apply (64 bits).
    uint256 private constant _OFFER_ID_SHIFT = 64;
    uint256 private constant _COMMERCIAL_SHIFT = 128;
    uint256 private constant _HALF = type(uint128).max;

    /// @inheritdoc IMarketplace
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address public immutable REGISTRY;
    /// @inheritdoc IMarketplace
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address public immutable SPLITTER;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @custom:storage-location erc7201:daimm.storage.Marketplace
    struct MarketStorage {
        mapping(uint256 offerId => StoredOffer) offers;
        /// @dev Two licenses per slot (see `_COMMERCIAL_SHIFT`): one slot, one write.
        mapping(uint256 modelId => mapping(address account => uint256 licenses)) licenses;
        /// @dev EIP-712 digest of a signed offer => the id it was listed as, or `_REVOKED`.
        mapping(bytes32 digest => uint256 offerId) signedOffers;
        mapping(address seller => uint256 minNonce) minNonces;
        /// @dev The pause flag shares the slot that every sale reads for the fee, instead of OpenZeppelin's own.
        address treasury;
        uint16 feeBps;
        uint64 offerCount;
        bool paused;
        /// @dev The rating (1 to `MAX_RATING`) of each licensee's review of a model; 0 when none.
        mapping(uint256 modelId => mapping(address account => uint8 rating)) reviews;
        /// @dev `count << 128 | sum` of the ratings of a model's reviews.
        mapping(uint256 modelId => uint256 rating) ratings;
    }

    // keccak256(abi.encode(uint256(keccak256("daimm.storage.Marketplace")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x638ac30d42302faadaab68d5a4627a6d31495a59cae510ff70b623702d3e6c00;

    function _storage() private pure returns (MarketStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /*//////////////////////////////////////////////////////////////
                      CONSTRUCTOR AND INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @param registry The ModelRegistry (its proxy).
    /// @param splitter The RoyaltySplitter (its proxy).
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address registry, address splitter) {
        REGISTRY = registry;
        SPLITTER = splitter;
    }

    /// @param authority The protocol's AccessManager.
    /// @param treasury_ Receives protocol fees (the timelock).
    /// @param feeBps Initial protocol fee, in basis points.
    function initialize(address authority, address treasury_, uint16 feeBps) external initializer {
        __DaimmModule_init(authority);
        __EIP712_init("DAIMM Marketplace", "1");
        _setTreasury(treasury_);
        _setProtocolFee(feeBps);
    }

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function publishOffer(OfferTerms calldata terms) external whenNotPaused returns (uint256 offerId) {
        (address owner, IModelRegistry.Status status) = IModelRegistry(REGISTRY).ownerAndStatusOf(terms.modelId);
        if (owner != msg.sender) revert NotModelOwner(terms.modelId, msg.sender);
        if (status == IModelRegistry.Status.Flagged) revert ModelFlagged(terms.modelId);
        offerId = _list(
            terms.modelId,
            msg.sender,
            terms.token,
            terms.price,
            terms.duration,
            terms.supplyCap,
            terms.commercial,
            terms.termsCid,
            0
        );
    }

    /// @inheritdoc IMarketplace
    function cancelOffer(uint256 offerId) external whenNotPaused {
        _cancel(offerId);
    }

    /// @inheritdoc IMarketplace
    function cancelSignedOffer(SignedOffer calldata offer) external whenNotPaused {
        if (msg.sender != offer.seller) revert NotSeller(offer.seller, msg.sender);
        bytes32 digest = hashSignedOffer(offer);
        MarketStorage storage $ = _storage();
        uint256 offerId = $.signedOffers[digest];
        if (offerId == _REVOKED) revert SignedOfferRevoked(digest);
        if (offerId == 0) $.signedOffers[digest] = _REVOKED;
        else _cancel(offerId);
        emit SignedOfferCancelled(digest, msg.sender);
    }

    /// @inheritdoc IMarketplace
    function invalidateNonces(uint256 minNonce) external whenNotPaused {
        MarketStorage storage $ = _storage();
        uint256 current = $.minNonces[msg.sender];
        if (minNonce <= current) revert NonceNotIncreasing(minNonce, current);
        $.minNonces[msg.sender] = minNonce;
        emit NoncesInvalidated(msg.sender, minNonce);
    }

    /*//////////////////////////////////////////////////////////////
                                 BUYING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    /// @dev Not guarded here: its only calls are the registry's view and the splitter's `collectSale`, which runs
    /// under the splitter's guard (shared by every payment), after this sale's effects are written.
    function buyLicense(uint256 offerId, uint256 maxPrice) external payable whenNotPaused returns (uint64 expiresAt) {
        StoredOffer storage offer = _storage().offers[offerId];
        address seller = offer.seller;
        if (seller == address(0)) revert UnknownOffer(offerId);
        uint256 price = offer.price;
        if (price > maxPrice) revert PriceAboveMax(offerId, price, maxPrice);
        if (offer.flags & _SIGNED != 0) revert OfferRequiresSignature(offerId);
        expiresAt = _fill(offerId, offer, seller, price);
    }

    /// @inheritdoc IMarketplace
    function buyWithSig(SignedOffer calldata offer, bytes calldata signature)
        external
        payable
        nonReentrant
        whenNotPaused
        returns (uint64 expiresAt)
    {
        if (block.timestamp > offer.deadline) revert OfferExpired(offer.deadline);
        MarketStorage storage $ = _storage();
        uint256 minNonce = $.minNonces[offer.seller];
        if (offer.nonce < minNonce) revert NonceTooOld(offer.seller, offer.nonce, minNonce);
        bytes32 digest = hashSignedOffer(offer);
        uint256 offerId = $.signedOffers[digest];
        if (offerId == _REVOKED) revert SignedOfferRevoked(digest);
        if (offerId == 0) {
            offerId = _listSigned(offer, digest, signature);
        } else if (
            $.offers[offerId].flags & _CONTRACT_SIGNER != 0
                && !SignatureChecker.isValidERC1271SignatureNow(offer.seller, digest, signature)
        ) {
            revert InvalidSignature(offer.seller);
        }
        expiresAt = _fill(offerId, $.offers[offerId], offer.seller, offer.price);
    }

    /*//////////////////////////////////////////////////////////////
                                REVIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function review(uint256 modelId, uint8 rating, bytes calldata reviewCid) external whenNotPaused {
        if (rating == 0 || rating > MAX_RATING) revert RatingOutOfRange(rating, MAX_RATING);
        MarketStorage storage $ = _storage();
        // Any license record, running or expired, of either kind: only buyers judge a model in use.
        if ($.licenses[modelId][msg.sender] == 0) revert NotLicensee(modelId, msg.sender);
        // Parsed only to refuse a malformed CID (it reverts); the parts are not needed.
        // slither-disable-next-line unused-return
        CidV1.parse(reviewCid);
        uint8 previous = $.reviews[modelId][msg.sender];
        $.reviews[modelId][msg.sender] = rating;
        uint256 packed = $.ratings[modelId];
        // Cannot overflow: one review per (model, account) of at most 5 keeps count and sum far below 2^128; the sum
        // includes `previous`, so subtracting it cannot underflow.
        unchecked {
            uint256 count = (packed >> 128) + (previous == 0 ? 1 : 0);
            // forge-lint: disable-next-line(unsafe-typecast) -- the low 128 bits hold the sum: truncation is the unpacking
            uint256 sum = uint128(packed) + rating - previous;
            $.ratings[modelId] = (count << 128) | sum;
        }
        emit Reviewed(modelId, msg.sender, rating, previous, reviewCid);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function setProtocolFee(uint16 bps) external restricted {
        _setProtocolFee(bps);
    }

    /// @inheritdoc IMarketplace
    function setTreasury(address treasury_) external restricted {
        _setTreasury(treasury_);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMarketplace
    function hasValidLicense(uint256 modelId, address account) external view returns (bool) {
        uint256 licenses = _storage().licenses[modelId][account];
        // Bit fields written at these widths by `_grant`.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint64(licenses) > block.timestamp || uint64(licenses >> _COMMERCIAL_SHIFT) > block.timestamp;
    }

    /// @inheritdoc IMarketplace
    function licenseOf(uint256 modelId, address account) external view returns (License memory) {
        uint256 licenses = _storage().licenses[modelId][account];
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 commercialExpiry = uint64(licenses >> _COMMERCIAL_SHIFT);
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 otherExpiry = uint64(licenses);
        // The commercial license while it runs; else the non-commercial one if there is one; else whichever ended
        // last (or none).
        bool commercial =
            commercialExpiry > block.timestamp || (otherExpiry <= block.timestamp && commercialExpiry > otherExpiry);
        return _license(licenses, commercial);
    }

    /// @inheritdoc IMarketplace
    function licenseOfKind(uint256 modelId, address account, bool commercial) external view returns (License memory) {
        return _license(_storage().licenses[modelId][account], commercial);
    }

    /// @notice Whether the Marketplace is paused (no offers published or changed, no sales).
    /// @dev Overrides OpenZeppelin's flag with one kept in the slot every sale reads anyway.
    function paused() public view override returns (bool) {
        return _storage().paused;
    }

    /// @inheritdoc IMarketplace
    function offerOf(uint256 offerId) external view returns (Offer memory) {
        StoredOffer storage offer = _storage().offers[offerId];
        if (offer.seller == address(0)) revert UnknownOffer(offerId);
        uint8 flags = offer.flags;
        return Offer({
            modelId: offer.modelId,
            seller: offer.seller,
            token: offer.token,
            price: offer.price,
            duration: offer.duration,
            supplyCap: offer.supplyCap,
            sold: offer.sold,
            commercial: flags & _COMMERCIAL != 0,
            cancelled: flags & _CANCELLED != 0,
            signed: flags & _SIGNED != 0,
            termsCid: CidV1.encode(offer.termsCodec, offer.termsDigest)
        });
    }

    /// @inheritdoc IMarketplace
    function ratingOf(uint256 modelId) external view returns (uint256 count, uint256 sum) {
        uint256 packed = _storage().ratings[modelId];
        // forge-lint: disable-next-line(unsafe-typecast) -- the low 128 bits hold the sum: truncation is the unpacking
        return (packed >> 128, uint128(packed));
    }

    /// @inheritdoc IMarketplace
    function reviewOf(uint256 modelId, address account) external view returns (uint8 rating) {
        return _storage().reviews[modelId][account];
    }

    /// @inheritdoc IMarketplace
    function offerCount() external view returns (uint256) {
        return _storage().offerCount;
    }

    /// @inheritdoc IMarketplace
    function hashSignedOffer(SignedOffer calldata offer) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    OFFER_TYPEHASH,
                    offer.modelId,
                    offer.seller,
                    offer.token,
                    offer.price,
                    offer.duration,
                    offer.supplyCap,
                    offer.commercial,
                    keccak256(offer.termsCid),
                    offer.nonce,
                    offer.deadline
                )
            )
        );
    }

    /// @inheritdoc IMarketplace
    function signedOfferStatus(bytes32 digest) external view returns (uint256 offerId, bool revoked) {
        offerId = _storage().signedOffers[digest];
        if (offerId == _REVOKED) return (0, true);
    }

    /// @inheritdoc IMarketplace
    function minNonceOf(address seller) external view returns (uint256) {
        return _storage().minNonces[seller];
    }

    /// @inheritdoc IMarketplace
    function protocolFee() external view returns (uint16 bps, address treasury) {
        MarketStorage storage $ = _storage();
        return ($.feeBps, $.treasury);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Records a new offer and returns its id.
    function _list(
        uint256 modelId,
        address seller,
        address token,
        uint96 price,
        uint32 duration,
        uint24 supplyCap,
        bool commercial,
        bytes calldata termsCid,
        uint8 signedFlags
    ) private returns (uint256 offerId) {
        (uint16 codec, bytes32 digest) = CidV1.parse(termsCid);
        MarketStorage storage $ = _storage();
        offerId = ++$.offerCount;
        StoredOffer storage offer = $.offers[offerId];
        offer.modelId = modelId;
        offer.seller = seller;
        offer.price = price;
        offer.token = token;
        offer.duration = duration;
        offer.supplyCap = supplyCap;
        offer.flags = (commercial ? _COMMERCIAL : 0) | signedFlags;
        offer.termsDigest = digest;
        offer.termsCodec = codec;
        _emitPublished(offerId, offer, termsCid);
    }

    /// @dev Emits `OfferPublished` from the (warm) stored offer, which keeps `_list`'s stack shallow.
    function _emitPublished(uint256 offerId, StoredOffer storage offer, bytes calldata termsCid) private {
        uint8 flags = offer.flags;
        emit OfferPublished(
            offerId,
            offer.modelId,
            offer.seller,
            offer.token,
            offer.price,
            offer.duration,
            offer.supplyCap,
            flags & _COMMERCIAL != 0,
            flags & _SIGNED != 0,
            termsCid
        );
    }

    /// @dev Sells one license through `offer` to the caller: checks, then records (sold count and license), then
    /// pays (checks-effects-interactions, under the reentrancy guard).
    function _fill(uint256 offerId, StoredOffer storage offer, address seller, uint256 price)
        private
        returns (uint64 expiresAt)
    {
        uint8 flags = offer.flags;
        if (flags & _CANCELLED != 0) revert OfferInactive(offerId);
        uint24 supplyCap = offer.supplyCap;
        if (supplyCap != 0) {
            uint24 sold = offer.sold;
            if (sold >= supplyCap) revert SoldOut(offerId, supplyCap);
            // Cannot overflow: sold < supplyCap <= type(uint24).max.
            unchecked {
                offer.sold = sold + 1;
            }
        }
        uint256 modelId = offer.modelId;
        _requireSellable(offerId, modelId, seller);

        expiresAt = _grant(modelId, offerId, offer, flags & _COMMERCIAL != 0);
        address token = offer.token;
        (uint256 fee, address treasury) = _pay(modelId, token, price);
        emit LicensePurchased(modelId, msg.sender, offerId, token, price, fee, treasury, expiresAt);
    }

    /// @dev First fill of a signed offer: the offer gets an id its licenses can point to. An ECDSA signature is
    /// checked once (it cannot be revoked); one an ERC-1271 wallet accepted is checked again at every fill, since the
    /// wallet may revoke it (`_CONTRACT_SIGNER`).
    function _listSigned(SignedOffer calldata offer, bytes32 digest, bytes calldata signature)
        private
        returns (uint256 offerId)
    {
        offerId = _list(
            offer.modelId,
            offer.seller,
            offer.token,
            offer.price,
            offer.duration,
            offer.supplyCap,
            offer.commercial,
            offer.termsCid,
            _checkFirstSignature(offer.seller, digest, signature) ? _SIGNED | _CONTRACT_SIGNER : _SIGNED
        );
        _storage().signedOffers[digest] = offerId;
        emit SignedOfferListed(digest, offerId, offer.nonce, offer.deadline);
    }

    /// @dev Checks a signed offer's signature at its first fill; returns whether an ERC-1271 wallet (rather than
    /// ECDSA) accepted it.
    function _checkFirstSignature(address seller, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool contractSigner)
    {
        // The error's argument adds nothing to the error itself.
        // slither-disable-next-line unused-return
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signature);
        if (error == ECDSA.RecoverError.NoError && signer == seller) return false;
        if (!SignatureChecker.isValidERC1271SignatureNow(seller, digest, signature)) revert InvalidSignature(seller);
        return true;
    }

    /// @dev Offers die when the model changes hands, and sleep while governance has it flagged.
    function _requireSellable(uint256 offerId, uint256 modelId, address seller) private view {
        (address owner, IModelRegistry.Status status) = IModelRegistry(REGISTRY).ownerAndStatusOf(modelId);
        if (owner != seller) revert StaleOffer(offerId, seller, owner);
        if (status == IModelRegistry.Status.Flagged) revert ModelFlagged(modelId);
    }

    /// @dev Writes the caller's license of `offer`'s kind (commercial or not) to `modelId` under offer `offerId`'s
    /// terms; the license of the other kind is untouched. A timed purchase extends a running license of its kind
    /// only when both carry the same terms (the same offer, or the same terms document): a purchase never grants
    /// terms it did not pay for (M-6). O(1): one slot read and written, plus the running license's offer when it
    /// differs.
    function _grant(uint256 modelId, uint256 offerId, StoredOffer storage offer, bool commercial)
        private
        returns (uint64 expiresAt)
    {
        mapping(address account => uint256) storage slots = _storage().licenses[modelId];
        uint256 licenses = slots[msg.sender];
        uint256 shift = commercial ? _COMMERCIAL_SHIFT : 0;
        uint256 duration = offer.duration;
        if (duration == 0) {
            expiresAt = PERPETUAL;
        } else {
            // forge-lint: disable-next-line(unsafe-typecast) -- a 64-bit expiry field of the packed slot
            uint256 current = uint64(licenses >> shift);
            uint256 start = block.timestamp;
            if (current > start) {
                if (current == PERPETUAL) revert LicensePerpetual(modelId, msg.sender);
                // forge-lint: disable-next-line(unsafe-typecast) -- a 64-bit offer id field of the packed slot
                uint256 currentOfferId = uint64(licenses >> (shift + _OFFER_ID_SHIFT));
                if (currentOfferId != offerId && !_sameTerms(_storage().offers[currentOfferId], offer)) {
                    revert LicenseTermsDiffer(modelId, msg.sender, currentOfferId);
                }
                start = current;
            }
            // Cannot overflow: start < 2^64 and duration < 2^32. A sum at or past 2^64 - 1 (after billions of
            // years of renewals) is clamped just below PERPETUAL.
            uint256 end = start + duration;
            // forge-lint: disable-next-line(unsafe-typecast)
            expiresAt = end < PERPETUAL ? uint64(end) : PERPETUAL - 1;
        }
        // `offerId` fits in 64 bits: it counts offers in a uint64.
        slots[msg.sender] =
            (licenses & ~(_HALF << shift)) | ((uint256(expiresAt) | (offerId << _OFFER_ID_SHIFT)) << shift);
    }

    /// @dev Whether two offers of the same kind license under the same terms document.
    function _sameTerms(StoredOffer storage a, StoredOffer storage b) private view returns (bool) {
        return a.termsDigest == b.termsDigest && a.termsCodec == b.termsCodec;
    }

    /// @dev The license of one kind out of a license slot.
    function _license(uint256 licenses, bool commercial) private pure returns (License memory) {
        uint256 half = licenses >> (commercial ? _COMMERCIAL_SHIFT : 0);
        // Bit fields written at these widths by `_grant`.
        // forge-lint: disable-start(unsafe-typecast)
        return License({expiresAt: uint64(half), offerId: uint64(half >> _OFFER_ID_SHIFT), commercial: commercial});
        // forge-lint: disable-end(unsafe-typecast)
    }

    /// @dev Has the RoyaltySplitter collect `price` from the caller (ETH forwarded, ERC-20 pulled by the splitter
    /// from the buyer's allowance to it) and credit the fee (rounded down, in the seller's favour) to the treasury's
    /// protocol-fee account and the rest to the model's split. The splitter measures what arrived itself, under the
    /// guard that every deposit and claim shares, so a token hook cannot slip a second payment into this one's
    /// balance delta (H-3); for a fee-on-transfer token the fee is taken from what arrived. One transfer per sale:
    /// the treasury's fees are swept to it in bulk (`RoyaltySplitter.sweepProtocolFees`).
    /// Returns the fee and the treasury credited with it (the slot is warm: the pause check read it).
    function _pay(uint256 modelId, address token, uint256 price) private returns (uint256 fee, address treasury) {
        MarketStorage storage $ = _storage();
        uint256 feeBps;
        (treasury, feeBps) = ($.treasury, $.feeBps);
        uint256 value = token == address(0) ? price : 0;
        if (msg.value != value) revert WrongPayment(value, msg.value);
        if (price == 0) return (0, treasury);
        fee = IRoyaltySplitter(SPLITTER).collectSale{value: value}(modelId, token, msg.sender, price, feeBps, treasury);
    }

    /// @dev Pauses with the packed flag (see `paused`). Callable through `pause` by the guardian.
    function _pause() internal override {
        MarketStorage storage $ = _storage();
        if ($.paused) revert EnforcedPause();
        $.paused = true;
        emit Paused(msg.sender);
    }

    /// @dev Unpauses with the packed flag. Callable through `unpause` by governance.
    function _unpause() internal override {
        MarketStorage storage $ = _storage();
        if (!$.paused) revert ExpectedPause();
        $.paused = false;
        emit Unpaused(msg.sender);
    }

    function _cancel(uint256 offerId) private {
        StoredOffer storage offer = _storage().offers[offerId];
        address seller = offer.seller;
        if (seller == address(0)) revert UnknownOffer(offerId);
        if (msg.sender != seller) revert NotSeller(seller, msg.sender);
        uint8 flags = offer.flags;
        if (flags & _CANCELLED != 0) revert OfferInactive(offerId);
        offer.flags = flags | _CANCELLED;
        emit OfferCancelled(offerId, offer.modelId, seller);
    }

    function _setProtocolFee(uint16 bps) private {
        if (bps > MAX_PROTOCOL_FEE_BPS) revert ProtocolFeeTooHigh(bps, MAX_PROTOCOL_FEE_BPS);
        _storage().feeBps = bps;
        emit ProtocolFeeSet(bps);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroTreasury();
        _storage().treasury = treasury_;
        emit TreasurySet(treasury_);
    }
}
