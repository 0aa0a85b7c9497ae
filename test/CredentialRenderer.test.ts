import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { Kind, Reason, registryWithType, typeInput } from "./helpers/fixtures";
import { attribute, decodeTokenURI } from "./helpers/metadata";

const NO_EVIDENCE = ethers.ZeroHash;

async function fixture() {
  const d = await registryWithType();
  return { ...d, alice: d.holders[0], bob: d.holders[1] };
}

/** The longest prefix of `s` that fits `max` UTF-8 bytes without splitting a character. */
export function fitBytes(s: string, max: number): string {
  let out = "";
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
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
      expect(svg).to.contain(">Revoked 2026-");
      expect(svg).to.contain(": Issued in error</text>");
      expect(svg).to.contain('font-size="13" fill="#fca5a5">Wrong cohort</text>');
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
      expect(svg).to.contain("Expired 2030-01-01");
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
      it(`escapes hostile input #${i} in every field that reaches metadata`, async function () {
        const { registry, admin, issuerA, alice } = await loadFixture(fixture);
        await registry.connect(admin).setExternalBaseURI(`https://x.example/${fitBytes(hostile, 200)}/`);
        await registry.connect(issuerA).updateIssuerProfile(fitBytes(hostile, 96), "");
        await registry
          .connect(issuerA)
          .createCredentialType(typeInput({ name: fitBytes(hostile, 96), description: hostile, criteriaURL: hostile }));
        await registry.connect(issuerA).issue(2, alice.address, 0, NO_EVIDENCE);
        await registry.connect(issuerA).revoke(1, Reason.Unspecified, hostile);
        const { json } = decodeTokenURI(await registry.tokenURI(1));
        // JSON carries the text exactly (emoji and all); only the SVG replaces control characters.
        expect(json.description).to.equal(hostile);
        expect(json.name).to.equal(`${fitBytes(hostile, 96)} #1`);
        expect(attribute(json, "Issuer")).to.equal(fitBytes(hostile, 96));
        expect(attribute(json, "Revocation note")).to.equal(hostile);
        expect(json.external_url).to.equal(`https://x.example/${fitBytes(hostile, 200)}/1`);
      });
    }

    it("repairs invalid UTF-8 so the JSON and SVG still decode", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      // Raw bytes that are not UTF-8: a lone continuation byte, a truncated sequence,
      // an overlong encoding, a UTF-16 surrogate and a code point above U+10FFFF.
      const raw = "0x41" + "80" + "e282" + "c0af" + "eda080" + "f4908080" + "42";
      const iface = registry.interface;
      const data = iface.encodeFunctionData("updateIssuerProfile", ["x", ""]);
      expect(data).to.be.a("string");
      // Build the calldata by hand so the string keeps its invalid bytes.
      const abi = ethers.AbiCoder.defaultAbiCoder();
      const encoded = abi.encode(["bytes", "bytes"], [raw, "0x"]);
      const selector = iface.getFunction("updateIssuerProfile")!.selector;
      await issuerA.sendTransaction({ to: await registry.getAddress(), data: selector + encoded.slice(2) });
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      const { json, svg } = decodeTokenURI(await registry.tokenURI(1));
      const issuer = attribute(json, "Issuer") as string;
      expect(issuer.startsWith("A")).to.equal(true);
      expect(issuer.endsWith("B")).to.equal(true);
      expect(issuer).to.contain("\ufffd");
      expect(svg).to.contain("Issued by A\ufffd");
    });

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

    it("answers for a renounced credential when called directly, marked Renounced", async function () {
      const { registry, renderer, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await registry.connect(alice).renounce(1);
      const { json, svg } = decodeTokenURI(await renderer.tokenURI(await registry.getAddress(), 1));
      expect(attribute(json, "Status")).to.equal("Renounced");
      expect(svg).to.contain("RENOUNCED");
    });

    it("cuts long names in the SVG with an ellipsis, counting characters not bytes", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).createCredentialType(typeInput({ name: "é".repeat(48) }));
      await registry.connect(issuerA).issue(2, alice.address, 0, NO_EVIDENCE);
      const { json, svg } = decodeTokenURI(await registry.tokenURI(1));
      expect(json.name).to.equal("é".repeat(48) + " #1");
      expect(svg).to.contain(">" + "é".repeat(34) + "…</text>");
    });
  });
});
