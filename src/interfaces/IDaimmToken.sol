// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title IDaimmToken
/// @notice The DAIMM token: staked by validators and contributors, paid as rewards, and used to vote.
/// @dev ERC-20 with EIP-2612 permit and ERC-5805 votes. The whole supply is minted once, at deployment, to the
/// treasury (the governance timelock); there is no mint or burn function afterwards, so `totalSupply()` never changes.
/// Votes are checkpointed by timestamp (ERC-6372 `mode=timestamp`), which keeps governance periods in seconds on
/// every chain, L2s included.
interface IDaimmToken is IERC20Metadata, IERC20Permit, IERC5805 {
    /// @notice The fixed supply, in wei (18 decimals), minted to the treasury at deployment.
    function TOTAL_SUPPLY() external view returns (uint256);
}
