// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TextEscape} from "../libraries/TextEscape.sol";

/// @dev Test-only: exposes the TextEscape library so tests can feed it raw bytes.
contract TextEscapeHarness {
    function json(bytes calldata text) external pure returns (bytes memory) {
        return bytes(TextEscape.json(string(text)));
    }

    function xml(bytes calldata text, uint256 maxChars) external pure returns (bytes memory) {
        return bytes(TextEscape.xml(string(text), maxChars));
    }
}
