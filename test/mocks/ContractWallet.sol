// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice A smart-contract account for ERC-1271 tests: it accepts what its owner key signed, until the owner
/// revokes that hash.
contract ContractWallet is IERC1271 {
    address public immutable owner;
    mapping(bytes32 hash => bool) public revoked;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Stops accepting signatures of `hash`. Owner only.
    function revoke(bytes32 hash) external {
        require(msg.sender == owner, "not owner");
        revoked[hash] = true;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (revoked[hash]) return bytes4(0);
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(hash, signature);
        return error == ECDSA.RecoverError.NoError && signer == owner ? this.isValidSignature.selector : bytes4(0);
    }
}
