import { describe, expect, it } from "vitest";
import { ensNameWarning } from "@onchaincert/sdk";

import { looksLikeEnsName, resolveEnsName, type EnsResolver } from "./ens";

const ALICE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

const BOB = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

function resolver(
  table: Record<string, string | null | Error>,
  reverse: Record<string, string | Error> = {},
): EnsResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async getEnsAddress({ name }) {
      asked.push(name);
      const answer = table[name];
      if (answer instanceof Error) throw answer;
      return (answer ?? null) as `0x${string}` | null;
    },
    async getEnsName({ address }) {
      const answer = reverse[address];
      if (answer instanceof Error) throw answer;
      return answer ?? null;
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

  it("normalises the name before asking, and returns the address with the address's own primary name", async () => {
    const ens = resolver({ "alice.eth": ALICE }, { [ALICE]: "Alice.eth" });
    expect(await resolveEnsName(" Alice.ETH ", ens)).toEqual({
      name: "alice.eth",
      address: ALICE,
      primary: "alice.eth",
    });
    expect(ens.asked).toEqual(["alice.eth"]);
  });

  it("tells a name someone pointed at another's address: the address's primary name differs, or it has none", async () => {
    // Anyone who owns a name can point it at any address, e.g. a stranger's with good credentials.
    const ens = resolver({ "jane-smith.eth": BOB, "fresh.eth": ALICE, "flaky.eth": ALICE }, { [BOB]: "bob.eth" });
    expect(await resolveEnsName("jane-smith.eth", ens)).toEqual({
      name: "jane-smith.eth",
      address: BOB,
      primary: "bob.eth",
    });
    expect(await resolveEnsName("fresh.eth", ens)).toEqual({ name: "fresh.eth", address: ALICE, primary: null });
    // What the page (and `pnpm verify:address`) then says.
    expect(ensNameWarning("jane-smith.eth", "bob.eth")).toBe(
      "jane-smith.eth points to this address, but it is not the address's own name (that is bob.eth): whoever owns a name can point it at any address. It does not show that these credentials belong to the person you know by that name; ask them to prove the address.",
    );
    expect(ensNameWarning("flaky.eth", undefined)).toMatch(
      /^flaky\.eth points to this address, but the address's own name could not be read, so nothing shows it is: /,
    );
    expect(ensNameWarning("fresh.eth", null)).toMatch(
      /^fresh\.eth points to this address, but it is not the address's own name \(it has none\)/,
    );
    expect(ensNameWarning("alice.eth", "alice.eth")).toBeUndefined();
    const failing = resolver({ "flaky.eth": ALICE }, { [ALICE]: new Error("fetch failed") });
    expect(await resolveEnsName("flaky.eth", failing)).toEqual({
      name: "flaky.eth",
      address: ALICE,
      primary: undefined,
    });
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
