// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev Test-only: stands in for a registry whose holder has more than one page of credentials
/// (`holdings` and `creditsOfPage` return an empty first page that says another follows), so the
/// lens's HolderNeedsPaging can be tested without issuing 1,001 credentials.
contract HoldingsPagerMock {
    function holdings(address, uint256, uint256) external pure returns (uint256[] memory tokenIds, uint256 next) {
        return (new uint256[](0), 1001);
    }

    function creditsOfPage(
        address,
        uint64,
        bool,
        uint256,
        uint256
    ) external pure returns (uint256 credits, uint256 counted, uint256 next) {
        return (0, 0, 1001);
    }
}
