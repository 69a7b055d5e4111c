// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RoyaltyInbox} from "./RoyaltyInbox.sol";
import {IRoyaltyInboxFactory} from "./interfaces/IRoyaltyInbox.sol";
import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";

/// @title RoyaltyInboxFactory
/// @notice Deploys each model's royalty inbox at a CREATE2 address fixed by (factory, splitter, model).
/// @dev Deliberately not upgradeable and without state: the inbox's creation code lives in this contract's bytecode,
/// so the addresses `ModelRegistry.royaltyInfo` has handed out stay valid whatever happens to the splitter.
contract RoyaltyInboxFactory is IRoyaltyInboxFactory {
    /// @inheritdoc IRoyaltyInboxFactory
    function deploy(address splitter, uint256 modelId) external returns (address inbox) {
        inbox = address(new RoyaltyInbox{salt: bytes32(modelId)}(splitter, modelId));
        emit InboxDeployed(splitter, modelId, inbox);
    }

    /// @inheritdoc IRoyaltyInboxFactory
    function inboxOf(address splitter, uint256 modelId) external view returns (address) {
        bytes32 codeHash = keccak256(abi.encodePacked(type(RoyaltyInbox).creationCode, abi.encode(splitter, modelId)));
        return Create2.computeAddress(bytes32(modelId), codeHash);
    }
}
