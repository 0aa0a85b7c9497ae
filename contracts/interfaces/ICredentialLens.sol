// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialKind, CredentialRecord, CredentialStatus, IssuerStatus} from "./CredentialData.sol";
import {ICredentialRegistry} from "./ICredentialRegistry.sol";

/// @notice Everything a verifier needs about one credential, in one struct.
/// @param tokenId The credential's id.
/// @param status Valid, Expired, Revoked, Renounced, Moved, or Unknown for an id never issued.
/// @param holder Its holder; zero once renounced or moved.
/// @param typeId Its credential type.
/// @param typeName The type's name.
/// @param kind The type's kind.
/// @param credits The type's credits, in hundredths.
/// @param issuerId The issuer that vouches for it: the type's owner when it was issued. Never changes.
/// @param issuer That issuer's account now.
/// @param issuerName That issuer's vetted name.
/// @param issuerStatus That issuer's status now (Suspended is a warning for verifiers).
/// @param issuerSuspendedAt When it was suspended; 0 while active.
/// @param delegateIssuerId The delegate issuer that issued it in the issuer's name; 0 when the
/// issuer itself did.
/// @param delegate That delegate's account now; zero for none.
/// @param delegateName That delegate's vetted name; empty for none.
/// @param issuedAt When the credential was issued.
/// @param validUntil Its expiry; 0 = does not expire.
/// @param revokedAt When it was revoked (or its component, or the watermark was set).
/// @param revocationReason 0 when not revoked; 1–6 given by the revoker; 254 key compromised;
/// 255 a stack component was revoked.
/// @param revocationNote The revoker's note.
/// @param evidenceHash Hash of the assessment evidence; 0 for none.
/// @param components For a stack: the component credentials it was built from.
/// @param movedTo For a credential moved to a new address: the credential that replaced it.
/// @param movedFrom For a credential created by a move: the original credential.
struct Credential {
    uint256 tokenId;
    CredentialStatus status;
    address holder;
    uint256 typeId;
    string typeName;
    CredentialKind kind;
    uint32 credits;
    uint256 issuerId;
    address issuer;
    string issuerName;
    IssuerStatus issuerStatus;
    uint64 issuerSuspendedAt;
    uint256 delegateIssuerId;
    address delegate;
    string delegateName;
    uint64 issuedAt;
    uint64 validUntil;
    uint64 revokedAt;
    uint8 revocationReason;
    string revocationNote;
    bytes32 evidenceHash;
    uint256[] components;
    uint256 movedTo;
    uint256 movedFrom;
}

/// @title OnChainCert lens: a verifier's read functions
/// @notice Read-only, deployed by the registry: everything here is computed from the registry's
/// state at call time, named for a block explorer's Read Contract tab.
interface ICredentialLens {
    /// @notice `holder` has more credentials than one call returns: read them with
    /// `credentialsOfPage`, from cursor 0 (the next page starts at `nextCursor`).
    error HolderNeedsPaging(address holder, uint256 nextCursor);

    /// @notice The registry this lens reads.
    /// @return registry Its address.
    function registry() external view returns (ICredentialRegistry registry);

    /// @notice The status and full record of one credential, with names. Never reverts: unknown
    /// ids give status Unknown.
    /// @param tokenId The credential.
    /// @return credential Status, holder, type, issuer, dates, revocation, evidence, stack and moves.
    function verify(uint256 tokenId) external view returns (Credential memory credential);

    /// @notice The stored records of consecutive credentials, with their status now: for indexers
    /// and audits that read the registry in ranges rather than one id at a time.
    /// @param firstTokenId The first credential id.
    /// @param count How many ids to read; the range stops at the last credential issued.
    /// @return records One record per id, in order (fewer than `count` past the last one).
    function credentialRecords(
        uint256 firstTokenId,
        uint256 count
    ) external view returns (CredentialRecord[] memory records);

    /// @notice Every credential `holder` holds or held that still says something: valid, expired
    /// and revoked ones (a revocation shows even after the holder renounced the credential), not
    /// renounced or moved ones. For holders with very many credentials use `credentialsOfPage`:
    /// past one registry page (`holdings`, 1,000 credentials) this reverts with HolderNeedsPaging.
    /// @param holder The holder.
    /// @return credentials One entry per credential.
    function credentialsOf(address holder) external view returns (Credential[] memory credentials);

    /// @notice A page of `credentialsOf`.
    /// @param holder The holder.
    /// @param cursor 0 for the first page, then the previous page's `next`.
    /// @param limit The most of the holder's credentials to look at (renounced and moved ones
    /// are looked at and left out, so a page may hold fewer).
    /// @return credentials The page.
    /// @return next The cursor of the next page; 0 when there is none.
    function credentialsOfPage(
        address holder,
        uint256 cursor,
        uint256 limit
    ) external view returns (Credential[] memory credentials, uint256 next);

    /// @notice The professional-development credits `holder` earned since `since`, as
    /// continuing-education boards count them: a credential counts, with its type's credits, when
    /// it was issued at or after `since` and is valid or expired (expiry after earning keeps the
    /// credits); revoked ones (by the issuer, a key-compromise watermark or a revoked component),
    /// renounced and moved-away ones do not. A stack counts through its components, never itself,
    /// so nothing counts twice. Past one registry page (1,000 credentials) this reverts with
    /// HolderNeedsPaging: use `creditsOfPage`.
    /// @param holder The holder.
    /// @param since A Unix time; 0 for all time.
    /// @return credits The total, in hundredths (150 = 1.50 credits).
    function creditsOf(address holder, uint64 since) external view returns (uint256 credits);

    /// @notice A page of `creditsOf`, optionally counting only credentials valid now.
    /// @param holder The holder.
    /// @param since A Unix time; 0 for all time.
    /// @param validOnly True to count only credentials that read Valid now (not expired ones).
    /// @param cursor 0 for the first page, then the previous page's `next`.
    /// @param limit The most of the holder's credentials to look at.
    /// @return credits The page's total, in hundredths.
    /// @return counted How many credentials make up that total.
    /// @return next The cursor of the next page; 0 when there is none.
    function creditsOfPage(
        address holder,
        uint64 since,
        bool validOnly,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256 credits, uint256 counted, uint256 next);

    /// @notice Whether `holder` has a valid credential of `typeId` right now.
    /// @param holder The holder.
    /// @param typeId The type.
    /// @return valid True when their credential of the type reads Valid.
    function hasValidCredential(address holder, uint256 typeId) external view returns (bool valid);
}
