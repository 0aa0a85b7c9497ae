/**
 * The wagmi config with wallet connectors, for the wallet pages only: this module and RainbowKit
 * load when someone opens /me or /issue, so the verify pages never download wallet SDKs.
 *
 *   VITE_WALLETCONNECT_PROJECT_ID  enables WalletConnect (and MetaMask mobile) when set
 */
import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { coinbaseWallet, injectedWallet, metaMaskWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { createConfig, http } from "wagmi";

import { chains, rpcUrl } from "../config";

const projectId = (import.meta.env as Record<string, string | undefined>).VITE_WALLETCONNECT_PROJECT_ID;

const connectors = connectorsForWallets(
  [
    {
      groupName: "Wallets",
      // Browser wallets (MetaMask included) are found through EIP-6963 and the injected provider.
      wallets: projectId
        ? [injectedWallet, metaMaskWallet, coinbaseWallet, walletConnectWallet]
        : [injectedWallet, coinbaseWallet],
    },
  ],
  { appName: "OnChainCert", projectId: projectId ?? "not-configured" },
);

export const walletConfig = createConfig({
  chains,
  connectors,
  transports: Object.fromEntries(chains.map((c) => [c.id, http(rpcUrl(c), { timeout: 15_000 })])),
  ssr: false,
});
