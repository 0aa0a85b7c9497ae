// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev Test-only: many view calls in one `eth_call`. The property tests compare the whole chain
/// with their model after every step (about 80 reads); one call instead of 80 makes them ten
/// times faster. Reverts with the first failing call's own revert data.
contract ReadBatch {
    function read(address[] calldata targets, bytes[] calldata data) external view returns (bytes[] memory results) {
        results = new bytes[](data.length);
        for (uint256 i; i < data.length; ++i) {
            (bool ok, bytes memory result) = targets[i].staticcall(data[i]);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(result, 32), mload(result))
                }
            }
            results[i] = result;
        }
    }
}
