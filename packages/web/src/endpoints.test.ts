import { describe, expect, it } from "vitest";
import * as viemChains from "viem/chains";
import type { Chain } from "viem";

import { KNOWN, defaultChainId, indexerUrlOf, rpcUrlOf } from "./endpoints";

const viemChain: Record<number, Chain> = Object.fromEntries(
  [
    viemChains.hardhat,
    viemChains.mainnet,
    viemChains.sepolia,
    viemChains.base,
    viemChains.baseSepolia,
    viemChains.optimism,
    viemChains.optimismSepolia,
    viemChains.arbitrum,
    viemChains.arbitrumSepolia,
    viemChains.polygon,
    viemChains.polygonAmoy,
  ].map((c) => [c.id, c as Chain]),
);
const chain = (id: number) => KNOWN.find((c) => c.id === id)!;

describe("the chains the dApp knows", () => {
  it("are the SDK's (deploy/networks.ts's presets and the local chain), named and priced as viem defines them", () => {
    expect(KNOWN.map((c) => c.id)).toEqual([31337, 1, 11155111, 8453, 84532, 10, 11155420, 42161, 421614, 137, 80002]);
    for (const known of KNOWN) {
      const full = viemChain[known.id]!;
      expect(known.name, `chain ${known.id}`).toBe(full.name);
      expect(known.nativeCurrency, `chain ${known.id}`).toEqual(full.nativeCurrency);
      expect(Boolean(known.testnet), `chain ${known.id}`).toBe(Boolean(full.testnet));
    }
    expect(chain(31337).blockExplorers).toBeUndefined();
    expect(chain(84532).blockExplorers?.default.url).toBe("https://sepolia.basescan.org");
  });

  it("reads the default chain and RPC URLs from the environment", () => {
    expect(defaultChainId({})).toBe(31337);
    expect(defaultChainId({ VITE_DEFAULT_CHAIN_ID: "8453" })).toBe(8453);
    expect(rpcUrlOf(chain(31337), {})).toBe("http://127.0.0.1:8545");
    expect(rpcUrlOf(chain(8453), {})).toBe("https://mainnet.base.org");
    expect(rpcUrlOf(chain(8453), { VITE_RPC_URL_8453: "https://rpc.example" })).toBe("https://rpc.example");
  });

  it("finds the indexer: the local one pnpm dev starts, a configured one, or none (an empty value turns it off)", () => {
    expect(indexerUrlOf(31337, {})).toBe("http://127.0.0.1:42069");
    expect(indexerUrlOf(31337, { VITE_INDEXER_URL_31337: "" })).toBeUndefined();
    expect(indexerUrlOf(8453, {})).toBeUndefined();
    expect(indexerUrlOf(8453, { VITE_INDEXER_URL_8453: "https://index.example" })).toBe("https://index.example");
  });
});
