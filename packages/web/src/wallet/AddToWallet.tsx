import { useWalletClient } from "wagmi";
import type { Address } from "viem";

/**
 * Asks the connected wallet to show a credential among its NFTs (EIP-747 `wallet_watchAsset`).
 * A wallet that does not support it, or a person who declines, changes nothing here.
 */
export function AddToWallet({ registry, tokenId }: { registry: Address; tokenId: bigint }) {
  const { data: walletClient } = useWalletClient();
  return (
    <button
      type="button"
      className="secondary"
      disabled={!walletClient}
      onClick={() =>
        walletClient
          ?.request({
            method: "wallet_watchAsset",
            params: { type: "ERC721", options: { address: registry, tokenId: tokenId.toString() } },
          } as never)
          .catch(() => undefined)
      }
    >
      Add to wallet
    </button>
  );
}
