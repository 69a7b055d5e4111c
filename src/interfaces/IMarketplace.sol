// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IMarketplace
/// @notice Licenses to registered models. A model's owner publishes offers on-chain or signs them off-chain
/// (EIP-712); a buyer pays in ETH or an ERC-20 into the RoyaltySplitter, which in the same transaction credits the
/// governed protocol fee to the treasury (swept to it in bulk) and the rest to the model's split; the buyer's
/// license record is written.
/// @dev Rules:
/// - Offer terms are immutable once published; the seller can only cancel.
/// - An offer is the seller's: once the model changes hands, it fails with `StaleOffer` (until the seller owns the
///   model again). Licenses already sold are not affected.
/// - `buyLicense` takes a buyer-set maximum price; a signed offer fixes its price in the signature.
/// - A signed offer is listed on-chain at its first fill (its signature is checked then, and it gets an offer id,
///   which its licenses point to); the buyer passes it again with every fill, so its deadline and nonce are checked
///   every time. Sellers void signed offers one by one (`cancelSignedOffer`) or all below a nonce
///   (`invalidateNonces`).
/// - An account holds up to two licenses per model, one commercial and one non-commercial, each with its expiry and
///   the offer whose terms apply. A purchase writes the license of its offer's kind only, so it never grants a kind
///   it did not pay for. A timed purchase while the license of its kind runs extends it from its expiry, but only
///   under the same terms (the same offer or the same terms CID; else `LicenseTermsDiffer`); after expiry it starts
///   from now under the new offer. A perpetual purchase makes its kind perpetual; a timed one cannot follow it.
/// - A signed offer that an ERC-1271 wallet signed is checked with `isValidSignature` at every fill, so the wallet
///   stops it by revoking the signature; an ECDSA signature is checked at the first fill.
interface IMarketplace {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev What a seller publishes.
    /// @param modelId The model licensed.
    /// @param token Payment token; `address(0)` is ETH.
    /// @param price Price of one license, in the token's base units.
    /// @param duration License duration in seconds; 0 is perpetual.
    /// @param supplyCap How many licenses the offer sells at most; 0 is unlimited.
    /// @param commercial Whether the license allows commercial use.
    /// @param termsCid Binary CIDv1 (sha2-256) of the license terms.
    struct OfferTerms {
        uint256 modelId;
        address token;
        uint96 price;
        uint32 duration;
        uint24 supplyCap;
        bool commercial;
        bytes termsCid;
    }

    /// @dev An EIP-712 `Offer` signed by `seller`, the model's owner; the fields of `OfferTerms` plus:
    /// @param seller The signer, who must own the model at every fill.
    /// @param nonce Voided by `invalidateNonces` above it. Offers may share a nonce.
    /// @param deadline Timestamp after which the offer cannot be filled.
    struct SignedOffer {
        uint256 modelId;
        address seller;
        address token;
        uint96 price;
        uint32 duration;
        uint24 supplyCap;
        bool commercial;
        bytes termsCid;
        uint256 nonce;
        uint256 deadline;
    }

    /// @dev An offer as recorded.
    /// @param sold Licenses sold so far; counted for capped offers only (events count every sale).
    /// @param cancelled Whether the seller cancelled it.
    /// @param signed Whether it was listed from a signed offer (then it is bought with `buyWithSig` only).
    struct Offer {
        uint256 modelId;
        address seller;
        address token;
        uint96 price;
        uint32 duration;
        uint24 supplyCap;
        uint24 sold;
        bool commercial;
        bool cancelled;
        bool signed;
        bytes termsCid;
    }

    /// @dev One account's license of one kind to one model: a snapshot of the terms it was bought under.
    /// @param expiresAt Seconds; `PERPETUAL` never expires; 0 means no license.
    /// @param offerId The offer whose (immutable) terms apply: `offerOf(offerId).termsCid`.
    /// @param commercial Its kind: whether commercial use is allowed.
    struct License {
        uint64 expiresAt;
        uint64 offerId;
        bool commercial;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Only the model's current owner may publish offers for it.
    error NotModelOwner(uint256 modelId, address caller);
    /// @notice Only the offer's seller may cancel it.
    error NotSeller(address seller, address caller);
    /// @notice No offer has id `offerId`.
    error UnknownOffer(uint256 offerId);
    /// @notice The seller cancelled offer `offerId`.
    error OfferInactive(uint256 offerId);
    /// @notice Offer `offerId` sold all `supplyCap` licenses.
    error SoldOut(uint256 offerId, uint256 supplyCap);
    /// @notice Offer `offerId` costs `price`, above the buyer's `maxPrice`.
    error PriceAboveMax(uint256 offerId, uint256 price, uint256 maxPrice);
    /// @notice Offer `offerId` is from `seller`, who no longer owns the model: `owner` does.
    error StaleOffer(uint256 offerId, address seller, address owner);
    /// @notice Governance flagged model `modelId` (see `ModelRegistry.setFlagged`): none of its offers can be
    /// published or filled until the flag is cleared.
    error ModelFlagged(uint256 modelId);
    /// @notice The payment sent was `sent` wei; the offer needs exactly `expected` (0 for ERC-20 offers).
    error WrongPayment(uint256 expected, uint256 sent);
    /// @notice Offer `offerId` was listed from a signature: buy it with `buyWithSig`, which checks its deadline and
    /// nonce.
    error OfferRequiresSignature(uint256 offerId);
    /// @notice The signed offer's deadline `deadline` has passed.
    error OfferExpired(uint256 deadline);
    /// @notice The signature is not `seller`'s for this offer.
    error InvalidSignature(address seller);
    /// @notice `seller` voided nonces below `minNonce`; this offer has `nonce`.
    error NonceTooOld(address seller, uint256 nonce, uint256 minNonce);
    /// @notice Nonces can only be voided upwards: `minNonce` must exceed `current`.
    error NonceNotIncreasing(uint256 minNonce, uint256 current);
    /// @notice The seller cancelled the signed offer with digest `digest` before it was listed.
    error SignedOfferRevoked(bytes32 digest);
    /// @notice `account` holds a perpetual license of this kind to `modelId`; a timed one would only shorten it.
    error LicensePerpetual(uint256 modelId, address account);
    /// @notice `account`'s running license of this kind to `modelId` is under offer `offerId`, whose terms differ from
    /// this offer's: its remaining time cannot carry over to other terms. Buy after it expires, or the other kind.
    error LicenseTermsDiffer(uint256 modelId, address account, uint256 offerId);
    /// @notice The protocol fee `bps` exceeds `max` basis points.
    error ProtocolFeeTooHigh(uint256 bps, uint256 max);
    /// @notice The treasury cannot be the zero address.
    error ZeroTreasury();
    /// @notice Only an account that holds or has held a license to `modelId` may review it; `account` never did.
    error NotLicensee(uint256 modelId, address account);
    /// @notice A rating runs from 1 to `max` stars; `rating` is outside.
    error RatingOutOfRange(uint8 rating, uint8 max);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Offer `offerId` was published (or listed from a signed offer at its first fill). Its terms never change.
    /// @param offerId The offer.
    /// @param modelId The model licensed.
    /// @param seller The model's owner who offers it.
    /// @param token Payment token; `address(0)` is ETH.
    /// @param price Price of one license.
    /// @param duration Seconds; 0 is perpetual.
    /// @param supplyCap Maximum number of licenses; 0 is unlimited.
    /// @param commercial Whether commercial use is allowed.
    /// @param signed Whether it comes from a signed offer.
    /// @param termsCid Binary CIDv1 of the license terms.
    event OfferPublished(
        uint256 indexed offerId,
        uint256 indexed modelId,
        address indexed seller,
        address token,
        uint96 price,
        uint32 duration,
        uint24 supplyCap,
        bool commercial,
        bool signed,
        bytes termsCid
    );

    /// @notice The signed offer with EIP-712 digest `digest` was listed as `offerId` at its first fill.
    /// @param digest The EIP-712 digest the seller signed.
    /// @param offerId The id its licenses point to.
    /// @param nonce Its nonce.
    /// @param deadline Its deadline.
    event SignedOfferListed(bytes32 indexed digest, uint256 indexed offerId, uint256 nonce, uint256 deadline);

    /// @notice The seller cancelled offer `offerId`.
    /// @param offerId The offer.
    /// @param modelId Its model.
    /// @param seller Its seller.
    event OfferCancelled(uint256 indexed offerId, uint256 indexed modelId, address indexed seller);

    /// @notice The seller revoked the signed offer with digest `digest` (listed or not).
    /// @param digest The EIP-712 digest.
    /// @param seller The seller.
    event SignedOfferCancelled(bytes32 indexed digest, address indexed seller);

    /// @notice `seller` voided every signed offer with a nonce below `minNonce`.
    /// @param seller The seller.
    /// @param minNonce The smallest nonce still valid.
    event NoncesInvalidated(address indexed seller, uint256 minNonce);

    /// @notice `buyer` bought (or renewed) a license to `modelId` through offer `offerId`. The RoyaltySplitter
    /// credits the sale without an event of its own: `price − fee` to the model's split (its `RevenueCredited` /
    /// `OwnerCredited` events), and `fee` to `claimable(PROTOCOL_FEES, token, treasury)`, which only this event
    /// reports.
    /// @param modelId The model.
    /// @param buyer The licensee.
    /// @param offerId The offer whose terms now apply.
    /// @param token The payment token (the offer's); `address(0)` is ETH.
    /// @param price What the buyer paid.
    /// @param fee The part of `price` credited to `treasury`; the rest went to the model's split. For a
    /// fee-on-transfer token both are taken from what arrived.
    /// @param treasury The treasury whose protocol-fee account was credited with `fee` (the Marketplace's treasury
    /// at the sale).
    /// @param expiresAt The license's new expiry (`PERPETUAL` for none).
    event LicensePurchased(
        uint256 indexed modelId,
        address indexed buyer,
        uint256 indexed offerId,
        address token,
        uint256 price,
        uint256 fee,
        address treasury,
        uint64 expiresAt
    );

    /// @notice A licensee reviewed `modelId`, or changed its review.
    /// @param modelId The model.
    /// @param reviewer The licensee.
    /// @param rating Its rating, 1 to `MAX_RATING`.
    /// @param previousRating Its earlier rating, replaced by this one; 0 for a first review (which adds one to the
    /// model's count).
    /// @param reviewCid Binary CIDv1 of the review's JSON document (text and rating) on IPFS.
    event Reviewed(
        uint256 indexed modelId, address indexed reviewer, uint8 rating, uint8 previousRating, bytes reviewCid
    );

    /// @notice Governance set the protocol fee.
    /// @param bps Basis points of each price.
    event ProtocolFeeSet(uint16 bps);

    /// @notice Governance set the treasury that receives protocol fees.
    /// @param treasury The treasury.
    event TreasurySet(address indexed treasury);

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Publishes an offer for a model the caller owns.
    /// @return offerId Its id, from 1.
    function publishOffer(OfferTerms calldata terms) external returns (uint256 offerId);

    /// @notice Cancels offer `offerId`. Its seller only.
    function cancelOffer(uint256 offerId) external;

    /// @notice Cancels a signed offer, listed or not. Its seller only.
    function cancelSignedOffer(SignedOffer calldata offer) external;

    /// @notice Voids every signed offer of the caller with a nonce below `minNonce`.
    function invalidateNonces(uint256 minNonce) external;

    /*//////////////////////////////////////////////////////////////
                                 BUYING
    //////////////////////////////////////////////////////////////*/

    /// @notice Buys (or renews) a license through on-chain offer `offerId`.
    /// @dev ETH offers need `msg.value == price`; ERC-20 offers need an allowance of `price` to the RoyaltySplitter,
    /// which pulls the payment itself (`IRoyaltySplitter.collectSale`).
    /// @param maxPrice The most the buyer accepts to pay, guarding against a price it did not see.
    /// @return expiresAt The license's expiry.
    function buyLicense(uint256 offerId, uint256 maxPrice) external payable returns (uint64 expiresAt);

    /// @notice Buys (or renews) a license through an offer the seller signed.
    /// @param signature The seller's ECDSA signature, or anything its ERC-1271 `isValidSignature` accepts.
    /// @return expiresAt The license's expiry.
    function buyWithSig(SignedOffer calldata offer, bytes calldata signature)
        external
        payable
        returns (uint64 expiresAt);

    /*//////////////////////////////////////////////////////////////
                                REVIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Reviews `modelId` as a licensee (one holding or having held a license of either kind): a rating of 1 to
    /// `MAX_RATING` and the CID of a JSON document with the text. One review per licensee per model: a second call
    /// replaces the first, in the rating too.
    /// @dev A rating is as sybil-resistant as the model's cheapest license: a seller who publishes a free offer lets
    /// anyone review.
    /// @param reviewCid Binary CIDv1 (sha2-256) of the review document.
    function review(uint256 modelId, uint8 rating, bytes calldata reviewCid) external;

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the protocol fee, at most `MAX_PROTOCOL_FEE_BPS`. Admin role.
    function setProtocolFee(uint16 bps) external;

    /// @notice Sets the treasury that protocol fees are credited to from now on. Admin role.
    function setTreasury(address treasury) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Whether `account` holds an unexpired license of either kind to `modelId`. For gateways; commercial use
    /// needs `licenseOf(...).commercial` too.
    function hasValidLicense(uint256 modelId, address account) external view returns (bool);

    /// @notice The license of `account` to `modelId` that grants the most: the commercial one while it runs, else the
    /// non-commercial one if any, else the commercial one (zero when none; it may have expired).
    function licenseOf(uint256 modelId, address account) external view returns (License memory);

    /// @notice The license of one kind of `account` to `modelId` (zero when none; it may have expired).
    function licenseOfKind(uint256 modelId, address account, bool commercial) external view returns (License memory);

    /// @notice Offer `offerId`. Reverts `UnknownOffer` when none.
    function offerOf(uint256 offerId) external view returns (Offer memory);

    /// @notice The reviews of `modelId`: how many licensees reviewed it and the sum of their ratings (the average is
    /// `sum / count`).
    function ratingOf(uint256 modelId) external view returns (uint256 count, uint256 sum);

    /// @notice The rating of `account`'s review of `modelId`; 0 when none.
    function reviewOf(uint256 modelId, address account) external view returns (uint8 rating);

    /// @notice The highest rating: 5.
    function MAX_RATING() external view returns (uint8);

    /// @notice How many offers exist; ids run from 1 to this.
    function offerCount() external view returns (uint256);

    /// @notice The EIP-712 digest of a signed offer, as its seller signs it.
    function hashSignedOffer(SignedOffer calldata offer) external view returns (bytes32);

    /// @notice The offer id a signed offer was listed as (0 if not yet), and whether it was cancelled before listing.
    function signedOfferStatus(bytes32 digest) external view returns (uint256 offerId, bool revoked);

    /// @notice The smallest nonce of `seller`'s signed offers that is still valid.
    function minNonceOf(address seller) external view returns (uint256);

    /// @notice The protocol fee in basis points, and the treasury it goes to.
    function protocolFee() external view returns (uint16 bps, address treasury);

    /// @notice The EIP-712 typehash of `Offer(uint256 modelId,address seller,address token,uint96 price,
    /// uint32 duration,uint24 supplyCap,bool commercial,bytes termsCid,uint256 nonce,uint256 deadline)`.
    function OFFER_TYPEHASH() external view returns (bytes32);

    /// @notice The expiry of a perpetual license: `type(uint64).max`.
    function PERPETUAL() external view returns (uint64);

    /// @notice Upper bound of the protocol fee: 1,000 bps (10%).
    function MAX_PROTOCOL_FEE_BPS() external view returns (uint16);

    /// @notice The ModelRegistry, which says who owns a model.
    function REGISTRY() external view returns (address);

    /// @notice The RoyaltySplitter that receives the proceeds.
    function SPLITTER() external view returns (address);
}
