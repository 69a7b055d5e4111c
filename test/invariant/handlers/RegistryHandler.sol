// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {IModelRegistry} from "../../../src/interfaces/IModelRegistry.sol";
import {CidV1} from "../../../src/libraries/CidV1.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Publishers register, transfer, approve and edit models; a front-runner copies every pending committed
/// registration with a plain `register`. Artifacts come from a small pool, so duplicates are tried often.
contract RegistryHandler is CommonBase, StdUtils {
    ModelRegistry public immutable registry;
    address public immutable frontRunner;
    address[] public actors;

    uint256[] public ids;
    mapping(uint256 id => bool) public ghost_registered;
    /// @dev Registrations that succeeded for a fingerprint already registered (other than a rightful supersede).
    uint256 public ghost_duplicates;
    /// @dev Changes to a model by an account that was neither its owner nor approved when it called.
    uint256 public ghost_unauthorizedChanges;
    /// @dev Times the front-runner still owned a model after the committer's registration went through.
    uint256 public ghost_frontRunnerWins;
    uint256 public ghost_supersedes;

    address private _actor;

    modifier useActor(uint256 seed) {
        _actor = actors[bound(seed, 0, actors.length - 1)];
        _;
    }

    constructor(ModelRegistry registry_, address[] memory actors_, address frontRunner_) {
        registry = registry_;
        actors = actors_;
        frontRunner = frontRunner_;
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

    /// @dev Commit, wait a block, then reveal; the front-runner may copy the reveal with a plain `register` first.
    function registerCommitted(uint256 actorSeed, uint256 artifactSeed, uint256 parentSeed, bool frontRun)
        external
        useActor(actorSeed)
    {
        if (_actor == frontRunner) return;
        IModelRegistry.Registration memory r = _registration(artifactSeed, parentSeed);
        bytes32 salt = keccak256(abi.encode(artifactSeed, block.number));
        bytes32 commitment = registry.commitmentOf(_actor, r.fingerprint, salt);
        vm.prank(_actor);
        try registry.commit(commitment) {}
        catch {
            return;
        }
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);

        uint256 id = uint256(r.fingerprint);
        bool wasFree = !registry.exists(id);
        if (frontRun && wasFree) {
            vm.prank(frontRunner);
            try registry.register(r) {
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
