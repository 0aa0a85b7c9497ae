// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IssuerStatus} from "../interfaces/CredentialData.sol";
import {ICredentialMoves} from "../interfaces/ICredentialMoves.sol";
import {Minting} from "./Minting.sol";

/// @title Moves: a credential re-issued to its holder's new address (a lost wallet)
/// @notice Never by anyone alone. The issuer that vouches for the credential (its account) or the
/// admin proposes; the new address accepts, after MOVE_DELAY, during which the current holder, that
/// issuer or the admin can cancel. A proposal lapses when the proposer no longer speaks for the
/// issuer (suspended, key changed): a leaked key's proposals do not survive the recovery. Runs in
/// the registry's storage from the administration extension.
abstract contract Moves is Minting, ICredentialMoves {
    /// @inheritdoc ICredentialMoves
    function proposeMove(uint256 tokenId, address newHolder) external {
        uint256 record = _requireRecord(tokenId);
        uint256 typeId = _typeOf(record);
        (uint256 issuerId, bool byIssuer) = _moveAuthority(tokenId, record, msg.sender);
        if (!byIssuer && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            if (msg.sender != _issuers[issuerId].account) revert TypeUnauthorizedAccount(typeId, msg.sender);
            revert IssuerNotActive(issuerId);
        }
        _requireStanding(tokenId, record);
        if (newHolder == address(0) || newHolder == address(uint160(record))) {
            revert CredentialMoveInvalid(tokenId, newHolder);
        }
        MoveRecord storage move = _moves[tokenId];
        uint256 readyAt = _time() + MOVE_DELAY;
        move.pending = newHolder;
        move.proposer = msg.sender;
        move.readyAt = uint32(readyAt);
        move.proposerNonce = _issuers[issuerId].authorityNonce;
        emit CredentialMoveProposed(tokenId, newHolder, msg.sender, uint64(readyAt));
    }

    /// @inheritdoc ICredentialMoves
    function cancelMove(uint256 tokenId) external {
        uint256 record = _requireRecord(tokenId);
        MoveRecord storage move = _moves[tokenId];
        if (move.pending == address(0)) revert CredentialMoveInvalid(tokenId, address(0));
        (uint256 issuerId, ) = _moveAuthority(tokenId, record, msg.sender);
        if (
            msg.sender != address(uint160(record)) &&
            msg.sender != _issuers[issuerId].account &&
            !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)
        ) revert CredentialMoveUnauthorized(tokenId, msg.sender);
        move.pending = address(0);
        emit CredentialMoveCancelled(tokenId, msg.sender);
    }

    /// @inheritdoc ICredentialMoves
    function acceptMove(uint256 tokenId) external returns (uint256 newTokenId) {
        MoveRecord storage move = _moves[tokenId];
        if (msg.sender == address(0) || move.pending != msg.sender) revert CredentialMoveInvalid(tokenId, msg.sender);
        if (_time() < move.readyAt) revert CredentialMoveNotYet(tokenId, move.readyAt);
        uint256 record = _records[tokenId];
        // The proposer must still speak for the issuer, and have done so without a break (no
        // suspension or key change since the proposal), or still be the admin: a proposal made
        // by a key that was since suspended or replaced has lapsed, even once the issuer is back.
        (uint256 issuerId, bool byIssuer) = _moveAuthority(tokenId, record, move.proposer);
        if (byIssuer && _issuers[issuerId].authorityNonce != move.proposerNonce) byIssuer = false;
        if (!byIssuer && !hasRole(DEFAULT_ADMIN_ROLE, move.proposer)) revert CredentialMoveInvalid(tokenId, msg.sender);
        // It may have been revoked or renounced since the proposal.
        _requireStanding(tokenId, record);
        move.pending = address(0);

        address previousHolder = address(uint160(record));
        uint256 typeId = _typeOf(record);
        newTokenId = _reserveTokenIds(1);
        _mintWith(
            msg.sender,
            newTokenId,
            typeId,
            (record >> _VALID_UNTIL_SHIFT) & _MASK_32,
            _issuedAt(previousHolder, tokenId, typeId),
            _MOVED_IN
        );
        // Token ids fit 32 bits (see _reserveTokenIds).
        MoveRecord storage moved = _moves[newTokenId];
        moved.origin = uint32(_originalOf(tokenId, record));
        // The chain's latest issuer-proposed link made before any watermark over the issuer (a
        // later watermark covering it covers this credential); else the previous link's.
        moved.issuerLink = byIssuer && _issuers[issuerId].compromisedFrom == 0 ? uint32(newTokenId) : move.issuerLink;
        move.movedTo = uint32(newTokenId);
        _records[tokenId] = record | _MOVED_OUT;
        --_holders[previousHolder];
        emit IERC721.Transfer(previousHolder, address(0), tokenId);
        emit CredentialMoved(tokenId, newTokenId, msg.sender);
    }

    /// @dev The issuer that vouches for credential `tokenId`, and whether `account` is its account
    /// while it is active (not suspended: a key under a watermark, for one, is not).
    function _moveAuthority(
        uint256 tokenId,
        uint256 record,
        address account
    ) private view returns (uint256 issuerId, bool byIssuer) {
        uint256 typeId = _typeOf(record);
        issuerId = _issuerAt(typeId, _types[typeId], _originalOf(tokenId, record));
        IssuerRecord storage vouching = _issuers[issuerId];
        byIssuer = account == vouching.account && vouching.status == IssuerStatus.Active;
    }
}
