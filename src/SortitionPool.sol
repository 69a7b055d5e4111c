// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {ISortitionPool} from "./interfaces/ISortitionPool.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";
import {SeatLock} from "./libraries/SeatLock.sol";
import {SortitionSumTree} from "./libraries/SortitionSumTree.sol";

/// @title SortitionPool
/// @notice Stake-weighted committee draws for the ScoringManager, in O(log n) per candidate.
/// @dev Holds no tokens. Draws are restricted to the SCORING role because they rewrite the weights they touch.
contract SortitionPool is DaimmModule, ISortitionPool {
    using SortitionSumTree for SortitionSumTree.Tree;

    /// @inheritdoc ISortitionPool
    uint256 public constant MAX_EXTRA_DRAWS = 8;

    /// @dev keccak256(abi.encode(uint256(keccak256("daimm.storage.SortitionPool")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x540b5b534d594856f22fd0a672a16e0f7812c88d93ade638f3230a70202fbc00;

    IStakeManager private immutable _stakeManager;

    /// @custom:storage-location erc7201:daimm.storage.SortitionPool
    struct SortitionPoolStorage {
        SortitionSumTree.Tree tree;
        uint256 pendingDraws;
        /// @dev The block of the latest `freeze`, and how many freezes it made: those rounds' seeds are not public.
        uint64 lastFreezeBlock;
        uint64 frozenInLastBlock;
    }

    /// @dev A draw in progress: its inputs, and every candidate taken out of the tree so far.
    struct Draw {
        bytes32 seed;
        uint256 snapshotAt;
        uint256 lockShareBps;
        address excluded;
        address[] touched;
        uint256[] touchedWeights;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
    constructor(IStakeManager stakeManager_) {
        _stakeManager = stakeManager_;
    }

    /// @notice Sets up the proxy.
    /// @param authority The protocol's AccessManager.
    function initialize(address authority) external initializer {
        __DaimmModule_init(authority);
    }

    /// @inheritdoc ISortitionPool
    function updateWeight(address validator) external {
        SortitionPoolStorage storage $ = _storage();
        uint256 blocking = _blockingDraws($);
        if (blocking != 0) revert SortitionPoolFrozen(validator, blocking);
        _sync($.tree, validator);
    }

    /// @inheritdoc ISortitionPool
    function freeze() external restricted {
        SortitionPoolStorage storage $ = _storage();
        uint256 pending = ++$.pendingDraws;
        // Freezes are counted per block: equality with the current block is the point.
        // slither-disable-next-line incorrect-equality
        if ($.lastFreezeBlock == block.number) {
            ++$.frozenInLastBlock;
        } else {
            // The cast is safe: block numbers stay far below 2^64.
            // forge-lint: disable-next-line(unsafe-typecast)
            $.lastFreezeBlock = uint64(block.number);
            $.frozenInLastBlock = 1;
        }
        emit Frozen(pending);
    }

    /// @inheritdoc ISortitionPool
    function cancelDraw() external restricted {
        SortitionPoolStorage storage $ = _storage();
        uint256 pending = $.pendingDraws;
        if (pending == 0) revert SortitionPoolNoPendingDraw();
        $.pendingDraws = --pending;
        emit DrawCancelled(pending);
    }

    /// @inheritdoc ISortitionPool
    /// @dev Each candidate leaves the tree for the rest of the draw (nobody sits twice). Afterwards the last pending
    /// draw resyncs the candidates to their current stake, so stale weights heal as they are drawn; an earlier one
    /// puts their weights back, so the order in which pending rounds are drawn changes nothing.
    function draw(bytes32 seed, uint256 count, uint256 snapshotAt, uint256 lockShareBps, address excluded)
        external
        restricted
        returns (address[] memory members, uint256[] memory weights, uint256 filled)
    {
        SortitionPoolStorage storage $ = _storage();
        uint256 pending = $.pendingDraws;
        if (pending == 0) revert SortitionPoolNoPendingDraw();
        $.pendingDraws = --pending;
        Draw memory d = Draw({
            seed: seed,
            snapshotAt: snapshotAt,
            lockShareBps: lockShareBps,
            excluded: excluded,
            touched: new address[](count + MAX_EXTRA_DRAWS),
            touchedWeights: new uint256[](count + MAX_EXTRA_DRAWS)
        });
        members = new address[](count);
        weights = new uint256[](count);
        SortitionSumTree.Tree storage tree = $.tree;

        uint256 attempts;
        for (; filled < count && attempts < d.touched.length && tree.total != 0; ++attempts) {
            (address candidate, uint256 weight) = _drawOne(tree, d, attempts);
            if (weight == 0) continue;
            members[filled] = candidate;
            weights[filled] = weight;
            ++filled;
        }
        for (uint256 i; i < attempts; ++i) {
            if (pending == 0) _sync(tree, d.touched[i]);
            else tree.set(d.touched[i], d.touchedWeights[i]);
        }
    }

    /// @inheritdoc ISortitionPool
    function stakeManager() external view returns (IStakeManager) {
        return _stakeManager;
    }

    /// @inheritdoc ISortitionPool
    function weightOf(address validator) external view returns (uint256) {
        return _storage().tree.weightOf(validator);
    }

    /// @inheritdoc ISortitionPool
    function totalWeight() external view returns (uint256) {
        return _storage().tree.total;
    }

    /// @inheritdoc ISortitionPool
    function pendingDraws() external view returns (uint256) {
        return _storage().pendingDraws;
    }

    /// @inheritdoc ISortitionPool
    function blockingDraws() external view returns (uint256) {
        return _blockingDraws(_storage());
    }

    /// @dev Pending draws minus this block's freezes (saturating: a plugged source may draw a round in its block).
    function _blockingDraws(SortitionPoolStorage storage $) private view returns (uint256) {
        uint256 pending = $.pendingDraws;
        // Most settlements find nothing pending: skip the block bookkeeping's slot then.
        if (pending == 0 || $.lastFreezeBlock != block.number) return pending;
        uint256 fresh = $.frozenInLastBlock;
        return pending > fresh ? pending - fresh : 0;
    }

    /// @dev Draw number `attempt`: takes the candidate out of the tree and returns its weight if it is kept, else 0.
    function _drawOne(SortitionSumTree.Tree storage tree, Draw memory d, uint256 attempt)
        private
        returns (address candidate, uint256 weight)
    {
        uint256 poolWeight;
        (candidate, poolWeight) = tree.draw(uint256(keccak256(abi.encode(d.seed, attempt))) % tree.total);
        tree.set(candidate, 0);
        d.touched[attempt] = candidate;
        d.touchedWeights[attempt] = poolWeight;
        if (candidate == d.excluded || !_stakeManager.isValidator(candidate)) return (candidate, 0);
        weight = _stakeManager.stakeAt(candidate, d.snapshotAt);
        if (weight == 0 || _stakeManager.unlockedStakeOf(candidate) < SeatLock.amount(weight, d.lockShareBps)) {
            return (candidate, 0);
        }
        // Kept with probability min(1, snapshot stake / pool weight): a stale, inflated weight gains nothing.
        if (weight < poolWeight && uint256(keccak256(abi.encode(d.seed, attempt, 1))) % poolWeight >= weight) {
            weight = 0;
        }
    }

    /// @dev Sets `validator`'s weight to its active stake while it is in the validator set, else to zero.
    function _sync(SortitionSumTree.Tree storage tree, address validator) private {
        uint256 weight = _stakeManager.isValidator(validator) ? _stakeManager.stakeOf(validator) : 0;
        if (tree.weightOf(validator) == weight) return;
        tree.set(validator, weight);
        emit WeightSet(validator, weight);
    }

    function _storage() private pure returns (SortitionPoolStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STORAGE_LOCATION
        }
    }
}
