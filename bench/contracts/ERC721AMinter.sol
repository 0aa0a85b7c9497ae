// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721A} from "erc721a/contracts/ERC721A.sol";

/// @title Benchmark reference, NOT product code
/// @notice ERC721A (Azuki) minting one token to each recipient: the cheapest well-known NFT
/// layout, with no credential data at all. `pnpm bench` measures it as a lower reference.
contract ERC721AMinter is ERC721A {
    constructor() ERC721A("ERC721A Reference", "E721A") {}

    function mintOne(address to) external {
        _mint(to, 1);
    }

    function mintEach(address[] calldata to) external {
        for (uint256 i = 0; i < to.length; ++i) _mint(to[i], 1);
    }
}
