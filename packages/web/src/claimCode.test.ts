/**
 * Claim codes in the browser: without Node's Buffer, the SDK encodes through btoa and decodes
 * through atob, and must give exactly the codes the CLI (Buffer) writes.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeClaimCode, encodeClaimCode, type ClaimLink } from "@onchaincert/sdk";

const link = (proofLength: number, evidence: boolean): ClaimLink => ({
  chainId: 84532,
  roundId: 300n,
  index: 99_999,
  key: `0x${"7e".repeat(32)}`,
  validUntil: 1_900_000_000n,
  evidenceHash: evidence ? `0x${"ab".repeat(32)}` : `0x${"00".repeat(32)}`,
  proof: Array.from({ length: proofLength }, (_, i) => `0x${i.toString(16).padStart(2, "0").repeat(32)}` as const),
});

afterEach(() => vi.unstubAllGlobals());

describe("claim codes without Buffer (the browser)", () => {
  it.each([
    [0, false],
    [1, true],
    [17, false],
    [20, true],
  ])("encodes and decodes a link with a %i-hash proof (evidence: %s) as the CLI does", (length, evidence) => {
    const withBuffer = encodeClaimCode(link(length, evidence));
    vi.stubGlobal("Buffer", undefined);
    expect(globalThis.Buffer).toBeUndefined();
    const withBtoa = encodeClaimCode(link(length, evidence));
    expect(withBtoa).toBe(withBuffer);
    expect(withBtoa).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeClaimCode(withBtoa)).toEqual({ link: link(length, evidence) });
  });

  it("refuses a code cut short in an email with a sentence", () => {
    vi.stubGlobal("Buffer", undefined);
    const code = encodeClaimCode(link(17, true));
    for (const cut of [code.slice(0, 100), code.slice(0, -1), `${code.slice(0, 50)}%20${code.slice(50)}`]) {
      expect(decodeClaimCode(cut)).toEqual({ error: expect.stringMatching(/incomplete or damaged/) });
    }
  });
});
