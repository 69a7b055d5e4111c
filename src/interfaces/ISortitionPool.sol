// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStakeManager} from "./IStakeManager.sol";

/// @title ISortitionPool
/// @notice Who can be drawn into a scoring committee, and with what chance: a sum tree of validator weights with
/// O(log n) draws and updates.
/// @dev Weights are synced lazily: `updateWeight` (permissionless) sets a validator's weight to its active stake
/// while it is in the StakeManager's validator set, else to zero; a draw resyncs every candidate it touches. A
/// candidate is kept with probability `min(1, snapshot stake / pool weight)`, so a stale weight never raises anyone's
/// chance above its stake at the snapshot.
/// The tree is frozen from a round's opening until its draw (`freeze`): a draw's seed is public before the draw
/// runs, and a tree that could still change would let anyone who reads the seed steer the committee.
interface ISortitionPool {
    /// @notice `validator`'s pool weight is now `weight`.
    event WeightSet(address indexed validator, uint256 weight);

    /// @notice A round opened: weights stay as they are until its draw. `pendingDraws` rounds now wait for theirs.
    event Frozen(uint256 pendingDraws);

    /// @notice A round failed before its draw (its seed aged out): `pendingDraws` rounds still wait for theirs.
    event DrawCancelled(uint256 pendingDraws);

    /// @notice `validator`'s weight cannot change now: `pendingDraws` opened rounds wait for their committee draw,
    /// which anyone may run with `ScoringManager.drawCommittee`.
    error SortitionPoolFrozen(address validator, uint256 pendingDraws);

    /// @notice A draw without an opened round waiting for it.
    error SortitionPoolNoPendingDraw();

    /// @notice Sets `validator`'s weight to its active stake if it is in the validator set, else to zero. Anyone may
    /// call it; validators call it after staking, to be drawn. Never paused; reverts while a draw whose seed may be
    /// public is pending (`blockingDraws`); rounds opened in the current block do not block it.
    function updateWeight(address validator) external;

    /// @notice Freezes the weights until one more draw has run. Callable by the SCORING role, when a round opens.
    function freeze() external;

    /// @notice Ends one `freeze` without a draw (the round failed before it). Callable by the SCORING role.
    function cancelDraw() external;

    /// @notice Draws up to `count` distinct validators, each in the validator set now, with stake at `snapshotAt`
    /// and at least `ceil(stake × lockShareBps / 10,000)` unlocked stake, never `excluded`. Gives up after
    /// `count + MAX_EXTRA_DRAWS` candidates. Callable by the SCORING role.
    /// @param seed Randomness; each candidate is derived from it and its draw number.
    /// @param count Seats wanted.
    /// @param snapshotAt A past timestamp: members' weights are their stake then.
    /// @param lockShareBps The share of its weight a member must be able to lock.
    /// @param excluded Never drawn (the owner of the subject being scored).
    /// @dev Each draw ends one `freeze`. While other draws are still pending it puts every weight back as it found
    /// it, so those draws see the tree their seeds were fixed on; the last one resyncs the candidates it touched.
    /// @return members The validators drawn, `filled` of them first (the rest of the array is zero).
    /// @return weights Their stake at `snapshotAt`.
    /// @return filled How many were drawn.
    function draw(bytes32 seed, uint256 count, uint256 snapshotAt, uint256 lockShareBps, address excluded)
        external
        returns (address[] memory members, uint256[] memory weights, uint256 filled);

    /// @notice How many candidates beyond the seats wanted a draw may reject before it gives up.
    function MAX_EXTRA_DRAWS() external view returns (uint256);

    /// @notice The StakeManager whose validators are drawn.
    function stakeManager() external view returns (IStakeManager);

    /// @notice `validator`'s weight in the pool.
    function weightOf(address validator) external view returns (uint256);

    /// @notice Sum of every weight.
    function totalWeight() external view returns (uint256);

    /// @notice Opened rounds waiting for their draw; weights are frozen while it is not zero.
    function pendingDraws() external view returns (uint256);

    /// @notice Pending draws of rounds opened before the current block, whose seeds may be public: settlement and
    /// `updateWeight` wait for these only. Rounds opened in this block cannot have a public seed yet.
    /// @dev Assumes no round is drawn in the block it opened, which holds for the default seed (the opening block's
    /// hash); a plugged randomness source that answers in the opening block is documented in docs/scoring.md.
    function blockingDraws() external view returns (uint256);
}
