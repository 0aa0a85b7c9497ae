// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IERC5192} from "../interfaces/IERC5192.sol";
import {CredentialRecord, CredentialStatus, IssuerStatus} from "../interfaces/CredentialData.sol";
import {ICredentialIssuance} from "../interfaces/ICredentialIssuance.sol";
import {CredentialStatusRules} from "./CredentialStatusRules.sol";

/// @title Issuing, claiming, renewing, revoking, renouncing and moving credentials
/// @notice Checks run in a fixed order: the credential or type exists → the caller may act → the
/// state allows it → write → emit. No write path loops over anything another party can grow: a
/// batch over its own calldata, a stack claim over its type's (at most 16) components.
abstract contract Issuance is CredentialStatusRules, IERC4906, IERC5192, IERC721Errors {
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
        if (delegateId != 0) emit CredentialsIssued(typeId, t.owner, msg.sender, tokenId, 1);
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
        _authorize(typeId, t, 0, false);
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
        emit CredentialsIssued(typeId, t.owner, msg.sender, firstTokenId, count);
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
        if (held != 0 && _counts(held)) revert CredentialAlreadyHeld(holder, stackTypeId, held);

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
        if ((record >> _REASON_SHIFT) & _REASON_MASK != 0) revert CredentialAlreadyRevoked(tokenId);
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

    /// @inheritdoc ICredentialIssuance
    function proposeMove(uint256 tokenId, address newHolder) external {
        uint256 record = _requireRecord(tokenId);
        uint256 typeId = _typeOf(record);
        TypeRecord storage t = _types[typeId];
        // The issuer that vouches for it, through its own account (not a delegate), or the admin.
        uint256 issuerId = _issuerAt(typeId, t, _originalOf(tokenId, record));
        IssuerRecord storage vouching = _issuers[issuerId];
        if (!(msg.sender == vouching.account && vouching.status == IssuerStatus.Active)) {
            if (!hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
                if (msg.sender != vouching.account) revert TypeUnauthorizedAccount(typeId, msg.sender);
                revert IssuerNotActive(issuerId);
            }
        }
        _requireStanding(tokenId, record);
        if (newHolder == address(uint160(record))) revert CredentialMoveInvalid(tokenId, newHolder);
        _moves[tokenId].pending = newHolder;
        emit CredentialMoveProposed(tokenId, newHolder, msg.sender);
    }

    /// @inheritdoc ICredentialIssuance
    function acceptMove(uint256 tokenId) external returns (uint256 newTokenId) {
        if (msg.sender == address(0) || _moves[tokenId].pending != msg.sender) {
            revert CredentialMoveInvalid(tokenId, msg.sender);
        }
        uint256 record = _records[tokenId];
        // It may have been revoked or renounced since the proposal.
        _requireStanding(tokenId, record);
        _moves[tokenId].pending = address(0);

        address previousHolder = address(uint160(record));
        uint256 typeId = _typeOf(record);
        uint256 original = _originalOf(tokenId, record);
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
        _moves[newTokenId].origin = uint32(original);
        _moves[tokenId].movedTo = uint32(newTokenId);
        _records[tokenId] = record | _MOVED_OUT;
        --_holders[previousHolder];
        emit Transfer(previousHolder, address(0), tokenId);
        emit CredentialMoved(tokenId, newTokenId, msg.sender);
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
        r.issuedAt = uint64(_issuedAt(r.holder, tokenId, typeId));
        r.validUntil = uint64((record >> _VALID_UNTIL_SHIFT) & _MASK_32);
        r.evidenceHash = _evidence[original];
        r.components = _stackComponents[original];
        r.movedTo = _moves[tokenId].movedTo;
        if (original != tokenId) r.movedFrom = original;
        r.pendingMove = _moves[tokenId].pending;
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

    // ================================================================ internals

    function _requireRecord(uint256 tokenId) private view returns (uint256 record) {
        record = _records[tokenId];
        if (record == 0) revert ERC721NonexistentToken(tokenId);
    }

    /// @dev Reverts unless the credential still stands: not moved, revoked (in any way) or renounced.
    function _requireStanding(uint256 tokenId, uint256 record) private view {
        if (record == 0) revert ERC721NonexistentToken(tokenId);
        if (record & _MOVED_OUT != 0) revert CredentialWasMoved(tokenId, _moves[tokenId].movedTo);
        (CredentialStatus status, , , ) = _status(tokenId);
        if (status == CredentialStatus.Revoked) revert CredentialAlreadyRevoked(tokenId);
        if (status == CredentialStatus.Renounced) revert CredentialWasRenounced(tokenId);
    }

    /// @dev Checks the type accepts new credentials; returns its default expiry from now.
    function _requireIssuable(uint256 typeId, TypeRecord storage t) private view returns (uint256) {
        if (t.retired) revert TypeRetired(typeId);
        if (t.requiredComponents != 0) revert TypeIsStack(typeId);
        return _defaultExpiry(t.validityPeriod);
    }

    function _reserveTokenIds(uint256 count) private returns (uint256 first) {
        first = uint256(_lastTokenId) + 1;
        uint256 last = first + count - 1;
        // Token ids are stored in 32 bits, here and in the holder index.
        if (last > _MAX_32) revert IdSpaceExhausted();
        _lastTokenId = uint32(last);
    }

    /// @dev Issues a new credential now.
    function _mint(address to, uint256 tokenId, uint256 typeId, uint256 validUntil) private {
        _mintWith(to, tokenId, typeId, validUntil, _time(), 0);
    }

    /// @dev Writes a credential: the one-per-type check, the holder index, one fresh slot for the
    /// record. `issuedAt` and `flags` differ from now and 0 only for a moved credential.
    function _mintWith(
        address to,
        uint256 tokenId,
        uint256 typeId,
        uint256 validUntil,
        uint256 issuedAt,
        uint256 flags
    ) private {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        uint256 holderSlot = _holders[to];
        uint256 previous = _latestOf(to, holderSlot, typeId);
        if (previous != 0 && _counts(previous)) revert CredentialAlreadyHeld(to, typeId, previous);
        _index(to, holderSlot, tokenId, typeId, issuedAt);
        _records[tokenId] = uint256(uint160(to)) | (typeId << _TYPE_SHIFT) | flags | (validUntil << _VALID_UNTIL_SHIFT);
        emit Transfer(address(0), to, tokenId);
        emit Locked(tokenId);
    }

    function _defaultExpiry(uint256 validityPeriod) private view returns (uint256) {
        if (validityPeriod == 0) return 0;
        uint256 validUntil = _time() + validityPeriod;
        if (validUntil > _MAX_32) revert CredentialExpiryInvalid(validUntil);
        return validUntil;
    }

    /// @dev An explicit expiry must be in the future and fit 32 bits; 0 takes the default.
    function _expiry(uint256 requested, uint256 defaultValidUntil) private view returns (uint256) {
        if (requested == 0) return defaultValidUntil;
        if (requested <= _time() || requested > _MAX_32) revert CredentialExpiryInvalid(requested);
        return requested;
    }
}
