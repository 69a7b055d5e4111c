// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRoyaltyInbox} from "./interfaces/IRoyaltyInbox.sol";
import {IRoyaltySplitter} from "./interfaces/IRoyaltySplitter.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title RoyaltyInbox
/// @notice Collects ERC-2981 royalties for one model and deposits them into the RoyaltySplitter.
contract RoyaltyInbox is IRoyaltyInbox {
    using SafeERC20 for IERC20;

    /// @inheritdoc IRoyaltyInbox
    address public immutable SPLITTER;
    /// @inheritdoc IRoyaltyInbox
    uint256 public immutable MODEL_ID;

    constructor(address splitter, uint256 modelId) {
        SPLITTER = splitter;
        MODEL_ID = modelId;
    }

    /// @notice Accepts ETH royalties, even with only the 2,300-gas stipend.
    receive() external payable {}

    /// @inheritdoc IRoyaltyInbox
    function sweep(address token) external returns (uint256 amount) {
        if (token == address(0)) {
            amount = address(this).balance;
            // The destination is the immutable splitter, credited to this inbox's model: not arbitrary.
            // slither-disable-next-line arbitrary-send-eth
            if (amount != 0) IRoyaltySplitter(SPLITTER).depositETH{value: amount}(MODEL_ID);
        } else {
            amount = IERC20(token).balanceOf(address(this));
            if (amount != 0) {
                IERC20(token).forceApprove(SPLITTER, amount);
                amount = IRoyaltySplitter(SPLITTER).deposit(MODEL_ID, token, amount);
            }
        }
    }
}
