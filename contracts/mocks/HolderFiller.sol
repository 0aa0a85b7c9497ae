// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CredentialTypeInput} from "../interfaces/CredentialData.sol";
import {ICredentialRegistry} from "../interfaces/ICredentialRegistry.sol";

/// @dev Test-only: gives one holder thousands of credentials in a few transactions, for the dApp's
/// large-holder test. Registered as an issuer, it creates its own types; each `fill` round issues
/// every type to the holder and revokes it as superseded (a holder keeps one valid credential per
/// type), except in the last round of the last call, whose credentials stay valid.
contract HolderFiller {
    ICredentialRegistry public immutable REGISTRY;
    uint256[] private _types;

    constructor(ICredentialRegistry registry_) {
        REGISTRY = registry_;
    }

    function createTypes(uint256 count, CredentialTypeInput calldata input) external {
        for (uint256 i; i < count; ++i) _types.push(REGISTRY.createCredentialType(input));
    }

    function fill(address holder, uint256 rounds, bool keepLast) external {
        uint256 n = _types.length;
        for (uint256 r; r < rounds; ++r) {
            bool keep = keepLast && r + 1 == rounds;
            for (uint256 i; i < n; ++i) {
                uint256 tokenId = REGISTRY.issue(_types[i], holder, 0, bytes32(0));
                if (!keep) REGISTRY.revoke(tokenId, 4, "");
            }
        }
    }
}
