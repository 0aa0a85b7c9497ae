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
/// @dev `Unknown` covers token ids that were never issued. `Renounced` is a credential its
/// holder removed: it no longer proves anything, and the holder no longer owns it.
enum CredentialStatus {
    Unknown,
    Valid,
    Expired,
    Revoked,
    Renounced
}

/// @notice Lifecycle of an issuer account.
enum IssuerStatus {
    None,
    Active,
    Suspended
}

/// @notice An issuer account and its public profile.
struct IssuerProfile {
    address account;
    IssuerStatus status;
    uint64 registeredAt;
    uint64 suspendedAt;
    string name;
    string url;
}

/// @notice What an issuer supplies to define a credential type.
/// @param kind A `CredentialKind` (0 Badge, 1 Certificate, 2 Skill certification, 3 PD credit).
/// @param credits Credit value in hundredths (150 = 1.50 CEU); 0 when the type carries none.
/// @param validityPeriod Default validity in seconds from issuance; 0 = does not expire.
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

/// @notice A credential type as stored, for readers.
struct CredentialTypeInfo {
    uint256 typeId;
    address issuer;
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

/// @notice Everything a verifier needs about one credential, in one struct.
/// @dev `issuer` is the account that owns the credential's type. A stack whose component was
/// revoked reports `Revoked` with `revocationReason == REASON_COMPONENT_REVOKED` (255) and that
/// component's revocation time and note. A renounced credential keeps its type, dates and
/// revocation, but no longer names a holder or an issue date.
struct Credential {
    uint256 tokenId;
    CredentialStatus status;
    address holder;
    uint256 typeId;
    string typeName;
    CredentialKind kind;
    uint32 credits;
    address issuer;
    string issuerName;
    uint64 issuedAt;
    uint64 validUntil;
    uint64 revokedAt;
    uint8 revocationReason;
    string revocationNote;
    bytes32 evidenceHash;
    uint256[] components;
}

/// @title OnChainCert credential registry
/// @notice Soulbound (ERC-5192) ERC-721 credentials with registered issuers, credential types,
/// stacks, expiry, renewal and revocation, all kept on-chain. The registry is not upgradeable.
interface ICredentialRegistry {
    // ------------------------------------------------------------------ events

    /// @notice The admin registered `issuer` with a public profile.
    event IssuerRegistered(address indexed issuer, string name, string url);
    /// @notice An issuer's public profile changed.
    event IssuerProfileUpdated(address indexed issuer, string name, string url);
    /// @notice The admin suspended `issuer`: it can no longer issue, renew or revoke.
    event IssuerSuspended(address indexed issuer);
    /// @notice The admin lifted the suspension of `issuer`.
    event IssuerReinstated(address indexed issuer);

    /// @notice `issuer` created credential type `typeId`.
    event CredentialTypeCreated(uint256 indexed typeId, address indexed issuer, CredentialKind kind, string name);
    /// @notice The type's owner authorised (or de-authorised) `account` to issue and revoke the type.
    event TypeDelegateSet(uint256 indexed typeId, address indexed account, bool authorised);
    /// @notice The type moved from `previousIssuer` to `newIssuer` (e.g. key rotation).
    event TypeOwnershipTransferred(uint256 indexed typeId, address indexed previousIssuer, address indexed newIssuer);
    /// @notice The type was retired; `successorTypeId` (0 for none) replaces it.
    event CredentialTypeRetired(uint256 indexed typeId, uint256 indexed successorTypeId);

    /// @notice `issuer` issued `count` credentials of `typeId` in one `issueBatch`, token ids
    /// `firstTokenId` onwards. (A single `issue` is recorded by its `Transfer` and `Locked`
    /// events only, to keep it under 80,000 gas; its type is on-chain in `verify`.)
    event CredentialsIssued(uint256 indexed typeId, address indexed issuer, uint256 firstTokenId, uint256 count);
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

    /// @notice The admin changed the base URL of the dApp's credential pages.
    event ExternalBaseURIUpdated(string baseURI);
    /// @notice The admin replaced the metadata renderer.
    event RendererUpdated(address indexed renderer);

    // ------------------------------------------------------------------ errors

    /// @notice `account` is the zero address or otherwise cannot be an issuer.
    error IssuerInvalidAccount(address account);
    /// @notice `account` is already a registered issuer.
    error IssuerAlreadyRegistered(address account);
    /// @notice `account` is not a registered issuer.
    error IssuerNotRegistered(address account);
    /// @notice `account` is registered but suspended, or not registered at all.
    error IssuerNotActive(address account);
    /// @notice `account` is not suspended, so it cannot be reinstated.
    error IssuerNotSuspended(address account);

    /// @notice A string field is empty where it is required, or longer than allowed (bytes).
    error StringLengthInvalid(string field, uint256 length, uint256 maxLength);

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
    /// @notice The kind is not one of the four credential kinds.
    error TypeKindInvalid(uint8 kind);
    /// @notice The successor is unknown, the type itself, or retired.
    error TypeSuccessorInvalid(uint256 successorTypeId);
    /// @notice The N-of-M rule does not hold: 1 <= required <= components <= MAX_STACK_COMPONENTS.
    error StackRuleInvalid(uint256 required, uint256 components);
    /// @notice A component is unknown, a stack itself, or listed twice.
    error StackComponentInvalid(uint256 componentTypeId);
    /// @notice The holder has `valid` valid component credentials; the stack needs `required`.
    error StackRequirementsNotMet(address holder, uint256 stackTypeId, uint256 valid, uint256 required);

    /// @notice The batch is empty or longer than MAX_BATCH_SIZE.
    error BatchSizeInvalid(uint256 size, uint256 maxSize);
    /// @notice An optional per-credential array is neither empty nor as long as the recipients.
    error BatchLengthMismatch(uint256 recipients, uint256 values);
    /// @notice `holder` already holds valid credential `tokenId` of `typeId`.
    error CredentialAlreadyHeld(address holder, uint256 typeId, uint256 tokenId);
    /// @notice The expiry is not in the future, or beyond what the registry can store.
    error CredentialExpiryInvalid(uint256 validUntil);
    /// @notice The credential is already revoked.
    error CredentialAlreadyRevoked(uint256 tokenId);
    /// @notice Credentials never move, and nobody can be approved to move them.
    error CredentialNonTransferable(uint256 tokenId);
    /// @notice The reason code is 0, reserved, or unknown.
    error RevocationReasonInvalid(uint8 reason);
    /// @notice The registry has issued all the credential or type ids it can store.
    error IdSpaceExhausted();

    // ------------------------------------------------------------------ admin

    /// @notice Registers `account` as an issuer. Admin only.
    function registerIssuer(address account, string calldata name, string calldata url) external;

    /// @notice Suspends an active issuer: it stops issuing, renewing and revoking, and its types
    /// cannot be issued by delegates. Credentials it issued stay verifiable. Admin only.
    function suspendIssuer(address account) external;

    /// @notice Lifts a suspension. Admin only.
    function reinstateIssuer(address account) external;

    /// @notice Sets the base URL that `tokenURI` links to as `<base><tokenId>`. Admin only.
    function setExternalBaseURI(string calldata baseURI) external;

    /// @notice Replaces the contract that renders `tokenURI`. Admin only.
    function setRenderer(address renderer) external;

    // ------------------------------------------------------------------ issuers

    /// @notice Updates the caller's own issuer profile. Active issuers only.
    function updateIssuerProfile(string calldata name, string calldata url) external;

    /// @notice Creates a credential type owned by the caller. Active issuers only.
    /// @return typeId The new type's id (ids start at 1).
    function createCredentialType(CredentialTypeInput calldata input) external returns (uint256 typeId);

    /// @notice Authorises or de-authorises another registered issuer to issue, renew and revoke
    /// the type. The type's owner only, while active.
    function setTypeDelegate(uint256 typeId, address account, bool authorised) external;

    /// @notice Hands the type to another active issuer (key rotation). The type's owner only.
    function transferTypeOwnership(uint256 typeId, address newIssuer) external;

    /// @notice Retires the type: nothing new is issued; existing credentials are unaffected.
    /// The type's owner only. `successorTypeId` may be 0.
    function retireCredentialType(uint256 typeId, uint256 successorTypeId) external;

    /// @notice Issues one credential. The type's owner or delegates, while active.
    /// @param validUntil Expiry timestamp, or 0 for the type's default.
    /// @param evidenceHash Hash of the assessment evidence, or 0 for none.
    function issue(
        uint256 typeId,
        address recipient,
        uint64 validUntil,
        bytes32 evidenceHash
    ) external returns (uint256 tokenId);

    /// @notice Issues one credential of `typeId` to each recipient, token ids consecutive.
    /// @param validUntils Empty for the type's default, or one expiry per recipient (0 = default).
    /// @param evidenceHashes Empty for none, or one hash per recipient (0 = none).
    function issueBatch(
        uint256 typeId,
        address[] calldata recipients,
        uint64[] calldata validUntils,
        bytes32[] calldata evidenceHashes
    ) external returns (uint256 firstTokenId);

    /// @notice Sets a new expiry in place (0 = the type's default period from now).
    /// The type's owner or delegates, while active.
    function renew(uint256 tokenId, uint64 validUntil) external;

    /// @notice Revokes a credential for good, keeping the record. The type's owner or delegates
    /// while active, or the admin.
    /// @param reason A reason code from 1 to 6 (see docs/contracts.md).
    function revoke(uint256 tokenId, uint8 reason, string calldata note) external;

    // ------------------------------------------------------------------ holders and anyone

    /// @notice Removes a credential from the caller's account. The holder only.
    function renounce(uint256 tokenId) external;

    /// @notice Mints the stacked credential to `holder` when they hold enough valid components.
    /// Anyone may call it for any holder.
    function claimStack(uint256 stackTypeId, address holder) external returns (uint256 tokenId);

    // ------------------------------------------------------------------ verification

    /// @notice The status and full record of one credential.
    function verify(uint256 tokenId) external view returns (Credential memory);

    /// @notice Every credential `holder` owns (revoked and expired included), with status.
    function credentialsOf(address holder) external view returns (Credential[] memory);

    /// @notice A page of `credentialsOf`, for holders with very many credentials.
    function credentialsOfRange(
        address holder,
        uint256 start,
        uint256 count
    ) external view returns (Credential[] memory);

    /// @notice Whether `holder` has a valid credential of `typeId` right now.
    function hasValidCredential(address holder, uint256 typeId) external view returns (bool);

    /// @notice The credential type `typeId`.
    function credentialType(uint256 typeId) external view returns (CredentialTypeInfo memory);

    /// @notice How many credential types exist (ids 1 to typeCount()).
    function typeCount() external view returns (uint256);

    /// @notice How many credentials were ever issued (ids 1 to totalIssued()).
    function totalIssued() external view returns (uint256);

    /// @notice The issuer profile of `account` (status None when unregistered).
    function issuer(address account) external view returns (IssuerProfile memory);

    /// @notice Every registered issuer account, in registration order.
    function issuers() external view returns (address[] memory);

    /// @notice Whether `account` may issue credentials of `typeId` right now.
    function canIssue(uint256 typeId, address account) external view returns (bool);

    /// @notice Whether the type's owner has authorised `account` as a delegate.
    function isTypeDelegate(uint256 typeId, address account) external view returns (bool);

    /// @notice The base URL of the dApp's credential pages.
    function externalBaseURI() external view returns (string memory);

    /// @notice The contract that renders `tokenURI`.
    function renderer() external view returns (address);
}
