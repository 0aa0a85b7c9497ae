// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";
import {ERC721URIStorage} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721URIStorage.sol";

/// @title Benchmark reference, NOT product code
/// @notice A credential NFT written the way most tutorials do it: OpenZeppelin ERC721 with the
/// Enumerable and URIStorage extensions, AccessControl, a struct per token and a token URI string
/// per token. `pnpm bench` measures it beside the registry to show what the packed layout saves.
contract NaiveCredential is ERC721, ERC721Enumerable, ERC721URIStorage, AccessControl {
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");

    struct CredentialData {
        uint256 typeId;
        address issuer;
        uint64 issuedAt;
        uint64 validUntil;
        bool revoked;
        uint64 revokedAt;
        uint8 reason;
    }

    error NaiveSoulbound();

    uint256 private _nextId = 1;
    mapping(uint256 tokenId => CredentialData data) public credentials;

    constructor(address admin) ERC721("Naive Credential", "NAIVE") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ISSUER_ROLE, admin);
    }

    function issue(address to, uint256 typeId, uint64 validUntil, string calldata uri) public onlyRole(ISSUER_ROLE) {
        uint256 tokenId = _nextId++;
        _safeMint(to, tokenId);
        _setTokenURI(tokenId, uri);
        credentials[tokenId] = CredentialData(typeId, msg.sender, uint64(block.timestamp), validUntil, false, 0, 0);
    }

    function issueBatch(
        address[] calldata to,
        uint256 typeId,
        uint64 validUntil,
        string calldata uri
    ) external onlyRole(ISSUER_ROLE) {
        for (uint256 i = 0; i < to.length; i++) issue(to[i], typeId, validUntil, uri);
    }

    function revoke(uint256 tokenId, uint8 reason) external onlyRole(ISSUER_ROLE) {
        CredentialData storage c = credentials[tokenId];
        c.revoked = true;
        c.revokedAt = uint64(block.timestamp);
        c.reason = reason;
    }

    function renew(uint256 tokenId, uint64 validUntil) external onlyRole(ISSUER_ROLE) {
        credentials[tokenId].validUntil = validUntil;
    }

    function _update(
        address to,
        uint256 tokenId,
        address auth
    ) internal override(ERC721, ERC721Enumerable) returns (address) {
        if (_ownerOf(tokenId) != address(0)) revert NaiveSoulbound();
        return super._update(to, tokenId, auth);
    }

    function _increaseBalance(address account, uint128 value) internal override(ERC721, ERC721Enumerable) {
        super._increaseBalance(account, value);
    }

    function tokenURI(uint256 tokenId) public view override(ERC721, ERC721URIStorage) returns (string memory) {
        return super.tokenURI(tokenId);
    }

    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC721, ERC721Enumerable, ERC721URIStorage, AccessControl) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}
