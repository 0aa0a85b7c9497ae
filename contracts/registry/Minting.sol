// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IERC5192} from "../interfaces/IERC5192.sol";
import {CredentialStatus} from "../interfaces/CredentialData.sol";
import {ICredentialIssuance} from "../interfaces/ICredentialIssuance.sol";
import {CredentialStatusRules} from "./CredentialStatusRules.sol";

/// @title Writing credentials: token ids, the one-per-type check, the record, dates
/// @notice Internal only: used by Issuance (issue, batch, claim, renew, revoke) in the registry
/// and by Moves (accepting a move) in the administration extension.
abstract contract Minting is CredentialStatusRules {
    function _requireRecord(uint256 tokenId) internal view returns (uint256 record) {
        record = _records[tokenId];
        if (record == 0) revert IERC721Errors.ERC721NonexistentToken(tokenId);
    }

    /// @dev Reverts unless the credential still stands: not moved, revoked (in any way) or renounced.
    function _requireStanding(uint256 tokenId, uint256 record) internal view {
        if (record == 0) revert IERC721Errors.ERC721NonexistentToken(tokenId);
        if (record & _MOVED_OUT != 0) revert ICredentialIssuance.CredentialWasMoved(tokenId, _moves[tokenId].movedTo);
        (CredentialStatus status, , , ) = _status(tokenId);
        if (status == CredentialStatus.Revoked) revert ICredentialIssuance.CredentialAlreadyRevoked(tokenId);
        if (status == CredentialStatus.Renounced) revert ICredentialIssuance.CredentialWasRenounced(tokenId);
    }

    function _reserveTokenIds(uint256 count) internal returns (uint256 first) {
        first = uint256(_lastTokenId) + 1;
        uint256 last = first + count - 1;
        // Token ids are stored in 32 bits, here and in the holder index.
        if (last > _MAX_32) revert IdSpaceExhausted();
        _lastTokenId = uint32(last);
    }

    /// @dev Issues a new credential now.
    function _mint(address to, uint256 tokenId, uint256 typeId, uint256 validUntil) internal {
        _mintWith(to, tokenId, typeId, validUntil, _time(), 0);
    }

    /// @dev Writes a credential: the one-per-type check, the holder index, one fresh slot for the
    /// record. `issuedAt` and `flags` differ from now and 0 only for a moved credential.
    function _mintWith(
        address to,
        uint256 tokenId,
        uint256 typeId,
        uint256 validUntil,
        uint256 issuedAt,
        uint256 flags
    ) internal {
        if (to == address(0)) revert IERC721Errors.ERC721InvalidReceiver(address(0));
        uint256 holderSlot = _holders[to];
        uint256 previous = _latestOf(to, holderSlot, typeId);
        if (previous != 0 && _counts(previous)) revert ICredentialIssuance.CredentialAlreadyHeld(to, typeId, previous);
        _index(to, holderSlot, tokenId, typeId, issuedAt);
        _records[tokenId] = uint256(uint160(to)) | (typeId << _TYPE_SHIFT) | flags | (validUntil << _VALID_UNTIL_SHIFT);
        emit IERC721.Transfer(address(0), to, tokenId);
        emit IERC5192.Locked(tokenId);
    }

    function _defaultExpiry(uint256 validityPeriod) internal view returns (uint256) {
        if (validityPeriod == 0) return 0;
        uint256 validUntil = _time() + validityPeriod;
        if (validUntil > _MAX_32) revert ICredentialIssuance.CredentialExpiryInvalid(validUntil);
        return validUntil;
    }

    /// @dev An explicit expiry must be in the future and fit 32 bits; 0 takes the default.
    function _expiry(uint256 requested, uint256 defaultValidUntil) internal view returns (uint256) {
        if (requested == 0) return defaultValidUntil;
        if (requested <= _time() || requested > _MAX_32) revert ICredentialIssuance.CredentialExpiryInvalid(requested);
        return requested;
    }
}
