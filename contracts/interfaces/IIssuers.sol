// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IssuerProfile} from "./CredentialData.sol";

/// @title Issuers: the organisations that vouch for credentials
/// @notice The admin registers an issuer with a vetted name, suspends and reinstates it, renames
/// it, and, when its key leaked, sets a key-compromise watermark. An issuer is identified by its
/// issuer id; the account acting for it can be rotated (the old key proposes, the new key
/// accepts; or the admin replaces a lost key) without changing its name or what it issued.
interface IIssuers {
    // ------------------------------------------------------------------ events

    /// @notice The admin registered issuer `issuerId`, acting through `account`.
    event IssuerRegistered(uint256 indexed issuerId, address indexed account, string name, string url);
    /// @notice The admin gave issuer `issuerId` a new public name.
    event IssuerRenamed(uint256 indexed issuerId, string name);
    /// @notice Issuer `issuerId` changed its website.
    event IssuerURLUpdated(uint256 indexed issuerId, string url);
    /// @notice The admin suspended issuer `issuerId`: nothing new is issued, renewed or revoked in its name.
    event IssuerSuspended(uint256 indexed issuerId);
    /// @notice The admin lifted the suspension of issuer `issuerId`.
    event IssuerReinstated(uint256 indexed issuerId);
    /// @notice Issuer `issuerId`'s account proposed `newAccount` to act for it from now on.
    event IssuerAccountProposed(uint256 indexed issuerId, address indexed newAccount);
    /// @notice Issuer `issuerId` now acts through `newAccount` instead of `previousAccount`.
    /// `by` is the new account (accepting a proposal) or the admin (replacing a lost key).
    event IssuerAccountChanged(
        uint256 indexed issuerId,
        address indexed previousAccount,
        address indexed newAccount,
        address by
    );
    /// @notice Every credential of issuer `issuerId` with token id from `fromTokenId` to
    /// `untilTokenId` now reads Revoked: its key was compromised.
    event IssuerKeyCompromised(uint256 indexed issuerId, uint256 fromTokenId, uint256 untilTokenId);

    // ------------------------------------------------------------------ errors

    /// @notice `account` is the zero address or already acts for an issuer.
    error IssuerInvalidAccount(address account);
    /// @notice No issuer has id `issuerId`.
    error IssuerUnknown(uint256 issuerId);
    /// @notice `account` does not act for any issuer.
    error IssuerNotRegistered(address account);
    /// @notice Issuer `issuerId` is suspended (or not registered).
    error IssuerNotActive(uint256 issuerId);
    /// @notice Issuer `issuerId` is not suspended, so it cannot be reinstated.
    error IssuerNotSuspended(uint256 issuerId);
    /// @notice Another issuer (`holderIssuerId`) already has a name that folds to `nameKey`, or the key is zero.
    error IssuerNameTaken(bytes32 nameKey, uint256 holderIssuerId);
    /// @notice Issuer `issuerId`'s key was compromised: give it a new account before reinstating it.
    error IssuerNeedsNewKey(uint256 issuerId);
    /// @notice The caller is not the account issuer `issuerId` proposed.
    error IssuerAccountNotProposed(uint256 issuerId, address account);
    /// @notice A watermark may only move earlier (`requested` < `current`) and must name an issued token.
    error WatermarkInvalid(uint256 current, uint256 requested);
    /// @notice What issuer `issuerId` authorised at `authorisedAt` (a claim round) predates a
    /// key-compromise watermark over it, so its leaked key may have authorised it: it stands no more.
    error AuthorisationVoidedByCompromise(uint256 issuerId, uint256 authorisedAt);

    // ------------------------------------------------------------------ admin

    /// @notice Registers an organisation as an issuer. Admin only.
    /// @param account The account that will act for it.
    /// @param name Its public name, as vetted: 1 to 96 bytes of UTF-8 without control characters.
    /// @param nameKey `issuerNameKey(name)` from the SDK: keccak-256 of the name folded (NFKC,
    /// case, whitespace). No two issuers may share one.
    /// @param url Its website (up to 256 bytes).
    /// @return issuerId The new issuer's id.
    function registerIssuer(
        address account,
        string calldata name,
        bytes32 nameKey,
        string calldata url
    ) external returns (uint256 issuerId);

    /// @notice Gives an issuer a new public name. Admin only (the name is what the admin vetted).
    /// @param issuerId The issuer.
    /// @param name The new name.
    /// @param nameKey `issuerNameKey(name)`; must not belong to another issuer.
    function renameIssuer(uint256 issuerId, string calldata name, bytes32 nameKey) external;

    /// @notice Suspends an active issuer: it stops issuing, renewing and revoking, and its
    /// delegates stop issuing its types. What it issued stays verifiable. Admin only.
    /// @param issuerId The issuer.
    function suspendIssuer(uint256 issuerId) external;

    /// @notice Lifts a suspension. Admin only. Refused after a key compromise until the issuer's
    /// account was replaced.
    /// @param issuerId The issuer.
    function reinstateIssuer(uint256 issuerId) external;

    /// @notice Replaces the account of an issuer that lost its key (or whose key leaked). Admin only.
    /// @param issuerId The issuer.
    /// @param newAccount Its new account; must not act for another issuer.
    function replaceIssuerAccount(uint256 issuerId, address newAccount) external;

    /// @notice On the issuer's request, revokes every credential it issued from `fromTokenId` up
    /// to the last one issued now, and suspends it until its account is replaced. The watermark
    /// can later move earlier, never later. Admin only: a leaked issuer key cannot set it.
    /// @param issuerId The issuer whose key was compromised.
    /// @param fromTokenId The first token id the compromised key may have issued.
    function setCompromiseWatermark(uint256 issuerId, uint256 fromTokenId) external;

    // ------------------------------------------------------------------ issuers

    /// @notice Changes the caller's own website. The issuer's account, while active.
    /// @param url The new URL (up to 256 bytes).
    function setIssuerURL(string calldata url) external;

    /// @notice Proposes another account (a new key, a Safe) to act for the caller's issuer; it
    /// takes over when it calls `acceptIssuerAccount`. The issuer's account; zero cancels.
    /// @param newAccount The proposed account.
    function proposeIssuerAccount(address newAccount) external;

    /// @notice Takes over as the account of issuer `issuerId`, as it proposed. The proposed account only.
    /// @param issuerId The issuer.
    function acceptIssuerAccount(uint256 issuerId) external;

    // ------------------------------------------------------------------ views

    /// @notice Issuer `issuerId` (status None when there is no such issuer).
    /// @param issuerId The issuer.
    /// @return profile Its profile, status and key-compromise watermark.
    function issuer(uint256 issuerId) external view returns (IssuerProfile memory profile);

    /// @notice The issuer `account` acts for.
    /// @param account Any account.
    /// @return issuerId Its issuer's id; 0 when it acts for none.
    function issuerOf(address account) external view returns (uint256 issuerId);

    /// @notice The issuer whose folded name is `nameKey`.
    /// @param nameKey `issuerNameKey(name)` from the SDK.
    /// @return issuerId That issuer; 0 when the name is free.
    function issuerByNameKey(bytes32 nameKey) external view returns (uint256 issuerId);

    /// @notice How many issuers were ever registered (ids 1 to issuerCount()).
    /// @return count The number of issuers.
    function issuerCount() external view returns (uint256 count);
}
