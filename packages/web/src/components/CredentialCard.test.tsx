import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { CredentialStatus, IssuerStatus, RevocationReason } from "@onchaincert/sdk";

import { credential } from "../test/credentials";
import { CredentialCard } from "./CredentialCard";
import { StatusBadge } from "./StatusBadge";

describe("CredentialCard", () => {
  it("shows the type, issuer, dates, status and a link to the credential", () => {
    render(<CredentialCard c={credential()} chainId={31337} />);
    const card = screen.getByRole("article", { name: "Cloud Fundamentals, credential 1" });
    expect(within(card).getByText("Valid").className).toBe("badge badge-valid");
    expect(card.textContent).toContain("Northwind Institute of Technology (0x7099…79C8)");
    expect(card.textContent).toContain("1 Jan 2026");
    expect(card.textContent).toContain("1 Jan 2028");
    expect(within(card).getByRole("link", { name: "Cloud Fundamentals" }).getAttribute("href")).toBe("/credential/1");
  });

  it("says when the issuer is suspended, with the date", () => {
    render(
      <CredentialCard
        c={credential({ issuerStatus: IssuerStatus.Suspended, issuerSuspendedAt: 1_796_000_000n })}
        chainId={31337}
      />,
    );
    expect(screen.getByRole("article").textContent).toContain("(0x7099…79C8) · suspended since 30 Nov 2026");
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
