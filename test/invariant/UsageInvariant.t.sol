// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IUsageAnchors} from "../../src/interfaces/IUsageAnchors.sol";
import {Base} from "../Base.t.sol";
import {UsageHandler} from "./handlers/UsageHandler.sol";

contract UsageInvariantTest is Base {
    UsageHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory owners = new address[](3);
        (owners[0], owners[1], owners[2]) = (alice, bob, carol);
        address[] memory operators = new address[](2);
        (operators[0], operators[1]) = (makeAddr("gateway A"), makeAddr("gateway B"));
        uint256[] memory models = new uint256[](3);
        models[0] = _register(alice, "usage model A");
        models[1] = _register(bob, "usage model B");
        models[2] = _register(carol, "usage model C");
        handler = new UsageHandler(usageAnchors, registry, owners, operators, models, mallory);
        targetContract(address(handler));
    }

    /// @dev Only a model's owner or an operator its current owner delegated ever anchors, and they always can.
    function invariant_onlyOwnerOrCurrentOperatorAnchors() public view {
        assertEq(handler.ghost_unauthorizedAnchors(), 0);
        assertEq(handler.ghost_refusedRightfulAnchors(), 0);
    }

    /// @dev No zero root, no range that overlaps or rewinds a model's previous one.
    function invariant_rangesOnlyMoveForward() public view {
        assertEq(handler.ghost_badRangesAccepted(), 0);
        for (uint256 m; m < handler.modelCount(); ++m) {
            uint256 model = handler.models(m);
            uint256 count = usageAnchors.anchorCount(model);
            assertEq(count, handler.ghost_anchorCount(model));
            uint64 previousTo;
            for (uint256 i; i < count; ++i) {
                IUsageAnchors.Anchor memory a = usageAnchors.anchorOf(model, i);
                assertGt(a.fromSeq, previousTo);
                assertGe(a.toSeq, a.fromSeq);
                assertEq(a.root, handler.ghost_root(model, i), "an anchored root never changes");
                assertTrue(a.root != bytes32(0));
                previousTo = a.toSeq;
            }
            assertEq(usageAnchors.lastSeq(model), previousTo);
            assertEq(previousTo, handler.ghost_lastSeq(model));
        }
    }
}
