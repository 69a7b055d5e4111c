// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRoyaltyInbox
/// @notice The ERC-2981 royalty receiver of one model. ERC-2981 tells a marketplace where to send a royalty but
/// not which model it is for, so every model gets its own inbox address (`ModelRegistry.royaltyInfo` returns it).
/// Anything paid to it, ETH or tokens, before or after it is deployed, is credited to the model's split by `sweep`.
/// @dev A plain contract, not a proxy, so that a payer forwarding only the 2,300-gas stipend (`transfer`) succeeds.
interface IRoyaltyInbox {
    /// @notice Deposits the inbox's whole balance of `token` (`address(0)` is ETH) into the splitter for its model.
    /// Anyone may call it.
    /// @return amount What the splitter credited: the balance swept, less any fee the token takes in transit.
    function sweep(address token) external returns (uint256 amount);

    /// @notice The RoyaltySplitter this inbox pays.
    function SPLITTER() external view returns (address);

    /// @notice The model this inbox collects for.
    function MODEL_ID() external view returns (uint256);
}

/// @title IRoyaltyInboxFactory
/// @notice Deploys royalty inboxes with CREATE2 at addresses that depend only on (splitter, model). The factory is
/// not upgradeable, so an inbox address never changes, and royalties paid to it before deployment are never lost.
interface IRoyaltyInboxFactory {
    /// @notice The inbox of `modelId` for `splitter` was deployed.
    /// @param splitter The RoyaltySplitter it pays.
    /// @param modelId The model.
    /// @param inbox Its address.
    event InboxDeployed(address indexed splitter, uint256 indexed modelId, address inbox);

    /// @notice Deploys the inbox of (`splitter`, `modelId`). Anyone may call it; it reverts if deployed already.
    function deploy(address splitter, uint256 modelId) external returns (address inbox);

    /// @notice The address of the inbox of (`splitter`, `modelId`), deployed or not.
    function inboxOf(address splitter, uint256 modelId) external view returns (address);
}
