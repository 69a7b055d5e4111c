// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {IModelRegistry} from "../../../src/interfaces/IModelRegistry.sol";
import {CidV1} from "../../../src/libraries/CidV1.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Publishers register (plainly, by commitment, or by signature through a relayer), transfer, approve and
/// edit models. A front-runner copies every pending committed registration with a plain `register` or with a
/// registration it signs itself, back-dated as far as the registry lets it; and it commits to the fingerprints of
/// registrations it sees pending or just mined (H-2), hoping to take them over. Artifacts come from a small pool, so
/// duplicates are tried often.
contract RegistryHandler is CommonBase, StdUtils {
    ModelRegistry public immutable registry;
    address public immutable frontRunner;
    uint256 public immutable frontRunnerKey;
    address[] public actors;
    /// @dev Signing keys of the actors that sign registrations (0 for those that do not).
    mapping(address actor => uint256 key) public keys;

    uint256[] public ids;
    mapping(uint256 id => bool) public ghost_registered;
    /// @dev Registrations that succeeded for a fingerprint already registered (other than a rightful supersede).
    uint256 public ghost_duplicates;
    /// @dev Changes to a model by an account that was neither its owner nor approved when it called.
    uint256 public ghost_unauthorizedChanges;
    /// @dev Times the front-runner still owned a model after the committer's registration went through.
    uint256 public ghost_frontRunnerWins;
    uint256 public ghost_supersedes;
    /// @dev Registrations the front-runner took over with a commitment made in the same block or after the publisher
    /// signed (H-2): must stay 0.
    uint256 public ghost_registrationsStolen;
    /// @dev Attempts of the kinds above, so a campaign shows it tried.
    uint256 public ghost_theftAttempts;

    address private _actor;

    modifier useActor(uint256 seed) {
        _actor = actors[bound(seed, 0, actors.length - 1)];
        _;
    }

    constructor(
        ModelRegistry registry_,
        address[] memory actors_,
        uint256[] memory keys_,
        address frontRunner_,
        uint256 frontRunnerKey_
    ) {
        registry = registry_;
        actors = actors_;
        for (uint256 i; i < actors_.length; ++i) {
            keys[actors_[i]] = keys_[i];
        }
        frontRunner = frontRunner_;
        frontRunnerKey = frontRunnerKey_;
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function _registration(uint256 artifactSeed, uint256 parentSeed)
        private
        view
        returns (IModelRegistry.Registration memory r)
    {
        bytes32 fingerprint = sha256(abi.encodePacked("artifact", bound(artifactSeed, 0, 49)));
        r.fingerprint = fingerprint;
        r.artifactCid = CidV1.encode(0x55, fingerprint);
        r.metadataCid = CidV1.encode(0x70, keccak256(abi.encodePacked(artifactSeed)));
        if (ids.length > 0 && parentSeed % 3 != 0) {
            r.parent = ids[bound(parentSeed, 0, ids.length - 1)];
            r.relation = IModelRegistry.Relation(bound(parentSeed, 1, 5));
        }
    }

    function _recordNew(uint256 id) private {
        if (ghost_registered[id]) {
            ghost_duplicates++;
        } else {
            ghost_registered[id] = true;
            ids.push(id);
        }
    }

    function register(uint256 actorSeed, uint256 artifactSeed, uint256 parentSeed) external useActor(actorSeed) {
        IModelRegistry.Registration memory r = _registration(artifactSeed, parentSeed);
        vm.prank(_actor);
        try registry.register(r) returns (uint256 id) {
            _recordNew(id);
        } catch {}
    }

    /// @dev Commit, wait, then reveal. The front-runner may copy the reveal first: `mode` 1 with a plain `register`
    /// (the reveal waits one block), 2 with a registration it signs itself with the oldest `notBefore` the registry
    /// accepts (the reveal waits, as documented, until the commitment is more than `MAX_SIGNATURE_LAG` blocks old).
    function registerCommitted(uint256 actorSeed, uint256 artifactSeed, uint256 parentSeed, uint8 mode)
        external
        useActor(actorSeed)
    {
        if (_actor == frontRunner) return;
        mode = uint8(bound(mode, 0, 2));
        IModelRegistry.Registration memory r = _registration(artifactSeed, parentSeed);
        bytes32 salt = keccak256(abi.encode(artifactSeed, block.number));
        bytes32 commitment = registry.commitmentOf(_actor, r.fingerprint, salt);
        vm.prank(_actor);
        try registry.commit(commitment) {}
        catch {
            return;
        }
        uint256 wait = mode == 2 ? registry.MAX_SIGNATURE_LAG() + 1 : 1;
        vm.roll(block.number + wait);
        vm.warp(block.timestamp + 12 * wait);

        uint256 id = uint256(r.fingerprint);
        bool wasFree = !registry.exists(id);
        if (mode == 1 && wasFree) {
            vm.prank(frontRunner);
            try registry.register(r) {
                _recordNew(id);
            } catch {}
        } else if (mode == 2 && wasFree) {
            uint256 notBefore = block.number - registry.MAX_SIGNATURE_LAG();
            bytes memory signature = _sign(frontRunnerKey, r, frontRunner, notBefore);
            try registry.registerWithSig(r, frontRunner, notBefore, block.timestamp, signature) {
                _recordNew(id);
            } catch {}
        }
        bool frontRunnerHeldIt = registry.exists(id) && registry.ownerOf(id) == frontRunner;
        vm.prank(_actor);
        try registry.registerCommitted(r, salt) {
            if (wasFree && !frontRunnerHeldIt) _recordNew(id);
            else ghost_supersedes++;
        } catch {}
        // The copy of a pending committed registration must never stick.
        if (wasFree && registry.ownerOf(id) == frontRunner) ghost_frontRunnerWins++;
    }

    /// @dev A signer's registration goes through a relayer. The front-runner, watching, commits to the fingerprint
    /// in the same block as the registration (`pendingFor` 0) or while it is pending (`pendingFor` blocks before it
    /// lands), then reveals a block after it landed.
    function registerWithSig(uint256 actorSeed, uint256 artifactSeed, uint256 parentSeed, uint256 pendingFor)
        external
        useActor(actorSeed)
    {
        uint256 key = keys[_actor];
        if (key == 0 || _actor == frontRunner) return;
        pendingFor = bound(pendingFor, 0, registry.MAX_SIGNATURE_LAG() - 1);
        IModelRegistry.Registration memory r = _registration(artifactSeed, parentSeed);
        uint256 id = uint256(r.fingerprint);
        uint256 notBefore = block.number;
        bytes memory signature = _sign(key, r, _actor, notBefore);
        bytes32 salt = keccak256(abi.encode("steal", artifactSeed, block.number));
        if (pendingFor != 0) {
            vm.roll(block.number + 1);
            vm.warp(block.timestamp + 12);
            _commitAsFrontRunner(r.fingerprint, salt);
            vm.roll(block.number + pendingFor);
            vm.warp(block.timestamp + 12 * pendingFor);
        }
        bool wasFree = !registry.exists(id);
        try registry.registerWithSig(r, _actor, notBefore, block.timestamp, signature) {
            _recordNew(id);
        } catch {
            return;
        }
        if (pendingFor == 0) _commitAsFrontRunner(r.fingerprint, salt);
        _tryToTakeOver(r, salt, wasFree);
    }

    /// @dev A plain registration; the front-runner commits to its fingerprint later in the same block.
    function registerThenSameBlockCommit(uint256 actorSeed, uint256 artifactSeed, uint256 parentSeed)
        external
        useActor(actorSeed)
    {
        if (_actor == frontRunner) return;
        IModelRegistry.Registration memory r = _registration(artifactSeed, parentSeed);
        uint256 id = uint256(r.fingerprint);
        bool wasFree = !registry.exists(id);
        vm.prank(_actor);
        try registry.register(r) {
            _recordNew(id);
        } catch {
            return;
        }
        bytes32 salt = keccak256(abi.encode("steal", artifactSeed, block.number));
        _commitAsFrontRunner(r.fingerprint, salt);
        _tryToTakeOver(r, salt, wasFree);
    }

    function _commitAsFrontRunner(bytes32 fingerprint, bytes32 salt) private {
        vm.prank(frontRunner);
        try registry.commit(registry.commitmentOf(frontRunner, fingerprint, salt)) {} catch {}
    }

    /// @dev One block later, the front-runner reveals its commitment; taking the model counts as a theft.
    function _tryToTakeOver(IModelRegistry.Registration memory r, bytes32 salt, bool wasFree) private {
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        ghost_theftAttempts++;
        address owner = registry.ownerOf(uint256(r.fingerprint));
        vm.prank(frontRunner);
        try registry.registerCommitted(r, salt) {
            if (wasFree && owner != frontRunner) ghost_registrationsStolen++;
            ghost_supersedes++;
        } catch {}
    }

    function _sign(uint256 key, IModelRegistry.Registration memory r, address publisher, uint256 notBefore)
        private
        view
        returns (bytes memory)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                registry.REGISTER_TYPEHASH(),
                publisher,
                r.fingerprint,
                keccak256(r.artifactCid),
                keccak256(r.metadataCid),
                r.kind,
                r.parent,
                r.relation,
                notBefore,
                registry.nonces(publisher),
                block.timestamp
            )
        );
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", _domain(), structHash)));
        return abi.encodePacked(rr, s, v);
    }

    function _domain() private view returns (bytes32) {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            registry.eip712Domain();
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
    }

    function transfer(uint256 actorSeed, uint256 idSeed, uint256 toSeed) external useActor(actorSeed) {
        if (ids.length == 0) return;
        uint256 id = ids[bound(idSeed, 0, ids.length - 1)];
        address owner = registry.ownerOf(id);
        address to = actors[bound(toSeed, 0, actors.length - 1)];
        bool allowed = _mayChange(_actor, id, owner);
        vm.prank(_actor);
        try registry.transferFrom(owner, to, id) {
            if (!allowed) ghost_unauthorizedChanges++;
        } catch {}
    }

    function approve(uint256 actorSeed, uint256 idSeed, uint256 spenderSeed) external useActor(actorSeed) {
        if (ids.length == 0) return;
        uint256 id = ids[bound(idSeed, 0, ids.length - 1)];
        address spender = actors[bound(spenderSeed, 0, actors.length - 1)];
        vm.prank(_actor);
        try registry.approve(spender, id) {} catch {}
    }

    function updateMetadata(uint256 actorSeed, uint256 idSeed, bytes32 digest) external useActor(actorSeed) {
        if (ids.length == 0) return;
        uint256 id = ids[bound(idSeed, 0, ids.length - 1)];
        bool allowed = _mayChange(_actor, id, registry.ownerOf(id));
        bytes memory cid = CidV1.encode(0x70, digest);
        vm.prank(_actor);
        try registry.updateMetadata(id, cid) {
            if (!allowed) ghost_unauthorizedChanges++;
        } catch {}
    }

    function deprecate(uint256 actorSeed, uint256 idSeed) external useActor(actorSeed) {
        if (ids.length == 0) return;
        uint256 id = ids[bound(idSeed, 0, ids.length - 1)];
        bool allowed = _mayChange(_actor, id, registry.ownerOf(id));
        vm.prank(_actor);
        try registry.deprecate(id) {
            if (!allowed) ghost_unauthorizedChanges++;
        } catch {}
    }

    function _mayChange(address account, uint256 id, address owner) private view returns (bool) {
        return account == owner || registry.getApproved(id) == account || registry.isApprovedForAll(owner, account);
    }
}
