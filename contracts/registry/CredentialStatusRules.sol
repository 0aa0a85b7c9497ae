// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialStatus} from "../interfaces/CredentialData.sol";
import {HolderIndex} from "./HolderIndex.sol";

/// @title What "Valid" means: the one place a credential's status is decided
/// @notice Every read (the lens's `verify` and `credentialsOf`, `hasValidCredential`, tokenURI)
/// and every write that depends on status (the one-per-type rule, stack claims, renewals, moves)
/// asks `_status`. In order:
/// 1. Unknown: never issued.
/// 2. Revoked: by its issuer or the admin (reason 1–6); or a key-compromise watermark over the
///    issuer that vouches for it covers its (original) token id (254); or, for a stack, one of
///    the components it was built from is revoked in any of these ways (255).
/// 3. Renounced: its holder removed it (a revocation, above, still shows).
/// 4. Moved: it was re-issued to its holder's new address; or, for a stack, a component it was
///    built from was moved to another address (the stack follows it when moved there too).
/// 5. Expired: it has an expiry and the block time is past it.
/// 6. Valid.
abstract contract CredentialStatusRules is HolderIndex {
    /// @dev A credential's status now; for Revoked also the effective reason, when, and the
    /// credential whose note explains it (itself, a component, or 0 for a watermark).
    function _status(
        uint256 tokenId
    ) internal view returns (CredentialStatus status, uint256 reason, uint256 revokedAt, uint256 noteTokenId) {
        uint256 record = _records[tokenId];
        if (record == 0) return (CredentialStatus.Unknown, 0, 0, 0);
        (reason, revokedAt, noteTokenId) = _revocation(tokenId, record);
        bool componentsAway;
        if (reason == 0 && _types[_typeOf(record)].requiredComponents != 0) {
            uint256 component;
            (component, componentsAway, revokedAt, noteTokenId) = _componentsState(
                _originalOf(tokenId, record),
                address(uint160(record))
            );
            if (component != 0) reason = REASON_COMPONENT_REVOKED;
        }
        if (reason != 0) return (CredentialStatus.Revoked, reason, revokedAt, noteTokenId);
        if (record & _RENOUNCED != 0) return (CredentialStatus.Renounced, 0, 0, 0);
        // A stack whose components were moved to another address went with them: it reads Moved
        // until it is moved to where they are (or they come back).
        if (record & _MOVED_OUT != 0 || componentsAway) return (CredentialStatus.Moved, 0, 0, 0);
        uint256 validUntil = (record >> _VALID_UNTIL_SHIFT) & _MASK_32;
        if (validUntil != 0 && _time() > validUntil) return (CredentialStatus.Expired, 0, 0, 0);
        return (CredentialStatus.Valid, 0, 0, 0);
    }

    /// @dev Whether the credential still counts for "one per holder and type": valid or expired
    /// (an expired one is renewed, not issued again), not revoked, renounced or moved; a stack that
    /// reads Moved only because its components went to another address counts too (it is still
    /// this holder's and reads Valid again when they come back: a second one would make two).
    function _counts(uint256 tokenId) internal view returns (bool) {
        (CredentialStatus status, , , ) = _status(tokenId);
        return
            status == CredentialStatus.Valid ||
            status == CredentialStatus.Expired ||
            (status == CredentialStatus.Moved && _records[tokenId] & _MOVED_OUT == 0);
    }

    /// @dev The credential's own revocation, if any: stored (reason 1–6), or by a watermark over
    /// its issuer (254). Stack components are not looked at.
    function _revocation(
        uint256 tokenId,
        uint256 record
    ) internal view returns (uint256 reason, uint256 revokedAt, uint256 noteTokenId) {
        reason = (record >> _REASON_SHIFT) & _REASON_MASK;
        if (reason != 0) return (reason, record >> _REVOKED_AT_SHIFT, tokenId);
        if (_compromises == 0) return (0, 0, 0);
        uint256 original = _originalOf(tokenId, record);
        uint256 typeId = _typeOf(record);
        uint256 vouching = _issuerAt(typeId, _types[typeId], original);
        // The issuer that vouches for it, over its original token id; and, for a credential a
        // delegate issued, the delegate too; and, for one created by moves, that issuer over the
        // latest link of the chain it proposed (the move happened then; see MoveRecord).
        uint256 at = _compromisedAt(vouching, original);
        if (at == 0) {
            uint256 delegate = _delegateOf(typeId, original);
            if (delegate != 0) at = _compromisedAt(delegate, original);
        }
        if (at == 0 && original != tokenId) {
            uint256 link = _moves[tokenId].issuerLink;
            if (link != 0) at = _compromisedAt(vouching, link);
        }
        return at == 0 ? (0, 0, 0) : (REASON_KEY_COMPROMISED, at, 0);
    }

    /// @dev When issuer `issuerId`'s key-compromise watermark was set, if it covers `tokenId`; else 0.
    function _compromisedAt(uint256 issuerId, uint256 tokenId) private view returns (uint256) {
        IssuerRecord storage record = _issuers[issuerId];
        uint256 from = record.compromisedFrom;
        return from != 0 && tokenId >= from && tokenId <= record.compromisedUntil ? record.compromisedAt : 0;
    }

    /// @dev The delegate issuer that issued credential `original` of `typeId`, or 0 for the owner:
    /// a binary search of the type's delegate runs (appended in token order, one per delegate
    /// transaction; searched for a watermark over a delegate, and by `credentialRecord`).
    function _delegateOf(uint256 typeId, uint256 original) internal view returns (uint256) {
        uint256[] storage runs = _delegateRuns[typeId];
        uint256 high = runs.length;
        if (high == 0 || runs[0] >> 64 > original) return 0;
        uint256 low;
        // Invariant: runs[low] starts at or before `original`; a later start is at or after `high`.
        while (high - low > 1) {
            uint256 mid = (low + high) / 2;
            if (runs[mid] >> 64 <= original) low = mid;
            else high = mid;
        }
        uint256 run = runs[low];
        return original < (run >> 64) + ((run >> 32) & _MASK_32) ? run & _MASK_32 : 0;
    }

    /// @dev The components of stack credential `original` held by `holder`, each followed along its
    /// moves to the credential that replaced it: the first one that is revoked, with when and whose
    /// note (0 if none); and whether any of them now belongs to another address. At most
    /// MAX_STACK_COMPONENTS components; each move needs an issuer or the admin and MOVE_DELAY.
    function _componentsState(
        uint256 original,
        address holder
    ) internal view returns (uint256 component, bool away, uint256 revokedAt, uint256 noteTokenId) {
        uint256[] storage components = _stackComponents[original];
        for (uint256 i; i < components.length; ++i) {
            component = components[i];
            uint256 record = _records[component];
            while (record & _MOVED_OUT != 0) {
                component = _moves[component].movedTo;
                record = _records[component];
            }
            uint256 reason;
            (reason, revokedAt, noteTokenId) = _revocation(component, record);
            if (reason != 0) return (component, false, revokedAt, noteTokenId);
            if (address(uint160(record)) != holder) away = true;
        }
        return (0, away, 0, 0);
    }
}
