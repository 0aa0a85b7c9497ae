import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { issuerNameKey } from "@onchaincert/sdk";

import { Kind, Reason, move, registryWithType, typeInput } from "./helpers/fixtures";
import { attribute, decodeTokenURI, fitBytes } from "./helpers/metadata";

const NO_EVIDENCE = ethers.ZeroHash;
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

async function fixture() {
  const d = await registryWithType();
  return { ...d, alice: d.holders[0], bob: d.holders[1] };
}

/** `s` without what the registry refuses in names (control and invisible formatting characters). */
export function asName(s: string): string {
  return (
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/gu, "") || "x"
  );
}

/** Strings an issuer could type that try to break out of JSON or SVG. */
export const HOSTILE_STRINGS: string[] = [
  'He said "hi" \\ and left',
  "</text></svg><script>alert(1)</script>",
  "<![CDATA[ ]]> & &amp; &#0; <!-- -->",
  "line\nbreak\ttab\rreturn\u0000nul\u0007bell\u001fus\u007fdel",
  "emoji 🎓🏅 and ünïcödé 中文 العربية",
  "' onload='alert(1)' x='",
  "\u2028\u2029 separators",
  "\ufffe\uffff non-characters",
  "a".repeat(96),
];

describe("CredentialRenderer", function () {
  describe("tokenURI", function () {
    it("renders a valid credential's JSON, attributes and SVG", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry
        .connect(issuerA)
        .createCredentialType(
          typeInput({ name: "First Aid CPD", kind: Kind.ProfessionalDevelopmentCredit, credits: 205 }),
        );
      await registry.connect(issuerA).issue(2, alice.address, 0, NO_EVIDENCE);
      const { json, svg } = decodeTokenURI(await registry.tokenURI(1));
      expect(json.name).to.equal("First Aid CPD #1");
      expect(json.external_url).to.equal("https://app.example/credential/1");
      expect(json.criteria_url).to.equal("https://example.edu/criteria/cloud");
      expect(attribute(json, "Status")).to.equal("Valid");
      expect(attribute(json, "Kind")).to.equal("Professional development credit");
      expect(attribute(json, "Issuer")).to.equal("Acme Training");
      expect(attribute(json, "Issuer address")).to.equal(issuerA.address);
      expect(attribute(json, "Credits")).to.equal("2.05");
      expect(attribute(json, "Issued")).to.equal(await time.latest());
      expect(svg).to.contain("First Aid CPD");
      expect(svg).to.contain("VALID");
      expect(svg).to.contain("2.05 credits");
      expect(svg).to.not.contain("REVOKED");
    });

    it("makes a revoked credential look revoked, with the reason", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await registry.connect(issuerA).revoke(1, Reason.IssuedInError, "Wrong cohort");
      const { json, svg } = decodeTokenURI(await registry.tokenURI(1));
      expect(attribute(json, "Status")).to.equal("Revoked");
      expect(attribute(json, "Revocation reason")).to.equal("Issued in error");
      expect(attribute(json, "Revocation note")).to.equal("Wrong cohort");
      expect(svg).to.contain(">REVOKED</text>");
      // Reason and note on separate lines, so a long note never runs past the card.
      expect(svg).to.match(/>REVOKED 2026-\d\d-\d\d: Issued in error<\/text>/);
      expect(svg).to.contain('font-size="13" fill="#fecaca">Wrong cohort</text>');
      // The name, issuer and dates are dimmed; the band says revoked in its colour.
      expect(svg).to.contain('<g opacity="0.6">');
      expect(svg).to.contain('fill="#dc2626" fill-opacity="0.3"');
    });

    it("makes an expired credential look expired, with the date", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      // 2030-01-01T00:00:00Z, a date the SVG must print exactly.
      await registry.connect(issuerA).issue(1, alice.address, 1893456000, NO_EVIDENCE);
      await time.increaseTo(1893456001);
      const { json, svg } = decodeTokenURI(await registry.tokenURI(1));
      expect(attribute(json, "Status")).to.equal("Expired");
      expect(attribute(json, "Valid until")).to.equal(1893456000);
      expect(svg).to.contain(">EXPIRED</text>");
      expect(svg).to.contain(">EXPIRED 2030-01-01</text>");
    });

    it("prints calendar dates correctly around leap days", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 4107542399, NO_EVIDENCE); // 2100-02-28T23:59:59Z
      await registry.connect(issuerA).createCredentialType(typeInput());
      await registry.connect(issuerA).issue(2, bob.address, 2024784000, NO_EVIDENCE); // 2034-03-01
      expect(decodeTokenURI(await registry.tokenURI(1)).svg).to.contain("Valid until 2100-02-28");
      expect(decodeTokenURI(await registry.tokenURI(2)).svg).to.contain("Valid until 2034-03-01");
    });

    it("shows stacks with their components and non-expiring credentials", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.createCredentialType(typeInput({ name: "Two", validityPeriod: 0 }));
      await r.createCredentialType(
        typeInput({ name: "Stack", components: [1, 2], requiredComponents: 2, validityPeriod: 0 }),
      );
      await r.issue(1, alice.address, 0, NO_EVIDENCE);
      await r.issue(2, alice.address, 0, NO_EVIDENCE);
      await registry.claimStack(3, alice.address);
      const { json, svg } = decodeTokenURI(await registry.tokenURI(3));
      expect(attribute(json, "Stacked from")).to.equal("#1, #2");
      expect(attribute(json, "Valid until")).to.equal(undefined);
      expect(svg).to.contain("Does not expire");
      expect(svg).to.contain("Stacked from credentials #1, #2");
      await r.revoke(2, Reason.Misconduct, "");
      const revoked = decodeTokenURI(await registry.tokenURI(3));
      expect(attribute(revoked.json, "Revocation reason")).to.equal("A component credential was revoked");
    });

    for (const [i, hostile] of HOSTILE_STRINGS.entries()) {
      // Under solidity-coverage each tokenURI takes seconds: the strings that reach distinct
      // branches (controls, multi-byte text, non-characters) are enough there to measure lines.
      if (coverage && ![3, 4, 7].includes(i)) continue;
      it(`escapes hostile input #${i} in every field that reaches metadata`, async function () {
        const { registry, admin, issuerA, alice } = await loadFixture(fixture);
        await registry.connect(admin).setExternalBaseURI(`https://x.example/${fitBytes(hostile, 200)}/`);
        const name = fitBytes(asName(hostile), 96);
        await registry.connect(admin).renameIssuer(1, name, issuerNameKey(`${name} renamed`));
        await registry
          .connect(issuerA)
          .createCredentialType(typeInput({ name, description: hostile, criteriaURL: hostile }));
        await registry.connect(issuerA).issue(2, alice.address, 0, NO_EVIDENCE);
        await registry.connect(issuerA).revoke(1, Reason.Unspecified, hostile);
        const { json } = decodeTokenURI(await registry.tokenURI(1));
        // JSON carries the text exactly (emoji and all); only the SVG replaces control characters.
        expect(json.description).to.equal(hostile);
        expect(json.name).to.equal(`${name} #1`);
        expect(attribute(json, "Issuer")).to.equal(name);
        expect(attribute(json, "Revocation note")).to.equal(hostile);
        expect(json.external_url).to.equal(`https://x.example/${fitBytes(hostile, 200)}/1`);
      });
    }

    it("labels every kind and every revocation reason", async function () {
      const { registry, issuerA, holders } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      const kinds = ["Badge", "Certificate", "Skill certification", "Professional development credit"];
      for (const kind of [0, 1, 2, 3]) await r.createCredentialType(typeInput({ kind }));
      const reasons = [
        "Unspecified",
        "Issued in error",
        "Misconduct",
        "Superseded",
        "Requirements no longer met",
        "Holder request",
      ];
      for (let i = 0; i < 6; i++) {
        const typeId = 2 + (i % 4);
        await r.issue(typeId, holders[i].address, 0, NO_EVIDENCE);
        await r.revoke(i + 1, i + 1, "");
        const { json, svg } = decodeTokenURI(await registry.tokenURI(i + 1));
        expect(attribute(json, "Kind")).to.equal(kinds[i % 4]);
        expect(attribute(json, "Revocation reason")).to.equal(reasons[i]);
        expect(svg).to.contain(kinds[i % 4].toUpperCase());
      }
    });

    it("answers for renounced and moved credentials when called directly, and says so", async function () {
      const { registry, renderer, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).createCredentialType(typeInput({ name: "Other" }));
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await registry.connect(issuerA).issue(2, alice.address, 0, NO_EVIDENCE);
      await registry.connect(alice).renounce(1);
      const renounced = decodeTokenURI(await renderer.tokenURI(await registry.getAddress(), 1));
      expect(attribute(renounced.json, "Status")).to.equal("Renounced");
      expect(renounced.svg).to.contain("RENOUNCED");
      await move(registry, issuerA, 2, bob);
      const moved = decodeTokenURI(await renderer.tokenURI(await registry.getAddress(), 2));
      expect(attribute(moved.json, "Status")).to.equal("Moved");
      await expect(registry.tokenURI(2)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken");
      expect(attribute(decodeTokenURI(await registry.tokenURI(3)).json, "Status")).to.equal("Valid");
    });

    it("names a key compromise as the revocation reason", async function () {
      const { registry, admin, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await registry.connect(admin).setCompromiseWatermark(1, 1);
      const { json, svg } = decodeTokenURI(await registry.tokenURI(1));
      expect(attribute(json, "Status")).to.equal("Revoked");
      expect(attribute(json, "Revocation reason")).to.equal("The issuer's key was compromised");
      expect(svg).to.contain(">REVOKED</text>");
    });

    it("shrinks a long name to fit its box, then cuts it with an ellipsis, by estimated width", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.createCredentialType(typeInput({ name: "é".repeat(48) }));
      await r.createCredentialType(typeInput({ name: "é".repeat(20) }));
      await r.createCredentialType(typeInput({ name: "Cloud Basics" }));
      for (const typeId of [2, 3, 4]) await r.issue(typeId, alice.address, 0, NO_EVIDENCE);
      const cut = decodeTokenURI(await registry.tokenURI(1));
      expect(cut.json.name).to.equal("é".repeat(48) + " #1");
      // 520 px at the smallest size (18): 20 characters of 1.35 em and the ellipsis.
      expect(cut.svg).to.contain('font-size="18" font-weight="700" fill="#f8fafc">' + "é".repeat(20) + "…</text>");
      // Each line in a box of its own that clips it.
      expect(cut.svg).to.contain('<svg x="40" y="98" width="520" height="24" overflow="hidden"><text x="0" y="18"');
      const shrunk = decodeTokenURI(await registry.tokenURI(2)).svg;
      expect(shrunk).to.contain('font-size="19" font-weight="700" fill="#f8fafc">' + "é".repeat(20) + "</text>");
      const short = decodeTokenURI(await registry.tokenURI(3)).svg;
      expect(short).to.contain('font-size="30" font-weight="700" fill="#f8fafc">Cloud Basics</text>');
    });

    it('says "expires in n days" on a valid card within 30 days of expiry', async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      const now = await time.latest();
      await registry.connect(issuerA).issue(1, alice.address, now + 12 * 86400 + 3600, NO_EVIDENCE);
      await registry.connect(issuerA).issue(1, bob.address, now + 40 * 86400, NO_EVIDENCE);
      expect(decodeTokenURI(await registry.tokenURI(1)).svg).to.match(
        /fill="#fcd34d">Valid until \d{4}-\d\d-\d\d · expires in 12 days<\/text>/,
      );
      expect(decodeTokenURI(await registry.tokenURI(2)).svg).to.not.contain("expires in");
      await time.increase(12 * 86400);
      expect(decodeTokenURI(await registry.tokenURI(1)).svg).to.contain(" · expires today</text>");
      await time.increase(11 * 86400);
      expect(decodeTokenURI(await registry.tokenURI(2)).svg).to.contain(" · expires in 16 days</text>");
      expect(decodeTokenURI(await registry.tokenURI(1)).svg).to.contain(">EXPIRED ");
      await time.increase(15 * 86400);
      expect(decodeTokenURI(await registry.tokenURI(2)).svg).to.contain(" · expires in 1 day</text>");
    });
  });
});
