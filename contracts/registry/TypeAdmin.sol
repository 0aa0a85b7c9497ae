// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialKind, CredentialTypeInput, IssuerStatus} from "../interfaces/CredentialData.sol";
import {ICredentialTypes} from "../interfaces/ICredentialTypes.sol";
import {Directory} from "./Directory.sol";

/// @title Credential type administration: definitions, delegates, hand-over with owner eras, retirement
/// @notice A type changes hands in two steps (offer, accept), which starts a new owner era:
/// credentials issued from then on name the new owner, earlier ones keep naming theirs (see
/// Directory for who may act on what). Runs in the registry's storage from the administration
/// extension (see CredentialRegistryAdmin).
abstract contract TypeAdmin is Directory {
    /// @inheritdoc ICredentialTypes
    function createCredentialType(CredentialTypeInput calldata input) external returns (uint256 typeId) {
        uint256 issuerId = _requireActiveAccount(msg.sender);
        if (input.kind > uint8(type(CredentialKind).max)) revert TypeKindInvalid(input.kind);
        _checkText("name", input.name, 1, _MAX_NAME, true);
        _checkText("description", input.description, 0, _MAX_DESCRIPTION, false);
        _checkText("criteriaURL", input.criteriaURL, 0, _MAX_URL, false);
        _checkText("imageURL", input.imageURL, 0, _MAX_URL, false);
        // A credential issued now must be able to carry the default expiry, or nothing of the
        // type could ever be issued (the registry stores dates until 2106).
        uint256 maxValidity = _MAX_32 - _time();
        if (input.validityPeriod > maxValidity) revert TypeValidityTooLong(input.validityPeriod, maxValidity);

        typeId = _typeCount + 1;
        if (typeId > _MASK_24) revert IdSpaceExhausted();
        _checkStackRule(typeId, input.components, input.requiredComponents);
        _typeCount = typeId;

        TypeRecord storage t = _types[typeId];
        t.ownerAccount = msg.sender;
        t.checkedEpoch = _epoch;
        t.validityPeriod = input.validityPeriod;
        t.kind = CredentialKind(input.kind);
        t.requiredComponents = input.requiredComponents;
        t.owner = uint32(issuerId);
        t.credits = input.credits;
        t.createdAt = uint40(_time());
        t.components = input.components;
        t.name = input.name;
        t.description = input.description;
        t.criteriaURL = input.criteriaURL;
        t.imageURL = input.imageURL;
        emit CredentialTypeCreated(typeId, issuerId, CredentialKind(input.kind), input.name);
    }

    /// @inheritdoc ICredentialTypes
    function setTypeDelegate(uint256 typeId, uint256 delegateIssuerId, bool authorised) external {
        (TypeRecord storage t, uint256 ownerId) = _requireTypeOwner(typeId);
        if (
            delegateIssuerId == ownerId ||
            (authorised && _issuers[delegateIssuerId].status != IssuerStatus.Active) ||
            (!authorised && delegateIssuerId == 0)
        ) revert TypeDelegateInvalid(typeId, delegateIssuerId);
        // When it was granted goes with it (see `_isDelegate`).
        _delegates[typeId][delegateIssuerId] =
            authorised ? (uint256(_epoch) << 32) | (uint256(t.delegateGeneration) + 1) : 0;
        emit TypeDelegateSet(typeId, delegateIssuerId, authorised);
    }

    /// @inheritdoc ICredentialTypes
    function offerType(uint256 typeId, uint256 toIssuerId) external {
        (TypeRecord storage t, uint256 ownerId) = _requireTypeOwner(typeId);
        if (toIssuerId != 0 && (toIssuerId == ownerId || _issuers[toIssuerId].status == IssuerStatus.None)) {
            revert TypeRecipientInvalid(typeId, toIssuerId);
        }
        t.pendingOwner = uint32(toIssuerId);
        t.offerReadyAt = uint32(_time() + HANDOVER_DELAY);
        t.offeredEpoch = _epoch;
        emit TypeOffered(typeId, ownerId, toIssuerId);
    }

    /// @inheritdoc ICredentialTypes
    function acceptType(uint256 typeId) external {
        TypeRecord storage t = _requireType(typeId);
        uint256 issuerId = _issuerOf[msg.sender];
        // An offer made before a key-compromise watermark over the owner does not stand.
        if (issuerId == 0 || t.pendingOwner != issuerId || _voidedByCompromise(t.owner, t.offeredEpoch)) {
            revert TypeNotOffered(typeId, msg.sender);
        }
        if (_time() < t.offerReadyAt) revert TypeOfferNotYet(typeId, t.offerReadyAt);
        if (_issuers[issuerId].status != IssuerStatus.Active) revert IssuerNotActive(issuerId);

        uint256 previous = t.owner;
        uint256 fromTokenId = uint256(_lastTokenId) + 1;
        // Owner eras, packed (first token id << 32) | issuer id: the first era starts at 0.
        uint256[] storage eras = _eras[typeId];
        if (eras.length == 0) eras.push(previous);
        eras.push((fromTokenId << 32) | issuerId);

        t.owner = uint32(issuerId);
        t.pendingOwner = 0;
        t.handedOver = true;
        // A new generation: every delegate of the previous owner is removed at once.
        ++t.delegateGeneration;
        t.ownerAccount = msg.sender;
        t.checkedEpoch = _epoch;
        emit TypeOwnershipTransferred(typeId, previous, issuerId, fromTokenId);
    }

    /// @inheritdoc ICredentialTypes
    function retireCredentialType(uint256 typeId, uint256 successorTypeId) external {
        (TypeRecord storage t, ) = _requireTypeOwner(typeId);
        if (t.retired) revert TypeRetired(typeId);
        if (successorTypeId != 0) {
            TypeRecord storage successor = _types[successorTypeId];
            if (successorTypeId == typeId || successor.owner == 0 || successor.retired) {
                revert TypeSuccessorInvalid(successorTypeId);
            }
        }
        t.retired = true;
        t.successor = uint24(successorTypeId);
        emit CredentialTypeRetired(typeId, successorTypeId);
    }

    // ================================================================ internals

    function _checkStackRule(uint256 typeId, uint256[] calldata components, uint256 required) private view {
        uint256 count = components.length;
        if (count == 0 && required == 0) return;
        if (required == 0 || required > count || count > MAX_STACK_COMPONENTS) {
            revert StackRuleInvalid(required, count);
        }
        for (uint256 i; i < count; ++i) {
            uint256 component = components[i];
            // Ids below `typeId` exist already, so a stack can never include itself.
            if (component == 0 || component >= typeId || _types[component].requiredComponents != 0) {
                revert StackComponentInvalid(component);
            }
            for (uint256 j; j < i; ++j) {
                if (components[j] == component) revert StackComponentInvalid(component);
            }
        }
    }
}
