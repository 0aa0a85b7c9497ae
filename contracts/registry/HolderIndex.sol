// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICredentialIssuance} from "../interfaces/ICredentialIssuance.sol";
import {Directory} from "./Directory.sol";

/// @title The holder index: a holder's credentials, found by type in constant time
/// @notice Two questions are asked of a holder on write paths, and neither may scan the holder's
/// list (which issuers and stack claims can grow without bound): "what is this holder's latest
/// credential of type T?" (the one-per-type rule, stack claims) and "when was credential X
/// issued?". Views also enumerate everything a holder ever received. Nothing is ever removed:
/// renounced and moved credentials stay in the index, flagged in their records.
abstract contract HolderIndex is Directory {
    // Holder slot (`_holders[holder]`), written on every issuance:
    //   bits   0..31   balance: credentials held (not renounced, not moved away); the ERC-721 balance
    //   bits  32..33   inline entries in use (0..2)
    //   bits  34..57   type id of the newest overflow holding (0 = none)
    //   bits  58..63   unused
    //   bits  64..151  inline entry 0: token id (32) | type id (24) | issued at (32)
    //   bits 152..239  inline entry 1
    //   bits 240..255  unused
    // A holder's first two credentials live here: a new holder costs one fresh slot beside the
    // credential's record, and a second credential costs a rewrite of this slot.
    uint256 private constant _INLINE_COUNT_SHIFT = 32;
    uint256 private constant _HEAD_SHIFT = 34;
    uint256 private constant _INLINE_SHIFT = 64;
    uint256 private constant _ENTRY_BITS = 88;
    uint256 private constant _ENTRY_MASK = (1 << 88) - 1;
    uint256 private constant _INLINE_ENTRIES = 2;

    // Overflow holding (`_holdings[holder][typeId]`), one per type for credentials after the first
    // two; together they form a list, newest type first:
    //   bits   0..31   the holder's latest token of this type
    //   bits  32..63   its issue date
    //   bits  64..87   type id of the next (older) overflow holding; 0 = end of the list
    //   bits  88..119  the token of this type it superseded; 0 = none
    // A superseded token keeps its date and predecessor in `_superseded[tokenId]`:
    //   bits   0..31   its issue date
    //   bits  32..63   the token it superseded in turn; 0 = none
    uint256 private constant _DATE_SHIFT = 32;
    uint256 private constant _NEXT_TYPE_SHIFT = 64;
    uint256 private constant _PRIOR_SHIFT = 88;

    /// @dev The most token ids one `holdings` call returns.
    uint256 internal constant _MAX_PAGE = 1000;

    // ================================================================ reads

    /// @dev The holder's latest credential of `typeId`, or 0: the overflow holding if the type
    /// has one (it is always newer than the inline entries), else the later inline match.
    function _latestOf(address holder, uint256 holderSlot, uint256 typeId) internal view returns (uint256) {
        if ((holderSlot >> _HEAD_SHIFT) & _MASK_24 != 0) {
            uint256 holding = _holdings[holder][typeId];
            if (holding != 0) return holding & _MASK_32;
        }
        for (uint256 i = (holderSlot >> _INLINE_COUNT_SHIFT) & 3; i > 0; --i) {
            uint256 entry = _inline(holderSlot, i - 1);
            if ((entry >> 32) & _MASK_24 == typeId) return entry & _MASK_32;
        }
        return 0;
    }

    /// @dev When credential `tokenId` (of `holder`, type `typeId`) was issued, in constant time.
    function _issuedAt(address holder, uint256 tokenId, uint256 typeId) internal view returns (uint256) {
        uint256 holderSlot = _holders[holder];
        uint256 inlineCount = (holderSlot >> _INLINE_COUNT_SHIFT) & 3;
        for (uint256 i; i < inlineCount; ++i) {
            uint256 entry = _inline(holderSlot, i);
            if (entry & _MASK_32 == tokenId) return entry >> 56;
        }
        uint256 holding = _holdings[holder][typeId];
        if (holding & _MASK_32 == tokenId) return (holding >> _DATE_SHIFT) & _MASK_32;
        return _superseded[tokenId] & _MASK_32;
    }

    /// @dev A page of the holder's credentials in enumeration order, from `cursor` (0: the first);
    /// see ICredentialIssuance.holdings.
    function _holdingsPage(
        address holder,
        uint256 cursor,
        uint256 limit
    ) internal view returns (uint256[] memory tokenIds, uint256 next) {
        uint256 holderSlot = _holders[holder];
        if (cursor != 0 && address(uint160(_records[cursor])) != holder) {
            revert ICredentialIssuance.HoldingsCursorInvalid(holder, cursor);
        }
        next = cursor == 0 ? _first(holder, holderSlot) : cursor;
        if (limit > _MAX_PAGE) limit = _MAX_PAGE;
        tokenIds = new uint256[](limit);
        uint256 count;
        while (next != 0 && count < limit) {
            tokenIds[count++] = next;
            next = _after(holder, holderSlot, next);
        }
        // Shrink the array to what was found (its length word is the first in memory).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(tokenIds, count)
        }
    }

    // ================================================================ writes

    /// @dev Records that `holder` received `tokenId` of `typeId`, issued at `issuedAt` (the
    /// original date for a moved credential), and counts it in the balance. The caller has
    /// checked the one-per-type rule with `_latestOf` on the same `holderSlot`.
    function _index(address holder, uint256 holderSlot, uint256 tokenId, uint256 typeId, uint256 issuedAt) internal {
        uint256 inlineCount = (holderSlot >> _INLINE_COUNT_SHIFT) & 3;
        if (inlineCount < _INLINE_ENTRIES) {
            uint256 entry = tokenId | (typeId << 32) | (issuedAt << 56);
            holderSlot =
                (holderSlot | (entry << (_INLINE_SHIFT + _ENTRY_BITS * inlineCount))) + (1 << _INLINE_COUNT_SHIFT);
        } else {
            mapping(uint256 typeId => uint256 holding) storage held = _holdings[holder];
            uint256 holding = held[typeId];
            if (holding == 0) {
                // The holder's first overflow credential of this type: put the type at the head of the list.
                uint256 head = (holderSlot >> _HEAD_SHIFT) & _MASK_24;
                holding = tokenId | (issuedAt << _DATE_SHIFT) | (head << _NEXT_TYPE_SHIFT);
                holderSlot = (holderSlot & ~(_MASK_24 << _HEAD_SHIFT)) | (typeId << _HEAD_SHIFT);
            } else {
                // A new credential of a type the holder had (the old one revoked, renounced or
                // moved): the old one keeps its date and predecessor under its own id.
                uint256 previous = holding & _MASK_32;
                _superseded[previous] = ((holding >> _DATE_SHIFT) & _MASK_32) | ((holding >> _PRIOR_SHIFT) << 32);
                holding =
                    tokenId |
                    (issuedAt << _DATE_SHIFT) |
                    (holding & (_MASK_24 << _NEXT_TYPE_SHIFT)) |
                    (previous << _PRIOR_SHIFT);
            }
            held[typeId] = holding;
        }
        // The balance cannot carry into bit 32: token ids, and so balances, stay below 2^32.
        _holders[holder] = holderSlot + 1;
    }

    // ================================================================ internals

    function _inline(uint256 holderSlot, uint256 i) private pure returns (uint256) {
        return (holderSlot >> (_INLINE_SHIFT + _ENTRY_BITS * i)) & _ENTRY_MASK;
    }

    /// @dev The first credential in enumeration order: inline entries, then the overflow list
    /// (newest type first; per type the latest token, then the ones it superseded).
    function _first(address holder, uint256 holderSlot) private view returns (uint256) {
        if ((holderSlot >> _INLINE_COUNT_SHIFT) & 3 != 0) return _inline(holderSlot, 0) & _MASK_32;
        return _headOf(holder, (holderSlot >> _HEAD_SHIFT) & _MASK_24);
    }

    function _headOf(address holder, uint256 typeId) private view returns (uint256) {
        return typeId == 0 ? 0 : _holdings[holder][typeId] & _MASK_32;
    }

    /// @dev The credential after `tokenId` in enumeration order, or 0; constant time, so a page
    /// can start anywhere.
    function _after(address holder, uint256 holderSlot, uint256 tokenId) private view returns (uint256) {
        uint256 inlineCount = (holderSlot >> _INLINE_COUNT_SHIFT) & 3;
        for (uint256 i; i < inlineCount; ++i) {
            if (_inline(holderSlot, i) & _MASK_32 != tokenId) continue;
            if (i + 1 < inlineCount) return _inline(holderSlot, i + 1) & _MASK_32;
            return _headOf(holder, (holderSlot >> _HEAD_SHIFT) & _MASK_24);
        }
        uint256 typeId = _typeOf(_records[tokenId]);
        uint256 holding = _holdings[holder][typeId];
        uint256 prior = holding & _MASK_32 == tokenId ? holding >> _PRIOR_SHIFT : _superseded[tokenId] >> 32;
        if (prior != 0) return prior;
        return _headOf(holder, (holding >> _NEXT_TYPE_SHIFT) & _MASK_24);
    }
}
