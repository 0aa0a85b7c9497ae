import { afterEach, describe, expect, it, vi } from "vitest";
import { encodeFunctionResult, getAddress, zeroAddress, type Hex } from "viem";
import { credentialLensAbi, credentialsPageCallData } from "@onchaincert/sdk";

import { takeFirstPage } from "./firstPage";
import { FIRST_PAGE_GLOBAL, firstPageScript } from "./firstPageScript";
import { credential } from "@onchaincert/sdk/testing";

const LENS = getAddress("0x00000000000000000000000000000000000000aa");
const HOLDER = getAddress("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
const store = window as unknown as Record<string, unknown>;

/** Runs the early script at `url` against a fetch that answers `answer`; returns what was sent. */
async function runScript(url: string, answer: unknown = { jsonrpc: "2.0", id: 1, result: "0x" }) {
  window.history.replaceState(null, "", url);
  const sent: { url: string; body: { method: string; params: [{ to: string; data: Hex }, string] } }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (to: string, init: { body: string }) => {
      sent.push({ url: to, body: JSON.parse(init.body) });
      return { json: async () => answer };
    }),
  );
  const script = firstPageScript(
    31337,
    { "31337": { rpc: "http://127.0.0.1:8545", lens: LENS }, "8453": { rpc: "https://base.example", lens: LENS } },
    credentialsPageCallData(zeroAddress, 0n, 24),
  );
  new Function(script)();
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
  store[FIRST_PAGE_GLOBAL] = undefined;
});

describe("the early first-page read", () => {
  it("sends the SDK's own call for the holder in the URL, to the chain the URL names", async () => {
    const sent = await runScript(`/verify/${HOLDER.toLowerCase()}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe("http://127.0.0.1:8545");
    expect(sent[0]!.body.method).toBe("eth_call");
    expect(sent[0]!.body.params).toEqual([{ to: LENS, data: credentialsPageCallData(HOLDER, 0n, 24) }, "latest"]);
    expect((await runScript(`/verify/${HOLDER}?chain=8453`))[0]!.url).toBe("https://base.example");
  });

  it("asks nothing on other pages, for ENS names, malformed addresses or chains it has no lens for", async () => {
    for (const url of [
      "/",
      "/verify/alice.eth",
      `/verify/${HOLDER}00`,
      `/credential/9`,
      `/verify/${HOLDER}?chain=1`,
      // An empty or non-numeric chain is the app's "unknown chain", not the default; no prototype keys.
      `/verify/${HOLDER}?chain=`,
      `/verify/${HOLDER}?chain=__proto__`,
      `/verify/${HOLDER}?chain=constructor`,
    ]) {
      expect(await runScript(url)).toEqual([]);
      expect(store[FIRST_PAGE_GLOBAL]).toBeUndefined();
    }
  });

  it("hands the decoded page to the app once, for that chain, lens and holder only, and only while fresh", async () => {
    const page = [credential({ tokenId: 9n, holder: HOLDER })];
    const result = encodeFunctionResult({
      abi: credentialLensAbi,
      functionName: "credentialsOfPage",
      result: [page, 0n],
    });
    const answer = { jsonrpc: "2.0", id: 1, result };
    // Asked for another chain or holder, it gives nothing, and is gone: a later visit reads afresh.
    for (const [chainId, holder] of [
      [1, HOLDER],
      [31337, zeroAddress],
    ] as const) {
      await runScript(`/verify/${HOLDER}`, answer);
      expect(await takeFirstPage(chainId, LENS, holder)).toBeUndefined();
      expect(store[FIRST_PAGE_GLOBAL]).toBeUndefined();
    }
    await runScript(`/verify/${HOLDER}`, answer);
    expect(await takeFirstPage(31337, LENS, HOLDER)).toEqual(page);
    expect(await takeFirstPage(31337, LENS, HOLDER)).toBeUndefined();
    // Taken more than 30 s after it was asked for (a tab left open), it is not shown.
    await runScript(`/verify/${HOLDER}`, answer);
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 30_001);
    expect(await takeFirstPage(31337, LENS, HOLDER)).toBeUndefined();
    vi.restoreAllMocks();
  });

  it("gives nothing (the app reads itself) when the node answered an error or garbage", async () => {
    for (const answer of [{ jsonrpc: "2.0", id: 1, error: { code: -32000, message: "down" } }, { result: "0x1234" }]) {
      await runScript(`/verify/${HOLDER}`, answer);
      expect(await takeFirstPage(31337, LENS, HOLDER)).toBeUndefined();
    }
  });

  it("keeps build-time text from closing its script element", () => {
    const script = firstPageScript(1, { "1": { rpc: "https://x.example/</script><b>", lens: LENS } }, "0x");
    expect(script).not.toContain("</script");
  });
});
