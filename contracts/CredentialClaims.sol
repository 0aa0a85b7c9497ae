// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {ClaimRound, ICredentialClaims, LinkClaim, SignedClaim} from "./interfaces/ICredentialClaims.sol";
import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";

/// @title OnChainCert claim links
/// @notice Claim rounds for credentials whose recipients have no wallet yet (see ICredentialClaims).
/// Holds the registry's MINTER_ROLE and issues only through `issueForIssuer`, which repeats every
/// check of a direct issuance for the round's issuer at the moment of the claim: a suspended
/// issuer, a removed delegation, a retired type, a type handed to another issuer, a holder who
/// already has the type, or a key-compromise watermark over the issuer set after the round was
/// opened all stop a claim.
/// @dev A link's leaf is `keccak256(bytes.concat(keccak256(abi.encode(index, key, validUntil,
/// evidenceHash))))` with `key` the address of the link's secret key (OpenZeppelin's standard
/// leaf: two hashes, so no inner node passes for a leaf); the tree hashes sorted pairs (MerkleProof).
/// Each link's state is two bits of `_marks` (bit 0 claimed, bit 1 voided), 128 links per slot.
contract CredentialClaims is ICredentialClaims, EIP712 {
    /// @notice The most links one round may have.
    uint256 public constant MAX_ROUND_SIZE = 1 << 20;
    /// @notice The EIP-712 type a link's key signs.
    bytes32 public constant CLAIM_TYPEHASH = keccak256("Claim(uint256 round,uint256 index,address recipient)");

    uint256 private constant _CLAIMED_BITS = 0x5555555555555555555555555555555555555555555555555555555555555555;
    uint256 private constant _MAX_32 = 0xffffffff;

    /// @dev Everything about a round but its root, in one slot, keyed by the root: a root opens one
    /// round only, ever (the same links in two rounds would claim twice).
    struct RoundRecord {
        uint32 roundId;
        uint32 typeId;
        uint32 issuerId;
        uint32 openedAt;
        uint32 deadline;
        uint32 size;
        bool closed;
    }

    ICredentialRegistry private immutable _REGISTRY;

    /// @dev The next round's id, from 1 (set in the constructor, so no round pays for a zero slot).
    uint256 private _nextRoundId;
    mapping(uint256 roundId => bytes32 root) private _roots;
    mapping(bytes32 root => RoundRecord record) private _rounds;
    mapping(uint256 roundId => mapping(uint256 word => uint256 marks)) private _marks;

    /// @param registry_ The registry to issue through; its admin grants this contract MINTER_ROLE.
    constructor(ICredentialRegistry registry_) EIP712("OnChainCert Claims", "1") {
        _REGISTRY = registry_;
        _nextRoundId = 1;
    }

    // ================================================================ the issuer

    /// @inheritdoc ICredentialClaims
    function openRound(uint256 typeId, bytes32 root, uint256 size, uint64 deadline) external returns (uint256 roundId) {
        if (!_REGISTRY.canIssue(typeId, msg.sender)) revert RoundOpenerUnauthorized(typeId, msg.sender);
        if (size == 0 || size > MAX_ROUND_SIZE) revert RoundSizeInvalid(size, MAX_ROUND_SIZE);
        if (root == bytes32(0)) revert RoundRootInvalid();
        RoundRecord storage r = _rounds[root];
        if (r.roundId != 0) revert RoundRootUsed(root, r.roundId);
        if (deadline != 0 && (deadline <= block.timestamp || deadline > _MAX_32)) revert RoundDeadlineInvalid(deadline);
        uint256 issuerId = _REGISTRY.issuerOf(msg.sender);
        roundId = _nextRoundId++;
        _roots[roundId] = root;
        // Round, type and issuer ids and dates fit 32 bits (the registry's ids and dates do too).
        _rounds[root] = RoundRecord({
            roundId: uint32(roundId),
            typeId: uint32(typeId),
            issuerId: uint32(issuerId),
            openedAt: uint32(block.timestamp),
            deadline: uint32(deadline),
            size: uint32(size),
            closed: false
        });
        emit RoundOpened(roundId, typeId, issuerId, msg.sender, root, size, deadline);
    }

    /// @inheritdoc ICredentialClaims
    function voidLink(uint256 roundId, uint256 index) external {
        (RoundRecord storage r, ) = _requireRound(roundId);
        _requireRoundAuthority(roundId, r);
        _marks[roundId][index >> 7] = _markIfOpen(roundId, index, r.size, 2);
        emit LinkVoided(roundId, index, msg.sender);
    }

    /// @inheritdoc ICredentialClaims
    function closeRound(uint256 roundId) external {
        (RoundRecord storage r, ) = _requireRound(roundId);
        _requireRoundAuthority(roundId, r);
        if (r.closed) revert RoundIsClosed(roundId);
        r.closed = true;
        emit RoundClosed(roundId, msg.sender);
    }

    // ================================================================ the recipient, or anyone for them

    /// @inheritdoc ICredentialClaims
    function claim(
        LinkClaim calldata c,
        bytes32 r,
        bytes32 vs,
        bytes32[] calldata proof
    ) external returns (uint256 tokenId) {
        return _claim(c, r, vs, proof);
    }

    /// @inheritdoc ICredentialClaims
    function claimMany(SignedClaim[] calldata claims) external returns (uint256[] memory tokenIds) {
        tokenIds = new uint256[](claims.length);
        for (uint256 i; i < claims.length; ++i) {
            SignedClaim calldata s = claims[i];
            // A link claimed already (by anyone, in any transaction, this one included) is the one
            // thing a stranger can change between the sponsor's check and its batch landing:
            // skipped, it issues nothing and costs the batch nothing else.
            if ((_marks[s.claim.roundId][s.claim.index >> 7] >> ((s.claim.index & 127) << 1)) & 1 != 0) continue;
            tokenIds[i] = _claim(s.claim, s.r, s.vs, s.proof);
        }
    }

    // ================================================================ views

    /// @inheritdoc ICredentialClaims
    function round(uint256 roundId) external view returns (ClaimRound memory info) {
        bytes32 root = _roots[roundId];
        if (root == bytes32(0)) return info;
        RoundRecord storage r = _rounds[root];
        info.roundId = roundId;
        info.typeId = r.typeId;
        info.issuerId = r.issuerId;
        info.root = root;
        info.size = r.size;
        info.openedAt = r.openedAt;
        info.deadline = r.deadline;
        info.closed = r.closed;
    }

    /// @inheritdoc ICredentialClaims
    function roundOfRoot(bytes32 root) external view returns (uint256 roundId) {
        return _rounds[root].roundId;
    }

    /// @inheritdoc ICredentialClaims
    function linkCounts(uint256 roundId) external view returns (uint256 claimed, uint256 voided) {
        uint256 words = (uint256(_rounds[_roots[roundId]].size) + 127) >> 7;
        for (uint256 w; w < words; ++w) {
            uint256 marks = _marks[roundId][w];
            if (marks == 0) continue;
            claimed += _popcount(marks & _CLAIMED_BITS);
            voided += _popcount((marks >> 1) & _CLAIMED_BITS);
        }
    }

    /// @inheritdoc ICredentialClaims
    function roundCount() external view returns (uint256 count) {
        return _nextRoundId - 1;
    }

    /// @inheritdoc ICredentialClaims
    function linkState(uint256 roundId, uint256 index) external view returns (uint8 state) {
        uint256 marks = _marks[roundId][index >> 7] >> ((index & 127) << 1);
        if (marks & 1 != 0) return 1;
        if (marks & 2 != 0) return 2;
        return 0;
    }

    /// @inheritdoc ICredentialClaims
    function linkStateWords(
        uint256 roundId,
        uint256 fromWord,
        uint256 count
    ) external view returns (uint256[] memory words) {
        words = new uint256[](count);
        for (uint256 i; i < count; ++i) words[i] = _marks[roundId][fromWord + i];
    }

    /// @inheritdoc ICredentialClaims
    function claimDigest(uint256 roundId, uint256 index, address recipient) public view returns (bytes32 digest) {
        return _hashTypedDataV4(keccak256(abi.encode(CLAIM_TYPEHASH, roundId, index, recipient)));
    }

    /// @inheritdoc ICredentialClaims
    function registry() external view returns (ICredentialRegistry registryContract) {
        return _REGISTRY;
    }

    // ================================================================ internals

    /// @dev One claim: the round open, the link unclaimed and unvoided, the key's signature for
    /// this recipient and the leaf in the root; then the mark, and the registry issues.
    function _claim(
        LinkClaim calldata c,
        bytes32 r,
        bytes32 vs,
        bytes32[] calldata proof
    ) private returns (uint256 tokenId) {
        (RoundRecord storage round_, bytes32 root) = _requireRound(c.roundId);
        if (round_.closed) revert RoundIsClosed(c.roundId);
        {
            uint256 deadline = round_.deadline;
            if (deadline != 0 && block.timestamp > deadline) revert RoundDeadlinePassed(c.roundId, deadline);
        }
        uint256 marked = _markIfOpen(c.roundId, c.index, round_.size, 1);
        {
            // The key signed this recipient; its leaf, with this expiry and evidence, is in the root.
            address key = ECDSA.recover(claimDigest(c.roundId, c.index, c.recipient), r, vs);
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(c.index, key, c.validUntil, c.evidenceHash))));
            if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert ClaimProofInvalid(c.roundId, c.index);
        }
        _marks[c.roundId][c.index >> 7] = marked;
        tokenId = _REGISTRY.issueForIssuer(
            round_.typeId,
            round_.issuerId,
            round_.openedAt,
            c.recipient,
            c.validUntil,
            c.evidenceHash
        );
        emit LinkClaimed(c.roundId, tokenId, c.recipient, c.index);
    }

    function _requireRound(uint256 roundId) private view returns (RoundRecord storage r, bytes32 root) {
        root = _roots[roundId];
        if (root == bytes32(0)) revert RoundUnknown(roundId);
        r = _rounds[root];
    }

    /// @dev The account acting now (after a rotation, the new key) for the round's issuer or for
    /// the type's owner (which may stop its delegate's rounds), or the registry's admin.
    function _requireRoundAuthority(uint256 roundId, RoundRecord storage r) private view {
        uint256 callerIssuer = _REGISTRY.issuerOf(msg.sender);
        if (callerIssuer != 0) {
            if (callerIssuer == r.issuerId) return;
            if (callerIssuer == _REGISTRY.credentialType(r.typeId).ownerIssuerId) return;
        }
        if (IAccessControl(address(_REGISTRY)).hasRole(bytes32(0), msg.sender)) return;
        revert RoundUnauthorizedAccount(roundId, msg.sender);
    }

    /// @dev The link's slot of marks with `mark` (1 claimed, 2 voided) set, when the link exists
    /// and is neither claimed nor voided.
    function _markIfOpen(uint256 roundId, uint256 index, uint256 size, uint256 mark) private view returns (uint256) {
        if (index >= size) revert LinkIndexInvalid(roundId, index, size);
        uint256 marks = _marks[roundId][index >> 7];
        uint256 shift = (index & 127) << 1;
        if (marks & (1 << shift) != 0) revert LinkAlreadyClaimed(roundId, index);
        if (marks & (2 << shift) != 0) revert LinkIsVoided(roundId, index);
        return marks | (mark << shift);
    }

    /// @dev Set bits of `x`, when at most 255 are set (here at most 128: one bit of each pair).
    function _popcount(uint256 x) private pure returns (uint256) {
        unchecked {
            x -= (x >> 1) & 0x5555555555555555555555555555555555555555555555555555555555555555;
            x =
                (x & 0x3333333333333333333333333333333333333333333333333333333333333333) +
                ((x >> 2) & 0x3333333333333333333333333333333333333333333333333333333333333333);
            x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f;
            return (x * 0x0101010101010101010101010101010101010101010101010101010101010101) >> 248;
        }
    }
}
