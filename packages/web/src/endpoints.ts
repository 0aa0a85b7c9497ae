/**
 * The chains the dApp knows and the RPC URL of each, from the build's environment: read by the app
 * (config.ts, with `import.meta.env`) and by the build itself (vite.config.ts writes the page's
 * first read into index.html; see firstPage.ts).
 */
import { arbitrum, hardhat, mainnet, polygon, sepolia } from "viem/chains";
import { defineChain, type Chain } from "viem";

export type Env = Record<string, string | undefined>;

/**
 * The OP-stack chains, as viem defines them but without its OP-stack block and transaction
 * formatters (about 3 kB of gzipped JavaScript on every page): a verifier reads contracts and
 * block times, and a wallet sends ordinary transactions. endpoints.test.ts keeps them equal to
 * viem's definitions.
 */
export const base = defineChain({
  id: 8453,
  name: "Base",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["https://mainnet.base.org"] } },
  blockExplorers: {
    default: { name: "Basescan", url: "https://basescan.org", apiUrl: "https://api.basescan.org/api" },
  },
});
export const baseSepolia = defineChain({
  id: 84532,
  name: "Base Sepolia",
  nativeCurrency: { name: "Sepolia Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["https://sepolia.base.org"] } },
  blockExplorers: {
    default: { name: "Basescan", url: "https://sepolia.basescan.org", apiUrl: "https://api-sepolia.basescan.org/api" },
  },
  testnet: true,
});
export const optimism = defineChain({
  id: 10,
  name: "OP Mainnet",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["https://mainnet.optimism.io"] } },
  blockExplorers: {
    default: {
      name: "Optimism Explorer",
      url: "https://optimistic.etherscan.io",
      apiUrl: "https://api-optimistic.etherscan.io/api",
    },
  },
});

export const KNOWN: Chain[] = [hardhat, mainnet, sepolia, base, baseSepolia, optimism, arbitrum, polygon];

/** The chain shown when the URL has no ?chain=: VITE_DEFAULT_CHAIN_ID, or the local demo's. */
export function defaultChainId(env: Env): number {
  return Number(env.VITE_DEFAULT_CHAIN_ID ?? hardhat.id);
}

/** VITE_RPC_URL_<chainId>, or 127.0.0.1:8545 for the local demo and the chain's public RPC otherwise. */
export function rpcUrlOf(chain: Chain, env: Env): string {
  return (
    env[`VITE_RPC_URL_${chain.id}`] ??
    (chain.id === hardhat.id ? "http://127.0.0.1:8545" : chain.rpcUrls.default.http[0]!)
  );
}
