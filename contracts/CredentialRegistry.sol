// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";

import {IERC5192} from "./interfaces/IERC5192.sol";
import {CredentialTypeInput} from "./interfaces/CredentialData.sol";
import {ICredentialRenderer} from "./interfaces/ICredentialRenderer.sol";
import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";
import {IIssuers} from "./interfaces/IIssuers.sol";
import {ICredentialTypes} from "./interfaces/ICredentialTypes.sol";
import {ICredentialMoves} from "./interfaces/ICredentialMoves.sol";
import {CredentialRegistryAdmin} from "./CredentialRegistryAdmin.sol";
import {SoulboundERC721} from "./registry/SoulboundERC721.sol";

/// @title OnChainCert credential registry
/// @notice Soulbound ERC-721 micro-credentials. The admin registers issuers (organisations with
/// vetted names); issuers define credential types (badges, certificates, skill certifications,
/// professional-development credits), issue them one by one or in batches, renew, revoke and
/// move them. Types can be stacks that a holder claims once they hold N of M components.
/// Anyone verifies a credential here (`credentialRecord`, `hasValidCredential`) or, with names and
/// whole addresses, through its lens (CredentialLens, deployed beside it), in one call.
/// There is no proxy: this contract is immutable.
/// @dev Composed of one concern per file, like OpenZeppelin's ERC-721 and its extensions:
/// RegistryStorage (state and slot layouts) → Directory (issuers, types, who may act) →
/// HolderIndex → CredentialStatusRules → Issuance → SoulboundERC721 → this contract (deployment,
/// settings). Issuer and type administration and moves (IssuerAdmin, TypeAdmin, Moves) are
/// compiled into CredentialRegistryAdmin, which this contract deploys and runs in its own storage.
contract CredentialRegistry is ICredentialRegistry, SoulboundERC721 {
    /// @dev The administration extension this registry deployed; fixed forever.
    address private immutable _ADMIN_EXTENSION;

    /// @param initialAdmin Holds DEFAULT_ADMIN_ROLE; transfers take two steps and `adminDelay`.
    /// @param adminDelay Seconds a new admin must wait before accepting.
    /// @param name_ The ERC-721 collection name.
    /// @param symbol_ The ERC-721 symbol.
    /// @param externalBaseURI_ The dApp's credential page URL prefix.
    /// @param renderer_ The contract that draws token metadata.
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
        _ADMIN_EXTENSION = address(new CredentialRegistryAdmin(address(this)));
    }

    // ================================================================ administration, run from the extension

    /// @inheritdoc IIssuers
    function registerIssuer(address, string calldata, bytes32, string calldata) external returns (uint256) {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function renameIssuer(uint256, string calldata, bytes32) external {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function suspendIssuer(uint256) external {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function reinstateIssuer(uint256) external {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function replaceIssuerAccount(uint256, address) external {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function setCompromiseWatermark(uint256, uint256) external {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function setIssuerURL(string calldata) external {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function proposeIssuerAccount(address) external {
        _runAdmin();
    }

    /// @inheritdoc IIssuers
    function acceptIssuerAccount(uint256) external {
        _runAdmin();
    }

    /// @inheritdoc ICredentialTypes
    function createCredentialType(CredentialTypeInput calldata) external returns (uint256) {
        _runAdmin();
    }

    /// @inheritdoc ICredentialTypes
    function setTypeDelegate(uint256, uint256, bool) external {
        _runAdmin();
    }

    /// @inheritdoc ICredentialTypes
    function offerType(uint256, uint256) external {
        _runAdmin();
    }

    /// @inheritdoc ICredentialTypes
    function acceptType(uint256) external {
        _runAdmin();
    }

    /// @inheritdoc ICredentialTypes
    function retireCredentialType(uint256, uint256) external {
        _runAdmin();
    }

    /// @inheritdoc ICredentialMoves
    function proposeMove(uint256, address) external {
        _runAdmin();
    }

    /// @inheritdoc ICredentialMoves
    function cancelMove(uint256) external {
        _runAdmin();
    }

    /// @inheritdoc ICredentialMoves
    function acceptMove(uint256) external returns (uint256) {
        _runAdmin();
    }

    // ================================================================ settings

    /// @inheritdoc ICredentialRegistry
    function setExternalBaseURI(string calldata baseURI) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkText("baseURI", baseURI, 0, _MAX_URL, false);
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

    /// @inheritdoc ICredentialRegistry
    function externalBaseURI() external view returns (string memory baseURI) {
        return _externalBaseURI;
    }

    /// @inheritdoc ICredentialRegistry
    function renderer() external view returns (address renderer_) {
        return address(_renderer);
    }

    /// @inheritdoc ICredentialRegistry
    function adminExtension() external view returns (address extension) {
        return _ADMIN_EXTENSION;
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

    /// @dev Runs the function called from the administration extension in this contract's storage
    /// (DELEGATECALL, the caller and arguments unchanged) and returns or reverts with exactly what
    /// it did. The extension's functions check who may call them, as they would here.
    function _runAdmin() private {
        address extension = _ADMIN_EXTENSION;
        // solhint-disable-next-line no-inline-assembly
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), extension, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) {
                revert(0, returndatasize())
            }
            return(0, returndatasize())
        }
    }
}
