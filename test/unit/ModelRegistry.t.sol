// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModelRegistry} from "../../src/ModelRegistry.sol";
import {Roles} from "../../src/Roles.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {CidV1} from "../../src/libraries/CidV1.sol";
import {Base} from "../Base.t.sol";
import {ContractWallet} from "../mocks/ContractWallet.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ERC721} from "solady/tokens/ERC721.sol";

contract ModelRegistryTest is Base {
    bytes internal constant BASE_MODEL = "base model weights";
    bytes internal constant FINE_TUNE = "fine-tuned weights";
    /// @dev `makeAddr("mallory")`'s key, so Mallory can sign.
    uint256 internal constant MALLORY_KEY = uint256(keccak256("mallory"));

    /*//////////////////////////////////////////////////////////////
                                REGISTER
    //////////////////////////////////////////////////////////////*/

    function test_register_mintsTokenWithRecord() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        vm.expectEmit(address(registry));
        emit IModelRegistry.ModelRegistered(
            uint256(r.fingerprint), alice, 0, r.kind, r.relation, false, r.artifactCid, r.metadataCid
        );
        vm.prank(alice);
        uint256 id = registry.register(r);

        assertEq(id, uint256(sha256(BASE_MODEL)), "id is the fingerprint");
        assertEq(registry.ownerOf(id), alice);
        assertEq(registry.balanceOf(alice), 1);
        IModelRegistry.Model memory m = registry.modelOf(id);
        assertEq(m.owner, alice);
        assertEq(m.artifactCid, r.artifactCid);
        assertEq(m.metadataCid, r.metadataCid);
        assertEq(uint8(m.kind), uint8(IModelRegistry.AssetKind.Model));
        assertEq(m.parent, 0);
        assertEq(uint8(m.status), uint8(IModelRegistry.Status.Active));
        assertEq(m.registeredAt, block.timestamp);
        assertFalse(m.committed);
        assertEq(m.evaluation.score, 0);
    }

    function test_register_withParent_recordsLineage() public {
        uint256 parent = _register(bob, BASE_MODEL);
        IModelRegistry.Registration memory r = _registration(FINE_TUNE, parent, IModelRegistry.Relation.FineTune);
        r.kind = IModelRegistry.AssetKind.Dataset;
        vm.prank(alice);
        uint256 id = registry.register(r);
        vm.snapshotGasLastCall("ModelRegistry", "register");

        IModelRegistry.Model memory m = registry.modelOf(id);
        assertEq(m.parent, parent);
        assertEq(uint8(m.relation), uint8(IModelRegistry.Relation.FineTune));
        assertEq(uint8(m.kind), uint8(IModelRegistry.AssetKind.Dataset));

        IModelRegistry.Registration memory second = _registration("second", parent, IModelRegistry.Relation.Quantized);
        vm.prank(alice);
        registry.register(second);
        vm.snapshotGasLastCall("ModelRegistry", "register_second");
        assertEq(registry.balanceOf(alice), 2);
    }

    function test_RevertWhen_registeringSameBytesTwice() public {
        uint256 id = _register(alice, BASE_MODEL);
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        r.metadataCid = CidV1.encode(RAW, keccak256("a different card"));
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, id, alice));
        vm.prank(bob);
        registry.register(r);
    }

    function test_RevertWhen_fingerprintIsZero() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        r.fingerprint = 0;
        vm.expectRevert(IModelRegistry.ZeroFingerprint.selector);
        registry.register(r);
    }

    function test_RevertWhen_parentIsUnknown() public {
        uint256 parent = uint256(sha256("never registered"));
        IModelRegistry.Registration memory registration =
            _registration(FINE_TUNE, parent, IModelRegistry.Relation.FineTune);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownModel.selector, parent));
        registry.register(registration);
    }

    function test_RevertWhen_relationDoesNotMatchParent() public {
        IModelRegistry.Registration memory orphan = _registration(FINE_TUNE, 0, IModelRegistry.Relation.Merge);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.InvalidLineage.selector, 0, IModelRegistry.Relation.Merge)
        );
        registry.register(orphan);

        uint256 parent = _register(bob, BASE_MODEL);
        IModelRegistry.Registration memory untyped = _registration(FINE_TUNE, parent, IModelRegistry.Relation.None);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.InvalidLineage.selector, parent, IModelRegistry.Relation.None)
        );
        registry.register(untyped);
    }

    function test_RevertWhen_cidIsNotV1Sha256() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        bytes32 digest = sha256(BASE_MODEL);

        r.artifactCid = abi.encodePacked(uint8(0x12), uint8(0x20), digest); // CIDv0
        vm.expectRevert(abi.encodeWithSelector(CidV1.CidUnsupportedVersion.selector, 0));
        registry.register(r);

        r.artifactCid = abi.encodePacked(uint8(2), uint8(0x55), uint8(0x12), uint8(0x20), digest);
        vm.expectRevert(abi.encodeWithSelector(CidV1.CidUnsupportedVersion.selector, 2));
        registry.register(r);

        r.artifactCid = abi.encodePacked(uint8(1), uint8(0x55), uint8(0x1e), uint8(0x20), digest); // blake3
        vm.expectRevert(abi.encodeWithSelector(CidV1.CidUnsupportedMultihash.selector, 0x1e, 0x20));
        registry.register(r);

        r.artifactCid =
            abi.encodePacked(uint8(1), uint8(0x80), uint8(0x80), uint8(0x04), uint8(0x12), uint8(0x20), digest);
        vm.expectRevert(abi.encodeWithSelector(CidV1.CidUnsupportedCodec.selector, 0x10000));
        registry.register(r);

        r.artifactCid = abi.encodePacked(uint8(1), uint8(0x55), uint8(0x12), uint8(0x20), digest, uint8(0));
        vm.expectRevert(abi.encodeWithSelector(CidV1.CidMalformed.selector, r.artifactCid));
        registry.register(r);
    }

    function testFuzz_register_roundTripsRecord(
        bytes32 fingerprint,
        uint16 artifactCodec,
        bytes32 metadataDigest,
        uint16 metadataCodec,
        bool dataset
    ) public {
        fingerprint = bytes32(bound(uint256(fingerprint), 1, type(uint256).max));
        IModelRegistry.Registration memory r = IModelRegistry.Registration({
            fingerprint: fingerprint,
            artifactCid: CidV1.encode(artifactCodec, fingerprint),
            metadataCid: CidV1.encode(metadataCodec, metadataDigest),
            kind: dataset ? IModelRegistry.AssetKind.Dataset : IModelRegistry.AssetKind.Model,
            parent: 0,
            relation: IModelRegistry.Relation.None
        });
        vm.prank(alice);
        uint256 id = registry.register(r);
        IModelRegistry.Model memory m = registry.modelOf(id);
        assertEq(m.artifactCid, r.artifactCid);
        assertEq(m.metadataCid, r.metadataCid);
        assertEq(uint8(m.kind), uint8(r.kind));
        assertEq(registry.tokenURI(id), string.concat("ipfs://", CidV1.toString(metadataCodec, metadataDigest)));
    }

    /*//////////////////////////////////////////////////////////////
                            COMMIT, REGISTER
    //////////////////////////////////////////////////////////////*/

    function _commit(address publisher, bytes memory artifact, bytes32 salt) internal returns (bytes32 commitment) {
        commitment = registry.commitmentOf(publisher, sha256(artifact), salt);
        vm.prank(publisher);
        registry.commit(commitment);
    }

    function test_registerCommitted_mintsAfterOneBlock() public {
        bytes32 commitment = _commit(alice, BASE_MODEL, "salt");
        vm.snapshotGasLastCall("ModelRegistry", "commit");
        (uint48 committedBlock,) = registry.commitmentTime(commitment);
        assertEq(committedBlock, block.number);

        vm.roll(block.number + 1);
        IModelRegistry.Registration memory registration = _registration(BASE_MODEL);
        vm.prank(alice);
        uint256 id = registry.registerCommitted(registration, "salt");
        vm.snapshotGasLastCall("ModelRegistry", "registerCommitted");
        assertEq(registry.ownerOf(id), alice);
        assertTrue(registry.modelOf(id).committed);
        (committedBlock,) = registry.commitmentTime(commitment);
        assertEq(committedBlock, 0, "commitment consumed");
    }

    function test_RevertWhen_commitmentIsFromThisBlock() public {
        bytes32 commitment = _commit(alice, BASE_MODEL, "salt");
        IModelRegistry.Registration memory registration = _registration(BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.CommitmentTooNew.selector, commitment, block.number));
        vm.prank(alice);
        registry.registerCommitted(registration, "salt");
    }

    function test_RevertWhen_commitmentExpired() public {
        bytes32 commitment = _commit(alice, BASE_MODEL, "salt");
        uint256 expiresAt = block.timestamp + MAX_COMMIT_AGE;
        vm.roll(block.number + 1);
        vm.warp(expiresAt + 1);
        IModelRegistry.Registration memory registration = _registration(BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.CommitmentExpired.selector, commitment, expiresAt));
        vm.prank(alice);
        registry.registerCommitted(registration, "salt");
    }

    function test_RevertWhen_commitmentIsResentWhilePending() public {
        bytes32 commitment = _commit(alice, BASE_MODEL, "salt");
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.CommitmentPending.selector, commitment));
        vm.prank(mallory);
        registry.commit(commitment);

        vm.warp(block.timestamp + MAX_COMMIT_AGE + 1);
        vm.prank(mallory);
        registry.commit(commitment); // an expired commitment may be made afresh
    }

    function test_RevertWhen_anotherAccountRevealsTheCommitment() public {
        _commit(alice, BASE_MODEL, "salt");
        vm.roll(block.number + 1);
        bytes32 forMallory = registry.commitmentOf(mallory, sha256(BASE_MODEL), "salt");
        IModelRegistry.Registration memory registration = _registration(BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownCommitment.selector, forMallory));
        vm.prank(mallory);
        registry.registerCommitted(registration, "salt");
    }

    /// @dev Mallory sees alice's pending `registerCommitted` and front-runs it with a plain `register` of the same
    /// bytes. Alice's transaction still lands, and the model ends up hers.
    function test_registerCommitted_takesBackFrontRunRegistration() public {
        _commit(alice, BASE_MODEL, "salt");
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);

        vm.prank(mallory);
        uint256 id = registry.register(r);
        vm.prank(mallory);
        registry.approve(carol, id);

        vm.expectEmit(address(registry));
        emit IModelRegistry.RegistrationSuperseded(id, mallory, alice);
        vm.prank(alice);
        registry.registerCommitted(r, "salt");

        assertEq(registry.ownerOf(id), alice);
        assertEq(registry.balanceOf(mallory), 0);
        assertEq(registry.getApproved(id), address(0), "the front-runner's approval is gone");
        assertTrue(registry.modelOf(id).committed);
    }

    function test_RevertWhen_supersedingAnOlderRegistration() public {
        uint256 id = _register(bob, BASE_MODEL);
        vm.warp(block.timestamp + 1);
        _commit(alice, BASE_MODEL, "salt");
        vm.roll(block.number + 1);
        IModelRegistry.Registration memory registration = _registration(BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, id, bob));
        vm.prank(alice);
        registry.registerCommitted(registration, "salt");
    }

    function test_RevertWhen_supersedingACommittedRegistration() public {
        _commit(alice, BASE_MODEL, "a");
        _commit(bob, BASE_MODEL, "b");
        vm.roll(block.number + 1);
        IModelRegistry.Registration memory registration = _registration(BASE_MODEL);
        vm.prank(bob);
        uint256 id = registry.registerCommitted(registration, "b");
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, id, bob));
        vm.prank(alice);
        registry.registerCommitted(registration, "a");
    }

    function test_RevertWhen_supersedingWithAYoungerParent() public {
        _commit(alice, FINE_TUNE, "salt");
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        uint256 id = _register(mallory, FINE_TUNE);
        uint256 child = _registerChild(mallory, "child of the stolen model", id);
        IModelRegistry.Registration memory registration =
            _registration(FINE_TUNE, child, IModelRegistry.Relation.FineTune);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ParentNotOlder.selector, child, id));
        vm.prank(alice);
        registry.registerCommitted(registration, "salt");
    }

    function _registerChild(address publisher, bytes memory artifact, uint256 parent) internal returns (uint256) {
        IModelRegistry.Registration memory child = _registration(artifact, parent, IModelRegistry.Relation.FineTune);
        vm.prank(publisher);
        return registry.register(child);
    }

    /*//////////////////////////////////////////////////////////////
                            REGISTER WITH SIG
    //////////////////////////////////////////////////////////////*/

    function _sign(
        uint256 key,
        IModelRegistry.Registration memory r,
        address publisher,
        uint256 notBefore,
        uint256 deadline
    ) internal view returns (bytes memory) {
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
                deadline
            )
        );
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", _domain(), structHash)));
        return abi.encodePacked(rr, s, v);
    }

    function _domain() internal view returns (bytes32) {
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

    function test_registerWithSig_mintsToSigner() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(aliceKey, r, alice, block.number, deadline);
        vm.prank(carol); // the relayer
        uint256 id = registry.registerWithSig(r, alice, block.number, deadline, signature);
        vm.snapshotGasLastCall("ModelRegistry", "registerWithSig");
        assertEq(registry.ownerOf(id), alice);
        assertEq(registry.nonces(alice), 1);
    }

    function test_registerWithSig_acceptsContractWallet() public {
        ContractWallet wallet = new ContractWallet(bob);
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        uint256 id = registry.registerWithSig(
            r, address(wallet), block.number, deadline, _sign(bobKey, r, address(wallet), block.number, deadline)
        );
        assertEq(registry.ownerOf(id), address(wallet));
    }

    function test_RevertWhen_signatureIsReplayedOrAltered() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(aliceKey, r, alice, block.number, deadline);

        IModelRegistry.Registration memory altered = _registration(BASE_MODEL);
        altered.metadataCid = CidV1.encode(RAW, keccak256("another card"));
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.InvalidSignature.selector, alice));
        registry.registerWithSig(altered, alice, block.number, deadline, signature);

        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.InvalidSignature.selector, bob));
        registry.registerWithSig(r, bob, block.number, deadline, signature);

        registry.registerWithSig(r, alice, block.number, deadline, signature);
        IModelRegistry.Registration memory other = _registration(FINE_TUNE);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.InvalidSignature.selector, alice));
        registry.registerWithSig(other, alice, block.number, deadline, signature);
    }

    function test_RevertWhen_signatureExpired() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(aliceKey, r, alice, block.number, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.SignatureExpired.selector, deadline));
        registry.registerWithSig(r, alice, block.number, deadline, signature);
    }

    function test_RevertWhen_signatureIsOutsideItsBlockWindow() public {
        vm.roll(100);
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory early = _sign(aliceKey, r, alice, 101, deadline);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.SignatureNotYetValid.selector, 101));
        registry.registerWithSig(r, alice, 101, deadline, early);

        uint256 lag = registry.MAX_SIGNATURE_LAG();
        bytes memory old = _sign(aliceKey, r, alice, 100 - lag - 1, deadline);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.SignatureTooOld.selector, 100 - lag - 1, 99));
        registry.registerWithSig(r, alice, 100 - lag - 1, deadline, old);

        bytes memory oldest = _sign(aliceKey, r, alice, 100 - lag, deadline);
        registry.registerWithSig(r, alice, 100 - lag, deadline, oldest);
        assertEq(registry.ownerOf(uint256(r.fingerprint)), alice);
    }

    /// @dev test/fixtures/register-digest.json is viem's `hashTypedData` of a `Register` (checked by
    /// sdk/test/unit/registerDigest.test.ts). A registry deployed at the fixture's verifying contract accepts the
    /// publisher's signature of exactly that digest: the contract, the SDK and viem agree on what a wallet signs.
    function test_registerWithSig_acceptsViemFixtureDigest() public {
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/register-digest.json"));
        assertEq(vm.parseJsonUint(json, ".domain.chainId"), block.chainid);
        ModelRegistry fixtureRegistry = ModelRegistry(vm.parseJsonAddress(json, ".domain.verifyingContract"));
        deployCodeTo(
            "ERC1967Proxy.sol:ERC1967Proxy",
            abi.encode(
                address(new ModelRegistry()),
                abi.encodeCall(ModelRegistry.initialize, (address(accessManager), 0, MAX_COMMIT_AGE))
            ),
            address(fixtureRegistry)
        );
        assertEq(fixtureRegistry.REGISTER_TYPEHASH(), vm.parseJsonBytes32(json, ".typeHash"));
        address publisher = vm.parseJsonAddress(json, ".message.publisher");
        uint256 notBefore = vm.parseJsonUint(json, ".message.notBefore");
        vm.roll(notBefore);
        uint256 id = fixtureRegistry.registerWithSig(
            _fixtureRegistration(json),
            publisher,
            notBefore,
            vm.parseJsonUint(json, ".message.deadline"),
            _fixtureSignature(json, publisher)
        );
        assertEq(fixtureRegistry.ownerOf(id), publisher);
    }

    function _fixtureRegistration(string memory json) internal pure returns (IModelRegistry.Registration memory) {
        return IModelRegistry.Registration({
            fingerprint: vm.parseJsonBytes32(json, ".message.fingerprint"),
            artifactCid: vm.parseJsonBytes(json, ".message.artifactCid"),
            metadataCid: vm.parseJsonBytes(json, ".message.metadataCid"),
            kind: IModelRegistry.AssetKind(vm.parseJsonUint(json, ".message.kind")),
            parent: vm.parseJsonUint(json, ".message.parent"),
            relation: IModelRegistry.Relation(vm.parseJsonUint(json, ".message.relation"))
        });
    }

    /// @dev The publisher's signature of the fixture's digest: the second anvil account (`test test … junk`, index 1).
    function _fixtureSignature(string memory json, address publisher) internal pure returns (bytes memory) {
        uint256 key = 0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d;
        assertEq(vm.addr(key), publisher);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, vm.parseJsonBytes32(json, ".digest"));
        return abi.encodePacked(r, s, v);
    }

    /*//////////////////////////////////////////////////////////////
                     H-2: REGISTRATION ORDER BY BLOCKS
    //////////////////////////////////////////////////////////////*/

    /// @dev Mallory's registration of the same bytes, with her own cards: what she would own if the attack worked.
    function _malloryCopy(bytes memory artifact) internal pure returns (IModelRegistry.Registration memory r) {
        r = _registration(artifact);
        r.metadataCid = CidV1.encode(RAW, keccak256("mallory's card"));
    }

    /// @dev H-2, first variant: Alice's signed registration is relayed; Mallory, who saw it pending, gets a commitment
    /// into the same block, after it. Both carry the same timestamp, which the old `registeredAt >= committedAt` let
    /// Mallory take over one block later (with her own record and split).
    function test_attack_H2_commitInSameBlockAsSignedRegistration() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(aliceKey, r, alice, block.number, deadline);
        vm.prank(carol);
        uint256 id = registry.registerWithSig(r, alice, block.number, deadline, signature);
        _commit(mallory, BASE_MODEL, "steal");

        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        IModelRegistry.Registration memory copy = _malloryCopy(BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, id, alice));
        vm.prank(mallory);
        registry.registerCommitted(copy, "steal");
        assertEq(registry.ownerOf(id), alice);
        assertEq(registry.modelOf(id).metadataCid, r.metadataCid);
    }

    /// @dev H-2, second variant: the same against a plain `register`, with the commitment placed after it or before
    /// it in the same block. Only a strictly earlier block lets a commitment win.
    function test_attack_H2_commitInSameBlockAsRegister() public {
        uint256 id = _register(alice, BASE_MODEL);
        _commit(mallory, BASE_MODEL, "after");
        _commit(carol, FINE_TUNE, "before");
        uint256 other = _register(bob, FINE_TUNE);

        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        IModelRegistry.Registration memory copy = _malloryCopy(BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, id, alice));
        vm.prank(mallory);
        registry.registerCommitted(copy, "after");
        IModelRegistry.Registration memory carols = _registration(FINE_TUNE);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, other, bob));
        vm.prank(carol);
        registry.registerCommitted(carols, "before");
        assertEq(registry.ownerOf(id), alice);
        assertEq(registry.ownerOf(other), bob);
    }

    /// @dev H-2, third variant: Alice signs at block h (her `notBefore`); while the relayer's transaction is pending,
    /// Mallory commits in block h + 1, and the registration lands in block h + 2. Mallory's commitment is older than
    /// the registration but younger than the signature, so it may have copied it: it cannot take it over.
    function test_attack_H2_commitBeforePendingSignedRegistration() public {
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        uint256 signedAt = block.number;
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _sign(aliceKey, r, alice, signedAt, deadline);

        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        _commit(mallory, BASE_MODEL, "steal");
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        vm.prank(carol);
        uint256 id = registry.registerWithSig(r, alice, signedAt, deadline, signature);

        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        IModelRegistry.Registration memory copy = _malloryCopy(BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, id, alice));
        vm.prank(mallory);
        registry.registerCommitted(copy, "steal");
        assertEq(registry.ownerOf(id), alice);
    }

    /// @dev The other way round: Mallory copies Alice's pending reveal as a registration she signs herself, back-dated
    /// as far as she can. Alice revealed once her commitment was more than `MAX_SIGNATURE_LAG` blocks old, so no
    /// `notBefore` that can still land predates it, and Alice takes the model.
    function test_attack_H2_backdatedSignatureCannotKeepCommittedModel() public {
        uint256 committedAt = block.number;
        _commit(alice, BASE_MODEL, "salt");
        uint256 lag = registry.MAX_SIGNATURE_LAG();
        vm.roll(block.number + lag + 1);
        vm.warp(block.timestamp + 12 * (lag + 1));

        IModelRegistry.Registration memory copy = _malloryCopy(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory backdated = _sign(MALLORY_KEY, copy, mallory, committedAt, deadline);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.SignatureTooOld.selector, committedAt, committedAt + lag));
        registry.registerWithSig(copy, mallory, committedAt, deadline, backdated);

        bytes memory latest = _sign(MALLORY_KEY, copy, mallory, committedAt + 1, deadline);
        uint256 id = registry.registerWithSig(copy, mallory, committedAt + 1, deadline, latest);
        IModelRegistry.Registration memory reveal = _registration(BASE_MODEL);
        vm.prank(alice);
        registry.registerCommitted(reveal, "salt");
        assertEq(registry.ownerOf(id), alice);
        assertEq(registry.modelOf(id).metadataCid, _registration(BASE_MODEL).metadataCid);
    }

    /// @dev A commitment mined before the publisher signed is older than the signature: it takes the model.
    function test_registerCommitted_supersedesSignatureMadeAfterCommitment() public {
        _commit(alice, BASE_MODEL, "salt");
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);
        IModelRegistry.Registration memory copy = _malloryCopy(BASE_MODEL);
        uint256 deadline = block.timestamp + 1 hours;
        uint256 id = registry.registerWithSig(
            copy, mallory, block.number, deadline, _sign(MALLORY_KEY, copy, mallory, block.number, deadline)
        );
        IModelRegistry.Registration memory reveal = _registration(BASE_MODEL);
        vm.expectEmit(address(registry));
        emit IModelRegistry.RegistrationSuperseded(id, mallory, alice);
        vm.prank(alice);
        registry.registerCommitted(reveal, "salt");
        assertEq(registry.ownerOf(id), alice);
    }

    /// @dev Blocks, not seconds, decide: two blocks with the same timestamp (as on chains with sub-second blocks) are
    /// still ordered, across a wrap of the low 16 bits of the block number too.
    function test_registerCommitted_ordersBlocksWithinOneSecond() public {
        vm.roll(0xffff);
        _commit(alice, BASE_MODEL, "salt");
        vm.roll(0x10000); // same timestamp, next block, low 16 bits wrap to 0
        uint256 id = _register(mallory, BASE_MODEL);
        IModelRegistry.Registration memory reveal = _registration(BASE_MODEL);
        vm.prank(alice);
        registry.registerCommitted(reveal, "salt");
        assertEq(registry.ownerOf(id), alice);

        vm.roll(0x1ffff);
        _commit(alice, FINE_TUNE, "salt");
        uint256 other = _register(mallory, FINE_TUNE); // same block: stays
        vm.roll(0x20000);
        IModelRegistry.Registration memory second = _registration(FINE_TUNE);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.AlreadyRegistered.selector, other, mallory));
        vm.prank(alice);
        registry.registerCommitted(second, "salt");
    }

    /*//////////////////////////////////////////////////////////////
                             OWNER ACTIONS
    //////////////////////////////////////////////////////////////*/

    function test_updateMetadata_byOwnerApprovedOrOperator() public {
        uint256 id = _register(alice, BASE_MODEL);
        bytes memory card = CidV1.encode(DAG_PB, keccak256("card v2"));
        vm.expectEmit(address(registry));
        emit IModelRegistry.MetadataUpdated(id, card);
        vm.prank(alice);
        registry.updateMetadata(id, card);
        vm.snapshotGasLastCall("ModelRegistry", "updateMetadata");
        assertEq(registry.modelOf(id).metadataCid, card);

        vm.prank(alice);
        registry.approve(bob, id);
        vm.prank(bob);
        registry.updateMetadata(id, CidV1.encode(RAW, keccak256("card v3")));

        vm.prank(alice);
        registry.setApprovalForAll(carol, true);
        bytes memory v4 = CidV1.encode(RAW, keccak256("card v4"));
        vm.prank(carol);
        registry.updateMetadata(id, v4);
        assertEq(registry.tokenURI(id), string.concat("ipfs://", CidV1.toString(RAW, keccak256("card v4"))));
    }

    function test_RevertWhen_strangerChangesModel() public {
        uint256 id = _register(alice, BASE_MODEL);
        bytes memory card = CidV1.encode(RAW, keccak256("forged card"));
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.NotOwnerOrApproved.selector, id, mallory));
        vm.prank(mallory);
        registry.updateMetadata(id, card);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.NotOwnerOrApproved.selector, id, mallory));
        vm.prank(mallory);
        registry.deprecate(id);
        vm.expectRevert(ERC721.NotOwnerNorApproved.selector);
        vm.prank(mallory);
        registry.transferFrom(alice, mallory, id);
    }

    function test_deprecate_isFinalForOwner() public {
        uint256 id = _register(alice, BASE_MODEL);
        vm.prank(alice);
        registry.deprecate(id);
        assertEq(uint8(registry.modelOf(id).status), uint8(IModelRegistry.Status.Deprecated));
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.InvalidStatusChange.selector,
                id,
                IModelRegistry.Status.Deprecated,
                IModelRegistry.Status.Deprecated
            )
        );
        vm.prank(alice);
        registry.deprecate(id);
    }

    function test_transfer_movesModelButNotItsRoyaltyInbox() public {
        uint256 id = _register(alice, BASE_MODEL);
        vm.prank(alice);
        registry.transferFrom(alice, bob, id);
        assertEq(registry.ownerOf(id), bob);
        (address receiver, uint256 amount) = registry.royaltyInfo(id, 1 ether);
        assertEq(receiver, splitter.royaltyInboxOf(id), "royalties go to the model's inbox at the splitter");
        assertEq(amount, 1 ether * uint256(ROYALTY_BPS) / 10_000);
    }

    function test_royaltyInfo_paysOwnerWithoutSplitter() public {
        uint256 id = _register(alice, BASE_MODEL);
        vm.expectEmit(address(registry));
        emit IModelRegistry.RoyaltySplitterSet(address(0));
        vm.prank(address(timelock));
        registry.setRoyaltySplitter(address(0));
        (address receiver,) = registry.royaltyInfo(id, 1 ether);
        assertEq(receiver, alice);
        assertEq(registry.royaltySplitter(), address(0));
    }

    function test_RevertWhen_setRoyaltySplitterIsNotGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        registry.setRoyaltySplitter(mallory);
        assertEq(registry.royaltySplitter(), address(splitter));
    }

    function test_parentOf_followsLineage() public {
        uint256 parent = _register(bob, BASE_MODEL);
        IModelRegistry.Registration memory r = _registration(FINE_TUNE, parent, IModelRegistry.Relation.FineTune);
        vm.prank(alice);
        uint256 child = registry.register(r);
        assertEq(registry.parentOf(child), parent);
        assertEq(registry.parentOf(parent), 0);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownModel.selector, 42));
        registry.parentOf(42);
    }

    /*//////////////////////////////////////////////////////////////
                               RESTRICTED
    //////////////////////////////////////////////////////////////*/

    function test_setFlagged_onlyByArbiter() public {
        uint256 id = _register(alice, BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        registry.setFlagged(id, true);

        vm.prank(address(timelock)); // the arbiter by default
        registry.setFlagged(id, true);
        assertEq(uint8(registry.modelOf(id).status), uint8(IModelRegistry.Status.Flagged));
        vm.prank(address(timelock));
        registry.setFlagged(id, false);
        assertEq(uint8(registry.modelOf(id).status), uint8(IModelRegistry.Status.Active));
    }

    function test_recordEvaluation_onlyByScoringRole() public {
        uint256 id = _register(alice, BASE_MODEL);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, carol));
        vm.prank(carol);
        registry.recordEvaluation(id, 7, "bench", 88, "digest");

        vm.prank(address(timelock));
        accessManager.grantRole(Roles.SCORING, carol, 0);
        vm.prank(carol);
        registry.recordEvaluation(id, 7, "bench", 88, "digest");
        IModelRegistry.Evaluation memory e = registry.modelOf(id).evaluation;
        assertEq(e.score, 88);
        assertEq(e.roundId, 7);
        assertEq(e.benchmarkId, "bench");
        assertEq(e.digest, "digest");
        assertEq(registry.evaluationOf(id, "bench").digest, "digest", "per benchmark too");

        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ScoreOutOfRange.selector, 101));
        vm.prank(carol);
        registry.recordEvaluation(id, 8, "bench", 101, "digest");
    }

    function test_setRoyaltyRate_isGovernedAndCapped() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        registry.setRoyaltyRate(100);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.RoyaltyRateTooHigh.selector, 2501, 2500));
        vm.prank(address(timelock));
        registry.setRoyaltyRate(2501);
        vm.prank(address(timelock));
        registry.setRoyaltyRate(250);
        assertEq(registry.royaltyRate(), 250);
    }

    function test_pause_byGuardianStopsRegistration() public {
        vm.prank(guardian);
        registry.pause();
        IModelRegistry.Registration memory registration = _registration(BASE_MODEL);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.register(registration);

        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        registry.unpause();
        vm.prank(address(timelock));
        registry.unpause();
        _register(alice, BASE_MODEL);
    }

    function test_upgradeToAndCall_onlyByGovernanceKeepsRecords() public {
        uint256 id = _register(alice, BASE_MODEL);
        IModelRegistry.Model memory before = registry.modelOf(id);
        address implementation = address(new ModelRegistry());
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        registry.upgradeToAndCall(implementation, "");

        vm.prank(address(timelock));
        registry.upgradeToAndCall(implementation, "");
        assertEq(keccak256(abi.encode(registry.modelOf(id))), keccak256(abi.encode(before)));
        assertEq(registry.royaltyRate(), ROYALTY_BPS);
        assertEq(registry.balanceOf(alice), 1);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_lineageOf_walksAncestorsWithinDepth() public {
        uint256 id = _register(alice, "generation 0");
        uint256[] memory chain = new uint256[](5);
        chain[0] = id;
        for (uint256 i = 1; i < 5; ++i) {
            chain[i] = _registerChild(alice, abi.encodePacked("generation ", i), chain[i - 1]);
        }
        uint256[] memory ancestors = registry.lineageOf(chain[4], 10);
        assertEq(ancestors.length, 4);
        for (uint256 i; i < 4; ++i) {
            assertEq(ancestors[i], chain[3 - i]);
        }
        assertEq(registry.lineageOf(chain[4], 2).length, 2);
        assertEq(registry.lineageOf(chain[0], 10).length, 0);
    }

    function test_tokenURI_isIpfsBase32Cid() public {
        // The sha2-256 of empty bytes as a raw CIDv1, as `ipfs add --cid-version 1` prints for an empty file.
        IModelRegistry.Registration memory r = _registration(BASE_MODEL);
        r.metadataCid = CidV1.encode(RAW, sha256(""));
        vm.prank(alice);
        uint256 id = registry.register(r);
        assertEq(registry.tokenURI(id), "ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    function test_supportsInterface_erc721Erc2981Erc4906() public view {
        assertTrue(registry.supportsInterface(0x80ac58cd)); // ERC-721
        assertTrue(registry.supportsInterface(0x5b5e139f)); // ERC-721 metadata
        assertTrue(registry.supportsInterface(0x2a55205a)); // ERC-2981
        assertTrue(registry.supportsInterface(0x49064906)); // ERC-4906
        assertFalse(registry.supportsInterface(0xffffffff));
    }

    function test_RevertWhen_viewingUnknownModel() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownModel.selector, 42));
        registry.modelOf(42);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownModel.selector, 42));
        registry.tokenURI(42);
    }
}
