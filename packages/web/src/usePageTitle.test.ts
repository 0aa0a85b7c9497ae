import { describe, expect, it } from "vitest";

import { pageTitle } from "./usePageTitle";

describe("pageTitle", () => {
  it("names the page and the app", () => {
    expect(pageTitle("Revoked: Infrastructure as Code #15")).toBe("Revoked: Infrastructure as Code #15 · OnChainCert");
  });

  it("leaves out controls and bidi formatting a pasted address could carry", () => {
    expect(pageTitle("Credentials of 0x12\u202e34\u2066\u0007\u009b\n\u2028\u200b\ufeff")).toBe(
      "Credentials of 0x1234 · OnChainCert",
    );
  });
});
