// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {IUsageAnchors} from "../../src/interfaces/IUsageAnchors.sol";
import {Base} from "../Base.t.sol";

/// @notice Builds usage-log Merkle trees the way sdk/src/usage/merkle.ts does: leaves `keccak256(entryHash)`, pairs
/// hashed sorted, an odd last node moved up unchanged.
abstract contract UsageTrees {
    function _leaf(bytes32 entryHash) internal pure returns (bytes32) {
        return keccak256(bytes.concat(entryHash));
    }

    function _pairHash(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _root(bytes32[] memory entryHashes) internal pure returns (bytes32) {
        bytes32[] memory level = new bytes32[](entryHashes.length);
        for (uint256 i; i < level.length; ++i) {
            level[i] = _leaf(entryHashes[i]);
        }
        uint256 width = level.length;
        while (width > 1) {
            for (uint256 i; i < width; i += 2) {
                level[i / 2] = i + 1 == width ? level[i] : _pairHash(level[i], level[i + 1]);
            }
            width = (width + 1) / 2;
        }
        return level[0];
    }

    function _proof(bytes32[] memory entryHashes, uint256 index) internal pure returns (bytes32[] memory proof) {
        bytes32[] memory level = new bytes32[](entryHashes.length);
        for (uint256 i; i < level.length; ++i) {
            level[i] = _leaf(entryHashes[i]);
        }
        bytes32[] memory path = new bytes32[](64);
        uint256 depth;
        uint256 width = level.length;
        while (width > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < width) path[depth++] = level[sibling];
            for (uint256 i; i < width; i += 2) {
                level[i / 2] = i + 1 == width ? level[i] : _pairHash(level[i], level[i + 1]);
            }
            width = (width + 1) / 2;
            index /= 2;
        }
        proof = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            proof[i] = path[i];
        }
    }

    function _hashes(uint256 count, uint256 seed) internal pure returns (bytes32[] memory hashes) {
        hashes = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            hashes[i] = keccak256(abi.encode("entry", seed, i));
        }
    }
}

contract UsageAnchorsTest is Base, UsageTrees {
    address internal gatewayOperator = makeAddr("gateway operator");
    uint256 internal model;
    bytes32[] internal entries;

    function setUp() public override {
        super.setUp();
        model = _register(alice, "usage model");
        entries = _hashes(5, 1);
    }

    function _anchorAs(address who, uint256 id, bytes32 root, uint64 fromSeq, uint64 toSeq, uint32 count)
        internal
        returns (uint256)
    {
        vm.prank(who);
        return usageAnchors.anchor(id, root, fromSeq, toSeq, count);
    }

    /*//////////////////////////////////////////////////////////////
                                 ANCHOR
    //////////////////////////////////////////////////////////////*/

    function test_anchor_byOwner_recordsRangeAndEmits() public {
        bytes32 root = _root(entries);
        vm.warp(1_800_000_000);
        vm.expectEmit(address(usageAnchors));
        emit IUsageAnchors.UsageAnchored(model, 0, alice, root, 3, 12, 5);
        vm.prank(alice);
        uint256 index = usageAnchors.anchor(model, root, 3, 12, 5);
        vm.snapshotGasLastCall("UsageAnchors", "anchor_first");
        assertEq(index, 0);
        IUsageAnchors.Anchor memory a = usageAnchors.anchorOf(model, 0);
        assertEq(a.root, root);
        assertEq(a.fromSeq, 3);
        assertEq(a.toSeq, 12);
        assertEq(a.count, 5);
        assertEq(a.anchoredAt, 1_800_000_000);
        assertEq(usageAnchors.anchorCount(model), 1);
        assertEq(usageAnchors.lastSeq(model), 12);

        vm.prank(alice);
        assertEq(usageAnchors.anchor(model, bytes32(uint256(7)), 13, 13, 1), 1);
        vm.snapshotGasLastCall("UsageAnchors", "anchor_next");
        assertEq(usageAnchors.anchorCount(model), 2);
        assertEq(usageAnchors.lastSeq(model), 13);
    }

    function test_anchor_byOperatorOfOwner() public {
        vm.expectEmit(address(usageAnchors));
        emit IUsageAnchors.OperatorSet(alice, gatewayOperator, true);
        vm.prank(alice);
        usageAnchors.setOperator(gatewayOperator, true);
        assertTrue(usageAnchors.isOperator(alice, gatewayOperator));
        assertTrue(usageAnchors.canAnchor(model, gatewayOperator));
        _anchorAs(gatewayOperator, model, _root(entries), 1, 5, 5);
        assertEq(usageAnchors.anchorCount(model), 1);
    }

    function test_anchor_byOperatorOfModel_onlyThatModel() public {
        uint256 other = _register(alice, "other model");
        vm.expectEmit(address(usageAnchors));
        emit IUsageAnchors.ModelOperatorSet(model, alice, gatewayOperator, true);
        vm.prank(alice);
        usageAnchors.setModelOperator(model, gatewayOperator, true);
        assertTrue(usageAnchors.isModelOperator(model, alice, gatewayOperator));
        _anchorAs(gatewayOperator, model, _root(entries), 1, 5, 5);
        bytes32 root = _root(entries);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotOwnerOrOperator.selector, other, gatewayOperator));
        _anchorAs(gatewayOperator, other, root, 1, 5, 5);
    }

    function test_setModelOperator_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotModelOwner.selector, model, mallory));
        vm.prank(mallory);
        usageAnchors.setModelOperator(model, mallory, true);
    }

    function test_setOperator_revertsOnZero() public {
        vm.expectRevert(IUsageAnchors.ZeroOperator.selector);
        vm.prank(alice);
        usageAnchors.setOperator(address(0), true);
        vm.expectRevert(IUsageAnchors.ZeroOperator.selector);
        vm.prank(alice);
        usageAnchors.setModelOperator(model, address(0), true);
    }

    function test_anchor_revertsOnUnknownModel() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownModel.selector, 42));
        _anchorAs(alice, 42, bytes32(uint256(1)), 1, 1, 1);
    }

    function test_anchor_revertsOnInvalidRanges() public {
        bytes32 root = _root(entries);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.InvalidRange.selector, 0, 4, 5));
        _anchorAs(alice, model, root, 0, 4, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.InvalidRange.selector, 5, 4, 1));
        _anchorAs(alice, model, root, 5, 4, 1);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.InvalidRange.selector, 1, 4, 5));
        _anchorAs(alice, model, root, 1, 4, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.InvalidRange.selector, 1, 4, 0));
        _anchorAs(alice, model, root, 1, 4, 0);
    }

    function test_anchorOf_revertsPastTheLast() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.UnknownAnchor.selector, model, 0));
        usageAnchors.anchorOf(model, 0);
        bytes32[] memory proof = new bytes32[](0);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.UnknownAnchor.selector, model, 0));
        usageAnchors.verify(model, 0, entries[0], proof);
    }

    /*//////////////////////////////////////////////////////////////
                                 VERIFY
    //////////////////////////////////////////////////////////////*/

    function test_verify_everyEntryOfTheAnchor() public {
        _anchorAs(alice, model, _root(entries), 1, 9, 5);
        for (uint256 i; i < entries.length; ++i) {
            assertTrue(usageAnchors.verify(model, 0, entries[i], _proof(entries, i)), "an anchored entry verifies");
        }
    }

    function test_verify_singleEntryRootIsItsLeaf() public {
        bytes32[] memory one = _hashes(1, 9);
        _anchorAs(alice, model, _root(one), 1, 1, 1);
        assertEq(usageAnchors.anchorOf(model, 0).root, keccak256(bytes.concat(one[0])));
        assertTrue(usageAnchors.verify(model, 0, one[0], new bytes32[](0)));
    }

    function test_verify_rejectsTamperedEntryOtherAnchorAndOtherModel() public {
        uint256 other = _register(bob, "bob's model");
        bytes32[] memory bobs = _hashes(3, 2);
        _anchorAs(alice, model, _root(entries), 1, 9, 5);
        _anchorAs(alice, model, _root(bobs), 10, 12, 3);
        _anchorAs(bob, other, _root(bobs), 1, 3, 3);
        bytes32[] memory proof = _proof(entries, 2);
        assertFalse(usageAnchors.verify(model, 0, entries[2] ^ bytes32(uint256(1)), proof), "tampered entry");
        assertFalse(usageAnchors.verify(model, 0, entries[3], proof), "another entry's proof");
        assertFalse(usageAnchors.verify(other, 0, entries[2], proof), "another model's anchor");
        assertFalse(usageAnchors.verify(model, 0, bobs[0], _proof(bobs, 0)), "an entry of another anchor");
        assertTrue(usageAnchors.verify(model, 1, bobs[0], _proof(bobs, 0)));
    }

    function testFuzz_verify_anyTreeSize(uint8 size, uint256 seed, uint256 pick) public {
        uint256 count = bound(size, 1, 40);
        bytes32[] memory hashes = _hashes(count, seed);
        // forge-lint: disable-next-line(unsafe-typecast)
        _anchorAs(alice, model, _root(hashes), 1, uint64(count), uint32(count)); // count <= 40
        uint256 i = bound(pick, 0, count - 1);
        bytes32[] memory proof = _proof(hashes, i);
        assertTrue(usageAnchors.verify(model, 0, hashes[i], proof));
        assertFalse(usageAnchors.verify(model, 0, keccak256(abi.encode(hashes[i])), proof));
    }

    function testFuzz_anchor_rangesOnlyMoveForward(uint64 firstTo, uint64 nextFrom, uint64 nextTo) public {
        firstTo = uint64(bound(firstTo, 1, type(uint64).max - 1));
        nextTo = uint64(bound(nextTo, 1, type(uint64).max));
        nextFrom = uint64(bound(nextFrom, 1, nextTo));
        _anchorAs(alice, model, bytes32(uint256(1)), 1, firstTo, 1);
        if (nextFrom <= firstTo) {
            vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.RangeNotAfterLast.selector, model, nextFrom, firstTo));
            _anchorAs(alice, model, bytes32(uint256(2)), nextFrom, nextTo, 1);
            assertEq(usageAnchors.anchorCount(model), 1);
        } else {
            _anchorAs(alice, model, bytes32(uint256(2)), nextFrom, nextTo, 1);
            assertEq(usageAnchors.lastSeq(model), nextTo);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 ATTACKS
    //////////////////////////////////////////////////////////////*/

    /// @dev Anyone but the owner or its operator writing a model's anchors could vouch for a forged log.
    function test_attack_NON_OWNER_anchorsForeignModel() public {
        bytes32 root = _root(entries);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotOwnerOrOperator.selector, model, mallory));
        _anchorAs(mallory, model, root, 1, 5, 5);
        // Delegating to itself for a model it does not own gives nothing either.
        vm.prank(mallory);
        usageAnchors.setOperator(mallory, true);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotOwnerOrOperator.selector, model, mallory));
        _anchorAs(mallory, model, root, 1, 5, 5);
        assertEq(usageAnchors.anchorCount(model), 0);
    }

    function test_attack_REVOKED_operatorAnchorsAfterRevocation() public {
        bytes32 root = _root(entries);
        vm.startPrank(alice);
        usageAnchors.setOperator(gatewayOperator, true);
        usageAnchors.setModelOperator(model, gatewayOperator, true);
        usageAnchors.setOperator(gatewayOperator, false);
        vm.stopPrank();
        // Still a model operator: revoking one delegation leaves the other.
        _anchorAs(gatewayOperator, model, root, 1, 5, 5);
        vm.prank(alice);
        usageAnchors.setModelOperator(model, gatewayOperator, false);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotOwnerOrOperator.selector, model, gatewayOperator));
        _anchorAs(gatewayOperator, model, root, 6, 9, 1);
        assertEq(usageAnchors.anchorCount(model), 1);
    }

    /// @dev The seller's gateway must lose the model's log when the model changes hands.
    function test_attack_TRANSFERRED_sellersOperatorsAnchorAfterSale() public {
        bytes32 root = _root(entries);
        address modelOperator = makeAddr("model operator");
        vm.startPrank(alice);
        usageAnchors.setOperator(gatewayOperator, true);
        usageAnchors.setModelOperator(model, modelOperator, true);
        registry.transferFrom(alice, bob, model);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotOwnerOrOperator.selector, model, gatewayOperator));
        _anchorAs(gatewayOperator, model, root, 1, 5, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotOwnerOrOperator.selector, model, modelOperator));
        _anchorAs(modelOperator, model, root, 1, 5, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.NotOwnerOrOperator.selector, model, alice));
        _anchorAs(alice, model, root, 1, 5, 5);
        _anchorAs(bob, model, root, 1, 5, 5);
    }

    /// @dev Re-anchoring entries already anchored would let a gateway swap a root under a licensee's proofs.
    function test_attack_REWIND_overlappingOrEarlierRange() public {
        _anchorAs(alice, model, _root(entries), 10, 20, 5);
        bytes32 forged = _root(_hashes(5, 666));
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.RangeNotAfterLast.selector, model, 20, 20));
        _anchorAs(alice, model, forged, 20, 30, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.RangeNotAfterLast.selector, model, 1, 20));
        _anchorAs(alice, model, forged, 1, 9, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.RangeNotAfterLast.selector, model, 15, 20));
        _anchorAs(alice, model, forged, 15, 25, 5);
        assertEq(usageAnchors.anchorOf(model, 0).root, _root(entries), "the first root stands");
    }

    /// @dev Two anchors of the same entries in one block (an operator racing the owner, or a resent transaction):
    /// the first lands, the second reverts, so no range has two roots.
    function test_attack_FRONT_RUN_sameRangeInOneBlock() public {
        vm.prank(alice);
        usageAnchors.setOperator(gatewayOperator, true);
        bytes32 root = _root(entries);
        _anchorAs(gatewayOperator, model, root, 1, 5, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.RangeNotAfterLast.selector, model, 1, 5));
        _anchorAs(alice, model, _root(_hashes(5, 7)), 1, 5, 5);
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.RangeNotAfterLast.selector, model, 1, 5));
        _anchorAs(gatewayOperator, model, root, 1, 5, 5);
        assertEq(usageAnchors.anchorCount(model), 1);
    }

    function test_attack_ZERO_ROOT_commitsToNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageAnchors.ZeroRoot.selector, model));
        _anchorAs(alice, model, bytes32(0), 1, 5, 5);
    }

    /// @dev An inner node of the tree presented as an entry hash must not verify: leaves are hashed once more.
    function test_attack_INNER_NODE_passedAsEntry() public {
        bytes32[] memory four = _hashes(4, 3);
        _anchorAs(alice, model, _root(four), 1, 4, 4);
        bytes32 inner = _pairHash(_leaf(four[0]), _leaf(four[1]));
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = _pairHash(_leaf(four[2]), _leaf(four[3]));
        assertFalse(usageAnchors.verify(model, 0, inner, proof));
    }
}
