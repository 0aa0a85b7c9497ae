// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The kind of a credential type, as the micro-credential literature names them.
enum CredentialKind {
    Badge,
    Certificate,
    SkillCertification,
    ProfessionalDevelopmentCredit
}

/// @notice What a verifier should conclude about a credential right now.
/// @dev Checked in this order: Unknown (never issued), Revoked (by its issuer or the admin, by a
/// key-compromise watermark over its issuer, or, for a stack, through a revoked component),
/// Renounced (its holder removed it), Moved (re-issued to the holder's new address; see
/// `movedTo`), Expired, Valid. Revoked wins over everything a holder can do.
enum CredentialStatus {
    Unknown,
    Valid,
    Expired,
    Revoked,
    Renounced,
    Moved
}

/// @notice Lifecycle of an issuer (an organisation the admin registered).
enum IssuerStatus {
    None,
    Active,
    Suspended
}

/// @notice An issuer: an organisation with a vetted name, identified by its issuer id. Its
/// account (the key that acts for it) can be rotated without changing the id, the name or the
/// attribution of anything it issued.
/// @param issuerId The issuer's permanent id (1, 2, …); 0 for none.
/// @param account The account that acts for the issuer now.
/// @param status None, Active or Suspended.
/// @param registeredAt When the admin registered it (Unix seconds).
/// @param suspendedAt When it was suspended; 0 while active.
/// @param pendingAccount The account it proposed to rotate to, until that account accepts; zero for none.
/// @param needsNewKey True after a key-compromise watermark, until its account is replaced;
/// it cannot be reinstated before.
/// @param compromisedFrom First token id the key-compromise watermark revokes; 0 for none.
/// @param compromisedUntil Last token id the watermark covers (the last issued when it was set).
/// @param compromisedAt When the watermark was first set.
/// @param name The public name the admin vetted.
/// @param nameKey keccak-256 of the name folded by the SDK's `issuerNameKey` (NFKC, case,
/// whitespace); unique among registered issuers.
/// @param url The issuer's website, which it maintains itself.
struct IssuerProfile {
    uint256 issuerId;
    address account;
    IssuerStatus status;
    uint64 registeredAt;
    uint64 suspendedAt;
    address pendingAccount;
    bool needsNewKey;
    uint256 compromisedFrom;
    uint256 compromisedUntil;
    uint64 compromisedAt;
    string name;
    bytes32 nameKey;
    string url;
}

/// @notice What an issuer supplies to define a credential type.
/// @param name Shown on every credential of the type; 1 to 96 bytes of UTF-8, no control characters.
/// @param description What the credential certifies; up to 1,000 bytes.
/// @param kind A `CredentialKind` (0 Badge, 1 Certificate, 2 Skill certification, 3 PD credit).
/// @param credits Credit value in hundredths (150 = 1.50 CEU); 0 when the type carries none.
/// @param validityPeriod Default validity in seconds from issuance; 0 = does not expire. Issuance
/// now plus the period must fit the registry's dates (before 2106-02-07).
/// @param criteriaURL Where the criteria and assessment are published; up to 256 bytes.
/// @param imageURL The type's artwork for credential pages and Open Badges exports (wallets show
/// the on-chain card with its live status instead); up to 256 bytes.
/// @param components For a stack: the component type ids (empty for an ordinary type).
/// @param requiredComponents For a stack: how many of `components` a holder needs (N of M).
struct CredentialTypeInput {
    string name;
    string description;
    uint8 kind;
    uint32 credits;
    uint32 validityPeriod;
    string criteriaURL;
    string imageURL;
    uint256[] components;
    uint8 requiredComponents;
}

/// @notice A credential type as stored.
/// @param typeId The type's id (1, 2, …).
/// @param ownerIssuerId The issuer that owns the type now and issues new credentials of it.
/// @param owner That issuer's account.
/// @param pendingOwnerIssuerId The issuer the owner offered the type to, until it accepts; 0 for none.
/// @param handedOver Whether the type ever changed hands (then `typeEras` tells who issued what).
/// @param kind, credits, validityPeriod, components, requiredComponents, name, description,
/// criteriaURL, imageURL As in `CredentialTypeInput`.
/// @param retired Whether the type issues nothing new.
/// @param successorTypeId The type that replaces a retired one; 0 for none.
/// @param createdAt When the type was created.
struct CredentialTypeInfo {
    uint256 typeId;
    uint256 ownerIssuerId;
    address owner;
    uint256 pendingOwnerIssuerId;
    bool handedOver;
    CredentialKind kind;
    bool retired;
    uint256 successorTypeId;
    uint32 credits;
    uint32 validityPeriod;
    uint64 createdAt;
    uint8 requiredComponents;
    uint256[] components;
    string name;
    string description;
    string criteriaURL;
    string imageURL;
}

/// @notice A period in which one issuer owned a credential type: credentials of the type from
/// token id `fromTokenId` until the next era's were issued by (and name) `issuerId`.
struct TypeEra {
    uint256 fromTokenId;
    uint256 issuerId;
}

/// @notice One credential as the registry keeps it, with its status computed now. The lens adds
/// the names; see `ICredentialLens.verify`.
/// @param tokenId The credential's id.
/// @param status Its status now (see `CredentialStatus`).
/// @param holder The account it was issued (or moved) to. Kept after renouncement and moves; the
/// lens hides it then.
/// @param typeId Its credential type.
/// @param typeName, kind, credits What its type says: name, kind, credits in hundredths.
/// @param issuerId The issuer that vouches for it: the type's owner when it was issued. Never changes.
/// @param delegateIssuerId The delegate issuer that issued it in `issuerId`'s name; 0 when the
/// owner issued it (or a holder claimed it as a stack).
/// @param issuedAt When it was first issued (a moved credential keeps its original date).
/// @param validUntil Its expiry (Unix seconds); 0 = does not expire.
/// @param revocationReason 0 when not revoked; 1–6 as given by the revoker; 254 when a
/// key-compromise watermark over its issuer revokes it; 255 when a stack component was revoked.
/// @param revokedAt When that revocation happened.
/// @param revocationNote The revoker's note (for 255, the component's note).
/// @param evidenceHash Hash of the assessment evidence; 0 for none.
/// @param components For a stacked qualification: the component credentials it was built from.
/// @param movedTo For a credential moved to a new address: the credential that replaced it.
/// @param movedFrom For a credential created by a move: the original credential.
/// @param pendingMove The address a move was proposed to, until it accepts; zero for none.
struct CredentialRecord {
    uint256 tokenId;
    CredentialStatus status;
    address holder;
    uint256 typeId;
    string typeName;
    CredentialKind kind;
    uint32 credits;
    uint256 issuerId;
    uint256 delegateIssuerId;
    uint64 issuedAt;
    uint64 validUntil;
    uint8 revocationReason;
    uint64 revokedAt;
    string revocationNote;
    bytes32 evidenceHash;
    uint256[] components;
    uint256 movedTo;
    uint256 movedFrom;
    address pendingMove;
}
