// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IRoyaltyInbox, IRoyaltyInboxFactory} from "./interfaces/IRoyaltyInbox.sol";
import {IRoyaltySplitter} from "./interfaces/IRoyaltySplitter.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title RoyaltySplitter
/// @notice Splits every model's revenue among the recipients its owner chose, in O(1) per deposit whatever their
/// number, forwards a governed upstream share to the model's ancestors, and lets recipients pull what they earned.
/// @dev Storage per model: a one-slot header (total weight, accepted-token count, lineage-cache flags), the cached
/// parent, and up to eight accepted tokens. Per (model, token): one accumulator slot packing the revenue per weight
/// unit, the rounding dust and the "accepted" and "primary" flags, so a deposit reads and writes exactly one slot per
/// level. Per (model, account): one member slot packing the weight with `paid` (the accumulator at the last
/// settlement) in the model's primary token, its first accepted one. Per (model, account, token): `paid` in the other
/// tokens, and `owed` (settled, unclaimed revenue). Keeping the primary `paid` beside the weight means a recipient's
/// first claim in that token updates a slot that exists already instead of creating one (20,000 gas less).
contract RoyaltySplitter is DaimmModule, ReentrancyGuardTransient, IRoyaltySplitter {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev What one account has been settled in one token: the accumulator it was last paid up to (unused for the
    /// primary token, whose `paid` lives in the member slot), and what it is owed.
    struct Position {
        uint256 paid;
        uint256 owed;
    }

    /*//////////////////////////////////////////////////////////////
                        CONSTANTS AND IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitter
    uint32 public constant MAX_TOTAL_WEIGHT = 1_000_000;
    /// @inheritdoc IRoyaltySplitter
    uint8 public constant MAX_ACCEPTED_TOKENS = 8;
    /// @inheritdoc IRoyaltySplitter
    /// @dev The worst unit (a settlement writing two fresh slots, `owed` and `paid`) costs about 45,000 gas, so a full
    /// batch stays under 11,600,000: inside the 16,777,216 cap with room for calldata (`test_setWeights_worstCase…`).
    uint256 public constant MAX_BATCH_UNITS = 256;
    /// @inheritdoc IRoyaltySplitter
    uint256 public constant MAX_CLAIM_MODELS = 256;
    /// @inheritdoc IRoyaltySplitter
    uint16 public constant MAX_UPSTREAM_BPS = 5000;
    /// @inheritdoc IRoyaltySplitter
    uint8 public constant MAX_UPSTREAM_DEPTH = 8;

    /// @inheritdoc IRoyaltySplitter
    /// @dev No model has id 0: the registry rejects a zero fingerprint, so no split or owner can ever be credited
    /// here except through `collectSale`'s fee.
    uint256 public constant PROTOCOL_FEES = 0;

    uint256 private constant _BPS = 10_000;

    // Header of a split, one slot per model.
    uint256 private constant _WEIGHT_MASK = 0xffffffff;
    uint256 private constant _TOKEN_COUNT_SHIFT = 32;
    uint256 private constant _ONE_TOKEN = 0x100000000; // 1 in the token count field
    uint256 private constant _SYNCED_BIT = 1 << 40;
    uint256 private constant _HAS_PARENT_BIT = 1 << 41;

    // Accumulator of a (model, token), one slot: dust in bits 0-31 (dust < total weight <= 1,000,000), the
    // "accepted" flag in bit 32, the "primary" flag in bit 33, the revenue per weight unit in bits 40-255.
    uint256 private constant _DUST_MASK = 0xffffffff;
    uint256 private constant _ACCEPTED_BIT = 1 << 32;
    uint256 private constant _PRIMARY_BIT = 1 << 33;
    uint256 private constant _FLAGS = _ACCEPTED_BIT | _PRIMARY_BIT;
    uint256 private constant _RPW_SHIFT = 40;
    uint256 private constant _MAX_RPW = type(uint216).max;

    // Member of a split, one slot per (model, account): `paid` in the primary token in bits 0-223, weight above.
    uint256 private constant _PAID_MASK = type(uint224).max;
    uint256 private constant _WEIGHT_SHIFT = 224;

    /// @inheritdoc IRoyaltySplitter
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address public immutable REGISTRY;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @custom:storage-location erc7201:daimm.storage.RoyaltySplitter
    struct SplitterStorage {
        mapping(uint256 modelId => uint256 header) headers;
        mapping(uint256 modelId => uint256 parent) parents;
        mapping(uint256 modelId => address[8] tokens) tokens;
        mapping(uint256 modelId => mapping(address token => uint256 accumulator)) accumulators;
        mapping(uint256 modelId => mapping(address account => uint256 member)) members;
        mapping(uint256 modelId => mapping(address account => mapping(address token => Position))) positions;
        address marketplace;
        uint16 upstreamBps;
        uint8 upstreamDepth;
        address inboxFactory;
    }

    // keccak256(abi.encode(uint256(keccak256("daimm.storage.RoyaltySplitter")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x8a7c307c932d4f2ec98ebefa62dcf7910b26c3774262a1ec41e321dfb2163c00;

    function _storage() private pure returns (SplitterStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /*//////////////////////////////////////////////////////////////
                      CONSTRUCTOR AND INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @param registry The ModelRegistry (its proxy): owners and lineage of models.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address registry) {
        REGISTRY = registry;
    }

    /// @param authority The protocol's AccessManager.
    /// @param inboxFactory_ The factory of per-model royalty inboxes.
    /// @param upstreamBps Initial upstream share, in basis points.
    /// @param upstreamDepth Initial number of ancestors that receive it.
    function initialize(address authority, address inboxFactory_, uint16 upstreamBps, uint8 upstreamDepth)
        external
        initializer
    {
        __DaimmModule_init(authority);
        _storage().inboxFactory = inboxFactory_;
        _setUpstream(upstreamBps, upstreamDepth);
    }

    /*//////////////////////////////////////////////////////////////
                             SPLIT (OWNER)
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitter
    function setWeights(uint256 modelId, address[] calldata accounts, uint32[] calldata weights)
        external
        whenNotPaused
    {
        address owner = _requireOwner(modelId);
        if (accounts.length != weights.length) revert LengthMismatch(accounts.length, weights.length);
        uint256 header = _storage().headers[modelId];
        // Every account is settled in every accepted token at the accumulators as they stand now.
        (address[] memory tokens, uint256[] memory rpws) = _acceptedAccumulators(modelId, header);
        uint256 units = accounts.length * (1 + tokens.length);
        if (units > MAX_BATCH_UNITS) revert BatchTooLarge(units, MAX_BATCH_UNITS);

        uint256 total = header & _WEIGHT_MASK;
        for (uint256 i; i < accounts.length; ++i) {
            total = _setWeight(modelId, accounts[i], weights[i], total, tokens, rpws);
        }
        // An emptied split can no longer take its dust: it goes to the owner rather than waiting for new recipients.
        if (total == 0 && header & _WEIGHT_MASK != 0) _flushDust(modelId, tokens, owner);
        _storage().headers[modelId] = _syncLineage(modelId, (header & ~_WEIGHT_MASK) | total);
    }

    /// @inheritdoc IRoyaltySplitter
    function acceptToken(uint256 modelId, address token) external whenNotPaused {
        _requireOwner(modelId);
        SplitterStorage storage $ = _storage();
        uint256 accumulator = $.accumulators[modelId][token];
        if (accumulator & _ACCEPTED_BIT != 0) revert TokenAlreadyAccepted(modelId, token);
        uint256 header = $.headers[modelId];
        uint256 tokenCount = (header >> _TOKEN_COUNT_SHIFT) & 0xff;
        if (tokenCount == MAX_ACCEPTED_TOKENS) revert TooManyTokens(modelId, MAX_ACCEPTED_TOKENS);

        // A token that was never accepted has a zero accumulator, and so does every recipient's `paid` in it.
        $.accumulators[modelId][token] = accumulator | _ACCEPTED_BIT | (tokenCount == 0 ? _PRIMARY_BIT : 0);
        $.tokens[modelId][tokenCount] = token;
        header += _ONE_TOKEN;
        $.headers[modelId] = _syncLineage(modelId, header);
        emit TokenAccepted(modelId, token);
    }

    /// @inheritdoc IRoyaltySplitter
    function syncLineage(uint256 modelId) external whenNotPaused {
        SplitterStorage storage $ = _storage();
        uint256 header = $.headers[modelId];
        uint256 synced = _syncLineage(modelId, header);
        if (synced != header) $.headers[modelId] = synced;
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitter
    function depositETH(uint256 modelId) external payable whenNotPaused {
        if (msg.value == 0) revert ZeroDeposit();
        emit Deposited(modelId, address(0), msg.sender, msg.value);
        _distribute(modelId, address(0), msg.value);
    }

    /// @inheritdoc IRoyaltySplitter
    /// @dev Reentrancy-guarded: a token calling back into `deposit` during its transfer would otherwise have its
    /// nested transfer counted in both balance deltas.
    function deposit(uint256 modelId, address token, uint256 amount)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 credited)
    {
        if (token == address(0)) revert NotAnErc20(token);
        if (amount == 0) revert ZeroDeposit();
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        credited = IERC20(token).balanceOf(address(this)) - balanceBefore;
        // Rejecting an empty credit is the intent here; the delta cannot be steered to skip anything.
        // slither-disable-next-line incorrect-equality
        if (credited == 0) revert ZeroDeposit();
        emit Deposited(modelId, token, msg.sender, credited);
        _distribute(modelId, token, credited);
    }

    /// @inheritdoc IRoyaltySplitter
    /// @dev Authorised against one stored address rather than an AccessManager round trip, which would add about
    /// 10,000 gas to every license sale; governance sets that address through the AccessManager (`setMarketplace`).
    /// Not pausable here (pausing the Marketplace stops sales). Reentrancy-guarded with the guard of `deposit` and
    /// `claim`: this guard is the one every payment into or out of the splitter passes, so a token hook that
    /// re-enters any of them while the payer's tokens move (finding H-3) is refused, and the balance delta below
    /// counts this payment alone. Emits no `Deposited`, nor an event for the fee: the Marketplace's
    /// `LicensePurchased` carries both (price and fee), and `RevenueCredited` / `OwnerCredited` say where the
    /// proceeds went.
    function collectSale(uint256 modelId, address token, address payer, uint256 price, uint256 feeBps, address treasury)
        external
        payable
        nonReentrant
        returns (uint256 fee)
    {
        SplitterStorage storage $ = _storage();
        if (msg.sender != $.marketplace) revert NotMarketplace(msg.sender);
        uint256 received = price;
        if (token == address(0)) {
            if (msg.value != price) revert WrongValue(price, msg.value);
        } else {
            if (msg.value != 0) revert WrongValue(0, msg.value);
            uint256 balanceBefore = IERC20(token).balanceOf(address(this));
            // The payer approved this contract; only the Marketplace, for its buyer, names the payer.
            // slither-disable-next-line arbitrary-send-erc20
            IERC20(token).safeTransferFrom(payer, address(this), price);
            received = IERC20(token).balanceOf(address(this)) - balanceBefore;
        }
        // Rounds down, in the seller's favour; `feeBps` is at most the Marketplace's 1,000.
        fee = received * feeBps / _BPS;
        if (fee != 0) $.positions[PROTOCOL_FEES][treasury][token].owed += fee;
        if (received != fee) _distribute(modelId, token, received - fee);
    }

    /// @inheritdoc IRoyaltySplitter
    function sweepProtocolFees(address token, address treasury)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        Position storage position = _storage().positions[PROTOCOL_FEES][treasury][token];
        amount = position.owed;
        if (amount == 0) revert NothingToClaim(treasury, token);
        position.owed = 0;
        emit Claimed(PROTOCOL_FEES, token, treasury, amount);
        _pay(treasury, token, amount);
    }

    /// @inheritdoc IRoyaltySplitter
    /// @dev Not reentrancy-guarded itself: the inbox re-enters through `deposit`/`depositETH`, which are.
    function sweepInbox(uint256 modelId, address token) external whenNotPaused returns (uint256 credited) {
        address inbox = royaltyInboxOf(modelId);
        if (inbox.code.length == 0) {
            inbox = IRoyaltyInboxFactory(_storage().inboxFactory).deploy(address(this), modelId);
        }
        credited = IRoyaltyInbox(payable(inbox)).sweep(token);
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIMS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitter
    /// @dev Checks-effects-interactions: every position is settled to zero before the single transfer, and the
    /// guard stops a receiver from re-entering any guarded function during it.
    function claim(uint256[] calldata modelIds, address token)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        if (modelIds.length > MAX_CLAIM_MODELS) revert BatchTooLarge(modelIds.length, MAX_CLAIM_MODELS);
        for (uint256 i; i < modelIds.length; ++i) {
            uint256 modelId = modelIds[i];
            uint256 earned = _settleClaim(modelId, token);
            if (earned != 0) {
                amount += earned;
                emit Claimed(modelId, token, msg.sender, earned);
            }
        }
        if (amount == 0) revert NothingToClaim(msg.sender, token);
        _pay(msg.sender, token, amount);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitter
    function setUpstream(uint16 bps, uint8 depth) external restricted {
        _setUpstream(bps, depth);
    }

    /// @inheritdoc IRoyaltySplitter
    function setMarketplace(address marketplace_) external restricted {
        _storage().marketplace = marketplace_;
        emit MarketplaceSet(marketplace_);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitter
    function claimable(uint256 modelId, address token, address account) external view returns (uint256 amount) {
        SplitterStorage storage $ = _storage();
        Position storage position = $.positions[modelId][account][token];
        amount = position.owed;
        uint256 member = $.members[modelId][account];
        uint256 weight = member >> _WEIGHT_SHIFT;
        if (weight == 0) return amount;
        uint256 accumulator = $.accumulators[modelId][token];
        uint256 paid = accumulator & _PRIMARY_BIT != 0 ? member & _PAID_MASK : position.paid;
        amount += weight * ((accumulator >> _RPW_SHIFT) - paid);
    }

    /// @inheritdoc IRoyaltySplitter
    function dust(uint256 modelId, address token) external view returns (uint256) {
        return _storage().accumulators[modelId][token] & _DUST_MASK;
    }

    /// @inheritdoc IRoyaltySplitter
    function revenuePerWeight(uint256 modelId, address token) external view returns (uint256) {
        return _storage().accumulators[modelId][token] >> _RPW_SHIFT;
    }

    /// @inheritdoc IRoyaltySplitter
    function weightOf(uint256 modelId, address account) external view returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(_storage().members[modelId][account] >> _WEIGHT_SHIFT);
    }

    /// @inheritdoc IRoyaltySplitter
    function totalWeight(uint256 modelId) external view returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(_storage().headers[modelId] & _WEIGHT_MASK);
    }

    /// @inheritdoc IRoyaltySplitter
    function acceptedTokens(uint256 modelId) external view returns (address[] memory tokens) {
        SplitterStorage storage $ = _storage();
        uint256 count = ($.headers[modelId] >> _TOKEN_COUNT_SHIFT) & 0xff;
        tokens = new address[](count);
        for (uint256 t; t < count; ++t) {
            tokens[t] = $.tokens[modelId][t];
        }
    }

    /// @inheritdoc IRoyaltySplitter
    function isAccepted(uint256 modelId, address token) external view returns (bool) {
        return _storage().accumulators[modelId][token] & _ACCEPTED_BIT != 0;
    }

    /// @inheritdoc IRoyaltySplitter
    function cachedParentOf(uint256 modelId) external view returns (uint256 parent, bool synced) {
        SplitterStorage storage $ = _storage();
        return ($.parents[modelId], $.headers[modelId] & _SYNCED_BIT != 0);
    }

    /// @inheritdoc IRoyaltySplitter
    function upstream() external view returns (uint16 bps, uint8 depth) {
        SplitterStorage storage $ = _storage();
        return ($.upstreamBps, $.upstreamDepth);
    }

    /// @inheritdoc IRoyaltySplitter
    function marketplace() external view returns (address) {
        return _storage().marketplace;
    }

    /// @inheritdoc IRoyaltySplitter
    function inboxFactory() external view returns (address) {
        return _storage().inboxFactory;
    }

    /// @inheritdoc IRoyaltySplitter
    function royaltyInboxOf(uint256 modelId) public view returns (address) {
        return IRoyaltyInboxFactory(_storage().inboxFactory).inboxOf(address(this), modelId);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Sends `amount` of `token` (`address(0)`: ETH, with all remaining gas) to `to`.
    function _pay(address to, address token, uint256 amount) private {
        if (token == address(0)) {
            // slither-disable-next-line arbitrary-send-eth,low-level-calls
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert EthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    /// @dev Credits `amount` to `modelId`, forwarding the upstream share level by level: each level keeps
    /// `remaining − remaining × bps / 10,000` and passes the rest to its parent. The share rounds down, so the
    /// rounding stays with the nearer model. O(1) per level, at most `upstreamDepth` ancestors.
    function _distribute(uint256 modelId, address token, uint256 amount) private {
        uint256 id = modelId;
        for (uint256 level;; ++level) {
            uint256 header = _storage().headers[id];
            uint256 parent = _parentOf(id, header);
            uint256 share = parent == 0 ? 0 : _upstreamShare(amount, level);
            _credit(id, token, amount - share, modelId, header & _WEIGHT_MASK);
            // The loop ends when nothing is left to forward: an exact zero, not a balance comparison.
            // slither-disable-next-line incorrect-equality
            if (share == 0) break;
            (amount, id) = (share, parent);
        }
    }

    /// @dev The part of `amount` that a model `level` steps below the deposit forwards to its parent.
    function _upstreamShare(uint256 amount, uint256 level) private view returns (uint256) {
        SplitterStorage storage $ = _storage();
        // Cannot overflow in practice: amounts beyond 2^242 would have overflowed the accumulator first.
        return level < $.upstreamDepth ? amount * $.upstreamBps / _BPS : 0;
    }

    /// @dev Adds `amount` to the accumulator of (`modelId`, `token`), or to the owner's `owed` when the split cannot
    /// take it. Rounds down: `(amount + dust) % weight` stays as dust for the next deposit.
    function _credit(uint256 modelId, address token, uint256 amount, uint256 sourceModelId, uint256 weight) private {
        // Defensive: every caller passes a positive amount (a level keeps more than it forwards).
        // slither-disable-next-line incorrect-equality
        if (amount == 0) return;
        SplitterStorage storage $ = _storage();
        uint256 accumulator = $.accumulators[modelId][token];
        if (weight == 0 || accumulator & _ACCEPTED_BIT == 0) {
            address owner = IERC721(REGISTRY).ownerOf(modelId);
            $.positions[modelId][owner][token].owed += amount;
            emit OwnerCredited(modelId, token, owner, amount);
            return;
        }
        uint256 pool = amount + (accumulator & _DUST_MASK);
        uint256 rpw = (accumulator >> _RPW_SHIFT) + pool / weight;
        if (rpw > _MAX_RPW) revert AccumulatorOverflow(modelId, token);
        uint256 remainder = pool % weight;
        $.accumulators[modelId][token] = (rpw << _RPW_SHIFT) | (accumulator & _FLAGS) | remainder;
        emit RevenueCredited(modelId, token, sourceModelId, amount, rpw, remainder);
    }

    /// @dev Settles `account` at its old weight, sets its new one and returns the split's new total weight.
    function _setWeight(
        uint256 modelId,
        address account,
        uint32 weight,
        uint256 total,
        address[] memory tokens,
        uint256[] memory rpws
    ) private returns (uint256) {
        if (account == address(0)) revert ZeroAccount();
        SplitterStorage storage $ = _storage();
        uint256 member = $.members[modelId][account];
        uint256 previous = member >> _WEIGHT_SHIFT;
        if (weight == previous) return total;
        uint256 paid = _settle($.positions[modelId][account], previous, member & _PAID_MASK, tokens, rpws);
        $.members[modelId][account] = (uint256(weight) << _WEIGHT_SHIFT) | paid;
        total = total - previous + weight;
        if (total > MAX_TOTAL_WEIGHT) revert TotalWeightTooHigh(total, MAX_TOTAL_WEIGHT);
        // forge-lint: disable-next-line(unsafe-typecast)
        emit WeightSet(modelId, account, weight, uint32(total));
        return total;
    }

    /// @dev The accepted tokens of `modelId` and their accumulators (revenue per weight).
    function _acceptedAccumulators(uint256 modelId, uint256 header)
        private
        view
        returns (address[] memory tokens, uint256[] memory rpws)
    {
        SplitterStorage storage $ = _storage();
        uint256 tokenCount = (header >> _TOKEN_COUNT_SHIFT) & 0xff;
        tokens = new address[](tokenCount);
        rpws = new uint256[](tokenCount);
        for (uint256 t; t < tokenCount; ++t) {
            address token = $.tokens[modelId][t];
            tokens[t] = token;
            rpws[t] = $.accumulators[modelId][token] >> _RPW_SHIFT;
        }
    }

    /// @dev Moves what an account earned at `weight` since its last settlement into `owed`, in every accepted token,
    /// and marks it paid up to the current accumulators. `tokens[0]` is the primary token, whose `paid` is passed in
    /// (`primaryPaid`, from the member slot) and returned updated rather than stored here.
    function _settle(
        mapping(address token => Position) storage positions,
        uint256 weight,
        uint256 primaryPaid,
        address[] memory tokens,
        uint256[] memory rpws
    ) private returns (uint256) {
        for (uint256 t; t < tokens.length; ++t) {
            Position storage position = positions[tokens[t]];
            uint256 rpw = rpws[t];
            uint256 paid = t == 0 ? primaryPaid : position.paid;
            if (paid == rpw) continue;
            // `paid <= rpw` always: `paid` is only ever set to the accumulator, which only grows.
            if (weight != 0) position.owed += weight * (rpw - paid);
            if (t == 0) primaryPaid = rpw;
            else position.paid = rpw;
        }
        return primaryPaid;
    }

    /// @dev Settles the caller's position in (`modelId`, `token`) to zero and returns what it earned.
    function _settleClaim(uint256 modelId, address token) private returns (uint256 earned) {
        SplitterStorage storage $ = _storage();
        Position storage position = $.positions[modelId][msg.sender][token];
        earned = position.owed;
        if (earned != 0) position.owed = 0;
        uint256 member = $.members[modelId][msg.sender];
        uint256 weight = member >> _WEIGHT_SHIFT;
        if (weight == 0) return earned;
        uint256 accumulator = $.accumulators[modelId][token];
        uint256 rpw = accumulator >> _RPW_SHIFT;
        if (accumulator & _PRIMARY_BIT != 0) {
            uint256 paid = member & _PAID_MASK;
            if (rpw == paid) return earned;
            earned += weight * (rpw - paid);
            $.members[modelId][msg.sender] = (member & ~_PAID_MASK) | rpw;
        } else {
            uint256 paid = position.paid;
            if (rpw == paid) return earned;
            earned += weight * (rpw - paid);
            position.paid = rpw;
        }
    }

    /// @dev Credits the dust of every accepted token of the emptied split of `modelId` to `owner` (`DustFlushed`).
    function _flushDust(uint256 modelId, address[] memory tokens, address owner) private {
        SplitterStorage storage $ = _storage();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 accumulator = $.accumulators[modelId][token];
            uint256 remainder = accumulator & _DUST_MASK;
            if (remainder == 0) continue;
            $.accumulators[modelId][token] = accumulator & ~_DUST_MASK;
            $.positions[modelId][owner][token].owed += remainder;
            emit DustFlushed(modelId, token, owner, remainder);
        }
    }

    /// @dev The parent of `modelId`: from the cache once the split was configured, else from the registry.
    function _parentOf(uint256 modelId, uint256 header) private view returns (uint256) {
        if (header & _SYNCED_BIT == 0) return IModelRegistry(REGISTRY).parentOf(modelId);
        return header & _HAS_PARENT_BIT == 0 ? 0 : _storage().parents[modelId];
    }

    /// @dev Reads the parent of `modelId` from the registry into the cache; returns the updated header.
    function _syncLineage(uint256 modelId, uint256 header) private returns (uint256) {
        uint256 parent = IModelRegistry(REGISTRY).parentOf(modelId);
        SplitterStorage storage $ = _storage();
        bool changed = $.parents[modelId] != parent;
        if (changed) $.parents[modelId] = parent;
        if (changed || header & _SYNCED_BIT == 0) emit LineageSynced(modelId, parent);
        header |= _SYNCED_BIT;
        return parent == 0 ? header & ~_HAS_PARENT_BIT : header | _HAS_PARENT_BIT;
    }

    function _requireOwner(uint256 modelId) private view returns (address owner) {
        owner = IERC721(REGISTRY).ownerOf(modelId);
        if (owner != msg.sender) revert NotModelOwner(modelId, msg.sender);
    }

    function _setUpstream(uint16 bps, uint8 depth) private {
        if (bps > MAX_UPSTREAM_BPS || depth > MAX_UPSTREAM_DEPTH) revert InvalidUpstream(bps, depth);
        SplitterStorage storage $ = _storage();
        $.upstreamBps = bps;
        $.upstreamDepth = depth;
        emit UpstreamSet(bps, depth);
    }
}
