// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDaimmToken} from "./interfaces/IDaimmToken.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit, IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title DaimmToken
/// @notice Staking, reward and governance token of DAIMM, with a fixed supply handed out by a genesis distribution.
/// @dev The airdrop lives in the token (as ENS's did) so that a claim can delegate the claimer with the internal
/// `_delegate`: no other contract gets the power to delegate for an account, and `_update` stays plain ERC20Votes.
contract DaimmToken is ERC20, ERC20Permit, ERC20Votes, IDaimmToken {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS AND IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IDaimmToken
    uint256 public constant TOTAL_SUPPLY = 1_000_000_000 ether;

    /// @inheritdoc IDaimmToken
    address public immutable TREASURY;

    /// @inheritdoc IDaimmToken
    bytes32 public immutable AIRDROP_ROOT;

    /// @inheritdoc IDaimmToken
    uint64 public immutable AIRDROP_DEADLINE;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    mapping(address account => bool claimed) private _claimed;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param treasury Receives what the allocations and the airdrop leave of the supply, and the airdrop's unclaimed
    /// rest; its votes stay undelegated. `_mint` rejects the zero address.
    /// @param allocations Minted first, each delegated as it says.
    /// @param airdrop Held by the token until claimed; `amount` zero for none.
    constructor(address treasury, Allocation[] memory allocations, Airdrop memory airdrop)
        ERC20("DAIMM", "DAIMM")
        ERC20Permit("DAIMM")
    {
        uint256 allocated = airdrop.amount;
        for (uint256 i; i < allocations.length; ++i) {
            Allocation memory a = allocations[i];
            allocated += a.amount;
            if (a.delegatee != address(0)) _delegate(a.account, a.delegatee);
            _mint(a.account, a.amount);
            emit GenesisAllocated(a.account, a.amount, a.delegatee);
        }
        if (allocated > TOTAL_SUPPLY) revert DaimmGenesisOverAllocated(allocated, TOTAL_SUPPLY);

        if (airdrop.amount != 0) {
            if (airdrop.merkleRoot == bytes32(0) || airdrop.deadline <= block.timestamp) {
                revert DaimmAirdropInvalid(airdrop.merkleRoot, airdrop.deadline);
            }
            _mint(address(this), airdrop.amount);
        }
        TREASURY = treasury;
        AIRDROP_ROOT = airdrop.merkleRoot;
        AIRDROP_DEADLINE = airdrop.deadline;
        _mint(treasury, TOTAL_SUPPLY - allocated);
        emit GenesisAllocated(treasury, TOTAL_SUPPLY - allocated, address(0));
    }

    /*//////////////////////////////////////////////////////////////
                                 AIRDROP
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IDaimmToken
    function claim(uint256 amount, address delegatee, bytes32[] calldata proof) external {
        if (block.timestamp > AIRDROP_DEADLINE) revert DaimmAirdropClosed(AIRDROP_DEADLINE);
        if (_claimed[msg.sender]) revert DaimmAirdropAlreadyClaimed(msg.sender);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender, amount))));
        if (!MerkleProof.verifyCalldata(proof, AIRDROP_ROOT, leaf)) {
            revert DaimmAirdropInvalidProof(msg.sender, amount);
        }
        _claimed[msg.sender] = true;

        address current = delegates(msg.sender);
        if (delegatee == address(0)) delegatee = current == address(0) ? msg.sender : current;
        if (delegatee != current) _delegate(msg.sender, delegatee);
        _transfer(address(this), msg.sender, amount);
        emit AirdropClaimed(msg.sender, amount, delegatee);
    }

    /// @inheritdoc IDaimmToken
    function sweepUnclaimed() external returns (uint256 amount) {
        if (block.timestamp <= AIRDROP_DEADLINE) revert DaimmAirdropStillOpen(AIRDROP_DEADLINE);
        amount = balanceOf(address(this));
        _transfer(address(this), TREASURY, amount);
        emit AirdropSwept(TREASURY, amount);
    }

    /// @inheritdoc IDaimmToken
    function isClaimed(address account) external view returns (bool) {
        return _claimed[account];
    }

    /*//////////////////////////////////////////////////////////////
                                  CLOCK
    //////////////////////////////////////////////////////////////*/

    /// @notice Votes are checkpointed by timestamp, so governance periods are in seconds on any chain.
    function clock() public view override(Votes, IERC6372) returns (uint48) {
        return Time.timestamp();
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(Votes, IERC6372) returns (string memory) {
        return "mode=timestamp";
    }

    /*//////////////////////////////////////////////////////////////
                            REQUIRED OVERRIDES
    //////////////////////////////////////////////////////////////*/

    function nonces(address owner) public view override(ERC20Permit, IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
