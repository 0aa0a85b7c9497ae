// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialRecord} from "./CredentialData.sol";

/// @title Credentials: issuing, renewing, revoking, renouncing, moving
/// @notice A holder has at most one credential of a type that is not revoked, renounced or
/// moved (an expired one is renewed, not issued again). Revocation is final and kept; nothing a
/// holder does prevents, undoes or hides it.
interface ICredentialIssuance {
    // ------------------------------------------------------------------ events

    /// @notice `actor` issued `count` credentials of `typeId` in the name of issuer `issuerId`,
    /// token ids `firstTokenId` onwards. Emitted for every batch and for a single `issue` by a
    /// delegate; a single `issue` by the owner is recorded by its `Transfer` and `Locked` only
    /// (its issuer is the type's owner, its actor the transaction's sender).
    event CredentialsIssued(
        uint256 indexed typeId,
        uint256 indexed issuerId,
        address indexed actor,
        uint256 firstTokenId,
        uint256 count
    );
    /// @notice `revoker` revoked `tokenId` with reason code `reason` and an optional note.
    event CredentialRevoked(uint256 indexed tokenId, address indexed revoker, uint8 reason, string note);
    /// @notice `renewer` set a new expiry for `tokenId` (0 = no longer expires).
    event CredentialRenewed(uint256 indexed tokenId, address indexed renewer, uint64 validUntil);
    /// @notice The holder removed `tokenId` from their account.
    event CredentialRenounced(uint256 indexed tokenId, address indexed holder);
    /// @notice `holder` received stacked credential `tokenId` of `stackTypeId`, built from `components`.
    event StackClaimed(
        uint256 indexed tokenId,
        uint256 indexed stackTypeId,
        address indexed holder,
        uint256[] components
    );

    // ------------------------------------------------------------------ errors

    /// @notice The batch is empty or longer than MAX_BATCH_SIZE.
    error BatchSizeInvalid(uint256 size, uint256 maxSize);
    /// @notice An optional per-credential array is neither empty nor as long as the recipients.
    error BatchLengthMismatch(uint256 recipients, uint256 values);
    /// @notice `holder` already holds credential `tokenId` of `typeId`, not revoked, renounced
    /// or moved (valid, or expired: renew it instead).
    error CredentialAlreadyHeld(address holder, uint256 typeId, uint256 tokenId);
    /// @notice The expiry is not in the future, or beyond what the registry can store.
    error CredentialExpiryInvalid(uint256 validUntil);
    /// @notice The credential is already revoked.
    error CredentialAlreadyRevoked(uint256 tokenId);
    /// @notice The credential was renounced by its holder; it can be revoked, not renewed or moved.
    error CredentialWasRenounced(uint256 tokenId);
    /// @notice The credential was moved; act on `newTokenId` instead.
    error CredentialWasMoved(uint256 tokenId, uint256 newTokenId);
    /// @notice `holder` renounced their stack of `stackTypeId`; only they may claim it again.
    error StackDeclined(address holder, uint256 stackTypeId);
    /// @notice Credentials never move by transfer, and nobody can be approved to move them.
    error CredentialNonTransferable(uint256 tokenId);
    /// @notice The reason code is not one an issuer may give (1 to 6).
    error RevocationReasonInvalid(uint8 reason);
    /// @notice The holder has `valid` valid component credentials; the stack needs `required`.
    error StackRequirementsNotMet(address holder, uint256 stackTypeId, uint256 valid, uint256 required);
    /// @notice `cursor` is not a credential of `holder`.
    error HoldingsCursorInvalid(address holder, uint256 cursor);

    // ------------------------------------------------------------------ functions

    /// @notice Issues one credential. The type owner's account or an authorised delegate's, both active.
    /// @param typeId The credential type (not a stack, not retired).
    /// @param recipient The holder.
    /// @param validUntil Expiry timestamp, or 0 for the type's default.
    /// @param evidenceHash Hash of the assessment evidence, or 0 for none.
    /// @return tokenId The new credential's id.
    function issue(
        uint256 typeId,
        address recipient,
        uint64 validUntil,
        bytes32 evidenceHash
    ) external returns (uint256 tokenId);

    /// @notice Issues one credential in the name of issuer `issuerId`, for a contract holding
    /// MINTER_ROLE (the claim-link contract, CredentialClaims). The same checks as `issue`, for the
    /// issuer instead of the caller: it owns the type or is its delegate, both active now; and
    /// nothing it authorised at `authorisedAt` or earlier was voided by a key-compromise watermark
    /// over it (or, for a delegate, over the type's owner).
    /// @param typeId The credential type (not a stack, not retired).
    /// @param issuerId The issuer in whose name the minter issues (the one that opened the round).
    /// @param authorisedAt When the issuer authorised this issuance (the round's opening time).
    /// @param recipient The holder.
    /// @param validUntil Expiry timestamp, or 0 for the type's default from now.
    /// @param evidenceHash Hash of the assessment evidence, or 0 for none.
    /// @return tokenId The new credential's id.
    function issueForIssuer(
        uint256 typeId,
        uint256 issuerId,
        uint256 authorisedAt,
        address recipient,
        uint64 validUntil,
        bytes32 evidenceHash
    ) external returns (uint256 tokenId);

    /// @notice Issues one credential of `typeId` to each recipient, token ids consecutive. As `issue`.
    /// @param typeId The credential type.
    /// @param recipients The holders, at most MAX_BATCH_SIZE; one bad row reverts the batch.
    /// @param validUntils Empty for the type's default, or one expiry per recipient (0 = default).
    /// @param evidenceHashes Empty for none, or one hash per recipient (0 = none).
    /// @return firstTokenId The first new credential's id.
    function issueBatch(
        uint256 typeId,
        address[] calldata recipients,
        uint64[] calldata validUntils,
        bytes32[] calldata evidenceHashes
    ) external returns (uint256 firstTokenId);

    /// @notice Mints the stacked credential to `holder` when they hold enough valid components.
    /// Anyone may call it for any holder, unless the holder renounced the stack before: then only
    /// the holder. The stack names the stack type's owner.
    /// @param stackTypeId The stack type.
    /// @param holder Who receives it.
    /// @return tokenId The new credential's id.
    function claimStack(uint256 stackTypeId, address holder) external returns (uint256 tokenId);

    /// @notice Sets a new expiry in place. The issuing issuer's account, or a delegate while that
    /// issuer still owns the type; all active.
    /// @param tokenId The credential.
    /// @param validUntil The new expiry, or 0 for the type's default period from now.
    function renew(uint256 tokenId, uint64 validUntil) external;

    /// @notice Revokes a credential for good, keeping the record; also after its holder renounced
    /// it. As `renew`, or the admin.
    /// @param tokenId The credential.
    /// @param reason A reason code from 1 to 6 (see docs/contracts.md).
    /// @param note An optional public note, up to 280 bytes of UTF-8.
    function revoke(uint256 tokenId, uint8 reason, string calldata note) external;

    /// @notice Removes a credential from the caller's account; a revocation still shows. The holder only.
    /// @param tokenId The credential.
    function renounce(uint256 tokenId) external;

    // ------------------------------------------------------------------ views

    /// @notice One credential as stored, with its status now. Never reverts: unknown ids give status Unknown.
    /// @param tokenId The credential.
    /// @return record Holder, type, issuer, dates, revocation, evidence, stack components and moves.
    function credentialRecord(uint256 tokenId) external view returns (CredentialRecord memory record);

    /// @notice A page of a holder's professional-development credit total, counted as the lens's
    /// `creditsOf` documents (earned since `since`, valid or expired unless `validOnly`; not
    /// revoked, renounced or moved away; stacks count through their components). Here because
    /// it reads the holder index and types directly, and skips what cannot count before working
    /// out a status.
    /// @param holder The holder.
    /// @param since A Unix time; 0 for all time.
    /// @param validOnly True to count only credentials that read Valid now.
    /// @param cursor 0 for the first page, then the previous page's `next`.
    /// @param limit The most of the holder's credentials to look at (at most 1,000).
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

    /// @notice A page of the credentials `holder` ever received, renounced and moved ones
    /// included (the lens filters them), in a fixed order.
    /// @param holder The holder.
    /// @param cursor 0 for the first page, then the `next` of the previous page.
    /// @param limit The most token ids to return.
    /// @return tokenIds The page.
    /// @return next The cursor of the next page; 0 when there is none.
    function holdings(
        address holder,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory tokenIds, uint256 next);

    /// @notice The holder's latest credential of a type (the one that counts for "one per holder and type").
    /// @param holder The holder.
    /// @param typeId The type.
    /// @return tokenId Its id; 0 when the holder never received one.
    function latestCredentialOf(address holder, uint256 typeId) external view returns (uint256 tokenId);

    /// @notice Whether `holder` has a valid credential of `typeId` right now.
    /// @param holder The holder.
    /// @param typeId The type.
    /// @return valid True when their latest credential of the type reads Valid.
    function hasValidCredential(address holder, uint256 typeId) external view returns (bool valid);

    /// @notice How many credentials were ever issued (ids 1 to totalIssued()).
    /// @return count The number of credentials.
    function totalIssued() external view returns (uint256 count);
}
