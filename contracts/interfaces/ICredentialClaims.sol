// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICredentialRegistry} from "./ICredentialRegistry.sol";

/// @notice A claim round, as `round` reports it.
struct ClaimRound {
    uint256 roundId;
    uint256 typeId;
    /// The issuer that opened the round: every credential claimed from it is issued in its name.
    uint256 issuerId;
    /// The Merkle root of the round's links (see CredentialClaims for the leaf).
    bytes32 root;
    /// How many links the round has; link indexes run from 0 to size - 1.
    uint256 size;
    uint64 openedAt;
    /// Last second a link can be claimed; 0 = no deadline.
    uint64 deadline;
    bool closed;
}

/// @notice What a claim names: the link, what it was made with, and who receives the credential.
struct LinkClaim {
    uint256 roundId;
    /// The link's index in the round.
    uint256 index;
    /// The expiry the link was made with (0 = the type's default, counted from the claim).
    uint64 validUntil;
    /// The evidence hash the link was made with (0 = none).
    bytes32 evidenceHash;
    /// Who receives the credential.
    address recipient;
}

/// @notice A claim as a sponsor batches it: what it names, the link key's signature of it
/// (EIP-2098 compact form) and the Merkle proof of the link's leaf.
struct SignedClaim {
    LinkClaim claim;
    bytes32 r;
    bytes32 vs;
    bytes32[] proof;
}

/// @title Claim links: credentials for people who have no wallet yet
/// @notice An issuer opens a round for one of its credential types with one transaction that
/// stores a Merkle root, whatever the number of links. Each link carries a secret key; its leaf
/// commits to the key's address (never the key, nor anything personal). Whoever holds the link
/// signs the recipient's address with the key and anyone submits the claim, so a relayer or the
/// issuer can pay its gas; nobody who sees the transaction can redirect it. The credential is
/// issued by the registry in the round issuer's name, with the same checks as a direct issuance
/// at the moment of the claim.
interface ICredentialClaims {
    // ------------------------------------------------------------------ events

    /// @notice `opener`, acting for issuer `issuerId`, opened round `roundId` of `size` links for `typeId`.
    event RoundOpened(
        uint256 indexed roundId,
        uint256 indexed typeId,
        uint256 indexed issuerId,
        address opener,
        bytes32 root,
        uint256 size,
        uint64 deadline
    );
    /// @notice Link `index` of round `roundId` was claimed: credential `tokenId` went to `recipient`.
    event LinkClaimed(uint256 indexed roundId, uint256 indexed tokenId, address indexed recipient, uint256 index);
    /// @notice `by` voided unclaimed link `index` of round `roundId`.
    event LinkVoided(uint256 indexed roundId, uint256 index, address by);
    /// @notice `by` closed round `roundId`: none of its unclaimed links can be claimed any more.
    event RoundClosed(uint256 indexed roundId, address by);

    // ------------------------------------------------------------------ errors

    /// @notice `account` may not open a round for `typeId`: it must be able to issue the type now
    /// (the active owner's account or an active delegate's; the type not retired, not a stack).
    error RoundOpenerUnauthorized(uint256 typeId, address account);
    /// @notice A round has 1 to MAX_ROUND_SIZE links.
    error RoundSizeInvalid(uint256 size, uint256 maxSize);
    /// @notice The Merkle root is zero.
    error RoundRootInvalid();
    /// @notice Round `roundId` has this root already: the same links in two rounds would claim
    /// twice, so a root opens one round only. Make new links (a new seed) for a new round.
    error RoundRootUsed(bytes32 root, uint256 roundId);
    /// @notice The deadline is in the past or beyond what the contract stores (2106).
    error RoundDeadlineInvalid(uint256 deadline);
    /// @notice No round has this id.
    error RoundUnknown(uint256 roundId);
    /// @notice The round was closed; its unclaimed links claim nothing.
    error RoundIsClosed(uint256 roundId);
    /// @notice The round's claim deadline has passed.
    error RoundDeadlinePassed(uint256 roundId, uint256 deadline);
    /// @notice `account` acts neither for the round's issuer, nor for the type's owner, nor as the registry's admin.
    error RoundUnauthorizedAccount(uint256 roundId, address account);
    /// @notice The round has no link with this index.
    error LinkIndexInvalid(uint256 roundId, uint256 index, uint256 size);
    /// @notice The link was claimed already.
    error LinkAlreadyClaimed(uint256 roundId, uint256 index);
    /// @notice The link was voided by its issuer.
    error LinkIsVoided(uint256 roundId, uint256 index);
    /// @notice The signature and proof do not show the link's key signed this claim for this
    /// recipient (wrong key, wrong recipient, changed expiry or evidence, or another round's link).
    error ClaimProofInvalid(uint256 roundId, uint256 index);

    // ------------------------------------------------------------------ functions

    /// @notice Opens a round of `size` links for credential type `typeId`. The caller must be
    /// able to issue the type now; the round is the caller's issuer's (it survives a rotation of
    /// the issuer's key, not a key-compromise watermark).
    /// @param typeId The credential type every link issues.
    /// @param root The Merkle root of the links' leaves.
    /// @param size The number of links (1 to MAX_ROUND_SIZE).
    /// @param deadline Last second a link can be claimed, or 0 for none.
    /// @return roundId The new round's id (from 1).
    function openRound(uint256 typeId, bytes32 root, uint256 size, uint64 deadline) external returns (uint256 roundId);

    /// @notice Claims a link for its recipient. Anyone may send it: the link's key must have
    /// signed (EIP-712 `Claim(round, index, recipient)`) for this recipient.
    /// @param c The round, the link's index, the expiry and evidence it was made with, the recipient.
    /// @param r The signature's r (EIP-2098 compact form).
    /// @param vs The signature's s and v (EIP-2098 compact form).
    /// @param proof The Merkle proof of the link's leaf.
    /// @return tokenId The credential issued.
    function claim(
        LinkClaim calldata c,
        bytes32 r,
        bytes32 vs,
        bytes32[] calldata proof
    ) external returns (uint256 tokenId);

    /// @notice Claims many links in one transaction, each exactly as `claim` would (anyone may send
    /// it; each link's key must have signed for its recipient), so a sponsor pays the transaction's
    /// base cost once for all of them. A link claimed already is skipped (its token id is 0): a
    /// stranger who sends one of the claims alone first cannot make the batch fail. Any other
    /// refusal reverts the whole batch with that claim's error, which names its round and link;
    /// leave it out and send again.
    /// @param claims The signed claims, in any order, from any rounds.
    /// @return tokenIds The credentials issued, in the order of `claims`; 0 for a link claimed already.
    function claimMany(SignedClaim[] calldata claims) external returns (uint256[] memory tokenIds);

    /// @notice Voids one unclaimed link (a lost email, a mistake). The round issuer's account, the
    /// type owner's (for a delegate's round) or the registry's admin.
    /// @param roundId The round.
    /// @param index The link to void.
    function voidLink(uint256 roundId, uint256 index) external;

    /// @notice Closes a round: its unclaimed links claim nothing, for good. The round issuer's
    /// account, the type owner's (for a delegate's round) or the registry's admin (for example
    /// for a round opened before a key compromise was noticed).
    /// @param roundId The round to close.
    function closeRound(uint256 roundId) external;

    /// @notice A round: its type, issuer, root, size, dates and whether it is closed.
    /// @param roundId The round.
    /// @return info Everything stored about it; all zero for an unknown round.
    function round(uint256 roundId) external view returns (ClaimRound memory info);

    /// @notice The round a Merkle root opened, if any (a root opens one round only).
    /// @param root The root.
    /// @return roundId The round; 0 if none.
    function roundOfRoot(bytes32 root) external view returns (uint256 roundId);

    /// @notice How many links of a round were claimed and voided, counted over the whole round
    /// (about 2,100 gas per 128 links: for rounds over ~500,000 links, page with `linkStateWords`).
    /// @param roundId The round.
    /// @return claimed Links claimed.
    /// @return voided Links voided.
    function linkCounts(uint256 roundId) external view returns (uint256 claimed, uint256 voided);

    /// @notice How many rounds were opened; round ids run from 1 to this.
    /// @return count The number of rounds.
    function roundCount() external view returns (uint256 count);

    /// @notice Whether one link is still open (0), claimed (1) or voided (2).
    /// @param roundId The round.
    /// @param index The link.
    /// @return state 0 open, 1 claimed, 2 voided.
    function linkState(uint256 roundId, uint256 index) external view returns (uint8 state);

    /// @notice The raw state of links `128 * fromWord` onwards, 128 per word, two bits each
    /// (bit 0 claimed, bit 1 voided): for tools that list every link of a large round.
    /// @param roundId The round.
    /// @param fromWord The first word.
    /// @param count How many words.
    /// @return words The words.
    function linkStateWords(
        uint256 roundId,
        uint256 fromWord,
        uint256 count
    ) external view returns (uint256[] memory words);

    /// @notice The EIP-712 digest a link's key signs to claim for `recipient`.
    /// @param roundId The round.
    /// @param index The link.
    /// @param recipient Who receives the credential.
    /// @return digest The digest.
    function claimDigest(uint256 roundId, uint256 index, address recipient) external view returns (bytes32 digest);

    /// @notice The registry this contract issues through (it holds the registry's MINTER_ROLE).
    /// @return registryContract The registry.
    function registry() external view returns (ICredentialRegistry registryContract);
}
