// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialTypeInfo, IssuerProfile, IssuerStatus, TypeEra} from "../interfaces/CredentialData.sol";
import {IIssuers} from "../interfaces/IIssuers.sol";
import {ICredentialTypes} from "../interfaces/ICredentialTypes.sol";
import {RegistryStorage} from "./RegistryStorage.sol";

/// @title Who is who: issuers and credential types, and who may act on them
/// @notice Read-only: the views of issuers and types, and the rules every write path applies.
/// Who may act on a type, and on each credential of it:
/// - issue: the owner issuer's account, or a delegate issuer's account the owner authorised for
///   the current generation; the owner, and the delegate, active.
/// - renew, revoke: the credential's own issuer (the type's owner when it was issued) through its
///   account, or a delegate while that issuer still owns the type; revoke also the admin.
/// A type that changed hands has owner eras: credentials issued in an era name that era's owner.
abstract contract Directory is RegistryStorage, IIssuers, ICredentialTypes {
    // ================================================================ views: issuers

    /// @inheritdoc IIssuers
    function issuer(uint256 issuerId) public view returns (IssuerProfile memory profile) {
        IssuerRecord storage record = _issuers[issuerId];
        profile.issuerId = issuerId;
        profile.account = record.account;
        profile.status = record.status;
        profile.registeredAt = record.registeredAt;
        profile.suspendedAt = record.suspendedAt;
        profile.pendingAccount = record.pendingAccount;
        profile.needsNewKey = record.needsNewKey;
        profile.compromisedFrom = record.compromisedFrom;
        profile.compromisedUntil = record.compromisedUntil;
        profile.compromisedAt = record.compromisedAt;
        profile.name = record.name;
        profile.nameKey = record.nameKey;
        profile.url = record.url;
    }

    /// @inheritdoc IIssuers
    function issuerOf(address account) external view returns (uint256 issuerId) {
        return _issuerOf[account];
    }

    /// @inheritdoc IIssuers
    function issuerByNameKey(bytes32 nameKey) external view returns (uint256 issuerId) {
        return _issuerByNameKey[nameKey];
    }

    /// @inheritdoc IIssuers
    function issuerCount() external view returns (uint256 count) {
        return _issuerCount;
    }

    // ================================================================ views: types

    /// @inheritdoc ICredentialTypes
    function credentialType(uint256 typeId) external view returns (CredentialTypeInfo memory info) {
        TypeRecord storage t = _requireType(typeId);
        info.typeId = typeId;
        info.ownerIssuerId = t.owner;
        info.owner = _issuers[t.owner].account;
        info.pendingOwnerIssuerId = t.pendingOwner;
        info.handedOver = t.handedOver;
        info.kind = t.kind;
        info.retired = t.retired;
        info.successorTypeId = t.successor;
        info.credits = t.credits;
        info.validityPeriod = t.validityPeriod;
        info.createdAt = t.createdAt;
        info.requiredComponents = t.requiredComponents;
        info.components = t.components;
        info.name = t.name;
        info.description = t.description;
        info.criteriaURL = t.criteriaURL;
        info.imageURL = t.imageURL;
    }

    /// @inheritdoc ICredentialTypes
    function typeEras(uint256 typeId) external view returns (TypeEra[] memory eras) {
        TypeRecord storage t = _requireType(typeId);
        uint256[] storage packed = _eras[typeId];
        if (packed.length == 0) {
            eras = new TypeEra[](1);
            eras[0] = TypeEra(0, t.owner);
            return eras;
        }
        eras = new TypeEra[](packed.length);
        for (uint256 i; i < packed.length; ++i) eras[i] = TypeEra(packed[i] >> 32, packed[i] & _MASK_32);
    }

    /// @inheritdoc ICredentialTypes
    function isTypeDelegate(uint256 typeId, uint256 issuerId) external view returns (bool authorised) {
        return _isDelegate(typeId, _types[typeId], issuerId);
    }

    /// @inheritdoc ICredentialTypes
    function canIssue(uint256 typeId, address account) external view returns (bool allowed) {
        TypeRecord storage t = _types[typeId];
        if (t.owner == 0 || t.retired || t.requiredComponents != 0) return false;
        if (t.validityPeriod > _MAX_32 - _time()) return false;
        IssuerRecord storage owner = _issuers[t.owner];
        if (owner.status != IssuerStatus.Active) return false;
        if (account == owner.account) return true;
        uint256 actor = _issuerOf[account];
        return _isDelegate(typeId, t, actor) && _issuers[actor].status == IssuerStatus.Active;
    }

    /// @inheritdoc ICredentialTypes
    function typeCount() external view returns (uint256 count) {
        return _typeCount;
    }

    // ================================================================ internals

    function _requireIssuer(uint256 issuerId) internal view returns (IssuerRecord storage record) {
        record = _issuers[issuerId];
        if (record.status == IssuerStatus.None) revert IssuerUnknown(issuerId);
    }

    /// @dev The issuer `account` acts for, which must be active.
    function _requireActiveAccount(address account) internal view returns (uint256 issuerId) {
        issuerId = _issuerOf[account];
        if (issuerId == 0) revert IssuerNotRegistered(account);
        if (_issuers[issuerId].status != IssuerStatus.Active) revert IssuerNotActive(issuerId);
    }

    function _requireType(uint256 typeId) internal view returns (TypeRecord storage t) {
        t = _types[typeId];
        // `ownerAccount` is in slot 0, which issuance reads anyway; it is never zero for a type.
        if (t.ownerAccount == address(0)) revert TypeUnknown(typeId);
    }

    /// @dev The type, when the caller is its owner's account and the owner is active.
    function _requireTypeOwner(uint256 typeId) internal view returns (TypeRecord storage t, uint256 ownerId) {
        t = _requireType(typeId);
        ownerId = t.owner;
        IssuerRecord storage owner = _issuers[ownerId];
        if (msg.sender != owner.account) revert TypeUnauthorizedAccount(typeId, msg.sender);
        if (owner.status != IssuerStatus.Active) revert IssuerNotActive(ownerId);
    }

    /// @dev The issuer that owned the type when credential `original` was issued: the owner, or
    /// for a type that changed hands, the era the token id falls in (binary search; eras only
    /// grow on hand-overs, which the owners accept).
    function _issuerAt(uint256 typeId, TypeRecord storage t, uint256 original) internal view returns (uint256) {
        if (!t.handedOver) return t.owner;
        uint256[] storage eras = _eras[typeId];
        uint256 low;
        uint256 high = eras.length;
        // Invariant: eras[low] starts at or before `original`; the answer is below `high`.
        while (high - low > 1) {
            uint256 mid = (low + high) / 2;
            if (eras[mid] >> 32 <= original) low = mid;
            else high = mid;
        }
        return eras[low] & _MASK_32;
    }

    /// @dev Whether issuer `delegateId` is a delegate of the type now: authorised for the current
    /// generation, and not before a key-compromise watermark over the owner (a leaked key's
    /// delegations do not survive the recovery).
    function _isDelegate(uint256 typeId, TypeRecord storage t, uint256 delegateId) internal view returns (bool) {
        if (delegateId == 0) return false;
        uint256 delegation = _delegates[typeId][delegateId];
        if (delegation & _MASK_32 != uint256(t.delegateGeneration) + 1) return false;
        return !_voidedByCompromise(t.owner, delegation >> 32);
    }

    /// @dev Whether something issuer `issuerId` did when `_epoch` was `epoch` (a delegation, a type
    /// offer) was done before a key-compromise watermark over it, so possibly by the leaked key:
    /// nobody knows when a key leaked, so everything before the watermark is void; the recovered
    /// issuer grants it again with its new key.
    function _voidedByCompromise(uint256 issuerId, uint256 epoch) internal view returns (bool) {
        if (_compromises == 0) return false;
        return epoch < _issuers[issuerId].compromiseEpoch;
    }

    /// @dev The type owner's account and whether the owner is active, without reading the owner's
    /// record when the type's cache is current (see TypeRecord); refreshes a stale cache.
    function _owner(TypeRecord storage t) internal returns (address account, bool active) {
        uint32 epoch = _epoch;
        if (t.checkedEpoch == epoch) return (t.ownerAccount, true);
        IssuerRecord storage owner = _issuers[t.owner];
        account = owner.account;
        active = owner.status == IssuerStatus.Active;
        if (active) {
            t.ownerAccount = account;
            t.checkedEpoch = epoch;
        }
    }

    /// @dev Reverts unless the caller may issue `typeId` (`original` == 0) or act on credential
    /// `original` of it: see the rules above. With `adminMayAct`, the admin may act too.
    /// @return delegateId The delegate issuer acting in the owner's name; 0 for the issuer itself or the admin.
    function _authorize(
        uint256 typeId,
        TypeRecord storage t,
        uint256 original,
        bool adminMayAct
    ) internal returns (uint256 delegateId) {
        if (original != 0 && t.handedOver) {
            uint256 issuerId = _issuerAt(typeId, t, original);
            if (issuerId != t.owner) {
                // A credential of an earlier owner: only that issuer (or the admin) acts on it.
                IssuerRecord storage past = _issuers[issuerId];
                if (msg.sender == past.account && past.status == IssuerStatus.Active) return 0;
                if (adminMayAct && hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) return 0;
                if (msg.sender != past.account) revert TypeUnauthorizedAccount(typeId, msg.sender);
                revert IssuerNotActive(issuerId);
            }
        }
        (address ownerAccount, bool ownerActive) = _owner(t);
        if (ownerActive && msg.sender == ownerAccount) return 0;
        // Checked after the owner, so an issuer's own revocation pays no extra read.
        if (adminMayAct && hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) return 0;
        delegateId = _issuerOf[msg.sender];
        bool delegate = _isDelegate(typeId, t, delegateId);
        if (!delegate && msg.sender != ownerAccount) revert TypeUnauthorizedAccount(typeId, msg.sender);
        if (!ownerActive) revert IssuerNotActive(t.owner);
        if (_issuers[delegateId].status != IssuerStatus.Active) revert IssuerNotActive(delegateId);
    }
}
