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
            Base64.encode(bytes(_svg(c))),
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

    function _svg(Credential memory c) private pure returns (string memory) {
        string memory color = _statusColor(c.status);
        string memory head = string.concat(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 380" width="600" height="380" ',
            'font-family="Helvetica,Arial,sans-serif">',
            '<rect width="600" height="380" rx="24" fill="',
            _kindColor(c.kind),
            '"/><rect x="14" y="14" width="572" height="352" rx="16" fill="none" stroke="',
            color,
            '" stroke-width="4"/>',
            '<text x="40" y="62" font-size="15" fill="#cbd5e1" letter-spacing="3">',
            _upper(_kindLabel(c.kind)),
            "</text>",
            '<rect x="410" y="36" width="150" height="36" rx="18" fill="',
            color,
            '"/><text x="485" y="60" font-size="16" font-weight="700" fill="#ffffff" text-anchor="middle">',
            _upper(_statusLabel(c.status)),
            "</text>"
        );
        string memory body = string.concat(
            '<text x="40" y="118" font-size="28" font-weight="700" fill="#f8fafc">',
            TextEscape.xml(c.typeName, 34),
            '</text><text x="40" y="152" font-size="17" fill="#e2e8f0">Issued by ',
            TextEscape.xml(c.issuerName, 44),
            '</text><text x="40" y="178" font-size="12" fill="#94a3b8">',
            c.issuer.toChecksumHexString(),
            '</text><text x="40" y="232" font-size="16" fill="#e2e8f0">Issued ',
            _date(c.issuedAt),
            '</text><text x="40" y="260" font-size="16" fill="#e2e8f0">',
            c.validUntil == 0 ? "Does not expire" : string.concat("Valid until ", _date(c.validUntil)),
            '</text><text x="40" y="288" font-size="16" fill="#e2e8f0">Credential #',
            uint256(c.tokenId).toString(),
            c.credits == 0 ? "" : string.concat(" | ", _credits(c.credits), " credits"),
            "</text>"
        );
        return string.concat(head, body, _statusFooter(c), "</svg>");
    }

    function _statusFooter(Credential memory c) private pure returns (string memory) {
        if (c.status == CredentialStatus.Revoked) {
            return
                string.concat(
                    '<text x="300" y="230" font-size="88" font-weight="800" fill="#dc2626" fill-opacity="0.28" ',
                    'text-anchor="middle" transform="rotate(-14 300 200)">REVOKED</text>',
                    '<text x="40" y="322" font-size="15" fill="#fca5a5">Revoked ',
                    _date(c.revokedAt),
                    ": ",
                    _reasonLabel(c.revocationReason),
                    '</text><text x="40" y="344" font-size="13" fill="#fca5a5">',
                    TextEscape.xml(c.revocationNote, 64),
                    "</text>"
                );
        }
        if (c.status == CredentialStatus.Expired) {
            return
                string.concat(
                    '<text x="300" y="230" font-size="88" font-weight="800" fill="#d97706" fill-opacity="0.28" ',
                    'text-anchor="middle" transform="rotate(-14 300 200)">EXPIRED</text>',
                    '<text x="40" y="330" font-size="15" fill="#fcd34d">Expired ',
                    _date(c.validUntil),
                    "</text>"
                );
        }
        if (c.components.length != 0) {
            return
                string.concat(
                    '<text x="40" y="330" font-size="14" fill="#cbd5e1">Stacked from credentials ',
                    _tokenList(c.components),
                    "</text>"
                );
        }
        return '<text x="40" y="330" font-size="14" fill="#94a3b8">Verified on-chain by OnChainCert</text>';
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
