// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ICredentialRenderer} from "./interfaces/ICredentialRenderer.sol";
import {
    CredentialKind,
    CredentialRecord,
    CredentialStatus,
    CredentialTypeInfo,
    IssuerProfile
} from "./interfaces/CredentialData.sol";
import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";
import {Credential} from "./interfaces/ICredentialLens.sol";
import {TextEscape} from "./libraries/TextEscape.sol";

/// @title On-chain ERC-721 metadata and SVG for OnChainCert credentials
/// @notice Stateless: everything is read from the registry at call time, so the image always
/// shows the credential's current status. Every string an issuer or admin supplied passes
/// through `TextEscape` before it reaches the JSON or the SVG.
contract CredentialRenderer is ICredentialRenderer {
    using Strings for uint256;
    using Strings for address;

    /// @inheritdoc ICredentialRenderer
    function tokenURI(ICredentialRegistry registry, uint256 tokenId) external view returns (string memory uri) {
        Credential memory c = _credential(registry, tokenId);
        CredentialTypeInfo memory t = registry.credentialType(c.typeId);
        string memory json = string.concat(
            '{"name":"',
            TextEscape.json(c.typeName),
            " #",
            tokenId.toString(),
            '","description":"',
            TextEscape.json(t.description),
            '","external_url":"',
            TextEscape.json(string.concat(registry.externalBaseURI(), tokenId.toString())),
            '","image":"data:image/svg+xml;base64,',
            Base64.encode(bytes(_svg(c, block.timestamp))),
            '","criteria_url":"',
            TextEscape.json(t.criteriaURL),
            '","attributes":',
            _attributes(c),
            "}"
        );
        return string.concat("data:application/json;base64,", Base64.encode(bytes(json)));
    }

    /// @dev The fields the card shows: the registry's record (and status), with the issuer's name.
    function _credential(ICredentialRegistry registry, uint256 tokenId) private view returns (Credential memory c) {
        CredentialRecord memory r = registry.credentialRecord(tokenId);
        IssuerProfile memory p = registry.issuer(r.issuerId);
        c.tokenId = r.tokenId;
        c.status = r.status;
        c.typeId = r.typeId;
        c.typeName = r.typeName;
        c.kind = r.kind;
        c.credits = r.credits;
        c.issuer = p.account;
        c.issuerName = p.name;
        c.issuedAt = r.issuedAt;
        c.validUntil = r.validUntil;
        c.revokedAt = r.revokedAt;
        c.revocationReason = r.revocationReason;
        c.revocationNote = r.revocationNote;
        c.components = r.components;
    }

    // ---------------------------------------------------------------- JSON

    function _attributes(Credential memory c) private pure returns (string memory a) {
        a = string.concat(
            '[{"trait_type":"Status","value":"',
            _statusLabel(c.status),
            '"},{"trait_type":"Kind","value":"',
            _kindLabel(c.kind),
            '"},{"trait_type":"Issuer","value":"',
            TextEscape.json(c.issuerName),
            '"},{"trait_type":"Issuer address","value":"',
            c.issuer.toChecksumHexString(),
            '"},{"display_type":"date","trait_type":"Issued","value":',
            uint256(c.issuedAt).toString(),
            "}"
        );
        if (c.validUntil != 0) {
            a = string.concat(
                a,
                ',{"display_type":"date","trait_type":"Valid until","value":',
                uint256(c.validUntil).toString(),
                "}"
            );
        }
        if (c.credits != 0) {
            a = string.concat(a, ',{"trait_type":"Credits","value":"', _credits(c.credits), '"}');
        }
        if (c.status == CredentialStatus.Revoked) {
            a = string.concat(
                a,
                ',{"trait_type":"Revocation reason","value":"',
                _reasonLabel(c.revocationReason),
                '"},{"trait_type":"Revocation note","value":"',
                TextEscape.json(c.revocationNote),
                '"},{"display_type":"date","trait_type":"Revoked","value":',
                uint256(c.revokedAt).toString(),
                "}"
            );
        }
        if (c.components.length != 0) {
            a = string.concat(a, ',{"trait_type":"Stacked from","value":"', _tokenList(c.components), '"}');
        }
        a = string.concat(a, "]");
    }

    // ---------------------------------------------------------------- SVG

    /// @dev Advance widths of printable ASCII (U+0020 to U+007E), in hundredths of an em: upper
    /// bounds over the sans-serif fonts a wallet or browser draws this card with (Helvetica,
    /// Arial, Liberation Sans, DejaVu Sans; regular or bold), so text measured with them fits.
    bytes private constant _ASCII_WIDTHS =
        hex"32323e58486f583232323e58323232324848484848484848484832325858583e6f5858585858585858323e58586f5858585858585858586f585858323232583e3248483e48483e4848323248326f484848483e3e3e48486f48483e48324858";
    /// @dev Any other character (accented and Cyrillic capitals, CJK ideographs, emoji), and "…".
    /// Rarer, wider glyphs (U+FDFD, U+2031, some Arabic ligatures) are held in their box by its clip.
    uint256 private constant _OTHER_WIDTH = 135;
    uint256 private constant _ELLIPSIS_WIDTH = 100;
    /// @dev Days before expiry from which a valid credential's card says "expires in n days".
    uint256 private constant _EXPIRY_NOTICE = 30 days;

    /// @dev The card, 600 x 380: kind and status at the top; the credential's name; the issuer's
    /// name and account; dates and number; then a footer band that, for a revoked or expired
    /// credential, says so in its colour with the date and reason. Every string an issuer wrote
    /// is drawn in a box of its own that clips it, at the largest size at which its estimated
    /// width fits the box, and cut with an ellipsis at the smallest (see `_line`).
    function _svg(Credential memory c, uint256 now_) private pure returns (string memory) {
        string memory color = _statusColor(c.status);
        // Revoked, expired, moved away or renounced: everything but the status is dimmed.
        bool voided = c.status != CredentialStatus.Valid;
        string memory head = string.concat(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 380" width="600" height="380" ',
            'font-family="Helvetica,Arial,sans-serif">',
            '<rect width="600" height="380" rx="24" fill="',
            _kindColor(c.kind),
            '"/><rect x="14" y="14" width="572" height="352" rx="16" fill="none" stroke="',
            color,
            '" stroke-width="6"/>',
            '<text x="40" y="60" font-size="12" font-weight="700" fill="#cbd5e1" letter-spacing="2">',
            _upper(_kindLabel(c.kind)),
            "</text>",
            '<rect x="424" y="34" width="140" height="36" rx="18" fill="',
            color,
            '"/><text x="494" y="58" font-size="17" font-weight="700" fill="#ffffff" text-anchor="middle">',
            _upper(_statusLabel(c.status)),
            "</text>"
        );
        string memory who = string.concat(
            voided ? '<g opacity="0.6">' : "<g>",
            _line(c.typeName, 116, 30, 18, 'font-weight="700" fill="#f8fafc"'),
            '<text x="40" y="150" font-size="12" font-weight="700" fill="#94a3b8" letter-spacing="2">ISSUED BY</text>',
            _line(c.issuerName, 178, 22, 15, 'font-weight="700" fill="#f8fafc"'),
            '<text x="40" y="202" font-size="14" font-family="Menlo,Consolas,DejaVu Sans Mono,monospace" ',
            'fill="#cbd5e1">',
            c.issuer.toChecksumHexString(),
            "</text>"
        );
        string memory when = string.concat(
            '<text x="40" y="238" font-size="16" fill="#e2e8f0">Issued ',
            _date(c.issuedAt),
            "</text>",
            _validity(c, now_),
            '<text x="40" y="286" font-size="16" fill="#e2e8f0">Credential #',
            uint256(c.tokenId).toString(),
            c.credits == 0 ? "" : string.concat(unicode" · ", _credits(c.credits), " credits"),
            "</text></g>"
        );
        return string.concat(head, who, when, _statusFooter(c), "</svg>");
    }

    /// @dev "Valid until …", with "expires in n days" in amber when a valid credential is close to it.
    function _validity(Credential memory c, uint256 now_) private pure returns (string memory) {
        if (c.validUntil == 0) return '<text x="40" y="262" font-size="16" fill="#e2e8f0">Does not expire</text>';
        string memory until = string.concat("Valid until ", _date(c.validUntil));
        if (c.status != CredentialStatus.Valid || c.validUntil > now_ + _EXPIRY_NOTICE) {
            return string.concat('<text x="40" y="262" font-size="16" fill="#e2e8f0">', until, "</text>");
        }
        uint256 days_ = (c.validUntil - now_) / 1 days;
        string memory left =
            days_ == 0
                ? "expires today"
                : string.concat("expires in ", days_.toString(), days_ == 1 ? " day" : " days");
        return
            string.concat(
                '<text x="40" y="262" font-size="16" font-weight="700" fill="#fcd34d">',
                until,
                unicode" · ",
                left,
                "</text>"
            );
    }

    function _statusFooter(Credential memory c) private pure returns (string memory) {
        if (c.status == CredentialStatus.Revoked) {
            return
                string.concat(
                    '<rect x="17" y="300" width="566" height="52" fill="#dc2626" fill-opacity="0.3"/>',
                    '<text x="40" y="322" font-size="15" font-weight="700" fill="#fecaca">REVOKED ',
                    _date(c.revokedAt),
                    ": ",
                    _reasonLabel(c.revocationReason),
                    "</text>",
                    _line(c.revocationNote, 342, 13, 13, 'fill="#fecaca"')
                );
        }
        if (c.status == CredentialStatus.Expired) {
            return
                string.concat(
                    '<rect x="17" y="300" width="566" height="52" fill="#d97706" fill-opacity="0.3"/>',
                    '<text x="40" y="331" font-size="16" font-weight="700" fill="#fde68a">EXPIRED ',
                    _date(c.validUntil),
                    "</text>"
                );
        }
        if (c.components.length != 0) {
            return
                _line(
                    string.concat("Stacked from credentials ", _tokenList(c.components)),
                    330,
                    14,
                    14,
                    'fill="#cbd5e1"'
                );
        }
        return '<text x="40" y="330" font-size="14" fill="#94a3b8">Verified on-chain by OnChainCert</text>';
    }

    /// @dev One line of text someone else wrote, at x = 40 with baseline `y`, in a 520-pixel box
    /// that clips it (a nested <svg> clips what it holds): at `size` if its estimated width fits,
    /// else at the size at which it does, down to `minSize`; below that, cut with an ellipsis to
    /// fit at `minSize`. Escaped for XML.
    function _line(
        string memory text,
        uint256 y,
        uint256 size,
        uint256 minSize,
        string memory attributes
    ) private pure returns (string memory) {
        uint256 box = 52000; // 520 pixels, in hundredths
        (uint256 width, uint256 fitting) = _measure(bytes(text), box / minSize - _ELLIPSIS_WIDTH);
        string memory shown;
        if (width * minSize <= box) {
            if (width * size > box) size = box / width;
            shown = TextEscape.xml(text, type(uint256).max);
        } else {
            size = minSize;
            shown = TextEscape.xml(text, fitting);
        }
        return
            string.concat(
                '<svg x="40" y="',
                (y - size).toString(),
                '" width="520" height="',
                ((size * 4) / 3).toString(),
                '" overflow="hidden"><text x="0" y="',
                size.toString(),
                '" font-size="',
                size.toString(),
                '" ',
                attributes,
                ">",
                shown,
                "</text></svg>"
            );
    }

    /// @dev The estimated width of `s` in hundredths of an em, and how many of its characters
    /// (counted as TextEscape counts them) fit within `budget`.
    function _measure(bytes memory s, uint256 budget) private pure returns (uint256 width, uint256 fitting) {
        uint256 i;
        while (i < s.length) {
            uint8 b = uint8(s[i]);
            if (b < 0x80) {
                // Control characters are drawn as spaces.
                width += b >= 0x20 && b < 0x7f ? uint8(_ASCII_WIDTHS[b - 0x20]) : uint8(_ASCII_WIDTHS[0]);
                ++i;
            } else {
                width += _OTHER_WIDTH;
                i +=
                    b >= 0xf0
                        ? 4
                        : b >= 0xe0
                            ? 3
                            : b >= 0xc0
                                ? 2
                                : 1;
            }
            if (width <= budget) ++fitting;
        }
    }

    // ---------------------------------------------------------------- labels and formats

    function _statusLabel(CredentialStatus s) private pure returns (string memory) {
        if (s == CredentialStatus.Valid) return "Valid";
        if (s == CredentialStatus.Expired) return "Expired";
        if (s == CredentialStatus.Revoked) return "Revoked";
        if (s == CredentialStatus.Moved) return "Moved";
        // The registry refuses tokenURI for unknown ids; the renderer called directly for a
        // renounced credential still answers, and says so.
        return "Renounced";
    }

    function _statusColor(CredentialStatus s) private pure returns (string memory) {
        if (s == CredentialStatus.Valid) return "#16a34a";
        if (s == CredentialStatus.Expired) return "#d97706";
        if (s == CredentialStatus.Revoked) return "#dc2626";
        return "#64748b";
    }

    function _kindLabel(CredentialKind k) private pure returns (string memory) {
        if (k == CredentialKind.Badge) return "Badge";
        if (k == CredentialKind.Certificate) return "Certificate";
        if (k == CredentialKind.SkillCertification) return "Skill certification";
        return "Professional development credit";
    }

    function _kindColor(CredentialKind k) private pure returns (string memory) {
        if (k == CredentialKind.Badge) return "#1e1b4b";
        if (k == CredentialKind.Certificate) return "#0f172a";
        if (k == CredentialKind.SkillCertification) return "#052e2b";
        return "#2a1a05";
    }

    function _reasonLabel(uint8 reason) private pure returns (string memory) {
        if (reason == 2) return "Issued in error";
        if (reason == 3) return "Misconduct";
        if (reason == 4) return "Superseded";
        if (reason == 5) return "Requirements no longer met";
        if (reason == 6) return "Holder request";
        if (reason == 254) return "The issuer's key was compromised";
        if (reason == 255) return "A component credential was revoked";
        return "Unspecified";
    }

    /// @dev "1.50" from 150 hundredths.
    function _credits(uint256 hundredths) private pure returns (string memory) {
        uint256 cents = hundredths % 100;
        return string.concat((hundredths / 100).toString(), ".", cents < 10 ? "0" : "", cents.toString());
    }

    function _tokenList(uint256[] memory ids) private pure returns (string memory list) {
        for (uint256 i; i < ids.length; ++i) {
            list = string.concat(list, i == 0 ? "#" : ", #", ids[i].toString());
        }
    }

    /// @dev ASCII upper case of a label we wrote ourselves (never user input).
    function _upper(string memory s) private pure returns (string memory) {
        bytes memory b = bytes(s);
        for (uint256 i; i < b.length; ++i) {
            if (b[i] >= 0x61 && b[i] <= 0x7A) b[i] = bytes1(uint8(b[i]) - 32);
        }
        return string(b);
    }

    /// @dev YYYY-MM-DD (UTC) from a Unix timestamp; H. Hinnant's civil-from-days algorithm.
    function _date(uint256 timestamp) private pure returns (string memory) {
        uint256 z = timestamp / 86400 + 719468;
        uint256 era = z / 146097;
        uint256 doe = z - era * 146097;
        uint256 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        uint256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        uint256 mp = (5 * doy + 2) / 153;
        uint256 day = doy - (153 * mp + 2) / 5 + 1;
        uint256 month = mp < 10 ? mp + 3 : mp - 9;
        uint256 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return string.concat(year.toString(), "-", _two(month), "-", _two(day));
    }

    function _two(uint256 v) private pure returns (string memory) {
        return v < 10 ? string.concat("0", v.toString()) : v.toString();
    }
}
