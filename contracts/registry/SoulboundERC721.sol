// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";

import {IERC5192} from "../interfaces/IERC5192.sol";
import {ICredentialRegistry} from "../interfaces/ICredentialRegistry.sol";
import {Issuance} from "./Issuance.sol";

/// @title The ERC-721 surface of soulbound credentials (ERC-5192: always locked)
/// @notice Wallets see each credential its holder has not renounced and that was not moved away.
/// Nothing can be transferred or approved; credentials move to a new address only through the
/// issuer's `proposeMove` and the new holder's `acceptMove`.
abstract contract SoulboundERC721 is Issuance, IERC721Metadata {
    /// @inheritdoc IERC721Metadata
    function name() external view returns (string memory collectionName) {
        return _name;
    }

    /// @inheritdoc IERC721Metadata
    function symbol() external view returns (string memory collectionSymbol) {
        return _symbol;
    }

    /// @inheritdoc IERC721Metadata
    function tokenURI(uint256 tokenId) external view returns (string memory uri) {
        ownerOf(tokenId);
        return _renderer.tokenURI(ICredentialRegistry(address(this)), tokenId);
    }

    /// @inheritdoc IERC721
    function balanceOf(address owner) external view returns (uint256 credentials) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _holders[owner] & _MASK_32;
    }

    /// @inheritdoc IERC721
    function ownerOf(uint256 tokenId) public view returns (address holder) {
        uint256 record = _records[tokenId];
        if (record == 0 || record & (_RENOUNCED | _MOVED_OUT) != 0) revert ERC721NonexistentToken(tokenId);
        return address(uint160(record));
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool isLocked) {
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
    function getApproved(uint256 tokenId) external view returns (address approved) {
        ownerOf(tokenId);
        return address(0);
    }

    /// @notice Always false: credentials have no operators.
    function isApprovedForAll(address, address) external pure returns (bool approved) {
        return false;
    }
}
