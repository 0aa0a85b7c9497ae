// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Errors every part of the registry can raise
interface IRegistryErrors {
    /// @notice A string field is empty where it is required, or longer than allowed (bytes).
    error StringLengthInvalid(string field, uint256 length, uint256 maxLength);
    /// @notice A string field is not valid UTF-8, or (in a name) holds a control or bidi
    /// formatting character, at byte `offset`.
    error StringEncodingInvalid(string field, uint256 offset);
    /// @notice The registry has issued all the issuer, type or credential ids it can store.
    error IdSpaceExhausted();
}
