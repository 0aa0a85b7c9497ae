import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { IssuerStatus } from "@onchaincert/sdk";

import type { Roles } from "./useRoles";

const state = vi.hoisted(() => ({ connected: true, roles: undefined as unknown as Roles }));
vi.mock("wagmi", async (actual) => ({
  ...(await actual<typeof import("wagmi")>()),
  useAccount: () => ({ isConnected: state.connected }),
}));
vi.mock("./useRoles", () => ({ useRoles: () => state.roles }));

import { WalletNav } from "./WalletNav";

const roles = (r: Partial<Roles>): Roles => ({
  known: true,
  isAdmin: false,
  issuerId: 0n,
  issuerStatus: IssuerStatus.None,
  issuerName: undefined,
  ...r,
});
const tabs = () => screen.queryAllByRole("link").map((a) => a.textContent);

beforeEach(() => {
  state.connected = true;
});

describe("WalletNav (what the connected account may do)", () => {
  it("offers a recipient only their credentials", () => {
    state.roles = roles({});
    render(<WalletNav />);
    expect(tabs()).toEqual(["My credentials"]);
    expect(screen.getByText("Recipient")).toBeTruthy();
  });

  it("offers an issuer the issue and type pages, with the organisation's name", () => {
    state.roles = roles({ issuerStatus: IssuerStatus.Active, issuerName: "Northwind" });
    render(<WalletNav />);
    expect(tabs()).toEqual(["My credentials", "Issue", "Bulk issue", "Issued", "Credential types", "Pay for claims"]);
    expect(screen.getByText("Issuer: Northwind")).toBeTruthy();
  });

  it("marks a suspended issuer, and offers the admin the admin page", () => {
    state.roles = roles({ isAdmin: true, issuerStatus: IssuerStatus.Suspended, issuerName: "Acme" });
    render(<WalletNav />);
    expect(tabs()).toEqual([
      "My credentials",
      "Issue",
      "Bulk issue",
      "Issued",
      "Credential types",
      "Pay for claims",
      "Admin",
    ]);
    expect(screen.getByText("Suspended issuer: Acme").className).toContain("role-warning");
    expect(screen.getByText("Platform admin")).toBeTruthy();
  });

  it("shows nothing before a wallet connects or while roles are read", () => {
    state.connected = false;
    state.roles = roles({ isAdmin: true });
    const { container, rerender } = render(<WalletNav />);
    expect(container.innerHTML).toBe("");
    state.connected = true;
    state.roles = roles({ known: false });
    rerender(<WalletNav />);
    expect(container.innerHTML).toBe("");
  });
});
