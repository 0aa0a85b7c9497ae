// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialKind, CredentialTypeInput, CredentialTypeInfo, TypeEra} from "./CredentialData.sol";

/// @title Credential types: what an issuer certifies, who may issue it, and who did
/// @notice An active issuer defines credential types (four kinds; stacks of N of M components),
/// authorises other issuers as delegates, retires a type, and may hand it to another issuer, who
/// must accept. Credentials name the issuer that owned their type when they were issued, forever.
interface ICredentialTypes {
    // ------------------------------------------------------------------ events

    /// @notice Issuer `issuerId` created credential type `typeId`.
    event CredentialTypeCreated(uint256 indexed typeId, uint256 indexed issuerId, CredentialKind kind, string name);
    /// @notice The type's owner authorised (or de-authorised) issuer `delegateIssuerId` to issue,
    /// renew and revoke the type in its name.
    event TypeDelegateSet(uint256 indexed typeId, uint256 indexed delegateIssuerId, bool authorised);
    /// @notice The type's owner offered the type to issuer `toIssuerId` (0: offer withdrawn).
    event TypeOffered(uint256 indexed typeId, uint256 indexed fromIssuerId, uint256 indexed toIssuerId);
    /// @notice Issuer `toIssuerId` accepted the type: credentials from token id `fromTokenId` on
    /// name it; earlier ones still name `fromIssuerId`. Every delegate was removed.
    event TypeOwnershipTransferred(
        uint256 indexed typeId,
        uint256 indexed fromIssuerId,
        uint256 indexed toIssuerId,
        uint256 fromTokenId
    );
    /// @notice The type was retired; `successorTypeId` (0 for none) replaces it.
    event CredentialTypeRetired(uint256 indexed typeId, uint256 indexed successorTypeId);

    // ------------------------------------------------------------------ errors

    /// @notice No credential type has id `typeId`.
    error TypeUnknown(uint256 typeId);
    /// @notice The type is retired and issues nothing new.
    error TypeRetired(uint256 typeId);
    /// @notice The type is a stack; stacks are claimed, not issued.
    error TypeIsStack(uint256 typeId);
    /// @notice The type is not a stack, so nothing can be claimed from it.
    error TypeNotStack(uint256 typeId);
    /// @notice `account` may not act on credential type `typeId`.
    error TypeUnauthorizedAccount(uint256 typeId, address account);
    /// @notice Issuer `issuerId` neither owns credential type `typeId` nor is its delegate.
    error TypeUnauthorizedIssuer(uint256 typeId, uint256 issuerId);
    /// @notice The kind is not one of the four credential kinds.
    error TypeKindInvalid(uint8 kind);
    /// @notice A credential issued now with this default validity would expire after 2106-02-07,
    /// which the registry cannot store: nothing of the type could ever be issued.
    error TypeValidityTooLong(uint256 validityPeriod, uint256 maxValidityPeriod);
    /// @notice The successor is unknown, the type itself, or retired.
    error TypeSuccessorInvalid(uint256 successorTypeId);
    /// @notice Issuer `issuerId` cannot be a delegate of the type (unknown, inactive, or its owner).
    error TypeDelegateInvalid(uint256 typeId, uint256 issuerId);
    /// @notice Issuer `issuerId` cannot receive the type (unknown, or already its owner).
    error TypeRecipientInvalid(uint256 typeId, uint256 issuerId);
    /// @notice The type was not offered to the caller's issuer.
    error TypeNotOffered(uint256 typeId, address account);
    /// @notice The offer of `typeId` can be accepted from `readyAt` (HANDOVER_DELAY after it was made).
    error TypeOfferNotYet(uint256 typeId, uint256 readyAt);
    /// @notice The N-of-M rule does not hold: 1 <= required <= components <= MAX_STACK_COMPONENTS.
    error StackRuleInvalid(uint256 required, uint256 components);
    /// @notice A component is unknown, a stack itself, or listed twice.
    error StackComponentInvalid(uint256 componentTypeId);

    // ------------------------------------------------------------------ functions

    /// @notice Creates a credential type owned by the caller's issuer. An active issuer's account.
    /// @param input The type's definition.
    /// @return typeId The new type's id (ids start at 1).
    function createCredentialType(CredentialTypeInput calldata input) external returns (uint256 typeId);

    /// @notice Authorises or de-authorises another issuer to issue, renew and revoke the type in
    /// the owner's name (credentials still name the owner; events name the delegate). The type
    /// owner's account, while active. An owner cannot be its own delegate. A key-compromise
    /// watermark over the owner voids every delegation it made before: it grants them again.
    /// @param typeId The type.
    /// @param delegateIssuerId The issuer to authorise; it must be active to be authorised.
    /// @param authorised True to authorise, false to remove.
    function setTypeDelegate(uint256 typeId, uint256 delegateIssuerId, bool authorised) external;

    /// @notice Offers the type to another issuer, who takes it over by accepting, no sooner than
    /// HANDOVER_DELAY from now. The type owner's account, while active. `toIssuerId` 0 withdraws
    /// an offer. A key-compromise watermark over the owner voids the offer.
    /// @param typeId The type.
    /// @param toIssuerId The issuer it is offered to.
    function offerType(uint256 typeId, uint256 toIssuerId) external;

    /// @notice Takes over a type offered to the caller's issuer: new credentials name it, earlier
    /// ones keep naming the previous owner, and every delegate is removed. The offered issuer's
    /// account, while active, once HANDOVER_DELAY has passed since the offer.
    /// @param typeId The type.
    function acceptType(uint256 typeId) external;

    /// @notice Retires the type: nothing new is issued; existing credentials are unaffected.
    /// The type owner's account, while active.
    /// @param typeId The type.
    /// @param successorTypeId The type that replaces it, or 0.
    function retireCredentialType(uint256 typeId, uint256 successorTypeId) external;

    // ------------------------------------------------------------------ views

    /// @notice The credential type `typeId`; reverts with TypeUnknown for an unknown id.
    /// @param typeId The type.
    /// @return info Its definition, owner and state.
    function credentialType(uint256 typeId) external view returns (CredentialTypeInfo memory info);

    /// @notice Who owned the type from which token id on, oldest first.
    /// @param typeId The type.
    /// @return eras One entry per owner, starting at token id 0.
    function typeEras(uint256 typeId) external view returns (TypeEra[] memory eras);

    /// @notice Whether issuer `issuerId` is an authorised delegate of the type now.
    /// @param typeId The type.
    /// @param issuerId The issuer.
    /// @return authorised True when it may issue, renew and revoke the type in the owner's name.
    function isTypeDelegate(uint256 typeId, uint256 issuerId) external view returns (bool authorised);

    /// @notice Whether `account` may issue credentials of `typeId` right now (as `issue` would
    /// accept, whatever the recipient).
    /// @param typeId The type.
    /// @param account The account that would send the transaction.
    /// @return allowed True when `issue` would not refuse the account or the type.
    function canIssue(uint256 typeId, address account) external view returns (bool allowed);

    /// @notice How many credential types exist (ids 1 to typeCount()).
    /// @return count The number of types.
    function typeCount() external view returns (uint256 count);
}
