// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Bit packing truncates on purpose: every narrowing cast below reads a field that was written at that width.
// forge-lint: disable-start(unsafe-typecast)
/// @title CidV1
/// @notice Reads and writes binary IPFS CIDs of the one form DAIMM stores: CIDv1 with a sha2-256 multihash.
/// @dev Binary layout: `0x01` (version) ‖ varint(codec) ‖ `0x12` (sha2-256) ‖ `0x20` (32 bytes) ‖ digest.
/// On-chain the CID is kept as (codec, digest); codecs are limited to 16 bits, which covers raw (0x55),
/// dag-pb (0x70), dag-cbor (0x71) and dag-json (0x0129).
library CidV1 {
    /// @notice The CID is not version 1. CIDv0 (`Qm…`) reports version 0: convert it to v1 (same digest,
    /// codec dag-pb), as the SDK's `cidToOnchain` does.
    error CidUnsupportedVersion(uint256 version);
    /// @notice The multihash is not sha2-256 with a 32-byte digest.
    error CidUnsupportedMultihash(uint256 code, uint256 length);
    /// @notice The content codec does not fit in 16 bits.
    error CidUnsupportedCodec(uint256 codec);
    /// @notice The bytes are not a CID: truncated, trailing bytes, or a bad varint.
    error CidMalformed(bytes cid);

    uint256 private constant _SHA2_256 = 0x12;
    uint256 private constant _DIGEST_LENGTH = 32;

    /// @notice Parses a binary CIDv1 with a sha2-256 multihash, reverting with a specific error otherwise.
    function parse(bytes calldata cid) internal pure returns (uint16 codec, bytes32 digest) {
        if (cid.length == 34 && uint8(cid[0]) == _SHA2_256 && uint8(cid[1]) == _DIGEST_LENGTH) {
            revert CidUnsupportedVersion(0);
        }
        if (cid.length < 36) revert CidMalformed(cid);
        if (uint8(cid[0]) != 1) revert CidUnsupportedVersion(uint8(cid[0]));

        // varint codec: at most 3 bytes, since larger codecs are rejected anyway.
        uint256 value = 0;
        uint256 i = 1;
        for (uint256 shift;; shift += 7) {
            if (i > 3 || i >= cid.length) revert CidMalformed(cid);
            uint8 b = uint8(cid[i++]);
            value |= uint256(b & 0x7f) << shift;
            if (b < 0x80) break;
        }
        if (value > type(uint16).max) revert CidUnsupportedCodec(value);
        if (cid.length < i + 2) revert CidMalformed(cid);
        uint256 code = uint8(cid[i]);
        uint256 length = uint8(cid[i + 1]);
        if (code != _SHA2_256 || length != _DIGEST_LENGTH) revert CidUnsupportedMultihash(code, length);
        if (cid.length != i + 2 + _DIGEST_LENGTH) revert CidMalformed(cid);
        return (uint16(value), bytes32(cid[i + 2:]));
    }

    /// @notice The binary CIDv1 of (codec, digest).
    function encode(uint16 codec, bytes32 digest) internal pure returns (bytes memory) {
        if (codec < 0x80) return abi.encodePacked(uint8(1), uint8(codec), uint8(0x12), uint8(0x20), digest);
        if (codec < 0x4000) {
            return
                abi.encodePacked(
                    uint8(1), uint8(codec & 0x7f) | 0x80, uint8(codec >> 7), uint8(0x12), uint8(0x20), digest
                );
        }
        return abi.encodePacked(
            uint8(1),
            uint8(codec & 0x7f) | 0x80,
            uint8((codec >> 7) & 0x7f) | 0x80,
            uint8(codec >> 14),
            uint8(0x12),
            uint8(0x20),
            digest
        );
    }

    /// @notice The CID as a string, multibase base32 (`b…`), the form IPFS tools print for CIDv1.
    function toString(uint16 codec, bytes32 digest) internal pure returns (string memory) {
        bytes memory data = encode(codec, digest);
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        bytes memory out = new bytes(1 + (data.length * 8 + 4) / 5);
        out[0] = "b";
        uint256 buffer = 0;
        uint256 bits = 0;
        uint256 j = 1;
        for (uint256 i; i < data.length; ++i) {
            buffer = (buffer << 8) | uint8(data[i]);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[j++] = alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0) out[j] = alphabet[(buffer << (5 - bits)) & 31];
        return string(out);
    }
}
// forge-lint: disable-end(unsafe-typecast)
