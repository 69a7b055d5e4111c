// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Base} from "../Base.t.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";

contract RegistryInvariantTest is Base {
    RegistryHandler internal handler;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        actors = [alice, bob, carol, mallory];
        uint256[] memory keys = new uint256[](actors.length);
        (keys[0], keys[1]) = (aliceKey, bobKey);
        handler = new RegistryHandler(registry, actors, keys, mallory, uint256(keccak256("mallory")));
        targetContract(address(handler));
    }

    /// @dev Every fingerprint maps to exactly one token, and no registration ever duplicated one.
    function invariant_oneIdPerFingerprint() public view {
        assertEq(handler.ghost_duplicates(), 0);
        for (uint256 i; i < handler.idCount(); ++i) {
            assertTrue(registry.exists(handler.ids(i)));
        }
    }

    /// @dev Tokens only move among the actors, so their balances add up to the number of registered ids.
    function invariant_balancesSumToTokenCount() public view {
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) {
            sum += registry.balanceOf(actors[i]);
        }
        assertEq(sum, handler.idCount());
    }

    function invariant_onlyOwnerOrApprovedChangesModel() public view {
        assertEq(handler.ghost_unauthorizedChanges(), 0);
    }

    /// @dev Walking up from any model reaches a root within as many steps as there are models.
    function invariant_lineageHasNoCycles() public view {
        uint256 count = handler.idCount();
        for (uint256 i; i < count; ++i) {
            uint256[] memory ancestors = registry.lineageOf(handler.ids(i), count + 1);
            assertLe(ancestors.length, count - 1);
        }
    }

    function invariant_frontRunnerCannotTakeCommittedModel() public view {
        assertEq(handler.ghost_frontRunnerWins(), 0);
    }

    /// @dev H-2: a commitment made in the same block as a registration, or after its publisher signed, never takes
    /// it over.
    function invariant_lateCommitmentNeverTakesRegistration() public view {
        assertEq(handler.ghost_registrationsStolen(), 0);
    }
}
