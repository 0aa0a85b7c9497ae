/**
 * Which chains the dApp knows, and how it reaches them. The one place configuration is read.
 *
 *   VITE_DEFAULT_CHAIN_ID   chain shown when the URL has no ?chain= (default: 31337, the local demo)
 *   VITE_RPC_URL_<chainId>  RPC URL per chain (default: 127.0.0.1:8545 for 31337, the chain's public RPC otherwise)
 *   VITE_EXPLORER_URL_<chainId>  block explorer per chain (default: the chain's own, none for 31337)
 *   VITE_INDEXER_URL_<chainId>   the indexer (packages/indexer) per chain, for lists and counts
 *                                (default: http://127.0.0.1:42069 for 31337, none otherwise)
 *
 * Contract addresses come from packages/sdk (generated from the deployment records).
 */
import { http, createConfig } from "wagmi";
import type { Chain } from "viem";
import { deployments } from "@onchaincert/sdk";

import { KNOWN, defaultChainId, indexerUrlOf, rpcUrlOf } from "./endpoints";

const env = import.meta.env as Record<string, string | undefined>;

export const DEFAULT_CHAIN_ID = defaultChainId(env);

export function rpcUrl(chain: Chain): string {
  return rpcUrlOf(chain, env);
}

/** The indexer lists and counts come from, if the chain has one. */
export function indexerUrl(chainId: number): string | undefined {
  return indexerUrlOf(chainId, env);
}

/** The block explorer links go to, if the chain has one (or one is configured, e.g. a local Otterscan). */
export function explorerUrl(chain: Chain): string | undefined {
  return env[`VITE_EXPLORER_URL_${chain.id}`] || chain.blockExplorers?.default.url;
}

/** Chains with an OnChainCert deployment recorded in the SDK. */
export const chains = KNOWN.filter((c) => String(c.id) in deployments) as [Chain, ...Chain[]];

export function chainById(id: number): Chain | undefined {
  return KNOWN.find((c) => c.id === id);
}

export const wagmiConfig = createConfig({
  chains,
  // Short timeouts and no retries: an unreachable RPC must turn into a message, not a spinner.
  transports: Object.fromEntries(chains.map((c) => [c.id, http(rpcUrl(c), { timeout: 8_000, retryCount: 0 })])),
  ssr: false,
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
