// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IERC5192} from "./interfaces/IERC5192.sol";
import {ICredentialRenderer} from "./interfaces/ICredentialRenderer.sol";
import {
    ICredentialRegistry,
    CredentialKind,
    CredentialStatus,
    IssuerStatus,
    IssuerProfile,
    CredentialTypeInput,
    CredentialTypeInfo,
    Credential
} from "./interfaces/ICredentialRegistry.sol";

/// @title OnChainCert credential registry
/// @notice Soulbound ERC-721 micro-credentials. Issuers are registered by the admin; they define
/// credential types (badges, certificates, skill certifications, professional-development
/// credits), issue them one by one or in batches, renew and revoke them. Types can be stacks
/// that a holder claims once they hold N of M component credentials. Anyone verifies a
/// credential or a whole address in one call. There is no proxy: this contract is immutable.
/// @dev Storage is laid out for the gas floor of issuance; see docs/contracts.md, "Storage".
/// Everything a write path needs about a credential lives in one slot (`_records`); the issue
/// date, which only views read, lives in the holder's packed index (`_holders`).
contract CredentialRegistry is
    ICredentialRegistry,
    IERC721Metadata,
    IERC4906,
    IERC5192,
    IERC721Errors,
    AccessControlDefaultAdminRules
{
    // ---------------------------------------------------------------- constants

    /// @notice The most credentials one `issueBatch` call may issue (fits EIP-7825's cap).
    uint256 public constant MAX_BATCH_SIZE = 320;
    /// @notice The most component types a stack may list.
    uint256 public constant MAX_STACK_COMPONENTS = 16;
    /// @notice Reason code reported for a stack whose component was revoked. Not settable.
    uint8 public constant REASON_COMPONENT_REVOKED = 255;
    /// @notice Highest reason code an issuer may give (1 Unspecified, 2 Issued in error,
    /// 3 Misconduct, 4 Superseded, 5 Requirements no longer met, 6 Holder request).
    uint8 public constant MAX_REVOCATION_REASON = 6;

    uint256 private constant _MAX_NAME = 96;
    uint256 private constant _MAX_DESCRIPTION = 1000;
    uint256 private constant _MAX_URL = 256;
    uint256 private constant _MAX_NOTE = 280;

    // Token record, one slot per credential (`_records`):
    //   bits   0..159  holder (zero once renounced)
    //   bits 160..183  type id            (24 bits: at most 16,777,215 types)
    //   bits 184..191  revocation reason  (0 = not revoked)
    //   bits 192..223  valid until        (uint32 seconds, 0 = never expires; until 2106)
    //   bits 224..255  revoked at         (uint32 seconds)
    uint256 private constant _TYPE_SHIFT = 160;
    uint256 private constant _REASON_SHIFT = 184;
    uint256 private constant _VALID_UNTIL_SHIFT = 192;
    uint256 private constant _REVOKED_AT_SHIFT = 224;
    uint256 private constant _MASK_24 = 0xffffff;
    uint256 private constant _MASK_32 = 0xffffffff;
    uint256 private constant _MASK_64 = 0xffffffffffffffff;
    uint256 private constant _MAX_ID_32 = 0xffffffff;

    // Holder index, one slot per holder (`_holders`):
    //   bits   0..31   number of credentials held (the ERC-721 balance)
    //   bits  32..223  entries 0..2, 64 bits each: token id (low 32) | issued at (high 32)
    //   bits 224..255  type filter: bit (typeId % 32) is set once the holder received that type.
    //                  It only ever has false positives, so a clear bit skips the duplicate scan.
    // Entries 3 onwards live in `_holderPages[holder][(i - 3) / 4]`, four per slot.
    uint256 private constant _INLINE_ENTRIES = 3;
    uint256 private constant _ENTRIES_SHIFT = 32;
    uint256 private constant _FILTER_SHIFT = 224;

    // ---------------------------------------------------------------- storage

    struct TypeRecord {
        // Slot 0, read on every issuance.
        address owner;
        uint32 validityPeriod;
        CredentialKind kind;
        bool retired;
        uint8 requiredComponents;
        // `_suspensionEpoch` when the owner was last seen active (see `_requireOwnerActive`).
        uint32 ownerEpoch;
        // Slot 1.
        uint32 credits;
        uint24 successor;
        uint40 createdAt;
        uint256[] components;
        string name;
        string description;
        string criteriaURL;
        string imageURL;
    }

    struct IssuerRecord {
        IssuerStatus status;
        uint40 registeredAt;
        uint40 suspendedAt;
        string name;
        string url;
    }

    string private _name;
    string private _symbol;
    string private _externalBaseURI;
    ICredentialRenderer private _renderer;

    uint256 private _typeCount;
    // One slot of their own, read on every issuance: the last token id, and how many
    // suspensions there have ever been (so a type can tell whether its owner may have been
    // suspended since it last looked).
    uint32 private _lastTokenId;
    uint32 private _suspensionEpoch;

    mapping(uint256 tokenId => uint256 record) private _records;
    mapping(address holder => uint256 index) private _holders;
    mapping(address holder => mapping(uint256 page => uint256 entries)) private _holderPages;
    mapping(uint256 tokenId => bytes32 hash) private _evidence;
    mapping(uint256 tokenId => string note) private _revocationNotes;
    mapping(uint256 stackTokenId => uint256[] componentTokenIds) private _stackComponents;
    mapping(uint256 componentTokenId => uint256[] stackTokenIds) private _stacksUsing;

    mapping(uint256 typeId => TypeRecord record) private _types;
    mapping(uint256 typeId => mapping(address account => bool authorised)) private _typeDelegates;
    mapping(address account => IssuerRecord record) private _issuers;
    address[] private _issuerList;

    /// @param initialAdmin Holds DEFAULT_ADMIN_ROLE; transfers take two steps and `adminDelay`.
    constructor(
        address initialAdmin,
        uint48 adminDelay,
        string memory name_,
        string memory symbol_,
        string memory externalBaseURI_,
        ICredentialRenderer renderer_
    ) AccessControlDefaultAdminRules(adminDelay, initialAdmin) {
        _name = name_;
        _symbol = symbol_;
        _externalBaseURI = externalBaseURI_;
        _renderer = renderer_;
    }

    // ================================================================ admin

    /// @inheritdoc ICredentialRegistry
    function registerIssuer(
        address account,
        string calldata name_,
        string calldata url
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (account == address(0)) revert IssuerInvalidAccount(account);
        IssuerRecord storage record = _issuers[account];
        if (record.status != IssuerStatus.None) revert IssuerAlreadyRegistered(account);
        _checkProfile(name_, url);
        record.status = IssuerStatus.Active;
        record.registeredAt = uint40(_time());
        record.name = name_;
        record.url = url;
        _issuerList.push(account);
        emit IssuerRegistered(account, name_, url);
    }

    /// @inheritdoc ICredentialRegistry
    function suspendIssuer(address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        IssuerRecord storage record = _issuers[account];
        if (record.status != IssuerStatus.Active) revert IssuerNotActive(account);
        record.status = IssuerStatus.Suspended;
        record.suspendedAt = uint40(_time());
        ++_suspensionEpoch;
        emit IssuerSuspended(account);
    }

    /// @inheritdoc ICredentialRegistry
    function reinstateIssuer(address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        IssuerRecord storage record = _issuers[account];
        if (record.status != IssuerStatus.Suspended) revert IssuerNotSuspended(account);
        record.status = IssuerStatus.Active;
        record.suspendedAt = 0;
        emit IssuerReinstated(account);
    }

    /// @inheritdoc ICredentialRegistry
    function setExternalBaseURI(string calldata baseURI) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkLength("baseURI", baseURI, 0, _MAX_URL);
        _externalBaseURI = baseURI;
        emit ExternalBaseURIUpdated(baseURI);
        _emitAllMetadataUpdated();
    }

    /// @inheritdoc ICredentialRegistry
    function setRenderer(address renderer_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _renderer = ICredentialRenderer(renderer_);
        emit RendererUpdated(renderer_);
        _emitAllMetadataUpdated();
    }

    // ================================================================ issuers and types

    /// @inheritdoc ICredentialRegistry
    function updateIssuerProfile(string calldata name_, string calldata url) external {
        IssuerRecord storage record = _requireActiveIssuer(msg.sender);
        _checkProfile(name_, url);
        record.name = name_;
        record.url = url;
        emit IssuerProfileUpdated(msg.sender, name_, url);
        _emitAllMetadataUpdated();
    }

    /// @inheritdoc ICredentialRegistry
    function createCredentialType(CredentialTypeInput calldata input) external returns (uint256 typeId) {
        _requireActiveIssuer(msg.sender);
        if (input.kind > uint8(type(CredentialKind).max)) revert TypeKindInvalid(input.kind);
        _checkLength("name", input.name, 1, _MAX_NAME);
        _checkLength("description", input.description, 0, _MAX_DESCRIPTION);
        _checkLength("criteriaURL", input.criteriaURL, 0, _MAX_URL);
        _checkLength("imageURL", input.imageURL, 0, _MAX_URL);

        typeId = _typeCount + 1;
        if (typeId > _MASK_24) revert IdSpaceExhausted();
        _checkStackRule(typeId, input.components, input.requiredComponents);
        _typeCount = typeId;

        TypeRecord storage t = _types[typeId];
        t.owner = msg.sender;
        t.ownerEpoch = _suspensionEpoch;
        t.validityPeriod = input.validityPeriod;
        t.kind = CredentialKind(input.kind);
        t.requiredComponents = input.requiredComponents;
        t.credits = input.credits;
        t.createdAt = uint40(_time());
        t.components = input.components;
        t.name = input.name;
        t.description = input.description;
        t.criteriaURL = input.criteriaURL;
        t.imageURL = input.imageURL;
        emit CredentialTypeCreated(typeId, msg.sender, CredentialKind(input.kind), input.name);
    }

    /// @inheritdoc ICredentialRegistry
    function setTypeDelegate(uint256 typeId, address account, bool authorised) external {
        _requireTypeOwner(typeId);
        if (authorised && _issuers[account].status != IssuerStatus.Active) revert IssuerNotActive(account);
        _typeDelegates[typeId][account] = authorised;
        emit TypeDelegateSet(typeId, account, authorised);
    }

    /// @inheritdoc ICredentialRegistry
    function transferTypeOwnership(uint256 typeId, address newIssuer) external {
        TypeRecord storage t = _requireTypeOwner(typeId);
        if (_issuers[newIssuer].status != IssuerStatus.Active) revert IssuerNotActive(newIssuer);
        t.owner = newIssuer;
        t.ownerEpoch = _suspensionEpoch;
        emit TypeOwnershipTransferred(typeId, msg.sender, newIssuer);
        _emitAllMetadataUpdated();
    }

    /// @inheritdoc ICredentialRegistry
    function retireCredentialType(uint256 typeId, uint256 successorTypeId) external {
        TypeRecord storage t = _requireTypeOwner(typeId);
        if (t.retired) revert TypeRetired(typeId);
        if (successorTypeId != 0) {
            TypeRecord storage successor = _types[successorTypeId];
            if (successorTypeId == typeId || successor.owner == address(0) || successor.retired) {
                revert TypeSuccessorInvalid(successorTypeId);
            }
        }
        t.retired = true;
        t.successor = uint24(successorTypeId);
        emit CredentialTypeRetired(typeId, successorTypeId);
    }

    // ================================================================ issuing

    /// @inheritdoc ICredentialRegistry
    function issue(
        uint256 typeId,
        address recipient,
        uint64 validUntil,
        bytes32 evidenceHash
    ) external returns (uint256 tokenId) {
        uint256 defaultValidUntil = _requireIssuable(typeId);
        tokenId = _reserveTokenIds(1);
        _mint(recipient, tokenId, typeId, _expiry(validUntil, defaultValidUntil), evidenceHash);
    }

    /// @inheritdoc ICredentialRegistry
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
        uint256 defaultValidUntil = _requireIssuable(typeId);
        firstTokenId = _reserveTokenIds(count);
        bool perCredentialExpiry = validUntils.length != 0;
        bool withEvidence = evidenceHashes.length != 0;
        for (uint256 i; i < count; ++i) {
            _mint(
                recipients[i],
                firstTokenId + i,
                typeId,
                perCredentialExpiry ? _expiry(validUntils[i], defaultValidUntil) : defaultValidUntil,
                withEvidence ? evidenceHashes[i] : bytes32(0)
            );
        }
        emit CredentialsIssued(typeId, msg.sender, firstTokenId, count);
    }

    /// @inheritdoc ICredentialRegistry
    function claimStack(uint256 stackTypeId, address holder) external returns (uint256 tokenId) {
        TypeRecord storage t = _requireType(stackTypeId);
        uint256 required = t.requiredComponents;
        if (required == 0) revert TypeNotStack(stackTypeId);
        if (t.retired) revert TypeRetired(stackTypeId);
        if (_issuers[t.owner].status != IssuerStatus.Active) revert IssuerNotActive(t.owner);

        uint256[] memory used = _findComponents(holder, stackTypeId, t.components, required);
        tokenId = _reserveTokenIds(1);
        _mint(holder, tokenId, stackTypeId, _defaultExpiry(t.validityPeriod), bytes32(0));
        _stackComponents[tokenId] = used;
        for (uint256 i; i < used.length; ++i) {
            _stacksUsing[used[i]].push(tokenId);
        }
        emit StackClaimed(tokenId, stackTypeId, holder, used);
    }

    /// @inheritdoc ICredentialRegistry
    function renew(uint256 tokenId, uint64 validUntil) external {
        uint256 record = _requireRecord(tokenId);
        uint256 typeId = (record >> _TYPE_SHIFT) & _MASK_24;
        TypeRecord storage t = _types[typeId];
        _requireTypeOperator(typeId, t);
        if ((record >> _REASON_SHIFT) & 0xff != 0) revert CredentialAlreadyRevoked(tokenId);
        uint256 newValidUntil = _expiry(validUntil, _defaultExpiry(t.validityPeriod));

        // Replace the 32 valid-until bits; everything else in the slot stays.
        record = (record & ~(_MASK_32 << _VALID_UNTIL_SHIFT)) | (newValidUntil << _VALID_UNTIL_SHIFT);
        _records[tokenId] = record;
        emit CredentialRenewed(tokenId, msg.sender, uint64(newValidUntil));
        emit MetadataUpdate(tokenId);
    }

    /// @inheritdoc ICredentialRegistry
    function revoke(uint256 tokenId, uint8 reason, string calldata note) external {
        uint256 record = _requireRecord(tokenId);
        uint256 typeId = (record >> _TYPE_SHIFT) & _MASK_24;
        if (!_isTypeOperator(typeId, _types[typeId].owner, msg.sender)) {
            // The admin may revoke anything; checked second so issuers pay no extra read.
            if (!hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) _requireTypeOperator(typeId, _types[typeId]);
        }
        if ((record >> _REASON_SHIFT) & 0xff != 0) revert CredentialAlreadyRevoked(tokenId);
        if (reason == 0 || reason > MAX_REVOCATION_REASON) revert RevocationReasonInvalid(reason);
        _checkLength("note", note, 0, _MAX_NOTE);

        // Set the reason (8 bits, known zero) and revoked-at (32 bits, known zero).
        _records[tokenId] = record | (uint256(reason) << _REASON_SHIFT) | (_time() << _REVOKED_AT_SHIFT);
        if (bytes(note).length != 0) _revocationNotes[tokenId] = note;

        emit CredentialRevoked(tokenId, msg.sender, reason, note);
        emit MetadataUpdate(tokenId);
        uint256[] storage stacks = _stacksUsing[tokenId];
        for (uint256 i; i < stacks.length; ++i) {
            emit MetadataUpdate(stacks[i]);
        }
    }

    /// @inheritdoc ICredentialRegistry
    function renounce(uint256 tokenId) external {
        uint256 record = _records[tokenId];
        address holder = address(uint160(record));
        if (holder == address(0)) revert ERC721NonexistentToken(tokenId);
        if (holder != msg.sender) revert ERC721IncorrectOwner(msg.sender, tokenId, holder);

        _removeFromHolder(holder, tokenId);
        // Clear the holder bits; type, expiry and revocation stay on record.
        _records[tokenId] = record & ~uint256(type(uint160).max);
        emit Transfer(holder, address(0), tokenId);
        emit CredentialRenounced(tokenId, holder);
    }

    // ================================================================ verification

    /// @inheritdoc ICredentialRegistry
    function verify(uint256 tokenId) external view returns (Credential memory) {
        uint256 record = _records[tokenId];
        address holder = address(uint160(record));
        uint256 issuedAt;
        if (holder != address(0)) {
            uint256 holderSlot = _holders[holder];
            uint256 count = holderSlot & _MASK_32;
            for (uint256 i; i < count; ++i) {
                uint256 entry = _entry(holder, holderSlot, i);
                if (entry & _MASK_32 == tokenId) {
                    issuedAt = entry >> 32;
                    break;
                }
            }
        }
        return _credential(tokenId, record, issuedAt);
    }

    /// @inheritdoc ICredentialRegistry
    function credentialsOf(address holder) external view returns (Credential[] memory) {
        return credentialsOfRange(holder, 0, type(uint256).max);
    }

    /// @inheritdoc ICredentialRegistry
    function credentialsOfRange(
        address holder,
        uint256 start,
        uint256 count
    ) public view returns (Credential[] memory list) {
        uint256 holderSlot = _holders[holder];
        uint256 total = holderSlot & _MASK_32;
        uint256 end = start >= total ? start : (count > total - start ? total : start + count);
        list = new Credential[](end - start);
        for (uint256 i = start; i < end; ++i) {
            uint256 entry = _entry(holder, holderSlot, i);
            uint256 tokenId = entry & _MASK_32;
            list[i - start] = _credential(tokenId, _records[tokenId], entry >> 32);
        }
    }

    /// @inheritdoc ICredentialRegistry
    function hasValidCredential(address holder, uint256 typeId) external view returns (bool) {
        return _validTokenOfType(holder, typeId) != 0;
    }

    /// @inheritdoc ICredentialRegistry
    function credentialType(uint256 typeId) external view returns (CredentialTypeInfo memory info) {
        TypeRecord storage t = _requireType(typeId);
        info.typeId = typeId;
        info.issuer = t.owner;
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

    /// @inheritdoc ICredentialRegistry
    function typeCount() external view returns (uint256) {
        return _typeCount;
    }

    /// @inheritdoc ICredentialRegistry
    function totalIssued() external view returns (uint256) {
        return _lastTokenId;
    }

    /// @inheritdoc ICredentialRegistry
    function issuer(address account) public view returns (IssuerProfile memory profile) {
        IssuerRecord storage record = _issuers[account];
        profile.account = account;
        profile.status = record.status;
        profile.registeredAt = record.registeredAt;
        profile.suspendedAt = record.suspendedAt;
        profile.name = record.name;
        profile.url = record.url;
    }

    /// @inheritdoc ICredentialRegistry
    function issuers() external view returns (address[] memory) {
        return _issuerList;
    }

    /// @inheritdoc ICredentialRegistry
    function canIssue(uint256 typeId, address account) external view returns (bool) {
        TypeRecord storage t = _types[typeId];
        return
            t.owner != address(0) &&
            !t.retired &&
            t.requiredComponents == 0 &&
            _isTypeOperator(typeId, t.owner, account);
    }

    /// @inheritdoc ICredentialRegistry
    function isTypeDelegate(uint256 typeId, address account) external view returns (bool) {
        return _typeDelegates[typeId][account];
    }

    /// @inheritdoc ICredentialRegistry
    function externalBaseURI() external view returns (string memory) {
        return _externalBaseURI;
    }

    /// @inheritdoc ICredentialRegistry
    function renderer() external view returns (address) {
        return address(_renderer);
    }

    // ================================================================ ERC-721, soulbound

    /// @inheritdoc IERC721Metadata
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC721Metadata
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC721Metadata
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return _renderer.tokenURI(this, tokenId);
    }

    /// @inheritdoc IERC721
    function balanceOf(address owner) external view returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _holders[owner] & _MASK_32;
    }

    /// @inheritdoc IERC721
    function ownerOf(uint256 tokenId) public view returns (address holder) {
        holder = address(uint160(_records[tokenId]));
        if (holder == address(0)) revert ERC721NonexistentToken(tokenId);
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        ownerOf(tokenId);
        return true;
    }

    /// @notice Always reverts: credentials are soulbound.
    function transferFrom(address, address, uint256 tokenId) external pure {
        revert CredentialNonTransferable(tokenId);
    }

    /// @notice Always reverts: credentials are soulbound.
    function safeTransferFrom(address, address, uint256 tokenId) external pure {
        revert CredentialNonTransferable(tokenId);
    }

    /// @notice Always reverts: credentials are soulbound.
    function safeTransferFrom(address, address, uint256 tokenId, bytes calldata) external pure {
        revert CredentialNonTransferable(tokenId);
    }

    /// @notice Always reverts: nobody can be approved to move a credential.
    function approve(address, uint256 tokenId) external pure {
        revert CredentialNonTransferable(tokenId);
    }

    /// @notice Always reverts: nobody can be approved to move a credential.
    function setApprovalForAll(address, bool) external pure {
        revert CredentialNonTransferable(0);
    }

    /// @notice Always the zero address: credentials have no approvals.
    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return address(0);
    }

    /// @notice Always false: credentials have no operators.
    function isApprovedForAll(address, address) external pure returns (bool) {
        return false;
    }

    /// @inheritdoc IERC165
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControlDefaultAdminRules, IERC165) returns (bool) {
        return
            interfaceId == type(IERC721).interfaceId ||
            interfaceId == type(IERC721Metadata).interfaceId ||
            interfaceId == type(IERC5192).interfaceId ||
            interfaceId == bytes4(0x49064906) || // ERC-4906
            super.supportsInterface(interfaceId);
    }

    // ================================================================ internals: issuing

    /// @dev The current time. Virtual so a test harness could control the clock.
    function _time() internal view virtual returns (uint256) {
        return block.timestamp;
    }

    /// @dev Checks that the caller may issue `typeId` now; returns its default expiry.
    function _requireIssuable(uint256 typeId) private returns (uint256 defaultValidUntil) {
        TypeRecord storage t = _requireType(typeId);
        _requireTypeOperator(typeId, t);
        if (t.retired) revert TypeRetired(typeId);
        if (t.requiredComponents != 0) revert TypeIsStack(typeId);
        return _defaultExpiry(t.validityPeriod);
    }

    function _reserveTokenIds(uint256 count) private returns (uint256 first) {
        first = uint256(_lastTokenId) + 1;
        uint256 last = first + count - 1;
        // Token ids are stored in 32 bits, here and in the holder index.
        if (last > _MAX_ID_32) revert IdSpaceExhausted();
        _lastTokenId = uint32(last);
    }

    /// @dev Writes the credential: one fresh slot for the record, one write to the holder index.
    function _mint(address to, uint256 tokenId, uint256 typeId, uint256 validUntil, bytes32 evidenceHash) private {
        _addToHolder(to, tokenId, typeId);
        _records[tokenId] = uint256(uint160(to)) | (typeId << _TYPE_SHIFT) | (validUntil << _VALID_UNTIL_SHIFT);
        if (evidenceHash != bytes32(0)) _evidence[tokenId] = evidenceHash;
        emit Transfer(address(0), to, tokenId);
        emit Locked(tokenId);
    }

    function _defaultExpiry(uint256 validityPeriod) private view returns (uint256) {
        if (validityPeriod == 0) return 0;
        uint256 validUntil = _time() + validityPeriod;
        if (validUntil > _MAX_ID_32) revert CredentialExpiryInvalid(validUntil);
        return validUntil;
    }

    /// @dev An explicit expiry must be in the future and fit 32 bits; 0 takes the default.
    function _expiry(uint256 requested, uint256 defaultValidUntil) private view returns (uint256) {
        if (requested == 0) return defaultValidUntil;
        if (requested <= _time() || requested > _MAX_ID_32) revert CredentialExpiryInvalid(requested);
        return requested;
    }

    function _findComponents(
        address holder,
        uint256 stackTypeId,
        uint256[] storage components,
        uint256 required
    ) private view returns (uint256[] memory used) {
        uint256 componentCount = components.length;
        uint256[] memory found = new uint256[](componentCount);
        uint256 holderSlot = _holders[holder];
        uint256 count = holderSlot & _MASK_32;
        for (uint256 i; i < count; ++i) {
            uint256 tokenId = _entry(holder, holderSlot, i) & _MASK_32;
            uint256 record = _records[tokenId];
            if (_plainStatus(record) != CredentialStatus.Valid) continue;
            uint256 typeId = (record >> _TYPE_SHIFT) & _MASK_24;
            if (typeId == stackTypeId) {
                // A stack whose component was revoked is no longer valid and may be claimed anew.
                if (_revokedComponent(tokenId) == 0) revert CredentialAlreadyHeld(holder, stackTypeId, tokenId);
                continue;
            }
            for (uint256 j; j < componentCount; ++j) {
                if (components[j] == typeId && found[j] == 0) {
                    found[j] = tokenId;
                    break;
                }
            }
        }
        used = new uint256[](required);
        uint256 n;
        for (uint256 j; j < componentCount && n < required; ++j) {
            if (found[j] != 0) used[n++] = found[j];
        }
        if (n < required) revert StackRequirementsNotMet(holder, stackTypeId, n, required);
    }

    // ================================================================ internals: holder index

    function _entry(address holder, uint256 holderSlot, uint256 i) private view returns (uint256) {
        if (i < _INLINE_ENTRIES) return (holderSlot >> (_ENTRIES_SHIFT + 64 * i)) & _MASK_64;
        i -= _INLINE_ENTRIES;
        return (_holderPages[holder][i >> 2] >> ((i & 3) * 64)) & _MASK_64;
    }

    /// @dev Writes entry `i` (known to be empty when `value` is not zero, or cleared when it is).
    function _setEntry(address holder, uint256 holderSlot, uint256 i, uint256 value) private returns (uint256) {
        if (i < _INLINE_ENTRIES) {
            uint256 inlineShift = _ENTRIES_SHIFT + 64 * i;
            return (holderSlot & ~(_MASK_64 << inlineShift)) | (value << inlineShift);
        }
        i -= _INLINE_ENTRIES;
        uint256 shift = (i & 3) * 64;
        mapping(uint256 => uint256) storage pages = _holderPages[holder];
        pages[i >> 2] = (pages[i >> 2] & ~(_MASK_64 << shift)) | (value << shift);
        return holderSlot;
    }

    function _addToHolder(address to, uint256 tokenId, uint256 typeId) private {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        uint256 holderSlot = _holders[to];
        uint256 count = holderSlot & _MASK_32;
        uint256 filterBit = 1 << (_FILTER_SHIFT + (typeId & 31));
        if (holderSlot & filterBit != 0) {
            uint256 held = _validTokenOfTypeIn(to, holderSlot, count, typeId);
            if (held != 0) revert CredentialAlreadyHeld(to, typeId, held);
        }
        // The entry packs the token id with the issue date; `count + 1` cannot reach bit 32
        // because token ids, and so balances, are capped at 2^32 - 1.
        uint256 entry = tokenId | (_time() << 32);
        _holders[to] = (_setEntry(to, holderSlot, count, entry) + 1) | filterBit;
    }

    function _removeFromHolder(address holder, uint256 tokenId) private {
        uint256 holderSlot = _holders[holder];
        uint256 last = (holderSlot & _MASK_32) - 1;
        uint256 i;
        while (_entry(holder, holderSlot, i) & _MASK_32 != tokenId) ++i;
        // Swap-and-pop: the last entry takes the removed one's place.
        if (i != last) holderSlot = _setEntry(holder, holderSlot, i, _entry(holder, holderSlot, last));
        holderSlot = _setEntry(holder, holderSlot, last, 0);
        _holders[holder] = holderSlot - 1;
    }

    function _validTokenOfType(address holder, uint256 typeId) private view returns (uint256) {
        uint256 holderSlot = _holders[holder];
        return _validTokenOfTypeIn(holder, holderSlot, holderSlot & _MASK_32, typeId);
    }

    function _validTokenOfTypeIn(
        address holder,
        uint256 holderSlot,
        uint256 count,
        uint256 typeId
    ) private view returns (uint256) {
        for (uint256 i; i < count; ++i) {
            uint256 tokenId = _entry(holder, holderSlot, i) & _MASK_32;
            uint256 record = _records[tokenId];
            if ((record >> _TYPE_SHIFT) & _MASK_24 != typeId) continue;
            if (_plainStatus(record) == CredentialStatus.Valid && _revokedComponent(tokenId) == 0) return tokenId;
        }
        return 0;
    }

    // ================================================================ internals: status

    /// @dev Status from the record alone, ignoring stack components.
    function _plainStatus(uint256 record) private view returns (CredentialStatus) {
        if (record == 0) return CredentialStatus.Unknown;
        if (address(uint160(record)) == address(0)) return CredentialStatus.Renounced;
        if ((record >> _REASON_SHIFT) & 0xff != 0) return CredentialStatus.Revoked;
        uint256 validUntil = (record >> _VALID_UNTIL_SHIFT) & _MASK_32;
        if (validUntil != 0 && _time() > validUntil) return CredentialStatus.Expired;
        return CredentialStatus.Valid;
    }

    /// @dev The first revoked component of a stacked credential, or 0.
    function _revokedComponent(uint256 tokenId) private view returns (uint256) {
        uint256[] storage components = _stackComponents[tokenId];
        for (uint256 i; i < components.length; ++i) {
            if ((_records[components[i]] >> _REASON_SHIFT) & 0xff != 0) return components[i];
        }
        return 0;
    }

    function _credential(uint256 tokenId, uint256 record, uint256 issuedAt) private view returns (Credential memory c) {
        c.tokenId = tokenId;
        c.status = _plainStatus(record);
        if (c.status == CredentialStatus.Unknown) return c;
        uint256 typeId = (record >> _TYPE_SHIFT) & _MASK_24;
        TypeRecord storage t = _types[typeId];
        c.holder = address(uint160(record));
        c.typeId = typeId;
        c.typeName = t.name;
        c.kind = t.kind;
        c.credits = t.credits;
        c.issuer = t.owner;
        c.issuerName = _issuers[t.owner].name;
        c.issuedAt = uint64(issuedAt);
        c.validUntil = uint64((record >> _VALID_UNTIL_SHIFT) & _MASK_32);
        c.revokedAt = uint64(record >> _REVOKED_AT_SHIFT);
        c.revocationReason = uint8(record >> _REASON_SHIFT);
        c.revocationNote = _revocationNotes[tokenId];
        c.evidenceHash = _evidence[tokenId];
        c.components = _stackComponents[tokenId];

        if (c.status == CredentialStatus.Valid || c.status == CredentialStatus.Expired) {
            uint256 revokedComponent = _revokedComponent(tokenId);
            if (revokedComponent != 0) {
                uint256 componentRecord = _records[revokedComponent];
                c.status = CredentialStatus.Revoked;
                c.revocationReason = REASON_COMPONENT_REVOKED;
                c.revokedAt = uint64(componentRecord >> _REVOKED_AT_SHIFT);
                c.revocationNote = _revocationNotes[revokedComponent];
            }
        }
    }

    // ================================================================ internals: access

    function _requireRecord(uint256 tokenId) private view returns (uint256 record) {
        record = _records[tokenId];
        if (address(uint160(record)) == address(0)) revert ERC721NonexistentToken(tokenId);
    }

    function _requireType(uint256 typeId) private view returns (TypeRecord storage t) {
        t = _types[typeId];
        if (t.owner == address(0)) revert TypeUnknown(typeId);
    }

    function _requireActiveIssuer(address account) private view returns (IssuerRecord storage record) {
        record = _issuers[account];
        if (record.status != IssuerStatus.Active) revert IssuerNotActive(account);
    }

    function _requireTypeOwner(uint256 typeId) private view returns (TypeRecord storage t) {
        t = _requireType(typeId);
        if (t.owner != msg.sender) revert TypeUnauthorizedAccount(typeId, msg.sender);
        _requireActiveIssuer(msg.sender);
    }

    /// @dev The type's owner or a delegate, each active, and the owner active too. `owner` is
    /// the type's owner, so the type exists (an unregistered zero owner is never Active).
    function _isTypeOperator(uint256 typeId, address owner, address account) private view returns (bool) {
        if (account != owner && !_typeDelegates[typeId][account]) return false;
        if (_issuers[account].status != IssuerStatus.Active) return false;
        return account == owner || _issuers[owner].status == IssuerStatus.Active;
    }

    /// @dev Reverts with the specific reason `_isTypeOperator` would return false for.
    /// Callers have established that the type exists.
    function _requireTypeOperator(uint256 typeId, TypeRecord storage t) private {
        address owner = t.owner;
        if (msg.sender != owner) {
            if (!_typeDelegates[typeId][msg.sender]) revert TypeUnauthorizedAccount(typeId, msg.sender);
            _requireActiveIssuer(msg.sender);
        }
        _requireOwnerActive(t, owner);
    }

    /// @dev Reverts unless the type's owner is an active issuer, usually without reading the
    /// owner's record: every suspension increments `_suspensionEpoch`, so if the type saw its
    /// owner active at the current epoch, no suspension (of anyone) has happened since and the
    /// owner is still active. Otherwise the record is read and the type remembers the epoch.
    /// Saves a cold read (2,100 gas) on nearly every issuance, renewal and revocation.
    function _requireOwnerActive(TypeRecord storage t, address owner) private {
        uint32 epoch = _suspensionEpoch;
        if (t.ownerEpoch == epoch) return;
        _requireActiveIssuer(owner);
        t.ownerEpoch = epoch;
    }

    // ================================================================ internals: input

    function _checkLength(
        string memory field,
        string calldata value,
        uint256 minLength,
        uint256 maxLength
    ) private pure {
        uint256 length = bytes(value).length;
        if (length < minLength || length > maxLength) revert StringLengthInvalid(field, length, maxLength);
    }

    function _checkProfile(string calldata name_, string calldata url) private pure {
        _checkLength("name", name_, 1, _MAX_NAME);
        _checkLength("url", url, 0, _MAX_URL);
    }

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

    /// @dev ERC-4906: every token's metadata may have changed (issuer names, base URL, renderer).
    function _emitAllMetadataUpdated() private {
        if (_lastTokenId != 0) emit BatchMetadataUpdate(1, _lastTokenId);
    }
}
