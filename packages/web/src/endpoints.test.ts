import { describe, expect, it } from "vitest";
import * as viemChains from "viem/chains";

import { base, baseSepolia, defaultChainId, optimism, rpcUrlOf } from "./endpoints";

describe("the chains the dApp knows", () => {
  it("defines the OP-stack chains as viem does, less its formatters", () => {
    for (const [lean, full] of [
      [base, viemChains.base],
      [baseSepolia, viemChains.baseSepolia],
      [optimism, viemChains.optimism],
    ] as const) {
      expect(lean.id).toBe(full.id);
      expect(lean.name).toBe(full.name);
      expect(lean.nativeCurrency).toEqual(full.nativeCurrency);
      expect(lean.rpcUrls.default).toEqual(full.rpcUrls.default);
      expect(lean.blockExplorers).toEqual(full.blockExplorers);
      expect(Boolean(lean.testnet)).toBe(Boolean(full.testnet));
    }
  });

  it("reads the default chain and RPC URLs from the environment", () => {
    expect(defaultChainId({})).toBe(31337);
    expect(defaultChainId({ VITE_DEFAULT_CHAIN_ID: "8453" })).toBe(8453);
    expect(rpcUrlOf(viemChains.hardhat, {})).toBe("http://127.0.0.1:8545");
    expect(rpcUrlOf(base, {})).toBe("https://mainnet.base.org");
    expect(rpcUrlOf(base, { VITE_RPC_URL_8453: "https://rpc.example" })).toBe("https://rpc.example");
  });
});
