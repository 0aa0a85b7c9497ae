// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IIssuers} from "./IIssuers.sol";
import {ICredentialTypes} from "./ICredentialTypes.sol";
import {ICredentialIssuance} from "./ICredentialIssuance.sol";
import {ICredentialMoves} from "./ICredentialMoves.sol";
import {IRegistryErrors} from "./IRegistryErrors.sol";

/// @title OnChainCert credential registry
/// @notice Soulbound (ERC-5192) ERC-721 credentials with registered issuers, credential types,
/// stacks, expiry, renewal, revocation and moves, all kept on-chain. The registry is not
/// upgradeable. Its read-heavy views for verifiers with names (`verify`, `credentialsOf`) are on
/// its lens, a read-only contract deployed beside it; metadata is drawn by the renderer at
/// `renderer()`. Issuer and type administration
/// and moves run in the registry's storage from the code at `adminExtension()` (fixed at deployment).
interface ICredentialRegistry is IRegistryErrors, IIssuers, ICredentialTypes, ICredentialIssuance, ICredentialMoves {
    /// @notice The admin changed the base URL of the dApp's credential pages.
    event ExternalBaseURIUpdated(string baseURI);
    /// @notice The admin replaced the metadata renderer.
    event RendererUpdated(address indexed renderer);

    /// @notice Sets the base URL that `tokenURI` links to as `<base><tokenId>`. Admin only.
    /// @param baseURI The dApp's credential page URL prefix (up to 256 bytes).
    function setExternalBaseURI(string calldata baseURI) external;

    /// @notice Replaces the contract that renders `tokenURI` (presentation only). Admin only.
    /// @param renderer The new renderer.
    function setRenderer(address renderer) external;

    /// @notice The base URL of the dApp's credential pages.
    /// @return baseURI The prefix `tokenURI` links to.
    function externalBaseURI() external view returns (string memory baseURI);

    /// @notice The contract that renders `tokenURI`.
    /// @return renderer Its address.
    function renderer() external view returns (address renderer);

    /// @notice The code of the issuer and type administration functions (`registerIssuer`,
    /// `createCredentialType`, …), which the registry runs in its own storage (DELEGATECALL);
    /// deployed by this registry's constructor, fixed forever.
    /// @return extension Its address.
    function adminExtension() external view returns (address extension);
}
