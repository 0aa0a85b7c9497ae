/**
 * The chains the dApp knows and the RPC URL of each, from the build's environment: read by the app
 * (config.ts, with `import.meta.env`) and by the build itself (vite.config.ts writes the page's
 * first read into index.html; see firstPage.ts).
 */
import { defineChain, type Chain } from "viem";
import { knownChains } from "@onchaincert/sdk";

export type Env = Record<string, string | undefined>;

/**
 * Every chain OnChainCert knows (the SDK's, generated from deploy/networks.ts), as viem chains:
 * plain data, without viem's per-chain formatters and contract lists (a verifier reads contracts
 * and block times; a wallet sends ordinary transactions). The app offers those with a recorded
 * deployment (config.ts). endpoints.test.ts keeps them equal to viem's own definitions.
 */
export const KNOWN: Chain[] = knownChains.map((c) =>
  defineChain({
    id: c.id,
    name: c.name,
    nativeCurrency: { ...c.currency, decimals: 18 },
    rpcUrls: { default: { http: [c.rpc] } },
    ...(c.explorer ? { blockExplorers: { default: { name: "Explorer", url: c.explorer } } } : {}),
    testnet: c.testnet,
  }),
);

const LOCAL_CHAIN_ID = 31337;

/** The chain shown when the URL has no ?chain=: VITE_DEFAULT_CHAIN_ID, or the local demo's. */
export function defaultChainId(env: Env): number {
  return Number(env.VITE_DEFAULT_CHAIN_ID ?? LOCAL_CHAIN_ID);
}

/** VITE_RPC_URL_<chainId>, or 127.0.0.1:8545 for the local demo and the chain's public RPC otherwise. */
export function rpcUrlOf(chain: Chain, env: Env): string {
  return env[`VITE_RPC_URL_${chain.id}`] ?? chain.rpcUrls.default.http[0]!;
}

/**
 * The indexer's URL for a chain: VITE_INDEXER_URL_<chainId>, or, for the local demo, the one
 * `pnpm dev` starts (http://127.0.0.1:42069). Undefined when there is none (an empty value turns
 * it off): lists then say the index is unavailable, and verification reads the chain as always.
 */
export function indexerUrlOf(chainId: number, env: Env): string | undefined {
  const set = env[`VITE_INDEXER_URL_${chainId}`];
  if (set !== undefined) return set.trim() || undefined;
  return chainId === LOCAL_CHAIN_ID ? "http://127.0.0.1:42069" : undefined;
}
