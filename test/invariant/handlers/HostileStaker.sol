// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StakeManager} from "../../../src/StakeManager.sol";

/// @notice A contract staker that the staking handler drives as one of its actors. It does in one transaction what
/// an EOA needs several for: staking and unstaking at the same timestamp (a flash stake against checkpoints), and
/// any call it is told to make, including privileged ones it holds no role for.
/// @dev DAIMM has no transfer hooks, so this actor cannot re-enter the modules in the middle of a call; the
/// interleavings it can produce are whole calls within one transaction or one block, which is what it tries.
/// Re-entry through hooks is covered with a hooked token in test/unit/StakingReentrancy.t.sol.
contract HostileStaker {
    address private immutable _handler;

    error HostileStakerNotHandler(address caller);

    constructor() {
        _handler = msg.sender;
    }

    modifier onlyHandler() {
        if (msg.sender != _handler) revert HostileStakerNotHandler(msg.sender);
        _;
    }

    /// @notice Calls `target` with `data` and reports the outcome instead of reverting.
    function execute(address target, bytes calldata data) external onlyHandler returns (bool ok, bytes memory result) {
        (ok, result) = target.call(data);
    }

    /// @notice Stakes `amount` and queues all of it for unbonding in the same transaction.
    function flashStake(StakeManager stakeManager, uint256 amount) external onlyHandler {
        stakeManager.stake(amount);
        stakeManager.requestUnstake(amount);
    }
}
