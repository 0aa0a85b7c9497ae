// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

import {IssuerAdmin} from "./registry/IssuerAdmin.sol";
import {Moves} from "./registry/Moves.sol";
import {TypeAdmin} from "./registry/TypeAdmin.sol";

/// @title OnChainCert registry administration extension
/// @notice The code of the registry's issuer and type administration (register, rename, suspend,
/// rotate keys, set a key-compromise watermark; create, delegate, hand over and retire types) and
/// of moves (a credential re-issued to its holder's new address).
/// The registry deploys this contract once, in its constructor, and runs these functions in its
/// own storage with DELEGATECALL; the address is immutable, so this is not an upgrade path. It
/// exists because one contract cannot hold all the registry's code under EIP-170's 24,576 bytes.
/// @dev Shares the registry's storage layout by inheriting the same RegistryStorage (a test
/// compares both layouts). Called directly, it acts on its own empty storage, where nobody is an
/// issuer and `deployer` is the only admin: nothing it does there affects any credential.
contract CredentialRegistryAdmin is IssuerAdmin, TypeAdmin, Moves {
    /// @param deployer The registry that deploys it (admin of this contract's own, unused storage).
    constructor(address deployer) AccessControlDefaultAdminRules(0, deployer) {}
}
