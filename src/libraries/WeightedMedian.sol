// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title WeightedMedian
/// @notice The stake-weighted median of a committee's scores.
library WeightedMedian {
    /// @notice The lower weighted median: the smallest score `m` such that the reveals scoring at most `m` hold at
    /// least half of the total weight. It is always one of the scores, so it lies within [min, max]; ties resolve
    /// to the lower score, deterministically, whatever the order of the input.
    /// @dev Sorts `scores` and `weights` together in place (insertion sort; committees are small). Zero-weight
    /// entries count for nothing. An empty or all-zero input returns 0; callers check their quorum first.
    function lowerMedian(uint256[] memory scores, uint256[] memory weights) internal pure returns (uint256 median) {
        uint256 n = scores.length;
        uint256 total = 0;
        for (uint256 i; i < n; ++i) {
            total += weights[i];
            (uint256 score, uint256 weight) = (scores[i], weights[i]);
            uint256 j = i;
            for (; j != 0 && scores[j - 1] > score; --j) {
                scores[j] = scores[j - 1];
                weights[j] = weights[j - 1];
            }
            scores[j] = score;
            weights[j] = weight;
        }
        uint256 cumulative = 0;
        for (uint256 i; i < n; ++i) {
            cumulative += weights[i];
            if (cumulative != 0 && 2 * cumulative >= total) return scores[i];
        }
    }
}
