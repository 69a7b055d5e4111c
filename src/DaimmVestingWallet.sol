// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDaimmVestingWallet} from "./interfaces/IDaimmVestingWallet.sol";
import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {VestingWalletCliff} from "@openzeppelin/contracts/finance/VestingWalletCliff.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title DaimmVestingWallet
/// @notice A vesting allocation of the genesis whose beneficiary votes with the tokens while they vest.
contract DaimmVestingWallet is VestingWalletCliff, IDaimmVestingWallet {
    /// @param beneficiary Owner of the wallet: receives released tokens and directs their votes.
    /// @param startTimestamp When vesting starts.
    /// @param durationSeconds How long vesting lasts, cliff included.
    /// @param cliffSeconds Nothing is releasable before `startTimestamp + cliffSeconds`; at most `durationSeconds`.
    constructor(address beneficiary, uint64 startTimestamp, uint64 durationSeconds, uint64 cliffSeconds)
        VestingWallet(beneficiary, startTimestamp, durationSeconds)
        VestingWalletCliff(cliffSeconds)
    {}

    /// @inheritdoc IDaimmVestingWallet
    function delegate(IVotes token, address delegatee) external onlyOwner {
        token.delegate(delegatee);
    }
}
