// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IssuerStatus} from "../interfaces/CredentialData.sol";
import {IIssuers} from "../interfaces/IIssuers.sol";
import {Directory} from "./Directory.sol";

/// @title Issuer administration: registration, vetted names, suspension, key rotation, key compromise
/// @notice An issuer is an organisation, identified by its issuer id. Its name is what the admin
/// vetted (no two issuers share a name once folded), its website is its own, and the account that
/// acts for it can change: the old key proposes and the new key accepts, or the admin replaces a
/// lost key. A key-compromise watermark revokes, without a loop, everything the issuer issued
/// from a token id up to the moment it was set. Runs in the registry's storage from the
/// administration extension (see CredentialRegistryAdmin).
abstract contract IssuerAdmin is Directory {
    // ================================================================ admin

    /// @inheritdoc IIssuers
    function registerIssuer(
        address account,
        string calldata name_,
        bytes32 nameKey,
        string calldata url
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 issuerId) {
        if (account == address(0) || _issuerOf[account] != 0) revert IssuerInvalidAccount(account);
        _checkText("name", name_, 1, _MAX_NAME, true);
        _checkText("url", url, 0, _MAX_URL, false);
        issuerId = ++_issuerCount;
        if (issuerId > _MAX_32) revert IdSpaceExhausted();
        _claimName(issuerId, nameKey);
        IssuerRecord storage record = _issuers[issuerId];
        record.account = account;
        record.status = IssuerStatus.Active;
        record.registeredAt = uint32(_time());
        record.name = name_;
        record.url = url;
        _issuerOf[account] = issuerId;
        emit IssuerRegistered(issuerId, account, name_, url);
    }

    /// @inheritdoc IIssuers
    function renameIssuer(
        uint256 issuerId,
        string calldata name_,
        bytes32 nameKey
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        IssuerRecord storage record = _requireIssuer(issuerId);
        _checkText("name", name_, 1, _MAX_NAME, true);
        delete _issuerByNameKey[record.nameKey];
        _claimName(issuerId, nameKey);
        record.name = name_;
        emit IssuerRenamed(issuerId, name_);
        _emitAllMetadataUpdated();
    }

    /// @inheritdoc IIssuers
    function suspendIssuer(uint256 issuerId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        IssuerRecord storage record = _requireIssuer(issuerId);
        if (record.status != IssuerStatus.Active) revert IssuerNotActive(issuerId);
        _suspend(issuerId, record);
    }

    /// @inheritdoc IIssuers
    function reinstateIssuer(uint256 issuerId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        IssuerRecord storage record = _requireIssuer(issuerId);
        if (record.status != IssuerStatus.Suspended) revert IssuerNotSuspended(issuerId);
        if (record.needsNewKey) revert IssuerNeedsNewKey(issuerId);
        record.status = IssuerStatus.Active;
        record.suspendedAt = 0;
        emit IssuerReinstated(issuerId);
    }

    /// @inheritdoc IIssuers
    function replaceIssuerAccount(uint256 issuerId, address newAccount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _changeAccount(issuerId, _requireIssuer(issuerId), newAccount);
    }

    /// @inheritdoc IIssuers
    function setCompromiseWatermark(uint256 issuerId, uint256 fromTokenId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        IssuerRecord storage record = _requireIssuer(issuerId);
        uint256 current = record.compromisedFrom;
        // Only earlier, and only over credentials that exist: a watermark never grows forward.
        if (fromTokenId == 0 || fromTokenId > _lastTokenId || (current != 0 && fromTokenId >= current)) {
            revert WatermarkInvalid(current, fromTokenId);
        }
        record.compromisedFrom = uint32(fromTokenId);
        if (current == 0) {
            // First watermark: it covers everything issued until now, and the issuer stops until
            // a new key acts for it, so the leaked key issues nothing after the watermark.
            record.compromisedUntil = _lastTokenId;
            record.compromisedAt = uint32(_time());
            record.needsNewKey = true;
            // Whatever the leaked key proposed is void: only the admin gives it a new account.
            record.pendingAccount = address(0);
            ++_compromises;
            if (record.status == IssuerStatus.Active) _suspend(issuerId, record);
            // Whatever the issuer delegated or offered until now stands no more (`_isDelegate`):
            // nobody knows when the key leaked, only which credentials show it.
            record.compromiseEpoch = ++_epoch;
        }
        emit IssuerKeyCompromised(issuerId, fromTokenId, record.compromisedUntil);
        _emitAllMetadataUpdated();
    }

    // ================================================================ the issuer itself

    /// @inheritdoc IIssuers
    function setIssuerURL(string calldata url) external {
        uint256 issuerId = _requireActiveAccount(msg.sender);
        _checkText("url", url, 0, _MAX_URL, false);
        _issuers[issuerId].url = url;
        emit IssuerURLUpdated(issuerId, url);
    }

    /// @inheritdoc IIssuers
    function proposeIssuerAccount(address newAccount) external {
        // A suspended issuer may rotate too: a new key is how it recovers from a compromise.
        uint256 issuerId = _issuerOf[msg.sender];
        if (issuerId == 0) revert IssuerNotRegistered(msg.sender);
        // After a key compromise the current key is not trusted to choose its successor.
        if (_issuers[issuerId].needsNewKey) revert IssuerNeedsNewKey(issuerId);
        if (newAccount != address(0) && _issuerOf[newAccount] != 0) revert IssuerInvalidAccount(newAccount);
        _issuers[issuerId].pendingAccount = newAccount;
        emit IssuerAccountProposed(issuerId, newAccount);
    }

    /// @inheritdoc IIssuers
    function acceptIssuerAccount(uint256 issuerId) external {
        IssuerRecord storage record = _requireIssuer(issuerId);
        if (record.pendingAccount != msg.sender || msg.sender == address(0)) {
            revert IssuerAccountNotProposed(issuerId, msg.sender);
        }
        if (record.needsNewKey) revert IssuerNeedsNewKey(issuerId);
        _changeAccount(issuerId, record, msg.sender);
    }

    // ================================================================ internals

    function _claimName(uint256 issuerId, bytes32 nameKey) private {
        uint256 holder = _issuerByNameKey[nameKey];
        if (nameKey == bytes32(0) || holder != 0) revert IssuerNameTaken(nameKey, holder);
        _issuerByNameKey[nameKey] = issuerId;
        _issuers[issuerId].nameKey = nameKey;
    }

    function _suspend(uint256 issuerId, IssuerRecord storage record) private {
        record.status = IssuerStatus.Suspended;
        record.suspendedAt = uint32(_time());
        unchecked {
            ++record.authorityNonce; // wraps
        }
        // Every type's cached "owner is active" answer is stale now (see TypeRecord).
        ++_epoch;
        emit IssuerSuspended(issuerId);
    }

    function _changeAccount(uint256 issuerId, IssuerRecord storage record, address newAccount) private {
        if (newAccount == address(0) || _issuerOf[newAccount] != 0) revert IssuerInvalidAccount(newAccount);
        address previous = record.account;
        delete _issuerOf[previous];
        _issuerOf[newAccount] = issuerId;
        record.account = newAccount;
        record.pendingAccount = address(0);
        record.needsNewKey = false;
        unchecked {
            ++record.authorityNonce; // wraps
        }
        // Types cache their owner's account (see TypeRecord): make them look again.
        ++_epoch;
        emit IssuerAccountChanged(issuerId, previous, newAccount, msg.sender);
    }
}
