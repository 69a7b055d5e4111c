// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRoyaltySplitter} from "../../src/interfaces/IRoyaltySplitter.sol";

/// @notice A split recipient whose ETH `receive` tries to claim again while its first claim is paying it. The
/// attempt must fail (the splitter is reentrancy-guarded and has settled the position already); the receiver
/// swallows the failure so its first claim still succeeds, and counts what happened.
contract ReentrantReceiver {
    IRoyaltySplitter public immutable splitter;
    uint256[] private _modelIds;
    bool private _attacking;

    /// @notice Times a re-entrant claim went through: must stay 0.
    uint256 public reentrantClaims;
    /// @notice Times a re-entrant claim was attempted and refused.
    uint256 public blockedReentries;
    /// @notice All ETH received.
    uint256 public received;

    constructor(IRoyaltySplitter splitter_) {
        splitter = splitter_;
    }

    /// @notice Claims `token` on `modelIds`; for ETH, `receive` re-enters with the same claim.
    function claim(uint256[] calldata modelIds, address token) external returns (uint256 amount) {
        _modelIds = modelIds;
        _attacking = true;
        amount = splitter.claim(modelIds, token);
        _attacking = false;
    }

    receive() external payable {
        received += msg.value;
        if (!_attacking) return;
        _attacking = false;
        try splitter.claim(_modelIds, address(0)) returns (uint256) {
            reentrantClaims++;
        } catch {
            blockedReentries++;
        }
    }
}
