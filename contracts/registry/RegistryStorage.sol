// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";

import {ICredentialRenderer} from "../interfaces/ICredentialRenderer.sol";
import {IRegistryErrors} from "../interfaces/IRegistryErrors.sol";
import {CredentialKind, IssuerStatus} from "../interfaces/CredentialData.sol";
import {Utf8} from "../libraries/Utf8.sol";

/// @title The registry's storage, and the bit layouts of its packed slots
/// @notice Every part of CredentialRegistry (issuers, types, the holder index, status rules,
/// issuance, the ERC-721 surface) and of its administration extension reads and writes the state
/// declared here, through the layouts documented next to the constants that read them. Both
/// contracts inherit this one declaration, so they share one layout; no other contract in their
/// inheritance declares state. Issuance is the hot path: a credential to a
/// new holder writes two fresh slots (its record and the holder's index), the floor for a
/// credential that can be enumerated per holder; see docs/contracts.md, "Storage".
abstract contract RegistryStorage is IRegistryErrors, AccessControlDefaultAdminRules {
    // ---------------------------------------------------------------- limits

    /// @notice The most credentials one `issueBatch` call may issue (fits EIP-7825's cap).
    uint256 public constant MAX_BATCH_SIZE = 320;
    /// @notice The role of contracts that issue in an issuer's name (`issueForIssuer`): the
    /// claim-link contract. Granted and revoked by the admin.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice The most component types a stack may list.
    uint256 public constant MAX_STACK_COMPONENTS = 16;
    /// @notice Highest reason code an issuer may give (1 Unspecified, 2 Issued in error,
    /// 3 Misconduct, 4 Superseded, 5 Requirements no longer met, 6 Holder request).
    uint8 public constant MAX_REVOCATION_REASON = 6;
    /// @notice Reason code reported for credentials a key-compromise watermark revokes. Not settable.
    uint8 public constant REASON_KEY_COMPROMISED = 254;
    /// @notice Reason code reported for a stack whose component was revoked. Not settable.
    uint8 public constant REASON_COMPONENT_REVOKED = 255;
    /// @notice How long a proposed move waits before its new holder can accept it, so the current
    /// holder, the issuer or the admin can cancel a move they did not want.
    uint256 public constant MOVE_DELAY = 3 days;
    /// @notice How long an offered type waits before the receiving issuer can accept it: time for
    /// the owner to notice and withdraw an offer its leaked key made (a watermark voids it).
    uint256 public constant HANDOVER_DELAY = 3 days;

    uint256 internal constant _MAX_NAME = 96;
    uint256 internal constant _MAX_DESCRIPTION = 1000;
    uint256 internal constant _MAX_URL = 256;
    uint256 internal constant _MAX_NOTE = 280;
    /// @dev Dates, token ids and issuer ids are stored in 32 bits.
    uint256 internal constant _MAX_32 = 0xffffffff;
    uint256 internal constant _MASK_24 = 0xffffff;
    uint256 internal constant _MASK_32 = 0xffffffff;

    // ---------------------------------------------------------------- token records

    // One slot per credential (`_records`), everything a write path needs:
    //   bits   0..159  holder (kept after renouncement and moves, so the holder index and the
    //                  issue date stay reachable)
    //   bits 160..183  type id (24 bits: at most 16,777,215 types)
    //   bits 184..186  revocation reason as given (0 = not revoked; 1..6)
    //   bit  187       renounced by its holder
    //   bit  188       moved to a new holder (`_moves[tokenId].movedTo` names the credential that replaced it)
    //   bit  189       created by a move (`_moves[tokenId].origin` names the original credential)
    //   bits 190..191  unused
    //   bits 192..223  valid until (uint32 seconds; 0 = never expires; until 2106)
    //   bits 224..255  revoked at (uint32 seconds)
    uint256 internal constant _TYPE_SHIFT = 160;
    uint256 internal constant _REASON_SHIFT = 184;
    uint256 internal constant _REASON_MASK = 7;
    uint256 internal constant _RENOUNCED = 1 << 187;
    uint256 internal constant _MOVED_OUT = 1 << 188;
    uint256 internal constant _MOVED_IN = 1 << 189;
    uint256 internal constant _VALID_UNTIL_SHIFT = 192;
    uint256 internal constant _REVOKED_AT_SHIFT = 224;

    // ---------------------------------------------------------------- storage

    /// @dev Slot 0 is read on every issuance, renewal and revocation; it caches what those need
    /// so that they do not read the owner issuer's record (a cold 2,100 gas): `ownerAccount` and
    /// `checkedEpoch` say "at `_epoch` == checkedEpoch, the owner was active and acted through
    /// ownerAccount". Every suspension, key rotation and compromise increments `_epoch`, so a
    /// matching epoch proves nothing changed since; otherwise the issuer record is read and the
    /// cache refreshed.
    struct TypeRecord {
        // Slot 0.
        address ownerAccount;
        uint32 checkedEpoch;
        uint32 validityPeriod;
        CredentialKind kind;
        bool retired;
        uint8 requiredComponents;
        bool handedOver;
        // Slot 1.
        uint32 owner;
        uint32 pendingOwner;
        // Delegates are authorised for one generation; accepting a hand-over starts the next,
        // which removes every delegate at once (no loop over them).
        uint32 delegateGeneration;
        uint32 credits;
        uint24 successor;
        uint40 createdAt;
        // When the pending offer can be accepted (HANDOVER_DELAY after it was made), and `_epoch`
        // when it was made: an offer made before a key-compromise watermark over the owner
        // cannot be accepted (see `_voidedByCompromise`).
        uint32 offerReadyAt;
        uint32 offeredEpoch;
        uint256[] components;
        string name;
        string description;
        string criteriaURL;
        string imageURL;
    }

    /// @dev A credential's moves, written only by `proposeMove`, `cancelMove` and `acceptMove`.
    struct MoveRecord {
        // Slot 0. The address a move was proposed to, until it accepts.
        address pending;
        // The credential that replaced this one at its holder's new address.
        uint32 movedTo;
        // For a credential created by a move: the original credential of the chain.
        uint32 origin;
        // For a credential created by a move: the latest token id of its chain created by a move
        // the vouching issuer (not the admin) proposed before any watermark over that issuer; 0 if
        // none. A key-compromise watermark covering it covers this credential (and the chain).
        uint32 issuerLink;
        // Slot 1. Who proposed the pending move, when it may be accepted, and the vouching
        // issuer's `authorityNonce` then (a suspension or key change in between lapses it).
        address proposer;
        uint32 readyAt;
        uint16 proposerNonce;
    }

    struct IssuerRecord {
        // Slot 0.
        address account;
        IssuerStatus status;
        bool needsNewKey;
        uint32 registeredAt;
        uint32 suspendedAt;
        // Incremented at every suspension and key change: what the issuer's key proposed before
        // (a move) no longer stands, even once the issuer is active again. Wraps after 65,536.
        uint16 authorityNonce;
        // Slot 1: the proposed account, and the key-compromise watermark.
        address pendingAccount;
        uint32 compromisedFrom;
        uint32 compromisedUntil;
        uint32 compromisedAt;
        bytes32 nameKey;
        string name;
        string url;
        // `_epoch` right after the first key-compromise watermark: a delegation or offer the
        // issuer made at an earlier epoch may have been the leaked key's, and no longer stands.
        // Written and read only for issuers with a watermark.
        uint32 compromiseEpoch;
    }

    string internal _name;
    string internal _symbol;
    string internal _externalBaseURI;
    ICredentialRenderer internal _renderer;

    uint256 internal _typeCount;
    uint256 internal _issuerCount;
    // One slot, read on every issuance: the last token id; `_epoch` (see TypeRecord); and how
    // many issuers ever had a key-compromise watermark (0 spares renewals a read).
    uint32 internal _lastTokenId;
    uint32 internal _epoch;
    uint32 internal _compromises;

    mapping(uint256 tokenId => uint256 record) internal _records;
    mapping(uint256 tokenId => bytes32 hash) internal _evidence; // keyed by the original token
    mapping(uint256 tokenId => string note) internal _revocationNotes;
    mapping(uint256 stackTokenId => uint256[] componentTokenIds) internal _stackComponents; // original token
    mapping(uint256 tokenId => MoveRecord move) internal _moves;

    mapping(address holder => uint256 index) internal _holders;
    mapping(address holder => mapping(uint256 typeId => uint256 holding)) internal _holdings;
    mapping(uint256 tokenId => uint256 superseded) internal _superseded;

    mapping(uint256 typeId => TypeRecord record) internal _types;
    // (first token id << 32) | issuer id, one per owner, for types that changed hands.
    mapping(uint256 typeId => uint256[] eras) internal _eras;
    // (`_epoch` when set << 32) | (delegate generation + 1); 0 = not a delegate.
    mapping(uint256 typeId => mapping(uint256 issuerId => uint256 delegation)) internal _delegates;
    // Credentials a delegate issued, one entry per delegate transaction, in token order:
    // (first token id << 64) | (count << 32) | delegate issuer id. A key-compromise watermark over the
    // delegate covers them too, though they name the type's owner.
    mapping(uint256 typeId => uint256[] runs) internal _delegateRuns;

    mapping(uint256 issuerId => IssuerRecord record) internal _issuers;
    mapping(address account => uint256 issuerId) internal _issuerOf;
    mapping(bytes32 nameKey => uint256 issuerId) internal _issuerByNameKey;

    // ---------------------------------------------------------------- helpers

    /// @dev The current time. Virtual so a test harness could control the clock.
    function _time() internal view virtual returns (uint256) {
        return block.timestamp;
    }

    function _typeOf(uint256 record) internal pure returns (uint256) {
        return (record >> _TYPE_SHIFT) & _MASK_24;
    }

    /// @dev The original credential behind `tokenId`: itself, or for one created by a move, the
    /// first credential of the chain. Issuer eras, watermarks, evidence and stack components are
    /// keyed by it, so a move changes none of them.
    function _originalOf(uint256 tokenId, uint256 record) internal view returns (uint256) {
        return record & _MOVED_IN == 0 ? tokenId : _moves[tokenId].origin;
    }

    /// @dev Checks a string's length in bytes and its UTF-8 (and, for names, that it has no
    /// control or invisible formatting characters). Reverts naming the field.
    function _checkText(
        string memory field,
        string calldata value,
        uint256 minLength,
        uint256 maxLength,
        bool isName
    ) internal pure {
        uint256 length = bytes(value).length;
        if (length < minLength || length > maxLength) revert StringLengthInvalid(field, length, maxLength);
        uint256 bad = Utf8.firstInvalid(bytes(value), isName);
        if (bad != Utf8.VALID) revert StringEncodingInvalid(field, bad);
    }

    /// @dev ERC-4906: every token's metadata may have changed (base URL, renderer, an issuer's name).
    function _emitAllMetadataUpdated() internal {
        if (_lastTokenId != 0) emit IERC4906.BatchMetadataUpdate(1, _lastTokenId);
    }
}
