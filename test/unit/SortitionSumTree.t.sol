// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SortitionSumTree} from "../../src/libraries/SortitionSumTree.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Exposes the library on one tree, with the positions and members it keeps inside.
contract SortitionSumTreeHarness {
    using SortitionSumTree for SortitionSumTree.Tree;

    SortitionSumTree.Tree internal _tree;

    function set(address member, uint256 weight) external {
        _tree.set(member, weight);
    }

    function draw(uint256 ticket) external view returns (address member, uint256 weight) {
        return _tree.draw(ticket);
    }

    function total() external view returns (uint256) {
        return _tree.total;
    }

    function size() external view returns (uint256) {
        return _tree.size;
    }

    function weightOf(address member) external view returns (uint256) {
        return _tree.weightOf(member);
    }

    function positionOf(address member) external view returns (uint256) {
        return _tree.leaves[member].position;
    }

    function memberAt(uint256 position) external view returns (address) {
        return _tree.members[position];
    }
}

/// @notice The Fenwick sum tree behind the SortitionPool: totals and weights follow every `set`, a ticket lands on
/// the member whose cumulative range (in position order) holds it, zero-weight members are never drawn, positions
/// are kept and reused, and keccak tickets draw each member in proportion to its weight.
contract SortitionSumTreeTest is Test {
    /// @dev Members the fuzzed operations pick from: more than a power of two, so the tree is never "full".
    uint256 internal constant MEMBERS = 21;

    SortitionSumTreeHarness internal tree;
    address[MEMBERS] internal members;
    /// @dev The model: each member's weight.
    mapping(address member => uint256) internal modelWeight;

    function setUp() public {
        tree = new SortitionSumTreeHarness();
        for (uint256 i; i < MEMBERS; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            members[i] = address(uint160(0x1000 + i)); // small constants
        }
    }

    /// @dev Applies one packed operation: a member, and a weight that is zero a quarter of the time.
    function _apply(uint256 op) internal returns (address member, uint256 weight) {
        member = members[op % MEMBERS];
        weight = (op >> 8) % 4 == 0 ? 0 : bound(op >> 16, 1, type(uint96).max);
        tree.set(member, weight);
        modelWeight[member] = weight;
    }

    /// @dev The model's total.
    function _modelTotal() internal view returns (uint256 sum) {
        for (uint256 i; i < MEMBERS; ++i) {
            sum += modelWeight[members[i]];
        }
    }

    /// @dev The member whose range `[cumulative, cumulative + weight)`, walking positions in order, holds `ticket`.
    function _expectedMember(uint256 ticket) internal view returns (address) {
        uint256 cumulative = 0;
        for (uint256 position = 1; position <= tree.size(); ++position) {
            address member = tree.memberAt(position);
            uint256 weight = tree.weightOf(member);
            if (ticket < cumulative + weight) return member;
            cumulative += weight;
        }
        revert("ticket beyond the total");
    }

    /*//////////////////////////////////////////////////////////////
                                   SET
    //////////////////////////////////////////////////////////////*/

    function testFuzz_set_keepsWeightsTotalAndPositions(uint256[24] calldata ops) public {
        for (uint256 i; i < ops.length; ++i) {
            (address member, uint256 weight) = _apply(ops[i]);
            assertEq(tree.weightOf(member), weight, "weight");
            assertEq(tree.total(), _modelTotal(), "total");
        }
        // Every member that ever had weight holds exactly one position, in order of its first non-zero weight.
        uint256 size = tree.size();
        assertLe(size, MEMBERS);
        for (uint256 position = 1; position <= size; ++position) {
            address member = tree.memberAt(position);
            assertTrue(member != address(0), "position without a member");
            assertEq(tree.positionOf(member), position, "member and position agree");
        }
        assertEq(tree.memberAt(size + 1), address(0), "nothing beyond the size");
    }

    function testFuzz_set_zeroWeightForANewMemberAddsNothing(address member) public {
        tree.set(member, 0);
        assertEq(tree.size(), 0);
        assertEq(tree.positionOf(member), 0);
        assertEq(tree.total(), 0);
    }

    function testFuzz_set_positionIsKeptAndReusedWhenWeightReturns(uint96 first, uint96 second, uint96 third) public {
        first = uint96(bound(first, 1, type(uint96).max));
        third = uint96(bound(third, 1, type(uint96).max));
        address a = members[0];
        address b = members[1];
        address c = members[2];
        tree.set(a, 5);
        tree.set(b, first);
        tree.set(c, 7);
        assertEq(tree.positionOf(b), 2);

        tree.set(b, 0);
        assertEq(tree.size(), 3, "a zero weight keeps its position");
        assertEq(tree.positionOf(b), 2);
        assertEq(tree.total(), 12);
        // A zero-weight member is never drawn: every ticket lands on a or c.
        for (uint256 ticket; ticket < 12; ++ticket) {
            (address drawn, uint256 weight) = tree.draw(ticket);
            assertEq(drawn, ticket < 5 ? a : c);
            assertGt(weight, 0);
        }

        tree.set(b, second);
        tree.set(b, third);
        assertEq(tree.size(), 3, "no new position when weight returns");
        assertEq(tree.positionOf(b), 2, "the same position");
        assertEq(tree.memberAt(2), b);
        assertEq(tree.total(), 12 + uint256(third));
        (address middle,) = tree.draw(5);
        assertEq(middle, b, "b's range follows a's again");
        (address last,) = tree.draw(5 + uint256(third));
        assertEq(last, c);
    }

    /*//////////////////////////////////////////////////////////////
                                  DRAW
    //////////////////////////////////////////////////////////////*/

    function testFuzz_draw_landsOnTheMemberWhoseRangeHoldsTheTicket(uint256[16] calldata ops, uint256 ticket) public {
        for (uint256 i; i < ops.length; ++i) {
            _apply(ops[i]);
        }
        uint256 total = tree.total();
        vm.assume(total != 0);
        ticket = bound(ticket, 0, total - 1);
        (address member, uint256 weight) = tree.draw(ticket);
        assertEq(member, _expectedMember(ticket), "member");
        assertEq(weight, modelWeight[member], "weight");
        assertGt(weight, 0, "a zero-weight member was drawn");
    }

    /// @dev Both ends of every member's range land on it, so no ticket in `[0, total)` reaches a zero-weight member.
    function testFuzz_draw_rangeEndsLandOnTheirMemberAndZeroWeightsNever(uint256[16] calldata ops) public {
        for (uint256 i; i < ops.length; ++i) {
            _apply(ops[i]);
        }
        uint256 cumulative = 0;
        for (uint256 position = 1; position <= tree.size(); ++position) {
            address member = tree.memberAt(position);
            uint256 weight = modelWeight[member];
            assertEq(tree.weightOf(member), weight);
            if (weight == 0) continue;
            (address first,) = tree.draw(cumulative);
            (address last,) = tree.draw(cumulative + weight - 1);
            assertEq(first, member, "first ticket of the range");
            assertEq(last, member, "last ticket of the range");
            cumulative += weight;
        }
        assertEq(cumulative, tree.total(), "the ranges tile [0, total)");
    }

    function test_draw_singleMemberTakesEveryTicket() public {
        tree.set(members[3], 1);
        (address member, uint256 weight) = tree.draw(0);
        assertEq(member, members[3]);
        assertEq(weight, 1);
    }

    /*//////////////////////////////////////////////////////////////
                               STATISTICS
    //////////////////////////////////////////////////////////////*/

    /// @dev Eight validators with different stakes, 4,000 keccak tickets: each is drawn within five standard
    /// deviations of `draws × stake / total` (a binomial count, sigma = sqrt(n p (1 - p))). The check is exact in
    /// integers: `(count × total − n × stake)² ≤ 25 × n × stake × (total − stake)`.
    function test_draw_frequenciesFollowStake() public {
        uint256[8] memory stakes = [
            uint256(10_000 ether),
            12_500 ether,
            15_000 ether,
            20_000 ether,
            30_000 ether,
            50_000 ether,
            80_000 ether,
            150_000 ether
        ];
        // Position order differs from stake order, and one member leaves and comes back first.
        uint256[8] memory order = [uint256(3), 7, 0, 5, 1, 6, 2, 4];
        for (uint256 i; i < 8; ++i) {
            tree.set(members[order[i]], stakes[order[i]]);
        }
        tree.set(members[5], 0);
        tree.set(members[5], stakes[5]);

        uint256 draws = 4000;
        uint256[8] memory counts;
        uint256 total = tree.total();
        for (uint256 i; i < draws; ++i) {
            (address member,) = tree.draw(uint256(keccak256(abi.encode("ticket", i))) % total);
            ++counts[uint160(member) - 0x1000];
        }
        for (uint256 i; i < 8; ++i) {
            uint256 scaled = counts[i] * total;
            uint256 expected = draws * stakes[i];
            uint256 deviation = scaled > expected ? scaled - expected : expected - scaled;
            assertLe(deviation * deviation, 25 * draws * stakes[i] * (total - stakes[i]), "beyond 5 sigma");
            assertGt(counts[i], 0, "every member is drawn");
        }
    }
}
