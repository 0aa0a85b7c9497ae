import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Router } from "wouter";

import type { ChainContext } from "../chain";
import { IssuerIndexed } from "./IssuerIndexed";

const INDEXER = "http://index.test";
const ctx = (indexer: string | undefined) => ({ chainId: 31337, indexer }) as unknown as ChainContext;

function show(indexer: string | undefined) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Router>
        <IssuerIndexed ctx={ctx(indexer)} issuerId={1n} />
      </Router>
    </QueryClientProvider>,
  );
}

const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

afterEach(() => vi.unstubAllGlobals());

describe("IssuerIndexed", () => {
  it("shows the index's counts and latest activity, saying the status of each comes from the chain", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) =>
        url.includes("/summary")
          ? answer({
              chainId: 31337,
              blockNumber: "77",
              blockTimestamp: "1",
              at: "1",
              issuerId: "1",
              issued: 1234,
              valid: 1200,
              expired: 4,
              revoked: 28,
              renounced: 1,
              moved: 1,
              types: 7,
              claimRounds: 1,
            })
          : answer({
              events: [
                {
                  id: "issued-9",
                  tokenId: "9",
                  kind: "issued",
                  issuerId: "1",
                  blockNumber: "70",
                  timestamp: "1795900000",
                  transactionHash: "0x01",
                  actor: null,
                  reason: null,
                  note: null,
                  validUntil: null,
                  readyAt: null,
                  relatedId: null,
                  holder: "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
                },
              ],
            }),
      ),
    );
    show(INDEXER);
    expect(await screen.findByText("1,234")).toBeTruthy();
    expect(screen.getByText(/Counted by the index at block 77/)).toBeTruthy();
    expect((await screen.findByRole("link", { name: "#9" })).getAttribute("href")).toBe("/credential/9");
    expect(screen.getByText("0x15d3…6A65")).toBeTruthy();
  });

  it("says the index is unavailable when it does not answer, and when the chain has none", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    show(INDEXER);
    expect(
      await screen.findByText(/The index is unavailable, so counts and recent activity cannot be shown/),
    ).toBeTruthy();
    expect(screen.getByText(/The index at http:\/\/index.test did not answer/)).toBeTruthy();
  });

  it("says so when this chain has no index configured", () => {
    show(undefined);
    expect(screen.getByText(/This chain has no index configured \(VITE_INDEXER_URL_31337\)/)).toBeTruthy();
  });
});
