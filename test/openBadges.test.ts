import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import fc from "fast-check";
import jsonld from "jsonld";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package ships no types
const { contexts: vcContexts } = require("@digitalbazaar/credentials-context") as { contexts: Map<string, unknown> };
import { createPublicClient, custom, getAddress, zeroAddress, type Address } from "viem";
import { hardhat } from "viem/chains";

import {
  CredentialStatus,
  OB3_CONTEXTS,
  compareOpenBadge,
  readOpenBadgeFile,
  OB3_STATUS_CONTEXT,
  readOpenBadge,
  toOpenBadge,
  verifyCredential,
  type Credential,
  type IssuerProfile,
  type OpenBadgeCredential,
} from "@onchaincert/sdk";
import OnChainCert from "../deploy/modules/OnChainCert";
import { seedDemo } from "../scripts/lib/demo";
import type { CredentialRegistry } from "../typechain-types";
// Fixtures shared with the dApp tests: a credential and a type as the contracts return them.
import { credential, credentialType as type } from "../packages/sdk/src/testing";

// The 1EdTech schema, copied from ../shared/standards (see test/standards/README.md).
const SCHEMA = JSON.parse(
  readFileSync(path.join(__dirname, "standards", "ob_v3p0_achievementcredential_schema.json"), "utf8"),
) as object;
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

/** The export, checked against the schema; fails the test with Ajv's errors when it does not fit. */
function schemaValid(credential: OpenBadgeCredential): OpenBadgeCredential {
  const ok = validate(JSON.parse(JSON.stringify(credential)));
  expect(ok, JSON.stringify(validate.errors, null, 2)).to.equal(true);
  return credential;
}

const APP = "https://verify.example.org";

/** JSON-LD contexts, offline: VC 2.0 from its npm package, OB 3.0.3 from the copied standard. */
const CONTEXTS = new Map<string, unknown>([
  ...vcContexts,
  [
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    JSON.parse(readFileSync(path.join(__dirname, "standards", "ob_v3p0_context-3.0.3.json"), "utf8")),
  ],
]);
const documentLoader = async (url: string) => {
  const document = CONTEXTS.get(url);
  if (!document) throw new Error(`No offline copy of ${url}: an export must use only the published contexts.`);
  return { contextUrl: undefined, documentUrl: url, document: document as object };
};

/** The export as JSON-LD, expanded in safe mode: a term no context defines, or a value dropped, throws. */
async function expanded(credential: OpenBadgeCredential) {
  return jsonld.expand(
    JSON.parse(JSON.stringify(credential)) as jsonld.JsonLdDocument,
    {
      documentLoader,
      safe: true,
    } as jsonld.Options.Expand,
  );
}
const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });

describe("Open Badges 3.0 export", function () {
  it("exports every demo credential as an OpenBadgeCredential the 1EdTech schema accepts, and as JSON-LD", async function () {
    const { registry, lens } = await hre.ignition.deploy(OnChainCert);
    const signers = await hre.ethers.getSigners();
    await seedDemo(registry as unknown as CredentialRegistry, signers, (t) => time.increaseTo(t));
    const deployment = {
      registry: getAddress(await registry.getAddress()) as Address,
      lens: getAddress(await lens.getAddress()) as Address,
    };
    const seen = new Map<number, number>();
    for (let id = 1n; ; id++) {
      const c = await verifyCredential(client, deployment.lens, id);
      if (c.status === CredentialStatus.Unknown) break;
      seen.set(c.status, (seen.get(c.status) ?? 0) + 1);
      const out = await readOpenBadge(client, deployment, 31337, id, APP);
      if (c.status === CredentialStatus.Renounced || c.status === CredentialStatus.Moved) {
        expect(out.problem).to.match(
          c.status === CredentialStatus.Renounced ? /renounced by its holder/ : /was moved to/,
        );
        continue;
      }
      const badge = schemaValid(out.credential!);
      await expanded(badge); // JSON-LD, safe mode: throws if a term is undefined or a value dropped
      expect(badge.id).to.equal(`${APP}/credential/${id}?chain=31337`);
      expect(badge.name).to.equal(c.typeName);
      expect(badge.credentialSubject.id).to.equal(`did:pkh:eip155:31337:${c.holder}`);
      expect(badge.credentialSubject.achievement.id).to.equal(`${APP}/type/${c.typeId}?chain=31337`);
      expect(badge.issuer.id).to.equal(`${APP}/issuer/${c.issuerId}?chain=31337`);
      expect(badge.issuer.name).to.equal(c.issuerName);
      expect(badge.credentialStatus).to.include({
        id: `eip155:31337/erc721:${deployment.registry}/${id}`,
        type: "OnChainCertRegistryStatus",
        chainId: 31337,
        registry: deployment.registry,
        tokenId: id.toString(),
      });
      expect(badge.validFrom).to.equal(new Date(Number(c.issuedAt) * 1000).toISOString().replace(".000Z", "Z"));
      if (c.status === CredentialStatus.Valid) expect(badge.description).not.to.include("NOT VALID");
      if (c.status === CredentialStatus.Revoked)
        expect(badge.description).to.match(/NOT VALID: revoked on \d{4}-\d\d-\d\d/);
      if (c.status === CredentialStatus.Expired)
        expect(badge.description).to.match(/NOT VALID: expired on \d{4}-\d\d-\d\d/);
    }
    // The demo has valid, revoked and expired credentials, and a renounced one.
    for (const status of [CredentialStatus.Valid, CredentialStatus.Revoked, CredentialStatus.Expired]) {
      expect(seen.get(status) ?? 0, `demo credentials with status ${status}`).to.be.greaterThan(0);
    }
    expect((await readOpenBadge(client, deployment, 31337, 999_999n, APP)).problem).to.equal(
      "Credential #999999 was never issued on this chain.",
    );
  });

  it("fits the schema for any type and issuer the registry accepts: hostile strings, every kind, with and without expiry, stacks", function () {
    const text = fc.string({ unit: "binary", maxLength: 96 });
    const url = fc.oneof(fc.constant(""), fc.webUrl(), text, fc.constant("javascript:alert(1)"));
    fc.assert(
      fc.property(
        fc.record({
          typeName: text,
          issuerName: text,
          description: fc.string({ unit: "binary", maxLength: 280 }),
          criteriaURL: url,
          imageURL: url,
          website: url,
          note: fc.string({ unit: "binary", maxLength: 280 }),
          kind: fc.constantFrom(0, 1, 2, 3),
          status: fc.constantFrom(CredentialStatus.Valid, CredentialStatus.Expired, CredentialStatus.Revoked),
          credits: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 32 - 1 })),
          issuedAt: fc.integer({ min: 1, max: 2 ** 32 - 2 }),
          expires: fc.boolean(),
          evidence: fc.boolean(),
          components: fc.array(fc.bigInt({ min: 1n, max: 2n ** 64n }), { maxLength: 16 }),
          tokenId: fc.bigInt({ min: 1n, max: 2n ** 96n }),
        }),
        (r) => {
          const c = credential({
            tokenId: r.tokenId,
            typeName: r.typeName,
            issuerName: r.issuerName,
            kind: r.kind,
            status: r.status,
            credits: r.credits,
            issuedAt: BigInt(r.issuedAt),
            validUntil: r.expires ? BigInt(r.issuedAt + 1) : 0n,
            revokedAt: r.status === CredentialStatus.Revoked ? BigInt(r.issuedAt) : 0n,
            revocationReason: r.status === CredentialStatus.Revoked ? 3 : 0,
            revocationNote: r.status === CredentialStatus.Revoked ? r.note : "",
            evidenceHash: r.evidence ? `0x${"ab".repeat(32)}` : `0x${"00".repeat(32)}`,
            components: r.components,
          });
          const out = toOpenBadge({
            credential: c,
            type: type({ description: r.description, criteriaURL: r.criteriaURL, imageURL: r.imageURL }),
            issuer: issuerProfile({ url: r.website }),
            chainId: 8453,
            registry: "0x00000000000000000000000000000000000000aa",
            app: `${APP}/`,
            readAt: { block: 1n, time: BigInt(r.issuedAt) },
          });
          const badge = schemaValid(out.credential!);
          // Strings from the chain are carried as they are (JSON escapes them), never parsed.
          expect(badge.name).to.equal(r.typeName);
          expect(badge.issuer.name).to.equal(r.issuerName);
          expect(badge.credentialSubject.achievement.description).to.equal(r.description);
          // Only http(s) URLs become links.
          for (const link of [badge.issuer.url, badge.credentialSubject.achievement.criteria.id]) {
            if (link !== undefined) expect(link).to.match(/^https?:\/\//);
          }
          expect(badge.credentialSubject.creditsEarned).to.equal(r.credits > 0 ? r.credits / 100 : undefined);
          expect("validUntil" in badge).to.equal(r.expires);
          expect(badge.description.includes("NOT VALID")).to.equal(r.status !== CredentialStatus.Valid);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("expands as JSON-LD with the published contexts, offline and losing nothing, for every kind and status", async function () {
    const OB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
    for (const kind of [0, 1, 2, 3]) {
      for (const status of [CredentialStatus.Valid, CredentialStatus.Revoked, CredentialStatus.Expired]) {
        const badge = toOpenBadge(
          input(
            credential({
              kind,
              status,
              credits: kind === 3 ? 150 : 0,
              evidenceHash: `0x${"ab".repeat(32)}`,
              revocationNote: status === CredentialStatus.Revoked ? 'note with "quotes" and <tags>' : "",
            }),
          ),
        ).credential!;
        const [doc] = (await expanded(badge)) as Record<string, unknown>[];
        expect(doc!["@id"]).to.equal(badge.id);
        expect(doc!["@type"]).to.include.members([
          "https://www.w3.org/2018/credentials#VerifiableCredential",
          `${OB}OpenBadgeCredential`,
        ]);
        const subject = (
          doc!["https://www.w3.org/2018/credentials#credentialSubject"] as Record<string, unknown>[]
        )[0]!;
        expect(subject["@id"]).to.equal(badge.credentialSubject.id);
        expect(JSON.stringify(subject)).to.include(`${OB}achievementType`);
        // The status keeps every term: chain, registry, credential, status and when it was read.
        const entry = (doc!["https://www.w3.org/2018/credentials#credentialStatus"] as Record<string, unknown>[])[0]!;
        expect(entry["@type"]).to.deep.equal(["urn:onchaincert:vocab#OnChainCertRegistryStatus"]);
        for (const term of ["chainId", "registry", "tokenId", "statusAtExport", "readAtBlock", "readAt"]) {
          expect(entry, term).to.have.property(`urn:onchaincert:vocab#${term}`);
        }
      }
    }
  });

  it("maps the four kinds to Open Badges achievement types and keeps ids stable per type", function () {
    const achievementType = (kind: number) =>
      toOpenBadge(input(credential({ kind }))).credential!.credentialSubject.achievement.achievementType;
    expect([0, 1, 2, 3].map(achievementType)).to.deep.equal([
      "Badge",
      "Certificate",
      "Certification",
      "ext:ProfessionalDevelopmentCredit",
    ]);
    const a = toOpenBadge(input(credential({ tokenId: 5n, typeId: 7n }))).credential!;
    const b = toOpenBadge(
      input(credential({ tokenId: 6n, typeId: 7n, holder: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" })),
    ).credential!;
    expect(a.credentialSubject.achievement.id).to.equal(b.credentialSubject.achievement.id);
    expect(a.issuer.id).to.equal(b.issuer.id);
    expect(a.id).not.to.equal(b.id);
    expect(a["@context"]).to.deep.equal([...OB3_CONTEXTS, OB3_STATUS_CONTEXT]);
    // The schema check is no formality: a date that is not one, or no issuer, fails it.
    expect(validate({ ...a, validFrom: "1 Jan 2026" })).to.equal(false);
    expect(validate({ ...a, issuer: undefined })).to.equal(false);
  });

  it("refuses renounced, moved and unknown credentials with a sentence", function () {
    expect(
      toOpenBadge(input(credential({ status: CredentialStatus.Renounced, holder: zeroAddress }))).problem,
    ).to.equal(
      "Credential #1 was renounced by its holder: it names no holder any more, so there is nothing to export.",
    );
    expect(toOpenBadge(input(credential({ status: CredentialStatus.Moved, movedTo: 40n }))).problem).to.equal(
      "Credential #1 was moved to credential #40: export that one.",
    );
    expect(toOpenBadge(input(credential({ status: CredentialStatus.Unknown }))).problem).to.equal(
      "Credential #1 was never issued on this chain.",
    );
  });
});

describe("Open Badges 3.0 file check", function () {
  const live = toOpenBadge(input(credential({ tokenId: 7n }))).credential!;
  const copy = () => JSON.parse(JSON.stringify(live)) as typeof live & Record<string, unknown>;
  const check = (text: string) => {
    const file = readOpenBadgeFile(text);
    if (file.problem !== undefined) return file.problem;
    return compareOpenBadge(file.badge, live)
      .filter((row) => !row.matches)
      .map((row) => `${row.field}: ${row.inFile} | ${row.onChain}`);
  };

  it("matches a true copy, however it is indented", function () {
    expect(check(JSON.stringify(live))).to.deep.equal([]);
    expect(check(JSON.stringify(live, null, 2))).to.deep.equal([]);
  });

  it("cannot be fooled by keys that spell another field's path: each is a field of its own, not on the chain", function () {
    // Someone else's export, with the holder, the type's name and the issuer's name changed, and
    // the original values again under top-level keys that read like their paths.
    const file = copy();
    const holder = file.credentialSubject.id;
    file.credentialSubject.id = "did:pkh:eip155:31337:0x9999999999999999999999999999999999999999";
    file.credentialSubject.achievement.name = "PhD in Physics";
    file.issuer.name = "MIT";
    Object.assign(file, {
      "credentialSubject.id": holder,
      "credentialSubject.achievement.name": live.credentialSubject.achievement.name,
      "issuer.name": live.issuer.name,
    });
    const rows = check(JSON.stringify(file)) as string[];
    expect(rows.map((r) => r.split(":")[0])).to.deep.equal([
      "issuer",
      "holder",
      "credential type",
      '["credentialSubject.achievement.name"]',
      '["credentialSubject.id"]',
      '["issuer.name"]',
    ]);
    expect(rows[3]).to.equal(
      `["credentialSubject.achievement.name"]: ${live.credentialSubject.achievement.name} | — (the chain has no such field)`,
    );
    // An object whose keys are numbers is not the array it imitates.
    const arrays = copy();
    arrays.type = { ...live.type } as unknown as string[];
    expect(check(JSON.stringify(arrays))).to.deep.equal([
      'type["0"]: VerifiableCredential | — (the chain has no such field)',
      'type["1"]: OpenBadgeCredential | — (the chain has no such field)',
      "type[0]: — | VerifiableCredential",
      "type[1]: — | OpenBadgeCredential",
    ]);
  });

  it("refuses a file nested deeper or made of more values than any export, before comparing it", function () {
    const deep = `{"x":${"[".repeat(1_000)}${Array(20_000).fill(0).join(",")}${"]".repeat(1_000)}}`;
    expect(readOpenBadgeFile(deep).problem).to.equal(
      "This file is nested more than 16 levels deep; an OnChainCert export is far smaller. It is not an export.",
    );
    const wide = JSON.stringify({ ...live, extra: Array(6_000).fill("x") });
    expect(readOpenBadgeFile(wide).problem).to.equal(
      "This file is made of more than 5000 values; an OnChainCert export is far smaller. It is not an export.",
    );
    // An export itself is far inside both.
    expect(readOpenBadgeFile(JSON.stringify(live)).problem).to.equal(undefined);
  });

  it("refuses a file that gives a field twice in one object, which programs read differently", function () {
    const text = JSON.stringify(live);
    const twice = text.replace('"name":', '"name":"PhD in Physics","name":');
    expect(JSON.parse(twice)).to.deep.equal(live);
    const refused =
      "The file gives the field “name” twice within one object, so different programs read different values from it. An export never does: this file was edited.";
    expect(check(twice)).to.equal(refused);
    // Spelled with an escape, the key is the same key; the same key in two objects is no repeat.
    expect(check(text.replace('"name":', '"na\\u006de":"PhD in Physics","name":'))).to.equal(refused);
    expect(check(text)).to.deep.equal([]);
    expect(JSON.stringify(live).split('"name":').length).to.be.greaterThan(2);
  });
});

function input(c: Credential) {
  return {
    credential: c,
    type: type({ description: "Core cloud concepts.", criteriaURL: "https://northwind.example/criteria/cloud" }),
    issuer: issuerProfile(),
    chainId: 31337,
    registry: "0x00000000000000000000000000000000000000aa" as Address,
    app: APP,
    readAt: { block: 10n, time: 1_800_000_000n },
  };
}

function issuerProfile(overrides: Partial<IssuerProfile> = {}): IssuerProfile {
  return {
    issuerId: 1n,
    account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    name: "Northwind Institute of Technology",
    url: "https://northwind.example",
    status: 1,
    registeredAt: 1_767_225_600n,
    suspendedAt: 0n,
    pendingAccount: zeroAddress,
    needsNewKey: false,
    compromisedFrom: 0n,
    compromisedUntil: 0n,
    compromisedAt: 0n,
    nameKey: `0x${"00".repeat(32)}`,
    ...overrides,
  };
}
