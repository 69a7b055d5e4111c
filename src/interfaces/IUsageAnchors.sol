// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IUsageAnchors
/// @notice Merkle roots of a gateway's usage log, anchored per model by the model's owner or an operator it delegated.
/// A licensee who holds its log entries and their inclusion proofs checks them against these roots, not against the
/// gateway's word.
/// @dev Leaves are `keccak256(bytes.concat(entryHash))` where `entryHash` is the entry's hash (sdk/src/usage/entry.ts),
/// the leaf format of OpenZeppelin's StandardMerkleTree; pairs are hashed sorted (OpenZeppelin `MerkleProof`). Hashing
/// the entry hash once more keeps a 64-byte inner node from passing for a leaf. `seq` is the log's global position:
/// a model's anchors cover strictly increasing, non-overlapping ranges of it.
interface IUsageAnchors {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice One anchored root.
    /// @param root Merkle root of the model's entries with `fromSeq <= seq <= toSeq`.
    /// @param fromSeq First log position the root covers.
    /// @param toSeq Last log position the root covers.
    /// @param count Entries of the model under the root (the range also holds other models' entries).
    /// @param anchoredAt Block timestamp of the anchor.
    struct Anchor {
        bytes32 root;
        uint64 fromSeq;
        uint64 toSeq;
        uint32 count;
        uint48 anchoredAt;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice `caller` is neither the owner of model `modelId` nor an operator its current owner delegated.
    error NotOwnerOrOperator(uint256 modelId, address caller);
    /// @notice Only the model's current owner delegates operators for it.
    error NotModelOwner(uint256 modelId, address caller);
    /// @notice A zero root commits to nothing.
    error ZeroRoot(uint256 modelId);
    /// @notice The range is empty, starts at 0, or holds fewer positions than `count` entries (or `count` is 0).
    error InvalidRange(uint64 fromSeq, uint64 toSeq, uint32 count);
    /// @notice A model's ranges only move forward: `fromSeq` must come after the last anchored `toSeq`.
    error RangeNotAfterLast(uint256 modelId, uint64 fromSeq, uint64 lastToSeq);
    /// @notice Model `modelId` has no anchor at `index`.
    error UnknownAnchor(uint256 modelId, uint256 index);
    /// @notice The zero address cannot be an operator.
    error ZeroOperator();

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `by` anchored `root` as anchor `index` of model `modelId`, covering log positions `fromSeq..toSeq`.
    event UsageAnchored(
        uint256 indexed modelId,
        uint256 indexed index,
        address indexed by,
        bytes32 root,
        uint64 fromSeq,
        uint64 toSeq,
        uint32 count
    );

    /// @notice `owner` delegated (or revoked) anchoring of every model it owns to `operator`.
    event OperatorSet(address indexed owner, address indexed operator, bool approved);

    /// @notice `owner` delegated (or revoked) anchoring of model `modelId` to `operator`, while it owns the model.
    event ModelOperatorSet(uint256 indexed modelId, address indexed owner, address indexed operator, bool approved);

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @notice Anchors the Merkle root of model `modelId`'s log entries with positions `fromSeq..toSeq`.
    /// @dev Callable by the model's owner or an operator its current owner delegated. `fromSeq` must be after the
    /// model's last anchored `toSeq`: two anchors of the same entries cannot both land, whoever is first.
    /// @return index The anchor's index among the model's anchors, from 0.
    function anchor(uint256 modelId, bytes32 root, uint64 fromSeq, uint64 toSeq, uint32 count)
        external
        returns (uint256 index);

    /// @notice Lets `operator` anchor for every model the caller owns, for as long as it owns them; `false` revokes.
    function setOperator(address operator, bool approved) external;

    /// @notice Lets `operator` anchor for model `modelId` while the caller owns it; `false` revokes. Owner only.
    function setModelOperator(uint256 modelId, address operator, bool approved) external;

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @notice The model registry whose owners anchor.
    function registry() external view returns (address);

    /// @notice Whether `account` may anchor for model `modelId` now (its owner, or an operator of its owner).
    function canAnchor(uint256 modelId, address account) external view returns (bool);

    /// @notice Whether `owner` delegated all its models to `operator`.
    function isOperator(address owner, address operator) external view returns (bool);

    /// @notice Whether `owner` delegated model `modelId` to `operator` (effective only while `owner` owns it).
    function isModelOperator(uint256 modelId, address owner, address operator) external view returns (bool);

    /// @notice How many anchors model `modelId` has.
    function anchorCount(uint256 modelId) external view returns (uint256);

    /// @notice The last log position anchored for model `modelId`; 0 before its first anchor.
    function lastSeq(uint256 modelId) external view returns (uint64);

    /// @notice Anchor `index` of model `modelId`. Reverts with `UnknownAnchor` past the last.
    function anchorOf(uint256 modelId, uint256 index) external view returns (Anchor memory);

    /// @notice Whether the entry whose hash is `entryHash` is under anchor `index` of model `modelId` by `proof`.
    /// @dev The leaf is `keccak256(bytes.concat(entryHash))`; a caller must derive `entryHash` from the entry itself.
    function verify(uint256 modelId, uint256 index, bytes32 entryHash, bytes32[] calldata proof)
        external
        view
        returns (bool);
}
