// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {
    AccessManagedUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @title DaimmModule
/// @notice What every upgradeable DAIMM module shares: it sits behind an ERC-1967 proxy, answers to the protocol's
/// AccessManager for every restricted function, and can be paused.
/// @dev Who may call what is configured in the AccessManager, not here: `pause` is mapped to the GUARDIAN role;
/// `unpause` and `upgradeToAndCall` stay with the ADMIN role (the timelock). Module state lives in ERC-7201
/// namespaces, so upgrades cannot collide storage.
abstract contract DaimmModule is Initializable, UUPSUpgradeable, AccessManagedUpgradeable, PausableUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    // solhint-disable-next-line func-name-mixedcase
    function __DaimmModule_init(address authority) internal onlyInitializing {
        __AccessManaged_init(authority);
        __Pausable_init();
    }

    /// @notice Stops the module's user-facing state changes. Callable by the guardian.
    function pause() external restricted {
        _pause();
    }

    /// @notice Resumes the module. Callable by governance.
    function unpause() external restricted {
        _unpause();
    }

    function _authorizeUpgrade(address) internal override restricted {}
}
