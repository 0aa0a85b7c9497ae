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
    /// and the invisible or reordering characters listed at `_hidden`.
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

    /// @dev C1 controls and the invisible or reordering characters a name must not carry: the
    /// soft hyphen U+00AD, combining grapheme joiner U+034F, Arabic letter mark U+061C, the Hangul
    /// fillers U+115F, U+1160, U+3164, U+FFA0, Khmer U+17B4–U+17B5, Mongolian vowel separator
    /// U+180E, zero-width space U+200B, the bidi marks U+200E–U+200F, the line and paragraph
    /// separators, embeddings and overrides U+2028–U+202E, word joiner, invisible operators,
    /// isolates and deprecated format characters U+2060–U+206F, the braille blank U+2800 (it looks
    /// like a space but is not one), the byte-order mark
    /// U+FEFF, the unassigned specials U+FFF0–U+FFF8 and interlinear annotations U+FFF9–U+FFFB,
    /// shorthand format controls U+1BCA0–U+1BCA3, musical format controls U+1D173–U+1D17A, and
    /// U+E0000–U+E0FFF, which Unicode keeps invisible whatever is assigned there (tags, the
    /// variation selectors supplement, and the rest reserved). Allowed, because living scripts
    /// need them: the zero-width non-joiner and joiner (U+200C, U+200D: Persian, Indic scripts,
    /// emoji sequences), the variation selectors U+FE00–U+FE0F (emoji presentation) and the
    /// Mongolian free variation selectors. Issuer names are also compared folded, with every invisible character removed
    /// (the SDK's `issuerNameKey`).
    function _hidden(uint256 cp) private pure returns (bool) {
        if (cp < 0x2000) {
            return
                (cp >= 0x80 && cp <= 0x9f) ||
                cp == 0xad ||
                cp == 0x034f ||
                cp == 0x061c ||
                cp == 0x115f ||
                cp == 0x1160 ||
                cp == 0x17b4 ||
                cp == 0x17b5 ||
                cp == 0x180e;
        }
        if (cp < 0x10000) {
            return
                cp == 0x200b ||
                cp == 0x200e ||
                cp == 0x200f ||
                (cp >= 0x2028 && cp <= 0x202e) ||
                (cp >= 0x2060 && cp <= 0x206f) ||
                cp == 0x2800 ||
                cp == 0x3164 ||
                cp == 0xfeff ||
                cp == 0xffa0 ||
                (cp >= 0xfff0 && cp <= 0xfffb);
        }
        return (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe0fff);
    }
}
