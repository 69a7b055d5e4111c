// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice What an account registers with a `HookToken` to run code inside its transfers.
interface ITokenHooks {
    /// @notice Called on the sender's hook before the balances move (ERC-777 `tokensToSend`).
    function tokensToSend(address from, address to, uint256 amount) external;
    /// @notice Called on the recipient's hook after the balances moved (ERC-777 `tokensReceived`).
    function tokensReceived(address from, address to, uint256 amount) external;
}

/// @notice An ERC-20 with ERC-777-style transfer hooks: every account may register a hook, which the token calls as
/// sender before a transfer moves the balances and as recipient after. A hook may re-enter any contract, so a
/// contract that credits a payment by its balance change around `transferFrom` sees whatever the hook moved in
/// between: what the Marketplace and the RoyaltySplitter must not count twice (finding H-3).
contract HookToken is ERC20 {
    mapping(address account => address hook) public hookOf;

    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Registers the caller's hook (0 removes it).
    function setHook(address hook) external {
        hookOf[msg.sender] = hook;
    }

    function _update(address from, address to, uint256 value) internal override {
        address sendHook = from == address(0) ? address(0) : hookOf[from];
        if (sendHook != address(0)) ITokenHooks(sendHook).tokensToSend(from, to, value);
        super._update(from, to, value);
        address receiveHook = to == address(0) ? address(0) : hookOf[to];
        if (receiveHook != address(0)) ITokenHooks(receiveHook).tokensReceived(from, to, value);
    }
}
