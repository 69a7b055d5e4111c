// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {UsageAnchors} from "../../../src/UsageAnchors.sol";
import {IUsageAnchors} from "../../../src/interfaces/IUsageAnchors.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Owners anchor their models' usage roots, delegate and revoke operators, and sell models to each other; an
/// attacker (and every operator, whether or not it is still delegated) tries to anchor any model, with ranges that
/// overlap, rewind or repeat the last one, and zero roots. The handler keeps its own model of who may anchor.
contract UsageHandler is CommonBase, StdUtils {
    UsageAnchors public immutable anchors;
    ModelRegistry public immutable registry;
    address public immutable attacker;
    address[] public owners;
    address[] public operators;
    uint256[] public models;

    /// @dev The handler's own record of delegations, to predict `canAnchor` independently of the contract.
    mapping(address owner => mapping(address operator => bool)) public ghost_operator;
    mapping(uint256 model => mapping(address owner => mapping(address operator => bool))) public ghost_modelOperator;
    mapping(uint256 model => uint256) public ghost_anchorCount;
    mapping(uint256 model => uint64) public ghost_lastSeq;
    mapping(uint256 model => mapping(uint256 index => bytes32)) public ghost_root;
    /// @dev Anchors that landed although the handler predicted a refusal (or the reverse): must stay 0.
    uint256 public ghost_unauthorizedAnchors;
    uint256 public ghost_refusedRightfulAnchors;
    /// @dev Anchors whose range did not start after the model's last one, or with a zero root, that landed.
    uint256 public ghost_badRangesAccepted;
    uint256 public ghost_attempts;

    constructor(
        UsageAnchors anchors_,
        ModelRegistry registry_,
        address[] memory owners_,
        address[] memory operators_,
        uint256[] memory models_,
        address attacker_
    ) {
        anchors = anchors_;
        registry = registry_;
        owners = owners_;
        operators = operators_;
        models = models_;
        attacker = attacker_;
    }

    function modelCount() external view returns (uint256) {
        return models.length;
    }

    function _model(uint256 seed) private view returns (uint256) {
        return models[bound(seed, 0, models.length - 1)];
    }

    function _mayAnchor(uint256 model, address account) private view returns (bool) {
        address owner = registry.ownerOf(model);
        return account == owner || ghost_operator[owner][account] || ghost_modelOperator[model][owner][account];
    }

    /// @dev Any account among owners, operators and the attacker tries to anchor; the range starts `gap` after (or,
    /// when `rewind` is set, up to `gap` before) the model's last anchored position.
    function anchor(uint256 callerSeed, uint256 modelSeed, uint64 gap, uint64 length, bool rewind, bool zeroRoot)
        external
    {
        uint256 pool = owners.length + operators.length + 1;
        uint256 pick = bound(callerSeed, 0, pool - 1);
        address caller = pick < owners.length
            ? owners[pick]
            : pick < owners.length + operators.length ? operators[pick - owners.length] : attacker;
        uint256 model = _model(modelSeed);
        uint64 last = ghost_lastSeq[model];
        gap = uint64(bound(gap, 0, 5));
        uint64 fromSeq = rewind ? (last > gap ? last - gap : 1) : last + 1 + gap;
        uint64 toSeq = fromSeq + uint64(bound(length, 0, 9));
        bytes32 root = zeroRoot ? bytes32(0) : keccak256(abi.encode(model, fromSeq, toSeq, caller));
        bool authorized = _mayAnchor(model, caller);
        bool valid = root != bytes32(0) && fromSeq > last;
        ++ghost_attempts;
        vm.prank(caller);
        try anchors.anchor(model, root, fromSeq, toSeq, 1) returns (uint256 index) {
            if (!authorized) ++ghost_unauthorizedAnchors;
            if (!valid) ++ghost_badRangesAccepted;
            ghost_root[model][index] = root;
            ghost_anchorCount[model] = index + 1;
            ghost_lastSeq[model] = toSeq;
        } catch {
            if (authorized && valid) ++ghost_refusedRightfulAnchors;
        }
    }

    function setOperator(uint256 ownerSeed, uint256 operatorSeed, bool approved) external {
        address owner = owners[bound(ownerSeed, 0, owners.length - 1)];
        address operator = operators[bound(operatorSeed, 0, operators.length - 1)];
        vm.prank(owner);
        anchors.setOperator(operator, approved);
        ghost_operator[owner][operator] = approved;
    }

    /// @dev The current owner delegates or revokes; a non-owner's attempt must be refused.
    function setModelOperator(uint256 modelSeed, uint256 callerSeed, uint256 operatorSeed, bool approved) external {
        uint256 model = _model(modelSeed);
        address caller = owners[bound(callerSeed, 0, owners.length - 1)];
        address operator = operators[bound(operatorSeed, 0, operators.length - 1)];
        vm.prank(caller);
        try anchors.setModelOperator(model, operator, approved) {
            if (registry.ownerOf(model) != caller) ++ghost_unauthorizedAnchors;
            ghost_modelOperator[model][caller][operator] = approved;
        } catch (bytes memory reason) {
            // The selector is the reason's first four bytes.
            // forge-lint: disable-next-line(unsafe-typecast)
            bytes4 selector = bytes4(reason);
            if (registry.ownerOf(model) == caller || selector != IUsageAnchors.NotModelOwner.selector) {
                ++ghost_refusedRightfulAnchors;
            }
        }
    }

    /// @dev A model changes hands: the seller's delegations must stop applying to it.
    function transfer(uint256 modelSeed, uint256 toSeed) external {
        uint256 model = _model(modelSeed);
        address from = registry.ownerOf(model);
        address to = owners[bound(toSeed, 0, owners.length - 1)];
        vm.prank(from);
        registry.transferFrom(from, to, model);
    }
}
