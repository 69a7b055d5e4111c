// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title IDaimmVestingWallet
/// @notice A genesis vesting allocation: OpenZeppelin's `VestingWalletCliff` (linear vesting after a cliff, released
/// to the owner, who is the beneficiary) whose beneficiary directs the votes of the tokens still vesting.
/// @dev The token delegates a genesis wallet's votes to its beneficiary at mint, so they count from genesis. Should
/// ownership move, the votes stay where they were until the new owner calls `delegate`. Released tokens are the
/// beneficiary's own and vote as the beneficiary's delegation says.
interface IDaimmVestingWallet {
    /// @notice Delegates the votes of every `token` this wallet holds (vested or not) to `delegatee`.
    /// @dev Only the owner (the beneficiary). Emits the token's `DelegateChanged`.
    /// @param token An ERC-5805 votes token the wallet holds (DAIMM).
    /// @param delegatee Who votes with them; the owner itself, another account, or zero to stop voting.
    function delegate(IVotes token, address delegatee) external;
}
