// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IModelRegistry
/// @notice Content-addressed provenance for AI models and datasets. Every registered artifact is an ERC-721 token
/// whose id is the SHA-256 fingerprint of the artifact's bytes, so anyone holding the file can compute its id and
/// look it up. The record holds the artifact's and the model card's IPFS CIDs, the asset kind, typed lineage, a
/// status, and the latest evaluation written by scoring.
/// @dev Three ways to register. Order is decided by blocks, never by timestamps alone:
/// - `commit` then `registerCommitted`: safe against front-running. The commitment binds the publisher, the
///   fingerprint and a salt; it must be at least one block old and at most `maxCommitAge` seconds.
///   A model registered by `register` in a strictly later block than an older commitment for the same
///   fingerprint, or by `registerWithSig` with a `notBefore` block strictly later than that commitment's, is handed
///   to the committer (`RegistrationSuperseded`): copying a pending registration does not let a front-runner keep
///   it. A commitment mined in the same block as a registration, or later, never takes it. Reveal a commitment once
///   it is more than `MAX_SIGNATURE_LAG` blocks old, so that no signed copy can claim to predate it.
/// - `registerWithSig`: an EIP-712 signature of the publisher (EOA or ERC-1271 contract), sent by a relayer within
///   `MAX_SIGNATURE_LAG` blocks of the `notBefore` block it binds. A commitment mined at or after `notBefore`
///   (which may have copied the pending signature) never takes it.
/// - `register`: one transaction, FRONT-RUNNABLE: whoever sees it pending can register the same fingerprint first.
///   Use it only for artifacts that are already public, or accept that an earlier committer may later claim the id.
/// CIDs are passed and emitted in binary form (CIDv1, sha2-256) and stored as (16-bit codec, digest).
interface IModelRegistry {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    enum AssetKind {
        Model,
        Dataset
    }

    /// @dev How a child derives from its parent. `None` exactly when there is no parent.
    enum Relation {
        None,
        FineTune,
        Quantized,
        Adapter,
        Merge,
        Distilled
    }

    enum Status {
        Active,
        Deprecated,
        Flagged
    }

    /// @dev What a publisher submits. `fingerprint` becomes the token id.
    /// @param fingerprint SHA-256 of the artifact's bytes.
    /// @param artifactCid Binary CIDv1 (sha2-256) of the artifact on IPFS.
    /// @param metadataCid Binary CIDv1 (sha2-256) of the model card.
    /// @param kind Model or dataset.
    /// @param parent Id of the registered artifact this one derives from, or 0.
    /// @param relation How it derives from `parent`; `None` when `parent` is 0.
    struct Registration {
        bytes32 fingerprint;
        bytes artifactCid;
        bytes metadataCid;
        AssetKind kind;
        uint256 parent;
        Relation relation;
    }

    /// @dev The latest evaluation of a model, written by the scoring module. All zero until the first one.
    /// `digest` is the evaluation digest the committee agreed on (the outputs digest carried by more than half of the
    /// in-band revealed stake weight), zero when no digest had that majority: a buyer compares its own evaluation's
    /// digest with it.
    struct Evaluation {
        uint8 score;
        uint64 roundId;
        uint40 evaluatedAt;
        bytes32 benchmarkId;
        bytes32 digest;
    }

    /// @dev Everything a wallet needs to show a model without an indexer.
    struct Model {
        address owner;
        bytes artifactCid;
        bytes metadataCid;
        AssetKind kind;
        uint256 parent;
        Relation relation;
        Status status;
        uint40 registeredAt;
        bool committed;
        Evaluation evaluation;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice These bytes are registered already, as `id`, owned by `owner`.
    error AlreadyRegistered(uint256 id, address owner);
    /// @notice No artifact is registered under `id`.
    error UnknownModel(uint256 id);
    /// @notice The fingerprint is zero, which is reserved for "no parent".
    error ZeroFingerprint();
    /// @notice `relation` must be `None` exactly when `parent` is 0.
    error InvalidLineage(uint256 parent, Relation relation);
    /// @notice A superseding registration may only name a parent registered before the id it takes over.
    error ParentNotOlder(uint256 parent, uint256 id);
    /// @notice `caller` is neither the owner of `id` nor approved for it.
    error NotOwnerOrApproved(uint256 id, address caller);
    /// @notice No commitment `commitment` is pending.
    error UnknownCommitment(bytes32 commitment);
    /// @notice The commitment is pending already; committing again would reset its age.
    error CommitmentPending(bytes32 commitment);
    /// @notice The commitment was made in block `committedBlock`; it can be used from the next block on.
    error CommitmentTooNew(bytes32 commitment, uint256 committedBlock);
    /// @notice The commitment expired at `expiredAt` (seconds).
    error CommitmentExpired(bytes32 commitment, uint256 expiredAt);
    /// @notice The signature's deadline `deadline` has passed.
    error SignatureExpired(uint256 deadline);
    /// @notice The signature is not `publisher`'s for this registration and nonce.
    error InvalidSignature(address publisher);
    /// @notice The signature binds `notBefore`, a block that is not mined yet.
    error SignatureNotYetValid(uint256 notBefore);
    /// @notice The signature binds `notBefore` and could land until block `lastBlock` (`MAX_SIGNATURE_LAG` later).
    error SignatureTooOld(uint256 notBefore, uint256 lastBlock);
    /// @notice `status` cannot be set on `id` this way (owners only deprecate; flags are the arbiter's).
    error InvalidStatusChange(uint256 id, Status from, Status to);
    /// @notice Scores run from 1 to 100.
    error ScoreOutOfRange(uint8 score);
    /// @notice The royalty rate `bps` exceeds the maximum `max` basis points.
    error RoyaltyRateTooHigh(uint256 bps, uint256 max);
    /// @notice The maximum commitment age must be at least one minute and at most 30 days.
    error InvalidMaxCommitAge(uint256 maxCommitAge);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A publisher committed to registering a fingerprint without revealing it.
    /// @param commitment `commitmentOf(publisher, fingerprint, salt)`.
    /// @param committer The account that sent the commitment (not necessarily the publisher).
    event RegistrationCommitted(bytes32 indexed commitment, address indexed committer);

    /// @notice An artifact was registered (the ERC-721 `Transfer` from zero is emitted too).
    /// @param id The token id, the artifact's SHA-256 fingerprint.
    /// @param publisher The first owner.
    /// @param parent The id it derives from, or 0.
    /// @param kind Model or dataset.
    /// @param relation How it derives from `parent`.
    /// @param committed True when registered through a commitment, which makes it final.
    /// @param artifactCid Binary CIDv1 of the artifact.
    /// @param metadataCid Binary CIDv1 of the model card.
    event ModelRegistered(
        uint256 indexed id,
        address indexed publisher,
        uint256 indexed parent,
        AssetKind kind,
        Relation relation,
        bool committed,
        bytes artifactCid,
        bytes metadataCid
    );

    /// @notice A committer took over a registration made after its commitment. A `ModelRegistered` event with the
    /// committer's record and an ERC-721 `Transfer` follow.
    /// @param id The token id.
    /// @param previousOwner Who held it before.
    /// @param publisher The committer, now the owner.
    event RegistrationSuperseded(uint256 indexed id, address indexed previousOwner, address indexed publisher);

    /// @notice The model card changed; the previous CIDs stay in earlier events.
    /// @param id The token id.
    /// @param metadataCid Binary CIDv1 of the new model card.
    event MetadataUpdated(uint256 indexed id, bytes metadataCid);

    /// @notice ERC-4906: off-chain consumers should refresh `tokenURI(id)`.
    /// @param _tokenId The token id.
    event MetadataUpdate(uint256 _tokenId);

    /// @notice The status of `id` changed.
    /// @param id The token id.
    /// @param status The new status.
    /// @param by Who changed it: the owner (deprecate) or the arbiter (flag, unflag).
    event StatusChanged(uint256 indexed id, Status status, address indexed by);

    /// @notice Scoring recorded a finalized evaluation of `id`.
    /// @param id The token id.
    /// @param roundId The scoring round.
    /// @param benchmarkId The benchmark (dataset CID digest and metric) it was scored on.
    /// @param score The consensus score, 1 to 100.
    /// @param digest The evaluation digest the committee agreed on; zero when no digest had a majority.
    event EvaluationRecorded(
        uint256 indexed id, uint64 indexed roundId, bytes32 indexed benchmarkId, uint8 score, bytes32 digest
    );

    /// @notice Governance set the ERC-2981 royalty rate.
    /// @param bps Basis points of a sale price.
    event RoyaltyRateSet(uint16 bps);

    /// @notice Governance pointed royalties at `splitter`: `royaltyInfo` now names the model's royalty inbox there.
    /// @param splitter The RoyaltySplitter, or 0 to pay owners directly.
    event RoyaltySplitterSet(address indexed splitter);

    /// @notice Governance set how long a commitment stays usable.
    /// @param maxCommitAge Seconds.
    event MaxCommitAgeSet(uint32 maxCommitAge);

    /*//////////////////////////////////////////////////////////////
                              REGISTRATION
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers an artifact in one transaction, minting its token to the caller.
    /// @dev Front-runnable; see the contract notes. Reverts `AlreadyRegistered` when the fingerprint is taken.
    /// @return id `uint256(registration.fingerprint)`.
    function register(Registration calldata registration) external returns (uint256 id);

    /// @notice Records a commitment to register later. Use `commitmentOf` to compute it off-chain.
    function commit(bytes32 commitment) external;

    /// @notice Registers an artifact for the caller, who committed to it at least one block ago.
    /// @param salt The secret the commitment was made with.
    function registerCommitted(Registration calldata registration, bytes32 salt) external returns (uint256 id);

    /// @notice Registers an artifact for `publisher`, who signed it (EIP-712 `Register`), on behalf of a relayer.
    /// @param notBefore A block mined when the publisher signed (the latest it knew). The registration must land
    /// within `MAX_SIGNATURE_LAG` blocks after it, and no commitment mined at or after it can supersede it.
    /// @param deadline Timestamp after which the signature is void.
    /// @param signature ECDSA signature, or anything `publisher`'s ERC-1271 `isValidSignature` accepts.
    function registerWithSig(
        Registration calldata registration,
        address publisher,
        uint256 notBefore,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 id);

    /*//////////////////////////////////////////////////////////////
                             OWNER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Points the model at a new model card. Owner or approved only.
    function updateMetadata(uint256 id, bytes calldata metadataCid) external;

    /// @notice Marks the model deprecated. Owner or approved only; cannot be undone.
    function deprecate(uint256 id) external;

    /*//////////////////////////////////////////////////////////////
                               RESTRICTED
    //////////////////////////////////////////////////////////////*/

    /// @notice Flags (`flagged = true`) or clears a flag on a model. Arbiter role.
    function setFlagged(uint256 id, bool flagged) external;

    /// @notice Writes a finalized evaluation and the committee's agreed evaluation digest (zero: none). Scoring role.
    function recordEvaluation(uint256 id, uint64 roundId, bytes32 benchmarkId, uint8 score, bytes32 digest) external;

    /// @notice The latest evaluation of `id` on `benchmarkId` (all zero when none). Scoring records only benchmarks
    /// that governance approved, so `modelOf(id).evaluation` is the latest of these.
    function evaluationOf(uint256 id, bytes32 benchmarkId) external view returns (Evaluation memory);

    /// @notice Sets the ERC-2981 rate of model sales. Admin role.
    function setRoyaltyRate(uint16 bps) external;

    /// @notice Sets how long a commitment stays usable. Admin role.
    function setMaxCommitAge(uint32 maxCommitAge) external;

    /// @notice Points ERC-2981 royalties at `splitter`'s per-model inboxes (0: pay owners directly). Admin role.
    function setRoyaltySplitter(address splitter) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Whether `id` is registered.
    function exists(uint256 id) external view returns (bool);

    /// @notice The full record of `id`. Reverts `UnknownModel` when unregistered.
    function modelOf(uint256 id) external view returns (Model memory);

    /// @notice The ancestors of `id`, nearest first, at most `maxDepth` of them (and at most `MAX_LINEAGE_DEPTH`).
    function lineageOf(uint256 id, uint256 maxDepth) external view returns (uint256[] memory ancestors);

    /// @notice The owner and status of `id`. Reverts `UnknownModel` when unregistered.
    /// @dev Both live in one storage slot, so the Marketplace checks the seller and the flag of every sale for the
    /// price of `ownerOf`.
    function ownerAndStatusOf(uint256 id) external view returns (address owner, Status status);

    /// @notice The parent of `id`, or 0 for a root. Reverts `UnknownModel` when unregistered.
    /// @dev Cheaper than `modelOf` for contracts that only follow lineage (the RoyaltySplitter's upstream shares).
    function parentOf(uint256 id) external view returns (uint256);

    /// @notice The RoyaltySplitter that ERC-2981 royalties point at, or 0.
    function royaltySplitter() external view returns (address);

    /// @notice The commitment for (`publisher`, `fingerprint`, `salt`): `keccak256(abi.encode(...))`.
    function commitmentOf(address publisher, bytes32 fingerprint, bytes32 salt) external pure returns (bytes32);

    /// @notice When a pending commitment was made: block number and timestamp; zero when none.
    function commitmentTime(bytes32 commitment) external view returns (uint48 blockNumber, uint48 timestamp);

    /// @notice The ERC-2981 rate in basis points.
    function royaltyRate() external view returns (uint16);

    /// @notice Seconds a commitment stays usable.
    function maxCommitAge() external view returns (uint32);

    /// @notice Upper bound on `lineageOf`'s depth, so the view always fits in a call's gas.
    function MAX_LINEAGE_DEPTH() external view returns (uint256);

    /// @notice The EIP-712 typehash of `Register(address publisher,bytes32 fingerprint,bytes artifactCid,
    /// bytes metadataCid,uint8 kind,uint256 parent,uint8 relation,uint256 notBefore,uint256 nonce,uint256 deadline)`.
    function REGISTER_TYPEHASH() external view returns (bytes32);

    /// @notice Blocks a signed registration may land after its `notBefore` block: 16. Also how old a commitment
    /// must be before its reveal is safe from signed copies as well as plain ones.
    function MAX_SIGNATURE_LAG() external view returns (uint256);
}
