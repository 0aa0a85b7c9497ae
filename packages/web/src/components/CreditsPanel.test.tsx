import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { CredentialKind, CredentialStatus, IssuerStatus } from "@onchaincert/sdk";

import { credential } from "@onchaincert/sdk/testing";
import type { ChainContext } from "../chain";
import { CreditsPanel } from "./CreditsPanel";
import { DateFacts } from "./DateFacts";

// Issuer names are compared by useLookAlikes (its own tests); here, issuer #9's looks like issuer #1's.
vi.mock("../issuer/useIssuer", () => ({
  useLookAlikes: (_ctx: unknown, issuerId: bigint) => ({
    data: issuerId === 9n ? [{ issuerId: 1n, name: "Northwind Institute of Technology" }] : [],
  }),
}));

const CTX = { chainId: 31337 } as ChainContext;
const NOW = Date.parse("2026-11-27T12:00:00Z") / 1000;
const DAY = 86_400;
const pd = (tokenId: bigint, typeName: string, credits: number, daysAgo: number, status = CredentialStatus.Valid) =>
  credential({
    tokenId,
    typeId: tokenId,
    typeName,
    kind: CredentialKind.ProfessionalDevelopmentCredit,
    credits,
    status,
    issuedAt: BigInt(NOW - daysAgo * DAY),
  });
const CAROL = [
  pd(1n, "Mental Health First Aid CPD", 400, 1217, CredentialStatus.Expired),
  pd(2n, "Dementia Care CPD", 300, 913),
  pd(3n, "Pain Management CPD", 250, 609),
  pd(4n, "Wound Care Update CPD", 100, 426, CredentialStatus.Expired),
  pd(5n, "Infection Prevention CPD", 150, 353),
  pd(6n, "Nutrition and Hydration CPD", 125, 100, CredentialStatus.Revoked),
  pd(7n, "Safeguarding Adults CPD", 200, 0),
  credential({ tokenId: 8n, typeName: "Stack", credits: 1000, components: [2n, 3n] }),
];

function panel(period: "12m" | "24m" | "36m" | "all", validOnly = false) {
  const onChange = vi.fn();
  render(
    <CreditsPanel
      credentials={CAROL}
      now={NOW}
      question={{ period, validOnly }}
      onChange={onChange}
      link={`https://app.example/verify/0xabc?credits=${period}`}
      ctx={CTX}
    />,
  );
  return { onChange, total: () => screen.getByText(/credits/, { selector: ".credit-total" }).textContent };
}

describe("CreditsPanel", () => {
  it("totals the period's credits and lists the credentials that make it up, oldest first", () => {
    const { total } = panel("24m");
    expect(total()).toBe("7.00 credits earned since 27 Nov 2024 (last 24 months), from 4 credentials");
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      "Pain Management CPD #3Northwind Institute of Technology28 Mar 2025Valid2.50",
      "Wound Care Update CPD #4Northwind Institute of Technology27 Sept 2025Expired1.00",
      "Infection Prevention CPD #5Northwind Institute of Technology9 Dec 2025Valid1.50",
      "Safeguarding Adults CPD #7Northwind Institute of Technology27 Nov 2026Valid2.00",
    ]);
    expect((screen.getByLabelText("Link to this check") as HTMLInputElement).value).toBe(
      "https://app.example/verify/0xabc?credits=24m",
    );
  });

  it("counts each period as asked, valid credentials only when asked, never a revoked one or a stack's own", () => {
    expect(panel("12m").total()).toMatch(/^3\.50 credits earned since 27 Nov 2025/);
    document.body.innerHTML = "";
    expect(panel("36m").total()).toMatch(/^10\.00 credits/);
    document.body.innerHTML = "";
    expect(panel("all").total()).toBe("14.00 credits earned at any time, from 6 credentials");
    document.body.innerHTML = "";
    expect(panel("24m", true).total()).toMatch(/^6\.00 credits .* from 3 credentials$/);
  });

  it("asks for another period or valid credentials only through onChange", () => {
    const { onChange } = panel("24m");
    fireEvent.click(screen.getByLabelText("12 months"));
    expect(onChange).toHaveBeenLastCalledWith({ period: "12m", validOnly: false });
    fireEvent.click(screen.getByLabelText("Only credentials valid today"));
    expect(onChange).toHaveBeenLastCalledWith({ period: "24m", validOnly: true });
  });
});

describe("CreditsPanel and who vouches", () => {
  /** The last 12 months' credits of `credentials`, rendered. */
  const lastYear = (credentials: ReturnType<typeof credential>[]) =>
    render(
      <CreditsPanel
        credentials={credentials}
        now={NOW}
        question={{ period: "12m", validOnly: false }}
        onChange={() => undefined}
        link=""
        ctx={CTX}
      />,
    );

  it("still counts a suspended issuer's credentials (suspension voids nothing issued) and marks them", () => {
    lastYear([{ ...CAROL[6]!, issuerStatus: IssuerStatus.Suspended, issuerSuspendedAt: BigInt(NOW) }]);
    expect(screen.getByText(/credits/, { selector: ".credit-total" }).textContent).toMatch(/^2\.00 credits/);
    expect(within(screen.getByRole("table")).getAllByRole("row")[1]!.textContent).toContain("Valid · issuer suspended");
  });

  it("marks a credential a delegate issued, and one whose issuer's name looks like another's", () => {
    lastYear([
      { ...CAROL[6]!, delegateIssuerId: 4n, delegateName: "Contoso Health Academy" },
      { ...CAROL[4]!, issuerId: 9n, issuerName: "N\u043Erthwind Institute of Technology" },
    ]);
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.any(String),
      // Oldest first.
      expect.stringContaining(
        "Valid · ⚠ the issuer's name looks like Northwind Institute of Technology (issuer #1), a different issuer",
      ),
      expect.stringContaining("Valid · issued by a delegate, Contoso Health Academy"),
    ]);
  });
});

describe("DateFacts", () => {
  const facts = (c: ReturnType<typeof credential>) =>
    render(<dl>{<DateFacts c={c} now={NOW} />}</dl>).container.textContent;

  it("says when a valid credential expires within 90 days, and not otherwise", () => {
    expect(facts(credential({ validUntil: BigInt(NOW + 12 * DAY) }))).toContain("9 Dec 2026 · expires in 12 days");
    document.body.innerHTML = "";
    expect(facts(credential({ validUntil: BigInt(NOW + 91 * DAY) }))).not.toContain("expires");
    document.body.innerHTML = "";
    expect(facts(credential({ validUntil: BigInt(NOW + DAY), status: CredentialStatus.Revoked }))).not.toContain(
      "expires",
    );
  });

  it("says a stack's own credits are not counted in totals", () => {
    expect(facts(credential({ credits: 1000, components: [1n, 2n] }))).toContain(
      "10.00 (not counted in totals: its components are)",
    );
  });
});
