import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { renderHook } from "@testing-library/react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { deployments } from "@onchaincert/sdk";

import { useChainContext, withChain } from "./chain";

function contextAt(path: string) {
  const { hook, searchHook } = memoryLocation({ path });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Router hook={hook} searchHook={searchHook}>
      {children}
    </Router>
  );
  return renderHook(() => useChainContext(), { wrapper }).result.current;
}

afterEach(() => vi.unstubAllEnvs());

describe("useChainContext", () => {
  it("defaults to the local chain with the registry from the SDK's deployment records", () => {
    const ctx = contextAt("/verify/0x1");
    expect(ctx).toMatchObject({
      chainId: 31337,
      registry: deployments[31337].CredentialRegistry,
      rpc: "http://127.0.0.1:8545",
      problem: undefined,
      explorer: undefined,
    });
  });

  it("explains a known chain without a deployment, and an unknown chain", () => {
    expect(contextAt("/?chain=1").problem).toBe("OnChainCert is not deployed on Ethereum (chain 1).");
    expect(contextAt("/?chain=1").explorer).toBe("https://etherscan.io");
    expect(contextAt("/?chain=999999").problem).toBe("Chain 999999 is not a chain this app knows.");
    expect(contextAt("/?chain=abc").problem).toBe("Chain abc is not a chain this app knows.");
  });

  it("links to a configured block explorer, even for the local chain", () => {
    vi.stubEnv("VITE_EXPLORER_URL_31337", "http://127.0.0.1:5100");
    expect(contextAt("/").explorer).toBe("http://127.0.0.1:5100");
    vi.stubEnv("VITE_EXPLORER_URL_1", "https://explorer.example");
    expect(contextAt("/?chain=1").explorer).toBe("https://explorer.example");
  });

  it("keeps ?chain= on links only when it is not the default", () => {
    expect(withChain("/me", 31337)).toBe("/me");
    expect(withChain("/me", 8453)).toBe("/me?chain=8453");
    expect(withChain("/verify/0xabc?credits=24m", 8453)).toBe("/verify/0xabc?credits=24m&chain=8453");
  });
});
