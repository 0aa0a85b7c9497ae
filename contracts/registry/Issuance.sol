// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IERC5192} from "../interfaces/IERC5192.sol";
import {CredentialRecord, CredentialStatus, IssuerStatus} from "../interfaces/CredentialData.sol";
import {ICredentialIssuance} from "../interfaces/ICredentialIssuance.sol";
import {Minting} from "./Minting.sol";

/// @title Issuing, claiming, renewing, revoking, renouncing and moving credentials
/// @notice Checks run in a fixed order: the credential or type exists → the caller may act → the
/// state allows it → write → emit. No write path loops over anything another party can grow: a
/// batch over its own calldata, a stack claim over its type's (at most 16) components.
abstract contract Issuance is Minting, ICredentialIssuance, IERC4906, IERC5192, IERC721Errors {
    // ================================================================ issuing

    /// @inheritdoc ICredentialIssuance
    function issue(
        uint256 typeId,
        address recipient,
        uint64 validUntil,
        bytes32 evidenceHash
    ) external returns (uint256 tokenId) {
        TypeRecord storage t = _requireType(typeId);
        uint256 delegateId = _authorize(typeId, t, 0, false);
        uint256 defaultValidUntil = _requireIssuable(typeId, t);
        tokenId = _reserveTokenIds(1);
        _mint(recipient, tokenId, typeId, _expiry(validUntil, defaultValidUntil));
        if (evidenceHash != bytes32(0)) _evidence[tokenId] = evidenceHash;
        // Only on the delegate path, so the owner's single issue stays under 80,000 gas; its
        // issuer is the type's owner and its actor the transaction's sender.
        if (delegateId != 0) _recordDelegateRun(typeId, t, tokenId, 1, delegateId);
    }

    /// @inheritdoc ICredentialIssuance
    function issueBatch(
        uint256 typeId,
        address[] calldata recipients,
        uint64[] calldata validUntils,
        bytes32[] calldata evidenceHashes
    ) external returns (uint256 firstTokenId) {
        uint256 count = recipients.length;
        if (count == 0 || count > MAX_BATCH_SIZE) revert BatchSizeInvalid(count, MAX_BATCH_SIZE);
        if (validUntils.length != 0 && validUntils.length != count) {
            revert BatchLengthMismatch(count, validUntils.length);
        }
        if (evidenceHashes.length != 0 && evidenceHashes.length != count) {
            revert BatchLengthMismatch(count, evidenceHashes.length);
        }
        TypeRecord storage t = _requireType(typeId);
        uint256 delegateId = _authorize(typeId, t, 0, false);
        uint256 defaultValidUntil = _requireIssuable(typeId, t);
        firstTokenId = _reserveTokenIds(count);
        for (uint256 i; i < count; ++i) {
            _mint(
                recipients[i],
                firstTokenId + i,
                typeId,
                validUntils.length == 0 ? defaultValidUntil : _expiry(validUntils[i], defaultValidUntil)
            );
        }
        if (evidenceHashes.length != 0) {
            for (uint256 i; i < count; ++i) {
                if (evidenceHashes[i] != bytes32(0)) _evidence[firstTokenId + i] = evidenceHashes[i];
            }
        }
        if (delegateId != 0) _recordDelegateRun(typeId, t, firstTokenId, count, delegateId);
        else emit CredentialsIssued(typeId, t.owner, msg.sender, firstTokenId, count);
    }

    /// @inheritdoc ICredentialIssuance
    function issueForIssuer(
        uint256 typeId,
        uint256 issuerId,
        uint256 authorisedAt,
        address recipient,
        uint64 validUntil,
        bytes32 evidenceHash
    ) external onlyRole(MINTER_ROLE) returns (uint256 tokenId) {
        TypeRecord storage t = _requireType(typeId);
        (, bool ownerActive) = _owner(t);
        uint256 delegateId;
        if (issuerId != t.owner) {
            if (!_isDelegate(typeId, t, issuerId)) revert TypeUnauthorizedIssuer(typeId, issuerId);
            if (_issuers[issuerId].status != IssuerStatus.Active) revert IssuerNotActive(issuerId);
            delegateId = issuerId;
        }
        if (!ownerActive) revert IssuerNotActive(t.owner);
        // A key-compromise watermark voids what the issuer authorised until then: it may have
        // been the leaked key's (as for delegations and offers, see `_voidedByCompromise`); one
        // over the owner voids what its delegates authorised until then too.
        if (_compromises != 0) {
            if (authorisedAt <= _issuers[issuerId].compromisedAt) {
                revert AuthorisationVoidedByCompromise(issuerId, authorisedAt);
            }
            if (delegateId != 0 && authorisedAt <= _issuers[t.owner].compromisedAt) {
                revert AuthorisationVoidedByCompromise(t.owner, authorisedAt);
            }
        }
        uint256 defaultValidUntil = _requireIssuable(typeId, t);
        tokenId = _reserveTokenIds(1);
        _mint(recipient, tokenId, typeId, _expiry(validUntil, defaultValidUntil));
        if (evidenceHash != bytes32(0)) _evidence[tokenId] = evidenceHash;
        if (delegateId != 0) _recordDelegateRun(typeId, t, tokenId, 1, delegateId);
    }

    /// @inheritdoc ICredentialIssuance
    function claimStack(uint256 stackTypeId, address holder) external returns (uint256 tokenId) {
        TypeRecord storage t = _requireType(stackTypeId);
        uint256 required = t.requiredComponents;
        if (required == 0) revert TypeNotStack(stackTypeId);
        if (t.retired) revert TypeRetired(stackTypeId);
        (, bool ownerActive) = _owner(t);
        if (!ownerActive) revert IssuerNotActive(t.owner);
        uint256 holderSlot = _holders[holder];
        uint256 held = _latestOf(holder, holderSlot, stackTypeId);
        if (held != 0) {
            if (_counts(held)) revert CredentialAlreadyHeld(holder, stackTypeId, held);
            // A holder who renounced the stack declined it: nobody else claims it for them again.
            (CredentialStatus status, , , ) = _status(held);
            if (status == CredentialStatus.Renounced && msg.sender != holder) revert StackDeclined(holder, stackTypeId);
        }

        // The holder's latest credential of each component type, when valid; the first N count.
        uint256[] storage componentTypes = t.components;
        uint256[] memory used = new uint256[](required);
        uint256 found;
        for (uint256 j; j < componentTypes.length && found < required; ++j) {
            uint256 component = _latestOf(holder, holderSlot, componentTypes[j]);
            if (component == 0) continue;
            (CredentialStatus status, , , ) = _status(component);
            if (status == CredentialStatus.Valid) used[found++] = component;
        }
        if (found < required) revert StackRequirementsNotMet(holder, stackTypeId, found, required);

        tokenId = _reserveTokenIds(1);
        _mint(holder, tokenId, stackTypeId, _defaultExpiry(t.validityPeriod));
        _stackComponents[tokenId] = used;
        emit StackClaimed(tokenId, stackTypeId, holder, used);
    }

    // ================================================================ after issuance

    /// @inheritdoc ICredentialIssuance
    function renew(uint256 tokenId, uint64 validUntil) external {
        uint256 record = _requireRecord(tokenId);
        uint256 typeId = _typeOf(record);
        TypeRecord storage t = _types[typeId];
        _authorize(typeId, t, _originalOf(tokenId, record), false);
        _requireStanding(tokenId, record);
        uint256 newValidUntil = _expiry(validUntil, _defaultExpiry(t.validityPeriod));

        // Replace the 32 valid-until bits; everything else in the slot stays.
        _records[tokenId] = (record & ~(_MASK_32 << _VALID_UNTIL_SHIFT)) | (newValidUntil << _VALID_UNTIL_SHIFT);
        emit CredentialRenewed(tokenId, msg.sender, uint64(newValidUntil));
        emit MetadataUpdate(tokenId);
    }

    /// @inheritdoc ICredentialIssuance
    function revoke(uint256 tokenId, uint8 reason, string calldata note) external {
        uint256 record = _requireRecord(tokenId);
        uint256 typeId = _typeOf(record);
        _authorize(typeId, _types[typeId], _originalOf(tokenId, record), true);
        if (record & _MOVED_OUT != 0) revert CredentialWasMoved(tokenId, _moves[tokenId].movedTo);
        // A renounced credential is revoked like any other: renouncing never escapes a revocation.
        // One a watermark revoked keeps that explanation.
        (uint256 revoked, , ) = _revocation(tokenId, record);
        if (revoked != 0) revert CredentialAlreadyRevoked(tokenId);
        if (reason == 0 || reason > MAX_REVOCATION_REASON) revert RevocationReasonInvalid(reason);
        _checkText("note", note, 0, _MAX_NOTE, false);

        // Set the reason (3 bits, known zero) and revoked-at (32 bits, known zero).
        _records[tokenId] = record | (uint256(reason) << _REASON_SHIFT) | (_time() << _REVOKED_AT_SHIFT);
        if (bytes(note).length != 0) _revocationNotes[tokenId] = note;
        // Stacks built on this credential turn Revoked too, computed when read; no loop here
        // (a holder could grow that list), so they get no event of their own.
        emit CredentialRevoked(tokenId, msg.sender, reason, note);
        emit MetadataUpdate(tokenId);
    }

    /// @inheritdoc ICredentialIssuance
    function renounce(uint256 tokenId) external {
        uint256 record = _records[tokenId];
        address holder = address(uint160(record));
        if (record == 0 || record & (_RENOUNCED | _MOVED_OUT) != 0) revert ERC721NonexistentToken(tokenId);
        if (holder != msg.sender) revert ERC721IncorrectOwner(msg.sender, tokenId, holder);
        // Only a flag: type, dates, holder and any revocation stay on record and in the index.
        _records[tokenId] = record | _RENOUNCED;
        --_holders[holder];
        emit Transfer(holder, address(0), tokenId);
        emit CredentialRenounced(tokenId, holder);
    }

    // ================================================================ views

    /// @inheritdoc ICredentialIssuance
    function credentialRecord(uint256 tokenId) public view returns (CredentialRecord memory r) {
        r.tokenId = tokenId;
        uint256 record = _records[tokenId];
        if (record == 0) return r;
        uint256 reason;
        uint256 revokedAt;
        uint256 noteTokenId;
        (r.status, reason, revokedAt, noteTokenId) = _status(tokenId);
        r.revocationReason = uint8(reason);
        r.revokedAt = uint64(revokedAt);
        if (noteTokenId != 0) r.revocationNote = _revocationNotes[noteTokenId];
        uint256 typeId = _typeOf(record);
        uint256 original = _originalOf(tokenId, record);
        TypeRecord storage t = _types[typeId];
        r.holder = address(uint160(record));
        r.typeId = typeId;
        r.typeName = t.name;
        r.kind = t.kind;
        r.credits = t.credits;
        r.issuerId = _issuerAt(typeId, t, original);
        r.delegateIssuerId = _delegateOf(typeId, original);
        r.issuedAt = uint64(_issuedAt(r.holder, tokenId, typeId));
        r.validUntil = uint64((record >> _VALID_UNTIL_SHIFT) & _MASK_32);
        r.evidenceHash = _evidence[original];
        r.components = _stackComponents[original];
        r.movedTo = _moves[tokenId].movedTo;
        if (original != tokenId) r.movedFrom = original;
        r.pendingMove = _moves[tokenId].pending;
    }

    /// @inheritdoc ICredentialIssuance
    function creditsOfPage(
        address holder,
        uint64 since,
        bool validOnly,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256 credits, uint256 counted, uint256 next) {
        uint256[] memory tokenIds;
        (tokenIds, next) = _holdingsPage(holder, cursor, limit);
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            uint256 typeId = _typeOf(_records[tokenId]);
            TypeRecord storage t = _types[typeId];
            uint256 typeCredits = t.credits;
            // What cannot count is left before its status is worked out: no credits, a stack
            // (it counts through its components), or earned before the period.
            if (typeCredits == 0 || t.requiredComponents != 0) continue;
            if (_issuedAt(holder, tokenId, typeId) < since) continue;
            (CredentialStatus status, , , ) = _status(tokenId);
            if (status != CredentialStatus.Valid && (validOnly || status != CredentialStatus.Expired)) continue;
            credits += typeCredits;
            ++counted;
        }
    }

    /// @inheritdoc ICredentialIssuance
    function hasValidCredential(address holder, uint256 typeId) external view returns (bool valid) {
        uint256 tokenId = _latestOf(holder, _holders[holder], typeId);
        if (tokenId == 0) return false;
        (CredentialStatus status, , , ) = _status(tokenId);
        return status == CredentialStatus.Valid;
    }

    /// @inheritdoc ICredentialIssuance
    function totalIssued() external view returns (uint256 count) {
        return _lastTokenId;
    }

    /// @inheritdoc ICredentialIssuance
    function holdings(
        address holder,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory tokenIds, uint256 next) {
        return _holdingsPage(holder, cursor, limit);
    }

    /// @inheritdoc ICredentialIssuance
    function latestCredentialOf(address holder, uint256 typeId) external view returns (uint256 tokenId) {
        return _latestOf(holder, _holders[holder], typeId);
    }

    // ================================================================ internals

    /// @dev Records that delegate `delegateId` issued `count` credentials from `firstTokenId`, so
    /// a watermark over the delegate covers them; and says so in the event, naming the account.
    function _recordDelegateRun(
        uint256 typeId,
        TypeRecord storage t,
        uint256 firstTokenId,
        uint256 count,
        uint256 delegateId
    ) private {
        // Token ids and counts fit 32 bits (see _reserveTokenIds and MAX_BATCH_SIZE).
        _delegateRuns[typeId].push((firstTokenId << 64) | (count << 32) | delegateId);
        emit CredentialsIssued(typeId, t.owner, msg.sender, firstTokenId, count);
    }

    /// @dev Checks the type accepts new credentials; returns its default expiry from now.
    function _requireIssuable(uint256 typeId, TypeRecord storage t) private view returns (uint256) {
        if (t.retired) revert TypeRetired(typeId);
        if (t.requiredComponents != 0) revert TypeIsStack(typeId);
        return _defaultExpiry(t.validityPeriod);
    }
}
