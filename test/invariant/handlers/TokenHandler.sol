// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmToken} from "../../../src/DaimmToken.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Moves DAIMM among a fixed set of actors by transfer, allowance, permit and delegation. Every action is
/// bounded so it cannot revert, and the ghost ledger records whom each actor delegates to.
contract TokenHandler is CommonBase, StdCheats, StdUtils {
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    DaimmToken public immutable token;
    address[] public actors;
    mapping(address actor => uint256 key) private _keys;

    mapping(address actor => address delegatee) public ghost_delegateOf;
    uint256 public ghost_transferred;
    uint256 public ghost_permits;

    address private _actor;

    /// @dev The airdrop's leaves, with their proofs, and what claims and the sweep moved out of the token.
    struct Leaf {
        address account;
        uint256 amount;
        bytes32[] proof;
    }

    Leaf[] private _leaves;
    uint256 public ghost_airdropClaimed;
    uint256 public ghost_airdropSwept;
    /// @dev Claims that paid someone other than the leaf's account, or paid a leaf twice: must stay zero.
    uint256 public ghost_airdropStolen;
    mapping(address account => bool claimed) public ghost_claimed;

    modifier useActor(uint256 seed) {
        _actor = actors[bound(seed, 0, actors.length - 1)];
        _;
    }

    /// @param genesisHolder A genesis holder (the tests' reserve), actor 0: it starts with a balance and a delegate.
    constructor(DaimmToken token_, address genesisHolder) {
        token = token_;
        actors.push(genesisHolder);
        ghost_delegateOf[genesisHolder] = token_.delegates(genesisHolder);
        string[4] memory names = ["holder0", "holder1", "holder2", "holder3"];
        for (uint256 i; i < names.length; ++i) {
            (address actor, uint256 key) = makeAddrAndKey(names[i]);
            actors.push(actor);
            _keys[actor] = key;
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function transfer(uint256 actorSeed, uint256 toSeed, uint256 amount) external useActor(actorSeed) {
        address to = actors[bound(toSeed, 0, actors.length - 1)];
        amount = bound(amount, 0, token.balanceOf(_actor));
        vm.prank(_actor);
        assert(token.transfer(to, amount));
        ghost_transferred += amount;
    }

    function transferFrom(uint256 actorSeed, uint256 ownerSeed, uint256 toSeed, uint256 amount)
        external
        useActor(actorSeed)
    {
        address owner = actors[bound(ownerSeed, 0, actors.length - 1)];
        address to = actors[bound(toSeed, 0, actors.length - 1)];
        amount = bound(amount, 0, token.balanceOf(owner));
        vm.prank(owner);
        token.approve(_actor, amount);
        vm.prank(_actor);
        assert(token.transferFrom(owner, to, amount));
        ghost_transferred += amount;
    }

    function permit(uint256 actorSeed, uint256 spenderSeed, uint256 value) external useActor(actorSeed) {
        uint256 key = _keys[_actor];
        if (key == 0) return; // the genesis holder's key is not known here
        address spender = actors[bound(spenderSeed, 0, actors.length - 1)];
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, _actor, spender, value, token.nonces(_actor), deadline));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        token.permit(_actor, spender, value, deadline, v, r, s);
        ghost_permits++;
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external useActor(actorSeed) {
        address delegatee = actors[bound(delegateeSeed, 0, actors.length - 1)];
        vm.prank(_actor);
        token.delegate(delegatee);
        ghost_delegateOf[_actor] = delegatee;
    }

    function addLeaf(address account, uint256 amount, bytes32[] calldata proof) external {
        _leaves.push(Leaf(account, amount, proof));
    }

    /// @dev A claimer, rightful or not (an actor replaying another's leaf and proof), claims a leaf; only the
    /// leaf's account, once, before the deadline, may succeed.
    function claimAirdrop(uint256 leafSeed, uint256 claimerSeed, bool replay) external {
        if (_leaves.length == 0) return;
        Leaf memory leaf = _leaves[bound(leafSeed, 0, _leaves.length - 1)];
        address claimer = replay ? actors[bound(claimerSeed, 0, actors.length - 1)] : leaf.account;
        vm.prank(claimer);
        try token.claim(leaf.amount, address(0), leaf.proof) {
            if (claimer != leaf.account || ghost_claimed[claimer]) ghost_airdropStolen++;
            ghost_claimed[claimer] = true;
            ghost_airdropClaimed += leaf.amount;
        } catch {}
    }

    /// @dev Anyone sweeps; it only succeeds after the deadline.
    function sweepAirdrop() external {
        try token.sweepUnclaimed() returns (uint256 amount) {
            ghost_airdropSwept += amount;
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 1 weeks));
    }
}
