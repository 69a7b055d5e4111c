// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title IDaimmToken
/// @notice The DAIMM token: staked by validators and contributors, paid as rewards, and used to vote.
/// @dev ERC-20 with EIP-2612 permit and ERC-5805 votes. The whole supply is minted once, at deployment, by the genesis
/// distribution: allocations (each with the delegate its votes start with), an airdrop held by the token itself until
/// claimed, and the rest to the treasury (the governance timelock). There is no mint or burn function afterwards, so
/// `totalSupply()` never changes. Votes are checkpointed by timestamp (ERC-6372 `mode=timestamp`), which keeps
/// governance periods in seconds on every chain, L2s included.
///
/// Votes exist from genesis without an extra step: allocations are delegated at mint (an account to itself, a vesting
/// wallet to its beneficiary) and an airdrop claim delegates the claimer's votes to the claimer unless it names
/// another delegate. Ordinary transfers never delegate, so contracts that receive DAIMM (the StakeManager, the
/// splitter) never vote and transfers cost what plain ERC20Votes transfers cost.
interface IDaimmToken is IERC20Metadata, IERC20Permit, IERC5805 {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice One genesis allocation.
    /// @param account Receives `amount` at deployment.
    /// @param amount Tokens, in wei.
    /// @param delegatee Whom `account`'s votes are delegated to from genesis; zero leaves them undelegated.
    struct Allocation {
        address account;
        uint256 amount;
        address delegatee;
    }

    /// @notice The genesis airdrop: `amount` held by the token until claimed with a Merkle proof.
    /// @param merkleRoot Root of a tree whose leaves are `keccak256(bytes.concat(keccak256(abi.encode(account,
    /// amount))))` (OpenZeppelin's StandardMerkleTree of `(address, uint256)`), pairs hashed sorted.
    /// @param amount Tokens set aside for claims, in wei; zero means no airdrop.
    /// @param deadline Last second a claim is accepted; afterwards anyone may sweep the rest to the treasury.
    struct Airdrop {
        bytes32 merkleRoot;
        uint256 amount;
        uint64 deadline;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice The allocations and the airdrop add up to more than the supply.
    /// @param allocated Tokens the genesis tried to hand out, airdrop included.
    /// @param supply The fixed supply.
    error DaimmGenesisOverAllocated(uint256 allocated, uint256 supply);

    /// @notice An airdrop with tokens needs a Merkle root and a deadline in the future.
    /// @param merkleRoot The root given.
    /// @param deadline The deadline given.
    error DaimmAirdropInvalid(bytes32 merkleRoot, uint64 deadline);

    /// @notice `account` already claimed its airdrop.
    error DaimmAirdropAlreadyClaimed(address account);

    /// @notice The proof does not show that `(account, amount)` is a leaf of the airdrop's tree.
    error DaimmAirdropInvalidProof(address account, uint256 amount);

    /// @notice Claims ended at `deadline`.
    error DaimmAirdropClosed(uint64 deadline);

    /// @notice The unclaimed rest can only be swept after `deadline`.
    error DaimmAirdropStillOpen(uint64 deadline);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `account` received `amount` at genesis, its votes delegated to `delegatee` (zero: undelegated).
    event GenesisAllocated(address indexed account, uint256 amount, address indexed delegatee);

    /// @notice `account` claimed `amount` of the airdrop; its votes are delegated to `delegatee`.
    event AirdropClaimed(address indexed account, uint256 amount, address indexed delegatee);

    /// @notice After the deadline, `amount` left unclaimed went to `treasury`.
    event AirdropSwept(address indexed treasury, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The fixed supply, in wei (18 decimals), minted at deployment.
    function TOTAL_SUPPLY() external view returns (uint256);

    /// @notice The treasury (the governance timelock): receives what genesis does not allocate and the airdrop's
    /// unclaimed rest.
    function TREASURY() external view returns (address);

    /// @notice Root of the airdrop's Merkle tree (zero when there is no airdrop).
    function AIRDROP_ROOT() external view returns (bytes32);

    /// @notice Last second an airdrop claim is accepted.
    function AIRDROP_DEADLINE() external view returns (uint64);

    /// @notice Whether `account` has claimed its airdrop.
    function isClaimed(address account) external view returns (bool);

    /// @notice Claims the sender's airdrop of `amount` and delegates its votes, so they count from the next second.
    /// @dev Only the account of a leaf claims it, so nobody chooses another's delegate. With `delegatee` zero, an
    /// account that has not delegated yet is delegated to itself and one that has keeps its delegate.
    /// @param amount The sender's amount in the tree, in wei.
    /// @param delegatee Whom to delegate to; zero for the default above.
    /// @param proof Sibling hashes from the sender's leaf to the root.
    function claim(uint256 amount, address delegatee, bytes32[] calldata proof) external;

    /// @notice After the deadline, sends every token the token contract holds (the unclaimed airdrop, and anything
    /// sent to it by mistake) to the treasury. Anyone may call it.
    /// @return amount Tokens swept.
    function sweepUnclaimed() external returns (uint256 amount);
}
