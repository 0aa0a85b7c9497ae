// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title UTF-8 validation for strings written to the registry
/// @notice Every string the registry stores is checked once, when written, so every reader (ethers
/// v6 throws on invalid UTF-8; viem shows U+FFFD) sees the same text. Names are held to more: no
/// control characters and no invisible formatting that can reorder or disguise text.
library Utf8 {
    /// @dev Returned by `firstInvalid` when the whole string is acceptable.
    uint256 internal constant VALID = type(uint256).max;

    // The high bit of every byte in a 32-byte word: a word ANDed with it is zero when all 32 bytes are ASCII.
    uint256 private constant _HIGH_BITS = 0x8080808080808080808080808080808080808080808080808080808080808080;

    /// @notice The byte offset of the first sequence in `s` that is not well-formed UTF-8 (RFC 3629:
    /// no overlong forms, no surrogates, nothing above U+10FFFF), or VALID.
    /// @param s The string's bytes.
    /// @param name When true, also refuse what has no place in a name: C0 and C1 controls, DEL,
    /// the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069), the line and paragraph separators (U+2028, U+2029) and invisible
    /// characters that would let two names look alike (U+200B, U+2060, U+FEFF).
    /// @return offset The offset of the first offending sequence, or VALID.
    function firstInvalid(bytes calldata s, bool name) internal pure returns (uint256 offset) {
        uint256 n = s.length;
        uint256 i;
        while (i < n) {
            // Fast path for long free text: skip 32 ASCII bytes at once (any ASCII is allowed there).
            if (!name && i + 32 <= n) {
                uint256 word;
                // solhint-disable-next-line no-inline-assembly
                assembly ("memory-safe") {
                    word := calldataload(add(s.offset, i))
                }
                if (word & _HIGH_BITS == 0) {
                    i += 32;
                    continue;
                }
            }
            uint256 c = uint8(s[i]);
            if (c < 0x80) {
                if (name && (c < 0x20 || c == 0x7f)) return i;
                ++i;
                continue;
            }
            uint256 length;
            uint256 codePoint;
            uint256 smallest;
            if (c & 0xe0 == 0xc0) (length, codePoint, smallest) = (2, c & 0x1f, 0x80);
            else if (c & 0xf0 == 0xe0) (length, codePoint, smallest) = (3, c & 0x0f, 0x800);
            else if (c & 0xf8 == 0xf0) (length, codePoint, smallest) = (4, c & 0x07, 0x10000);
            else return i; // a continuation byte, or 0xf8 and above: never a first byte
            if (i + length > n) return i;
            for (uint256 k = 1; k < length; ++k) {
                uint256 b = uint8(s[i + k]);
                if (b & 0xc0 != 0x80) return i;
                codePoint = (codePoint << 6) | (b & 0x3f);
            }
            if (codePoint < smallest || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
            if (name && _hidden(codePoint)) return i;
            i += length;
        }
        return VALID;
    }

    /// @dev C1 controls and the formatting characters a name must not carry (see `firstInvalid`).
    function _hidden(uint256 cp) private pure returns (bool) {
        return
            (cp >= 0x80 && cp <= 0x9f) ||
            cp == 0x061c ||
            cp == 0x200b ||
            cp == 0x200e ||
            cp == 0x200f ||
            (cp >= 0x2028 && cp <= 0x202e) ||
            cp == 0x2060 ||
            (cp >= 0x2066 && cp <= 0x2069) ||
            cp == 0xfeff;
    }
}
