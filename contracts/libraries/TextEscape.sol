// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Escapes untrusted text for JSON strings and SVG (XML) text
/// @notice Whatever bytes an issuer stored, the output is valid UTF-8 that cannot end the
/// surrounding JSON string or XML text node: invalid UTF-8 sequences become U+FFFD, control
/// characters are escaped (JSON) or turned into spaces (XML, where most are illegal), and the
/// characters that carry meaning are escaped. Emoji and other valid UTF-8 pass through.
library TextEscape {
    bytes16 private constant _HEX = "0123456789abcdef";

    /// @notice `text` escaped for use between double quotes in JSON.
    function json(string memory text) internal pure returns (string memory) {
        return _escape(bytes(text), false, type(uint256).max);
    }

    /// @notice `text` escaped for an XML text node or attribute, cut to `maxChars` characters
    /// (code points) with an ellipsis when longer.
    function xml(string memory text, uint256 maxChars) internal pure returns (string memory) {
        return _escape(bytes(text), true, maxChars);
    }

    function _escape(bytes memory input, bool forXml, uint256 maxChars) private pure returns (string memory) {
        // Worst case per input byte: six output bytes ("\u00XX", "&quot;").
        bytes memory out = new bytes(input.length * 6 + 3);
        uint256 n;
        uint256 chars;
        uint256 i;
        while (i < input.length) {
            if (chars == maxChars) {
                n = _put3(out, n, 0xE2, 0x80, 0xA6); // "…"
                break;
            }
            uint8 c = uint8(input[i]);
            uint256 len = _sequenceLength(input, i);
            ++chars;
            if (len == 0) {
                // Not valid UTF-8 here: emit U+FFFD and move on by one byte.
                n = _put3(out, n, 0xEF, 0xBF, 0xBD);
                ++i;
            } else if (len > 1) {
                // U+FFFE and U+FFFF are not characters in XML 1.0.
                if (forXml && len == 3 && c == 0xEF && uint8(input[i + 1]) == 0xBF && uint8(input[i + 2]) >= 0xBE) {
                    n = _put3(out, n, 0xEF, 0xBF, 0xBD);
                } else {
                    for (uint256 k; k < len; ++k) out[n++] = input[i + k];
                }
                i += len;
            } else {
                n = forXml ? _xmlByte(out, n, c) : _jsonByte(out, n, c);
                ++i;
            }
        }
        assembly ("memory-safe") {
            mstore(out, n) // shrink to the bytes written; the buffer was sized for the worst case
        }
        return string(out);
    }

    function _jsonByte(bytes memory out, uint256 n, uint8 c) private pure returns (uint256) {
        if (c == 0x22 || c == 0x5C) {
            out[n++] = "\\";
            out[n++] = bytes1(c);
        } else if (c < 0x20 || c == 0x7F) {
            out[n++] = "\\";
            out[n++] = "u";
            out[n++] = "0";
            out[n++] = "0";
            out[n++] = _HEX[c >> 4];
            out[n++] = _HEX[c & 0x0F];
        } else {
            out[n++] = bytes1(c);
        }
        return n;
    }

    function _xmlByte(bytes memory out, uint256 n, uint8 c) private pure returns (uint256) {
        bytes memory entity;
        if (c == 0x26) entity = "&amp;";
        else if (c == 0x3C) entity = "&lt;";
        else if (c == 0x3E) entity = "&gt;";
        else if (c == 0x22) entity = "&quot;";
        else if (c == 0x27) entity = "&#39;";
        else if (c < 0x20 || c == 0x7F) entity = " ";
        else entity = abi.encodePacked(bytes1(c));
        for (uint256 k; k < entity.length; ++k) out[n++] = entity[k];
        return n;
    }

    function _put3(bytes memory out, uint256 n, uint8 a, uint8 b, uint8 c) private pure returns (uint256) {
        out[n] = bytes1(a);
        out[n + 1] = bytes1(b);
        out[n + 2] = bytes1(c);
        return n + 3;
    }

    /// @dev Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629, table 3-7 of
    /// the Unicode standard), or 0 when the bytes there are not one.
    function _sequenceLength(bytes memory s, uint256 i) private pure returns (uint256) {
        uint8 c = uint8(s[i]);
        if (c < 0x80) return 1;
        uint256 len;
        uint8 lo = 0x80;
        uint8 hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            else if (c == 0xED) hi = 0x9F; // no UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            else if (c == 0xF4) hi = 0x8F; // nothing above U+10FFFF
        } else {
            return 0;
        }
        if (i + len > s.length) return 0;
        uint8 second = uint8(s[i + 1]);
        if (second < lo || second > hi) return 0;
        for (uint256 k = 2; k < len; ++k) {
            uint8 next = uint8(s[i + k]);
            if (next < 0x80 || next > 0xBF) return 0;
        }
        return len;
    }
}
