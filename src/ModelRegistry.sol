// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IRoyaltySplitter} from "./interfaces/IRoyaltySplitter.sol";
import {CidV1} from "./libraries/CidV1.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {IERC165, IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ERC721} from "solady/tokens/ERC721.sol";

// Bit packing truncates on purpose: every narrowing cast below reads a field that was written at that width.
// forge-lint: disable-start(unsafe-typecast)
/// @title ModelRegistry
/// @notice ERC-721 registry of AI models and datasets, keyed by the SHA-256 of their bytes.
/// @dev Gas layout. A registration writes the token's owner slot (Solady's ERC-721 keeps 96 bits of extra data
/// beside the owner, where the small fields live: registration time, both CID codecs, kind, relation, status, the
/// commitment flag and the low 16 bits of the registration block), the owner's balance slot (new only for a first
/// model), and one slot per digest plus one for the parent when there is one. A signed registration also keeps its
/// `notBefore` block, in a slot of its own, until it is superseded or made final.
contract ModelRegistry is DaimmModule, ERC721, EIP712Upgradeable, NoncesUpgradeable, IModelRegistry, IERC2981 {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS AND STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IModelRegistry
    uint256 public constant MAX_LINEAGE_DEPTH = 256;
    /// @inheritdoc IModelRegistry
    bytes32 public constant REGISTER_TYPEHASH = keccak256(
        "Register(address publisher,bytes32 fingerprint,bytes artifactCid,bytes metadataCid,uint8 kind,uint256 parent,uint8 relation,uint256 notBefore,uint256 nonce,uint256 deadline)"
    );
    /// @inheritdoc IModelRegistry
    uint256 public constant MAX_SIGNATURE_LAG = 16;
    /// @notice Highest ERC-2981 rate governance may set: 25%.
    uint16 public constant MAX_ROYALTY_BPS = 2500;
    uint32 private constant _MIN_COMMIT_AGE_LIMIT = 1 minutes;
    uint32 private constant _MAX_COMMIT_AGE_LIMIT = 30 days;

    // Bit layout of the 96-bit extra data kept in each token's owner slot: registration time in bits 0-39, the two
    // codecs, kind (2 bits), relation (3 bits), status (2 bits), the commitment flag, and the low 16 bits of the
    // registration block in bits 80-95 (which order two registrations made in the same second: see `_minedBefore`).
    uint256 private constant _ARTIFACT_CODEC_SHIFT = 40;
    uint256 private constant _METADATA_CODEC_SHIFT = 56;
    uint256 private constant _KIND_SHIFT = 72;
    uint256 private constant _KIND_MASK = 0x3;
    uint256 private constant _RELATION_SHIFT = 74;
    uint256 private constant _RELATION_MASK = 0x7;
    uint256 private constant _STATUS_SHIFT = 77;
    uint256 private constant _STATUS_MASK = 0x3;
    uint256 private constant _COMMITTED_BIT = 1 << 79;
    uint256 private constant _BLOCK_SHIFT = 80;
    uint256 private constant _BLOCK_BITS = 0xffff00000000000000000000;
    // A commitment's time is `block.number << 48 | block.timestamp`.
    uint256 private constant _COMMIT_BLOCK_SHIFT = 48;

    struct Record {
        bytes32 artifactDigest;
        bytes32 metadataDigest;
        uint256 parent;
    }

    /// @custom:storage-location erc7201:daimm.storage.ModelRegistry
    struct RegistryStorage {
        mapping(uint256 id => Record) records;
        mapping(uint256 id => Evaluation) evaluations;
        /// @dev `block.number << 48 | block.timestamp` of the commitment; 0 when none.
        mapping(bytes32 commitment => uint256 time) commitments;
        uint16 royaltyBps;
        uint32 maxCommitAge;
        /// @dev Added after the first release, at the end so upgrades keep the layout.
        address royaltySplitter;
        /// @dev The latest evaluation of each model per benchmark (its benchmark id left zero: it is the key).
        mapping(uint256 id => mapping(bytes32 benchmarkId => Evaluation)) benchmarkEvaluations;
        /// @dev `notBefore + 1` of a registration made by signature, while a commitment may still supersede it.
        mapping(uint256 id => uint256 notBeforePlusOne) signedNotBefore;
    }

    // keccak256(abi.encode(uint256(keccak256("daimm.storage.ModelRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xfff2961cf1b61e57bdca1642a672b9f6b4c8d56d1bfaf0a1ad7548ab32800800;

    function _storage() private pure returns (RegistryStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /*//////////////////////////////////////////////////////////////
                              INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @param authority The protocol's AccessManager.
    /// @param royaltyBps_ Initial ERC-2981 rate.
    /// @param maxCommitAge_ Initial commitment lifetime, in seconds.
    function initialize(address authority, uint16 royaltyBps_, uint32 maxCommitAge_) external initializer {
        __DaimmModule_init(authority);
        __EIP712_init("DAIMM ModelRegistry", "1");
        __Nonces_init();
        _setRoyaltyRate(royaltyBps_);
        _setMaxCommitAge(maxCommitAge_);
    }

    /*//////////////////////////////////////////////////////////////
                              REGISTRATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IModelRegistry
    function register(Registration calldata registration) external whenNotPaused returns (uint256 id) {
        id = uint256(registration.fingerprint);
        _requireUnregistered(id);
        _register(registration, msg.sender, false);
    }

    /// @inheritdoc IModelRegistry
    function commit(bytes32 commitment) external whenNotPaused {
        RegistryStorage storage $ = _storage();
        uint256 time = $.commitments[commitment];
        // A pending commitment cannot be re-sent: anyone could otherwise reset its age and keep it "too new".
        if (time != 0 && block.timestamp <= uint48(time) + uint256($.maxCommitAge)) {
            revert CommitmentPending(commitment);
        }
        $.commitments[commitment] = (block.number << _COMMIT_BLOCK_SHIFT) | block.timestamp;
        emit RegistrationCommitted(commitment, msg.sender);
    }

    /// @inheritdoc IModelRegistry
    function registerCommitted(Registration calldata registration, bytes32 salt)
        external
        whenNotPaused
        returns (uint256 id)
    {
        uint256 committed = _useCommitment(commitmentOf(msg.sender, registration.fingerprint, salt));
        id = uint256(registration.fingerprint);
        address owner = _ownerOf(id);
        if (owner == address(0)) {
            _register(registration, msg.sender, true);
            return id;
        }
        // Taken already. A committed registration is final. Any other mined in a later block than our commitment
        // may have copied our pending transaction, so the older commitment wins; one mined in the same block or
        // earlier, or signed before our commitment was mined, stays.
        uint256 extra = _getExtraData(id);
        if (
            extra & _COMMITTED_BIT != 0 || !_minedBefore(committed, extra)
                || !_predatesSignature(id, committed >> _COMMIT_BLOCK_SHIFT)
        ) revert AlreadyRegistered(id, owner);
        _supersede(registration, owner, extra);
    }

    /// @inheritdoc IModelRegistry
    function registerWithSig(
        Registration calldata registration,
        address publisher,
        uint256 notBefore,
        uint256 deadline,
        bytes calldata signature
    ) external whenNotPaused returns (uint256 id) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        // The window stops a front-runner from back-dating its own signature to before an honest commitment: a
        // commitment older than `MAX_SIGNATURE_LAG` blocks always predates any signature that can still land.
        if (notBefore > block.number) revert SignatureNotYetValid(notBefore);
        if (block.number - notBefore > MAX_SIGNATURE_LAG) {
            revert SignatureTooOld(notBefore, notBefore + MAX_SIGNATURE_LAG);
        }
        bytes32 digest =
            _hashTypedDataV4(_registerStructHash(registration, publisher, notBefore, _useNonce(publisher), deadline));
        if (!SignatureChecker.isValidSignatureNow(publisher, digest, signature)) revert InvalidSignature(publisher);
        id = uint256(registration.fingerprint);
        _requireUnregistered(id);
        _register(registration, publisher, false);
        _storage().signedNotBefore[id] = notBefore + 1;
    }

    /*//////////////////////////////////////////////////////////////
                             OWNER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IModelRegistry
    function updateMetadata(uint256 id, bytes calldata metadataCid) external whenNotPaused {
        _requireOwnerOrApproved(id);
        (uint16 codec, bytes32 digest) = CidV1.parse(metadataCid);
        _storage().records[id].metadataDigest = digest;
        uint256 extra = _getExtraData(id);
        extra =
            (extra & ~(uint256(type(uint16).max) << _METADATA_CODEC_SHIFT)) | (uint256(codec) << _METADATA_CODEC_SHIFT);
        _setExtraData(id, uint96(extra));
        emit MetadataUpdated(id, metadataCid);
        emit MetadataUpdate(id);
    }

    /// @inheritdoc IModelRegistry
    function deprecate(uint256 id) external whenNotPaused {
        _requireOwnerOrApproved(id);
        Status status = _status(_getExtraData(id));
        if (status != Status.Active) revert InvalidStatusChange(id, status, Status.Deprecated);
        _setStatus(id, Status.Deprecated);
    }

    /*//////////////////////////////////////////////////////////////
                               RESTRICTED
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IModelRegistry
    function setFlagged(uint256 id, bool flagged) external restricted {
        _requireRegistered(id);
        Status status = _status(_getExtraData(id));
        Status next = flagged ? Status.Flagged : Status.Active;
        if ((status == Status.Flagged) == flagged) revert InvalidStatusChange(id, status, next);
        _setStatus(id, next);
    }

    /// @inheritdoc IModelRegistry
    function recordEvaluation(uint256 id, uint64 roundId, bytes32 benchmarkId, uint8 score, bytes32 digest)
        external
        restricted
    {
        _requireRegistered(id);
        if (score == 0 || score > 100) revert ScoreOutOfRange(score);
        RegistryStorage storage $ = _storage();
        // The latest record leaves its digest to the per-benchmark one, which `modelOf` reads: one slot less.
        Evaluation storage latest = $.evaluations[id];
        (latest.score, latest.roundId, latest.evaluatedAt, latest.benchmarkId) =
        (score, roundId, uint40(block.timestamp), benchmarkId);
        // Kept per benchmark too, so a round on one benchmark never erases the record of another. Field by field:
        // its benchmark id is the key, never written.
        Evaluation storage perBenchmark = $.benchmarkEvaluations[id][benchmarkId];
        (perBenchmark.score, perBenchmark.roundId, perBenchmark.evaluatedAt, perBenchmark.digest) =
        (score, roundId, uint40(block.timestamp), digest);
        emit EvaluationRecorded(id, roundId, benchmarkId, score, digest);
    }

    /// @inheritdoc IModelRegistry
    function evaluationOf(uint256 id, bytes32 benchmarkId) external view returns (Evaluation memory evaluation) {
        evaluation = _storage().benchmarkEvaluations[id][benchmarkId];
        if (evaluation.roundId != 0) evaluation.benchmarkId = benchmarkId;
    }

    /// @inheritdoc IModelRegistry
    function setRoyaltyRate(uint16 bps) external restricted {
        _setRoyaltyRate(bps);
    }

    /// @inheritdoc IModelRegistry
    function setMaxCommitAge(uint32 maxCommitAge_) external restricted {
        _setMaxCommitAge(maxCommitAge_);
    }

    /// @inheritdoc IModelRegistry
    function setRoyaltySplitter(address splitter) external restricted {
        _storage().royaltySplitter = splitter;
        emit RoyaltySplitterSet(splitter);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice "DAIMM Models".
    function name() public pure override returns (string memory) {
        return "DAIMM Models";
    }

    /// @notice "DAIMM-MODEL".
    function symbol() public pure override returns (string memory) {
        return "DAIMM-MODEL";
    }

    /// @notice `ipfs://` followed by the model card's CID (base32 CIDv1).
    function tokenURI(uint256 id) public view override returns (string memory) {
        _requireRegistered(id);
        uint256 extra = _getExtraData(id);
        return string.concat(
            "ipfs://", CidV1.toString(uint16(extra >> _METADATA_CODEC_SHIFT), _storage().records[id].metadataDigest)
        );
    }

    /// @inheritdoc IModelRegistry
    function exists(uint256 id) external view returns (bool) {
        return _exists(id);
    }

    /// @inheritdoc IModelRegistry
    function modelOf(uint256 id) external view returns (Model memory model) {
        address owner = _ownerOf(id);
        if (owner == address(0)) revert UnknownModel(id);
        uint256 extra = _getExtraData(id);
        Record storage record = _storage().records[id];
        model = Model({
            owner: owner,
            artifactCid: CidV1.encode(uint16(extra >> _ARTIFACT_CODEC_SHIFT), record.artifactDigest),
            metadataCid: CidV1.encode(uint16(extra >> _METADATA_CODEC_SHIFT), record.metadataDigest),
            kind: AssetKind(uint8((extra >> _KIND_SHIFT) & _KIND_MASK)),
            parent: record.parent,
            relation: Relation(uint8((extra >> _RELATION_SHIFT) & _RELATION_MASK)),
            status: _status(extra),
            registeredAt: uint40(extra),
            committed: extra & _COMMITTED_BIT != 0,
            evaluation: _storage().evaluations[id]
        });
        // The latest record's digest lives in its benchmark's record.
        if (model.evaluation.roundId != 0) {
            model.evaluation.digest = _storage().benchmarkEvaluations[id][model.evaluation.benchmarkId].digest;
        }
    }

    /// @inheritdoc IModelRegistry
    function ownerAndStatusOf(uint256 id) external view returns (address owner, Status status) {
        owner = _ownerOf(id);
        if (owner == address(0)) revert UnknownModel(id);
        status = _status(_getExtraData(id));
    }

    /// @inheritdoc IModelRegistry
    function lineageOf(uint256 id, uint256 maxDepth) external view returns (uint256[] memory ancestors) {
        _requireRegistered(id);
        if (maxDepth > MAX_LINEAGE_DEPTH) maxDepth = MAX_LINEAGE_DEPTH;
        ancestors = new uint256[](maxDepth);
        uint256 depth;
        for (uint256 parent = _storage().records[id].parent; parent != 0 && depth < maxDepth; ++depth) {
            ancestors[depth] = parent;
            parent = _storage().records[parent].parent;
        }
        assembly {
            mstore(ancestors, depth)
        }
    }

    /// @inheritdoc IModelRegistry
    function parentOf(uint256 id) external view returns (uint256) {
        _requireRegistered(id);
        return _storage().records[id].parent;
    }

    /// @inheritdoc IModelRegistry
    function royaltySplitter() external view returns (address) {
        return _storage().royaltySplitter;
    }

    /// @inheritdoc IModelRegistry
    function commitmentOf(address publisher, bytes32 fingerprint, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(publisher, fingerprint, salt));
    }

    /// @inheritdoc IModelRegistry
    function commitmentTime(bytes32 commitment) external view returns (uint48 blockNumber, uint48 timestamp) {
        uint256 time = _storage().commitments[commitment];
        return (uint48(time >> 48), uint48(time));
    }

    /// @inheritdoc IModelRegistry
    function royaltyRate() external view returns (uint16) {
        return _storage().royaltyBps;
    }

    /// @inheritdoc IModelRegistry
    function maxCommitAge() external view returns (uint32) {
        return _storage().maxCommitAge;
    }

    /// @notice ERC-2981: `royaltyRate()` of the sale price, rounded down (in the buyer's favour), payable to the
    /// model's royalty inbox, which the RoyaltySplitter credits to the model's split.
    /// @dev ERC-2981 names a receiver but not the model a payment is for, so the receiver is a per-model inbox at a
    /// deterministic address (`IRoyaltySplitter.royaltyInboxOf`), not the splitter itself. Before a splitter is
    /// set, the owner receives royalties directly.
    function royaltyInfo(uint256 id, uint256 salePrice) external view returns (address receiver, uint256 amount) {
        RegistryStorage storage $ = _storage();
        address owner = _ownerOf(id);
        if (owner == address(0)) revert UnknownModel(id);
        address splitter = $.royaltySplitter;
        receiver = splitter == address(0) ? owner : IRoyaltySplitter(splitter).royaltyInboxOf(id);
        amount = salePrice * $.royaltyBps / 10_000;
    }

    /// @notice ERC-165: ERC-721 (with metadata), ERC-2981 and ERC-4906.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return interfaceId == type(IERC2981).interfaceId || interfaceId == bytes4(0x49064906)
            || super.supportsInterface(interfaceId);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Validates and writes a new record, then mints. The caller checked that `id` is free.
    function _register(Registration calldata registration, address publisher, bool committed) private {
        uint256 id = uint256(registration.fingerprint);
        // Cannot overflow the field: timestamps fit in 40 bits until the year 36812.
        uint256 extra = _validate(registration, id) | block.timestamp | ((block.number & 0xffff) << _BLOCK_SHIFT);
        if (committed) extra |= _COMMITTED_BIT;
        _mintAndSetExtraDataUnchecked(publisher, id, uint96(extra));
        _emitRegistered(registration, publisher, committed);
    }

    /// @dev Hands `registration.fingerprint`, registered by `previousOwner` after the caller's commitment, to the
    /// caller with the caller's record. `registeredAt` and the block bits keep the first registration's.
    function _supersede(Registration calldata registration, address previousOwner, uint256 previousExtra) private {
        uint256 id = uint256(registration.fingerprint);
        uint40 registeredAt = uint40(previousExtra);
        RegistryStorage storage $ = _storage();
        if ($.signedNotBefore[id] != 0) delete $.signedNotBefore[id];
        // Every parent link points to an id that existed first, so lineage stays acyclic: a replacement parent
        // must be strictly older than the id it is attached to.
        if (registration.parent != 0 && uint40(_getExtraData(registration.parent)) >= registeredAt) {
            revert ParentNotOlder(registration.parent, id);
        }
        uint256 extra = _validate(registration, id) | registeredAt | (previousExtra & _BLOCK_BITS) | _COMMITTED_BIT;
        if (_status(previousExtra) == Status.Flagged) {
            extra |= uint256(uint8(Status.Flagged)) << _STATUS_SHIFT;
        }
        emit RegistrationSuperseded(id, previousOwner, msg.sender);
        _transfer(previousOwner, msg.sender, id);
        _setExtraData(id, uint96(extra));
        _emitRegistered(registration, msg.sender, true);
    }

    /// @dev Checks the registration, writes its record slots, and returns the packed extra data (time excluded).
    function _validate(Registration calldata registration, uint256 id) private returns (uint256 extra) {
        if (id == 0) revert ZeroFingerprint();
        (uint16 artifactCodec, bytes32 artifactDigest) = CidV1.parse(registration.artifactCid);
        (uint16 metadataCodec, bytes32 metadataDigest) = CidV1.parse(registration.metadataCid);
        uint256 parent = registration.parent;
        Relation relation = registration.relation;
        if ((parent == 0) != (relation == Relation.None)) revert InvalidLineage(parent, relation);
        if (parent != 0 && !_exists(parent)) revert UnknownModel(parent);

        Record storage record = _storage().records[id];
        record.artifactDigest = artifactDigest;
        record.metadataDigest = metadataDigest;
        if (record.parent != parent) record.parent = parent;

        return (uint256(artifactCodec) << _ARTIFACT_CODEC_SHIFT) | (uint256(metadataCodec) << _METADATA_CODEC_SHIFT)
            | (uint256(uint8(registration.kind)) << _KIND_SHIFT) | (uint256(uint8(relation)) << _RELATION_SHIFT);
    }

    function _emitRegistered(Registration calldata registration, address publisher, bool committed) private {
        emit ModelRegistered(
            uint256(registration.fingerprint),
            publisher,
            registration.parent,
            registration.kind,
            registration.relation,
            committed,
            registration.artifactCid,
            registration.metadataCid
        );
    }

    /// @dev Consumes a commitment that is at least one block old and not expired; returns its packed time
    /// (`block << 48 | timestamp`).
    function _useCommitment(bytes32 commitment) private returns (uint256 time) {
        RegistryStorage storage $ = _storage();
        time = $.commitments[commitment];
        if (time == 0) revert UnknownCommitment(commitment);
        uint256 committedBlock = time >> _COMMIT_BLOCK_SHIFT;
        if (committedBlock >= block.number) revert CommitmentTooNew(commitment, committedBlock);
        uint256 expiresAt = uint48(time) + uint256($.maxCommitAge);
        if (block.timestamp > expiresAt) revert CommitmentExpired(commitment, expiresAt);
        delete $.commitments[commitment];
    }

    /// @dev Whether the commitment made at `committed` (`block << 48 | timestamp`) was mined in a strictly earlier
    /// block than the registration whose extra data is `extra`. Block timestamps never decrease from one block to the
    /// next, so different seconds order the two blocks; within one second, the blocks are fewer than 2^15 apart
    /// (no chain mines 32,768 blocks a second), and the low 16 bits of each block number order them exactly.
    function _minedBefore(uint256 committed, uint256 extra) private pure returns (bool) {
        uint256 committedAt = uint48(committed);
        uint256 registeredAt = uint40(extra);
        if (committedAt != registeredAt) return committedAt < registeredAt;
        uint256 distance;
        // Wraps on purpose: the difference of the two blocks modulo 2^16.
        unchecked {
            distance = ((extra >> _BLOCK_SHIFT) - (committed >> _COMMIT_BLOCK_SHIFT)) & 0xffff;
        }
        return distance != 0 && distance < 0x8000;
    }

    /// @dev Whether a commitment mined in `committedBlock` predates the signature of the registration of `id` (always
    /// true for a registration made without one): a signed registration stays with its signer against every
    /// commitment mined at or after the `notBefore` block the signer bound into the signature.
    function _predatesSignature(uint256 id, uint256 committedBlock) private view returns (bool) {
        uint256 notBeforePlusOne = _storage().signedNotBefore[id];
        return notBeforePlusOne == 0 || committedBlock < notBeforePlusOne - 1;
    }

    function _registerStructHash(
        Registration calldata registration,
        address publisher,
        uint256 notBefore,
        uint256 nonce,
        uint256 deadline
    ) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                REGISTER_TYPEHASH,
                publisher,
                registration.fingerprint,
                keccak256(registration.artifactCid),
                keccak256(registration.metadataCid),
                registration.kind,
                registration.parent,
                registration.relation,
                notBefore,
                nonce,
                deadline
            )
        );
    }

    function _setStatus(uint256 id, Status status) private {
        uint256 extra = _getExtraData(id);
        extra = (extra & ~(_STATUS_MASK << _STATUS_SHIFT)) | (uint256(uint8(status)) << _STATUS_SHIFT);
        _setExtraData(id, uint96(extra));
        emit StatusChanged(id, status, msg.sender);
    }

    function _status(uint256 extra) private pure returns (Status) {
        return Status(uint8((extra >> _STATUS_SHIFT) & _STATUS_MASK));
    }

    function _setRoyaltyRate(uint16 bps) private {
        if (bps > MAX_ROYALTY_BPS) revert RoyaltyRateTooHigh(bps, MAX_ROYALTY_BPS);
        _storage().royaltyBps = bps;
        emit RoyaltyRateSet(bps);
    }

    function _setMaxCommitAge(uint32 maxCommitAge_) private {
        if (maxCommitAge_ < _MIN_COMMIT_AGE_LIMIT || maxCommitAge_ > _MAX_COMMIT_AGE_LIMIT) {
            revert InvalidMaxCommitAge(maxCommitAge_);
        }
        _storage().maxCommitAge = maxCommitAge_;
        emit MaxCommitAgeSet(maxCommitAge_);
    }

    function _requireRegistered(uint256 id) private view {
        if (!_exists(id)) revert UnknownModel(id);
    }

    function _requireUnregistered(uint256 id) private view {
        address owner = _ownerOf(id);
        if (owner != address(0)) revert AlreadyRegistered(id, owner);
    }

    function _requireOwnerOrApproved(uint256 id) private view {
        _requireRegistered(id);
        if (!_isApprovedOrOwner(msg.sender, id)) revert NotOwnerOrApproved(id, msg.sender);
    }
}
// forge-lint: disable-end(unsafe-typecast)
