// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CredentialRecord, CredentialStatus, IssuerProfile} from "./interfaces/CredentialData.sol";
import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";
import {Credential, ICredentialLens} from "./interfaces/ICredentialLens.sol";

/// @title OnChainCert lens: the verifier's read functions
/// @notice Deployed beside the registry (`registry()` names it), holds no state, and computes
/// everything from the registry at call time: the status logic lives once,
/// in the registry (`credentialRecord`); this contract adds the names a person reads and pages
/// through holders of any size. Kept apart so the registry stays under the EIP-170 size limit.
contract CredentialLens is ICredentialLens {
    /// @dev How many issuers' profiles one page keeps while it reads.
    uint256 private constant _ISSUER_CACHE = 8;

    ICredentialRegistry private immutable _REGISTRY;

    /// @param registry_ The registry to read.
    constructor(ICredentialRegistry registry_) {
        _REGISTRY = registry_;
    }

    /// @inheritdoc ICredentialLens
    function registry() external view returns (ICredentialRegistry registryContract) {
        return _REGISTRY;
    }

    /// @inheritdoc ICredentialLens
    function verify(uint256 tokenId) external view returns (Credential memory credential) {
        return _credential(_REGISTRY.credentialRecord(tokenId), new IssuerProfile[](1));
    }

    /// @inheritdoc ICredentialLens
    function credentialRecords(
        uint256 firstTokenId,
        uint256 count
    ) external view returns (CredentialRecord[] memory records) {
        uint256 last = _REGISTRY.totalIssued();
        if (firstTokenId == 0 || firstTokenId > last) return new CredentialRecord[](0);
        if (count > last - firstTokenId + 1) count = last - firstTokenId + 1;
        records = new CredentialRecord[](count);
        for (uint256 i; i < count; ++i) records[i] = _REGISTRY.credentialRecord(firstTokenId + i);
    }

    /// @inheritdoc ICredentialLens
    function credentialsOf(address holder) external view returns (Credential[] memory credentials) {
        uint256 next;
        (credentials, next) = credentialsOfPage(holder, 0, type(uint256).max);
        // Past the registry's largest page a node's eth_call gas cap is long exceeded anyway:
        // say so rather than return part of the list.
        if (next != 0) revert HolderNeedsPaging(holder, next);
    }

    /// @inheritdoc ICredentialLens
    function credentialsOfPage(
        address holder,
        uint256 cursor,
        uint256 limit
    ) public view returns (Credential[] memory credentials, uint256 next) {
        uint256[] memory tokenIds;
        (tokenIds, next) = _REGISTRY.holdings(holder, cursor, limit);
        credentials = new Credential[](tokenIds.length);
        // A holder's credentials mostly come from a few issuers: read each issuer's profile once.
        IssuerProfile[] memory issuers = new IssuerProfile[](_ISSUER_CACHE);
        uint256 count;
        for (uint256 i; i < tokenIds.length; ++i) {
            CredentialRecord memory r = _REGISTRY.credentialRecord(tokenIds[i]);
            // Renounced (and not revoked) or moved away (whatever its status): no longer this
            // holder's to show. A moved credential lives on, with its status, at `movedTo`.
            if (r.status == CredentialStatus.Renounced || r.movedTo != 0) continue;
            credentials[count++] = _credential(r, issuers);
        }
        // Shrink the array to the credentials kept (its length word is the first in memory).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(credentials, count)
        }
    }

    /// @inheritdoc ICredentialLens
    function creditsOf(address holder, uint64 since) external view returns (uint256 credits) {
        uint256 next;
        (credits, , next) = creditsOfPage(holder, since, false, 0, type(uint256).max);
        if (next != 0) revert HolderNeedsPaging(holder, next);
    }

    /// @inheritdoc ICredentialLens
    function creditsOfPage(
        address holder,
        uint64 since,
        bool validOnly,
        uint256 cursor,
        uint256 limit
    ) public view returns (uint256 credits, uint256 counted, uint256 next) {
        // Counted in the registry, next to its holder index: see ICredentialIssuance.creditsOfPage.
        return _REGISTRY.creditsOfPage(holder, since, validOnly, cursor, limit);
    }

    /// @inheritdoc ICredentialLens
    function hasValidCredential(address holder, uint256 typeId) external view returns (bool valid) {
        return _REGISTRY.hasValidCredential(holder, typeId);
    }

    /// @dev The record with its issuer's name and status; a renounced or moved credential no
    /// longer names a holder. `issuers` caches profiles already read in this call.
    function _credential(
        CredentialRecord memory r,
        IssuerProfile[] memory issuers
    ) private view returns (Credential memory c) {
        c.tokenId = r.tokenId;
        c.status = r.status;
        if (r.status == CredentialStatus.Unknown) return c;
        if (r.status != CredentialStatus.Renounced && r.status != CredentialStatus.Moved) c.holder = r.holder;
        IssuerProfile memory p = _issuer(r.issuerId, issuers);
        c.typeId = r.typeId;
        c.typeName = r.typeName;
        c.kind = r.kind;
        c.credits = r.credits;
        c.issuerId = r.issuerId;
        c.issuer = p.account;
        c.issuerName = p.name;
        c.issuerStatus = p.status;
        c.issuerSuspendedAt = p.suspendedAt;
        if (r.delegateIssuerId != 0) {
            IssuerProfile memory d = _issuer(r.delegateIssuerId, issuers);
            c.delegateIssuerId = d.issuerId;
            c.delegate = d.account;
            c.delegateName = d.name;
        }
        c.issuedAt = r.issuedAt;
        c.validUntil = r.validUntil;
        c.revokedAt = r.revokedAt;
        c.revocationReason = r.revocationReason;
        c.revocationNote = r.revocationNote;
        c.evidenceHash = r.evidenceHash;
        c.components = r.components;
        c.movedTo = r.movedTo;
        c.movedFrom = r.movedFrom;
    }

    /// @dev Issuer `issuerId`'s profile from the cache, or read and cached in the first free slot
    /// (a full cache is bypassed, so a holder of many issuers costs no more than one read each).
    function _issuer(uint256 issuerId, IssuerProfile[] memory cache) private view returns (IssuerProfile memory) {
        for (uint256 i; i < cache.length; ++i) {
            if (cache[i].issuerId == issuerId) return cache[i];
            if (cache[i].issuerId == 0) return cache[i] = _REGISTRY.issuer(issuerId);
        }
        return _REGISTRY.issuer(issuerId);
    }
}
