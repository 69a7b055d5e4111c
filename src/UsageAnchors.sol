// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IUsageAnchors} from "./interfaces/IUsageAnchors.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title UsageAnchors
/// @notice Merkle roots of gateways' usage logs, per model, by the model's owner or its delegated operator.
/// @dev Not upgradeable, no admin and no pause: nobody but a model's owner (and whom it delegates) can write a model's
/// anchors, and nobody can rewrite them. Delegations are keyed by the delegating owner, so they stop applying the
/// moment the model changes hands, like ERC-721's `setApprovalForAll`.
contract UsageAnchors is IUsageAnchors {
    /// @dev A model's anchor count and the last `toSeq` it anchored, in one slot.
    struct Head {
        uint64 count;
        uint64 lastToSeq;
    }

    IModelRegistry private immutable _registry;

    mapping(uint256 modelId => Head) private _heads;
    mapping(uint256 modelId => mapping(uint256 index => Anchor)) private _anchors;
    mapping(address owner => mapping(address operator => bool)) private _operators;
    mapping(uint256 modelId => mapping(address owner => mapping(address operator => bool))) private _modelOperators;

    constructor(IModelRegistry registry_) {
        _registry = registry_;
    }

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUsageAnchors
    function anchor(uint256 modelId, bytes32 root, uint64 fromSeq, uint64 toSeq, uint32 count)
        external
        returns (uint256 index)
    {
        if (!canAnchor(modelId, msg.sender)) revert NotOwnerOrOperator(modelId, msg.sender);
        if (root == bytes32(0)) revert ZeroRoot(modelId);
        // Positions start at 1; `count` entries need at least `count` positions.
        if (fromSeq == 0 || toSeq < fromSeq || count == 0 || uint256(count) > uint256(toSeq) - fromSeq + 1) {
            revert InvalidRange(fromSeq, toSeq, count);
        }
        Head memory head = _heads[modelId];
        if (fromSeq <= head.lastToSeq) revert RangeNotAfterLast(modelId, fromSeq, head.lastToSeq);
        index = head.count;
        _anchors[modelId][index] =
            Anchor({root: root, fromSeq: fromSeq, toSeq: toSeq, count: count, anchoredAt: uint48(block.timestamp)});
        _heads[modelId] = Head({count: head.count + 1, lastToSeq: toSeq});
        emit UsageAnchored(modelId, index, msg.sender, root, fromSeq, toSeq, count);
    }

    /// @inheritdoc IUsageAnchors
    function setOperator(address operator, bool approved) external {
        if (operator == address(0)) revert ZeroOperator();
        _operators[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc IUsageAnchors
    function setModelOperator(uint256 modelId, address operator, bool approved) external {
        if (operator == address(0)) revert ZeroOperator();
        // Only the owner is needed: the status is not a reason to refuse a delegation.
        // slither-disable-next-line unused-return
        (address owner,) = _registry.ownerAndStatusOf(modelId);
        if (owner != msg.sender) revert NotModelOwner(modelId, msg.sender);
        _modelOperators[modelId][msg.sender][operator] = approved;
        emit ModelOperatorSet(modelId, msg.sender, operator, approved);
    }

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUsageAnchors
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IUsageAnchors
    function canAnchor(uint256 modelId, address account) public view returns (bool) {
        // Reverts with the registry's `UnknownModel` for a model that does not exist. The status is not read: a
        // flagged or deprecated model's usage is still logged, so still anchored.
        // slither-disable-next-line unused-return
        (address owner,) = _registry.ownerAndStatusOf(modelId);
        return account == owner || _operators[owner][account] || _modelOperators[modelId][owner][account];
    }

    /// @inheritdoc IUsageAnchors
    function isOperator(address owner, address operator) external view returns (bool) {
        return _operators[owner][operator];
    }

    /// @inheritdoc IUsageAnchors
    function isModelOperator(uint256 modelId, address owner, address operator) external view returns (bool) {
        return _modelOperators[modelId][owner][operator];
    }

    /// @inheritdoc IUsageAnchors
    function anchorCount(uint256 modelId) external view returns (uint256) {
        return _heads[modelId].count;
    }

    /// @inheritdoc IUsageAnchors
    function lastSeq(uint256 modelId) external view returns (uint64) {
        return _heads[modelId].lastToSeq;
    }

    /// @inheritdoc IUsageAnchors
    function anchorOf(uint256 modelId, uint256 index) public view returns (Anchor memory) {
        if (index >= _heads[modelId].count) revert UnknownAnchor(modelId, index);
        return _anchors[modelId][index];
    }

    /// @inheritdoc IUsageAnchors
    function verify(uint256 modelId, uint256 index, bytes32 entryHash, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root = anchorOf(modelId, index).root;
        return MerkleProof.verifyCalldata(proof, root, keccak256(bytes.concat(entryHash)));
    }
}
