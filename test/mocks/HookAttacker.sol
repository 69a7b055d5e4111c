// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITokenHooks} from "./HookToken.sol";

/// @notice An account that runs one armed call from inside its `HookToken` transfers, as sender or recipient: the
/// re-entering attacker of finding H-3. It acts through `execute` (buy, deposit, claim...) and counts whether its
/// re-entry went through or was refused.
contract HookAttacker is ITokenHooks {
    address private _target;
    bytes private _data;
    bool private _armed;

    /// @notice Re-entries that went through.
    uint256 public reentries;
    /// @notice Re-entries the target refused.
    uint256 public blockedReentries;

    /// @notice Arms one re-entry: the next hook calls `target` with `data`.
    function arm(address target, bytes calldata data) external {
        (_target, _data, _armed) = (target, data, true);
    }

    /// @notice Drops an armed re-entry that did not fire.
    function disarm() external {
        _armed = false;
    }

    /// @notice Calls `to` as this account, bubbling up a revert.
    function execute(address to, uint256 value, bytes calldata data) external payable returns (bytes memory result) {
        bool ok;
        (ok, result) = to.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }

    function tokensToSend(address, address, uint256) external {
        _reenter();
    }

    function tokensReceived(address, address, uint256) external {
        _reenter();
    }

    receive() external payable {}

    function _reenter() private {
        if (!_armed) return;
        _armed = false;
        (bool ok,) = _target.call(_data);
        if (ok) reentries++;
        else blockedReentries++;
    }
}
