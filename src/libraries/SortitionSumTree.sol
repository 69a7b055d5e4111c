// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SortitionSumTree
/// @notice Weighted random selection over a growing set of members in O(log n): a Fenwick (binary indexed) tree of
/// weights. `draw(ticket)` returns the member whose cumulative weight range holds `ticket`, so a uniform ticket in
/// `[0, total)` picks each member with probability weight / total.
/// @dev Positions are 1-based and never reused: a member that drops to zero weight keeps its position (a zero leaf,
/// never drawn) and gets it back when its weight returns. Node `i` holds the sum of the leaves in
/// `(i - lowbit(i), i]`; appending position `n` initialises its node from two prefix sums, so the tree grows
/// without a capacity.
library SortitionSumTree {
    /// @dev A member's position and current weight, in one slot.
    struct Leaf {
        uint64 position;
        uint192 weight;
    }

    struct Tree {
        uint256 size;
        uint256 total;
        mapping(uint256 position => uint256) nodes;
        mapping(uint256 position => address) members;
        mapping(address member => Leaf) leaves;
    }

    /// @notice Sets `member`'s weight, adding it at the next position on its first non-zero weight.
    function set(Tree storage tree, address member, uint256 weight) internal {
        Leaf memory leaf = tree.leaves[member];
        if (leaf.weight == weight) return;
        uint256 position = leaf.position;
        if (position == 0) {
            position = ++tree.size;
            tree.nodes[position] = _prefix(tree, position - 1) - _prefix(tree, position - (position & (~position + 1)));
            tree.members[position] = member;
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        tree.leaves[member] = Leaf({position: uint64(position), weight: uint192(weight)});

        uint256 size = tree.size;
        if (weight > leaf.weight) {
            uint256 increase = weight - leaf.weight;
            tree.total += increase;
            for (uint256 i = position; i <= size; i += i & (~i + 1)) {
                tree.nodes[i] += increase;
            }
        } else {
            uint256 decrease = leaf.weight - weight;
            tree.total -= decrease;
            for (uint256 i = position; i <= size; i += i & (~i + 1)) {
                tree.nodes[i] -= decrease;
            }
        }
    }

    /// @notice The member whose cumulative weight range holds `ticket`, and its weight.
    /// @param ticket Below `tree.total`; the caller reduces its random word modulo the total.
    function draw(Tree storage tree, uint256 ticket) internal view returns (address member, uint256 weight) {
        uint256 size = tree.size;
        uint256 position = 0;
        uint256 step = size == 0 ? 0 : 2 ** Math.log2(size);
        for (; step != 0; step >>= 1) {
            uint256 next = position + step;
            if (next <= size) {
                uint256 node = tree.nodes[next];
                // `<=` skips zero leaves: the chosen position always has weight > 0.
                if (node <= ticket) {
                    position = next;
                    ticket -= node;
                }
            }
        }
        member = tree.members[position + 1];
        weight = tree.leaves[member].weight;
    }

    /// @notice `member`'s weight (zero if it never had one).
    function weightOf(Tree storage tree, address member) internal view returns (uint256) {
        return tree.leaves[member].weight;
    }

    /// @dev Sum of the leaves at positions 1 to `position`.
    function _prefix(Tree storage tree, uint256 position) private view returns (uint256 sum) {
        for (; position != 0; position &= position - 1) {
            sum += tree.nodes[position];
        }
    }
}
