import { describe, expect, it } from "vitest";
import { CredentialStatus } from "@onchaincert/sdk";
import { credential } from "@onchaincert/sdk/testing";

import { portfolioGroups } from "./Portfolio";

const northwind = { issuerId: 1n, issuerName: "Northwind Institute of Technology" };
const contoso = { issuerId: 2n, issuerName: "Contoso Academy" };

describe("portfolioGroups", () => {
  it("groups by issuer, issuers with more valid credentials first, valid credentials first and newest first in each", () => {
    const groups = portfolioGroups([
      credential({ tokenId: 1n, ...northwind, status: CredentialStatus.Revoked, issuedAt: 300n }),
      credential({ tokenId: 2n, ...contoso, status: CredentialStatus.Valid, issuedAt: 100n }),
      credential({ tokenId: 3n, ...northwind, status: CredentialStatus.Valid, issuedAt: 100n }),
      credential({ tokenId: 4n, ...contoso, status: CredentialStatus.Valid, issuedAt: 200n }),
      credential({ tokenId: 5n, ...northwind, status: CredentialStatus.Expired, issuedAt: 400n }),
    ]);
    expect(groups.map((g) => [g.issuerId, g.valid, g.credentials.map((c) => c.tokenId)])).toEqual([
      [2n, 2, [4n, 2n]],
      [1n, 1, [3n, 5n, 1n]],
    ]);
  });

  it("orders issuers with as many valid credentials by name, and keeps an empty list empty", () => {
    const groups = portfolioGroups([
      credential({ tokenId: 1n, ...northwind }),
      credential({ tokenId: 2n, ...contoso }),
    ]);
    expect(groups.map((g) => g.issuerId)).toEqual([2n, 1n]);
    expect(portfolioGroups([])).toEqual([]);
  });
});
