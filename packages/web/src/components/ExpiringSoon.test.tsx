import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { CredentialStatus, IssuerStatus } from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { credential } from "@onchaincert/sdk/testing";
import { ExpiringSoon } from "./ExpiringSoon";

// No chain: the issuer's website is not read, so no link; the rest comes from the credentials.
vi.mock("../readClient", () => ({ useReadClient: () => undefined }));
vi.mock("../issuer/useIssuer", () => ({ useLookAlikes: () => ({ data: [] }) }));

const NOW = Date.parse("2026-11-27T12:00:00Z") / 1000;
const DAY = 86_400;
const ctx = { chainId: 31337, registry: undefined } as unknown as ChainContext;

function list(credentials: ReturnType<typeof credential>[], holderIsYou = false) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ExpiringSoon credentials={credentials} now={NOW} ctx={ctx} holderIsYou={holderIsYou} />
    </QueryClientProvider>,
  );
}

describe("ExpiringSoon", () => {
  it("lists valid credentials expiring within 90 days, soonest first, with who renews them", () => {
    list(
      [
        credential({ tokenId: 1n, typeName: "Later", validUntil: BigInt(NOW + 45 * DAY) }),
        credential({ tokenId: 2n, typeName: "Sooner", validUntil: BigInt(NOW + 12 * DAY) }),
        credential({ tokenId: 3n, typeName: "Far", validUntil: BigInt(NOW + 200 * DAY) }),
        credential({
          tokenId: 4n,
          typeName: "Revoked",
          status: CredentialStatus.Revoked,
          validUntil: BigInt(NOW + DAY),
        }),
      ],
      true,
    );
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual([
      "Sooner expires in 12 days (9 Dec 2026)Renew: ask Northwind Institute of Technology, which issued it.",
      "Later expires in 45 days (11 Jan 2027)Renew: ask Northwind Institute of Technology, which issued it.",
    ]);
  });

  it("does not send the holder to a suspended issuer, which cannot renew", () => {
    list([
      credential({
        validUntil: BigInt(NOW + 12 * DAY),
        issuerStatus: IssuerStatus.Suspended,
        issuerSuspendedAt: BigInt(NOW - 3 * DAY),
      }),
    ]);
    expect(screen.getByRole("listitem").textContent).toContain(
      "Renew: its issuer, Northwind Institute of Technology, is suspended (since 24 Nov 2026) and cannot renew it now.",
    );
  });

  it("renders nothing when nothing expires soon", () => {
    list([credential({ validUntil: 0n })]);
    expect(screen.queryByRole("list")).toBeNull();
  });
});
