// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Moves: a credential re-issued to its holder's new address (a lost wallet)
/// @notice Never by anyone alone: the issuer that vouches for the credential (its account, not a
/// delegate) or the admin proposes; the new address accepts, and not before MOVE_DELAY has passed,
/// during which the current holder, that issuer or the admin can cancel. A proposal lapses when the
/// issuer that made it is suspended or changes its account.
interface ICredentialMoves {
    /// @notice `proposer` proposed to move `tokenId` to `newHolder`; it can be accepted from `readyAt`.
    event CredentialMoveProposed(uint256 indexed tokenId, address indexed newHolder, address proposer, uint64 readyAt);
    /// @notice `by` cancelled the proposed move of `tokenId`.
    event CredentialMoveCancelled(uint256 indexed tokenId, address by);
    /// @notice `tokenId` was moved to `newHolder` as credential `newTokenId`, keeping its type,
    /// issuer, dates and evidence; `tokenId` now reads Moved.
    event CredentialMoved(uint256 indexed tokenId, uint256 indexed newTokenId, address indexed newHolder);

    /// @notice No move of `tokenId` to `account` stands: none was proposed, it lapsed, or the new
    /// holder is invalid.
    error CredentialMoveInvalid(uint256 tokenId, address account);
    /// @notice The move of `tokenId` can be accepted from `readyAt`, not before.
    error CredentialMoveNotYet(uint256 tokenId, uint256 readyAt);
    /// @notice `account` may not cancel the move of `tokenId` (only its holder, its issuer or the admin).
    error CredentialMoveUnauthorized(uint256 tokenId, address account);

    /// @notice Proposes to move a credential to its holder's new address (a lost wallet). The
    /// issuing issuer's account, or the admin. A new proposal replaces the previous one.
    /// @param tokenId The credential (held, not revoked).
    /// @param newHolder The holder's new address.
    function proposeMove(uint256 tokenId, address newHolder) external;

    /// @notice Cancels a proposed move. The credential's holder, the issuer that vouches for it
    /// (its account), or the admin.
    /// @param tokenId The credential.
    function cancelMove(uint256 tokenId) external;

    /// @notice Accepts a proposed move once MOVE_DELAY has passed: the caller receives a new
    /// credential with the same type, issuer, issue date, expiry and evidence, and the old one reads
    /// Moved. The proposed new holder only; the proposal must still stand.
    /// @param tokenId The credential proposed to move to the caller.
    /// @return newTokenId The caller's credential.
    function acceptMove(uint256 tokenId) external returns (uint256 newTokenId);
}
