// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Roles
/// @notice The role ids of DAIMM's single AccessManager. Every restricted function of every module maps to one.
/// @dev Role 0 and `type(uint64).max` are AccessManager's own `ADMIN_ROLE` and `PUBLIC_ROLE`.
library Roles {
    /// @dev AccessManager's ADMIN_ROLE, held by the governance timelock alone: parameters, upgrades, role grants.
    uint64 internal constant ADMIN = 0;
    /// @dev May pause modules in an emergency, and nothing else. Unpausing is the admin's (governance's).
    uint64 internal constant GUARDIAN = 1;
    /// @dev Module role of ScoringManager: locks stake, writes evaluations to the registry, reports offences.
    uint64 internal constant SCORING = 2;
    /// @dev Module role of Slasher: slashes stake in the StakeManager.
    uint64 internal constant SLASHER = 3;
    /// @dev Upholds or rejects slashing challenges; the timelock by default.
    uint64 internal constant ARBITER = 4;
    /// @dev AccessManager's PUBLIC_ROLE: every address has it.
    uint64 internal constant PUBLIC = type(uint64).max;
}
