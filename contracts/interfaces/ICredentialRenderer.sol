// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICredentialRegistry} from "./ICredentialRegistry.sol";

/// @title Renders a credential's ERC-721 metadata
/// @notice Kept apart from the registry so the registry stays under the contract size limit
/// and the presentation can be improved without touching credential state.
interface ICredentialRenderer {
    /// @notice A `data:application/json;base64,` ERC-721 metadata document for `tokenId`,
    /// read from `registry`, with an on-chain SVG image showing the credential's status.
    /// @param registry The registry that holds the credential.
    /// @param tokenId The credential.
    /// @return uri The metadata document as a data URI.
    function tokenURI(ICredentialRegistry registry, uint256 tokenId) external view returns (string memory uri);
}
