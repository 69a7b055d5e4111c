// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SeatLock
/// @notice The stake a committee seat locks until its round settles.
library SeatLock {
    uint256 private constant BPS = 10_000;

    /// @notice `ceil(weight × lockShareBps / 10,000)`: rounded up, so a seat never locks nothing.
    /// @dev Cannot overflow: stake fits 96 bits and the share 14.
    function amount(uint256 weight, uint256 lockShareBps) internal pure returns (uint256) {
        return (weight * lockShareBps + BPS - 1) / BPS;
    }
}
