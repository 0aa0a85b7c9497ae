import { describe, expect, it } from "vitest";

import { looksLikeEnsName, resolveEnsName, type EnsResolver } from "./ens";

const ALICE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

function resolver(table: Record<string, string | null | Error>): EnsResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async getEnsAddress({ name }) {
      asked.push(name);
      const answer = table[name];
      if (answer instanceof Error) throw answer;
      return (answer ?? null) as `0x${string}` | null;
    },
  };
}

describe("ENS names", () => {
  it("tells names from addresses", () => {
    expect(looksLikeEnsName("alice.eth")).toBe(true);
    expect(looksLikeEnsName(" pay.northwind.example ")).toBe(true);
    expect(looksLikeEnsName("Alice.ETH")).toBe(true);
    expect(looksLikeEnsName(ALICE)).toBe(false);
    expect(looksLikeEnsName("0x12.eth")).toBe(false);
    expect(looksLikeEnsName("alice")).toBe(false);
    expect(looksLikeEnsName("alice..eth")).toBe(false);
    expect(looksLikeEnsName("a b.eth")).toBe(false);
  });

  it("normalises the name before asking, and returns the address", async () => {
    const ens = resolver({ "alice.eth": ALICE });
    expect(await resolveEnsName(" Alice.ETH ", ens)).toEqual({ name: "alice.eth", address: ALICE });
    expect(ens.asked).toEqual(["alice.eth"]);
  });

  it("explains a name without an address, a failing RPC and an invalid name", async () => {
    const ens = resolver({ "nobody.eth": null, "down.eth": new Error("fetch failed") });
    expect(await resolveEnsName("nobody.eth", ens)).toEqual({
      name: "nobody.eth",
      error: "nobody.eth does not point to an address.",
    });
    expect((await resolveEnsName("down.eth", ens)).error).toBe(
      "Could not look up down.eth on Ethereum mainnet. Try again later, or paste the address.",
    );
    expect((await resolveEnsName("bad\u0000name.eth", ens)).error).toBe("“bad\u0000name.eth” is not a valid ENS name.");
    expect(ens.asked).toEqual(["nobody.eth", "down.eth"]);
  });

  it("without a mainnet RPC, says how to turn ENS on instead of trying", async () => {
    expect((await resolveEnsName("alice.eth")).error).toBe(
      "ENS names work when a mainnet RPC is configured. Paste the 0x address instead.",
    );
  });
});
