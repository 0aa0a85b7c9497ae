import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { render as renderDom, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { CredentialStatus, IssuerStatus, RevocationReason } from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { credential } from "@onchaincert/sdk/testing";
import { CredentialCard as Card } from "./CredentialCard";
import { StatusBadge } from "./StatusBadge";

// No chain (and no registry in the context): issuer profiles (domain proof, look-alikes) are not
// read; the card's own facts show.
vi.mock("wagmi", async (actual) => ({ ...(await actual<typeof import("wagmi")>()), useConfig: () => ({}) }));

const render = (ui: ReactNode) => renderDom(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);
const CredentialCard = ({ chainId, ...props }: Omit<Parameters<typeof Card>[0], "ctx"> & { chainId: number }) => (
  <Card {...props} ctx={{ chainId, registry: undefined } as unknown as ChainContext} />
);

describe("CredentialCard", () => {
  it("shows the type, issuer, dates, status and a link to the credential", () => {
    render(<CredentialCard c={credential()} chainId={31337} />);
    const card = screen.getByRole("article", { name: "Cloud Fundamentals, credential 1" });
    expect(within(card).getByText("Valid").className).toBe("badge badge-valid");
    expect(card.textContent).toContain("Northwind Institute of Technology 0x7099…79C8");
    expect(within(card).getByRole("link", { name: "Northwind Institute of Technology" }).getAttribute("href")).toBe(
      "/issuer/0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    );
    expect(card.querySelector(".warnings")).toBeNull();
    expect(card.textContent).toContain("1 Jan 2026");
    expect(card.textContent).toContain("1 Jan 2028");
    expect(within(card).getByRole("link", { name: "Cloud Fundamentals" }).getAttribute("href")).toBe("/credential/1");
  });

  it("warns that the issuer is suspended, with the date", () => {
    render(
      <CredentialCard
        c={credential({ issuerStatus: IssuerStatus.Suspended, issuerSuspendedAt: 1_796_000_000n })}
        chainId={31337}
      />,
    );
    expect(screen.getByRole("list", { name: "Warnings about the issuer" }).textContent).toMatch(
      /^Issuer suspended since 30 Nov 2026: the registry's admin stopped Northwind Institute of Technology from issuing/,
    );
  });

  it("warns that a key compromise invalidated it, and names the delegate that issued it", () => {
    render(
      <CredentialCard
        c={credential({
          status: CredentialStatus.Revoked,
          revocationReason: RevocationReason.KeyCompromised,
          revokedAt: 1_770_000_000n,
          delegateIssuerId: 2n,
          delegate: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
          delegateName: "Contoso Health Academy",
        })}
        chainId={31337}
      />,
    );
    const warnings = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(warnings).toEqual([
      "Invalidated by a key compromise: Northwind Institute of Technology's key was stolen or lost; on 2 Feb 2026 the registry's admin invalidated what was issued with it, this credential among them.",
      "Issued by a delegate: Contoso Health Academy 0x3C44…93BC issued it in Northwind Institute of Technology's name, with its permission.",
    ]);
    expect(screen.getByRole("link", { name: "Contoso Health Academy" }).getAttribute("href")).toBe(
      "/issuer/0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    );
  });

  it("isolates right-to-left names, so they cannot reorder the address beside them", () => {
    const { container } = render(
      <CredentialCard
        c={credential({
          issuerName: "\u05de\u05db\u05d5\u05df \u05e6\u05e4\u05d5\u05df",
          typeName: "\u05d1\u05d8\u05d9\u05d7\u05d5\u05ea",
        })}
        chainId={31337}
      />,
    );
    const isolated = [...container.querySelectorAll("bdi")].map((b) => b.textContent);
    expect(isolated).toEqual([
      "\u05d1\u05d8\u05d9\u05d7\u05d5\u05ea",
      "\u05de\u05db\u05d5\u05df \u05e6\u05e4\u05d5\u05df",
    ]);
  });

  it("keeps ?chain= on its links when the chain is not the default", () => {
    render(<CredentialCard c={credential({ components: [2n, 8n] })} chainId={11155111} />);
    expect(screen.getByRole("link", { name: "#8" }).getAttribute("href")).toBe("/credential/8?chain=11155111");
    expect(screen.getByText(/stacked qualification/)).toBeTruthy();
  });

  it("gives the revocation reason and note, and renders a hostile note as text", () => {
    const note = `<img src=x onerror="window.__pwned=1">`;
    const { container } = render(
      <CredentialCard
        c={credential({
          status: CredentialStatus.Revoked,
          revocationReason: RevocationReason.Misconduct,
          revokedAt: 1_770_000_000n,
          revocationNote: note,
        })}
        chainId={31337}
      />,
    );
    expect(screen.getByText("Revoked").className).toBe("badge badge-revoked");
    expect(container.querySelector(".revocation")!.textContent).toBe(`Revoked 2 Feb 2026: Misconduct — “${note}”`);
    expect(container.querySelector("img")).toBeNull();
  });

  it("says a stack is invalid because a component was revoked", () => {
    const { container } = render(
      <CredentialCard
        c={credential({
          status: CredentialStatus.Revoked,
          revocationReason: RevocationReason.ComponentRevoked,
          revokedAt: 1_770_000_000n,
          components: [2n, 3n],
        })}
        chainId={31337}
      />,
    );
    expect(container.querySelector(".revocation")!.textContent).toBe(
      "Invalid since 2 Feb 2026: A component credential was revoked",
    );
  });
});

describe("StatusBadge", () => {
  it.each([
    [CredentialStatus.Valid, "Valid", "badge-valid"],
    [CredentialStatus.Expired, "Expired", "badge-expired"],
    [CredentialStatus.Revoked, "Revoked", "badge-revoked"],
    [CredentialStatus.Renounced, "Renounced", "badge-muted"],
  ])("status %i reads %s", (status, label, tone) => {
    render(<StatusBadge status={status} />);
    expect(screen.getByText(label).classList.contains(tone)).toBe(true);
  });
});
