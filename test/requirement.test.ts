/** The employer's requirement: what it means, its link and file forms, candidate lists and results. */
import { expect } from "chai";
import fc from "fast-check";
import type { Address } from "viem";

import {
  CredentialStatus,
  RevocationReason,
  candidatesCsv,
  checkRequirement,
  describeRequirement,
  emptyRequirement,
  missingSentence,
  parseCandidateList,
  parseRequirement,
  parseRequirementJson,
  requirementJson,
  requirementMoment,
  requirementParam,
  requirementText,
  type Credential,
  type Requirement,
  type RequirementNames,
} from "@onchaincert/sdk";

import { testCredential } from "./helpers/credential";

const DAY = 86_400;
const NOW = Date.UTC(2026, 10, 29, 12) / 1000; // 29 November 2026, noon UTC
const HOLDER: Address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
/** A credential as the lens lists it: valid, issued 100 days ago, from Northwind (#1), no expiry. */
function cred(typeId: number, over: Partial<Credential> = {}): Credential {
  return testCredential(typeId, HOLDER, NOW - 100 * DAY, { ...over });
}

function req(over: Partial<Requirement>): Requirement {
  return { ...emptyRequirement(), ...over };
}

const revoked = (reason: number, daysAgo: number) => ({
  status: CredentialStatus.Revoked,
  revocationReason: reason,
  revokedAt: BigInt(NOW - daysAgo * DAY),
});

describe("SDK: an employer's requirement", function () {
  it("all of: passes with every type held and valid, and names each missing one with why", function () {
    const r = req({ allOf: [1n, 2n, 3n, 4n] });
    const held = [
      cred(1),
      cred(2, { status: CredentialStatus.Expired, validUntil: BigInt(Date.UTC(2026, 4, 3) / 1000) }),
      cred(3, revoked(RevocationReason.Misconduct, 10)),
    ];
    const check = checkRequirement(r, held, NOW);
    expect(check.pass).to.equal(false);
    expect(check.allOf.map((o) => [o.typeId, o.by?.tokenId ?? o.why])).to.deep.equal([
      [1n, held[0]!.tokenId],
      [2n, "held but expired on 2026-05-03"],
      [3n, "revoked on 2026-11-19 (Misconduct)"],
      [4n, "not held"],
    ]);
    expect(checkRequirement(req({ allOf: [1n] }), held, NOW).pass).to.equal(true);
    expect(missingSentence(check)).to.equal(
      "type #2: held but expired on 2026-05-03. type #3: revoked on 2026-11-19 (Misconduct). type #4: not held",
    );
  });

  it("any of: needs the count, not more; a type held twice counts once", function () {
    const r = req({ anyOf: { count: 2, types: [5n, 6n, 7n] } });
    expect(checkRequirement(r, [cred(5), cred(5)], NOW).anyOf).to.include({ met: 1, pass: false });
    const two = checkRequirement(r, [cred(5), cred(7)], NOW);
    expect(two.pass).to.equal(true);
    expect(two.anyOf!.outcomes.map((o) => Boolean(o.by))).to.deep.equal([true, false, true]);
  });

  it("an issuer allow-list: a credential from another issuer is held, not accepted, and says whose it is", function () {
    const r = req({ allOf: [1n], issuers: [2n] });
    const fromContoso = cred(1, { issuerId: 2n, issuerName: "Contoso" });
    const fromNorthwind = cred(1);
    expect(checkRequirement(r, [fromContoso], NOW).pass).to.equal(true);
    const check = checkRequirement(r, [fromNorthwind], NOW);
    expect(check.pass).to.equal(false);
    expect(check.allOf[0]!.why).to.equal("held, but from Northwind, an issuer this requirement does not accept");
    // A better explanation wins over "not accepted": an accepted one that expired.
    const expired = cred(1, { issuerId: 2n, validUntil: BigInt(NOW - DAY), status: CredentialStatus.Expired });
    expect(checkRequirement(r, [fromNorthwind, expired], NOW).allOf[0]!.why).to.match(/^held but expired on/);
  });

  it("credits over a period: issued within it by an accepted issuer, standing (expired still counts), never a stack or a revoked one", function () {
    const r = req({ credits: { minimum: 500, months: 12 } });
    const credits = (c: number, daysAgo: number, over: Partial<Credential> = {}) =>
      cred(20, { credits: c, issuedAt: BigInt(NOW - daysAgo * DAY), ...over });
    const held = [
      credits(200, 30),
      credits(150, 300, { status: CredentialStatus.Expired, validUntil: BigInt(NOW - DAY) }),
      credits(400, 400), // before the 12 months
      credits(300, 20, revoked(RevocationReason.IssuedInError, 5)),
      credits(900, 10, { components: [1n, 2n] }), // a stack: counted through its components
      credits(100, 5, { issuerId: 2n }),
    ];
    const check = checkRequirement(r, held, NOW);
    expect(check.credits).to.include({ total: 450, minimum: 500, pass: false });
    expect(missingSentence(check)).to.equal("4.50 of 5.00 credits");
    expect(checkRequirement(req({ credits: { minimum: 500, months: 0 } }), held, NOW).credits!.total).to.equal(850);
    // Only Contoso's: 1.00.
    expect(
      checkRequirement(req({ credits: { minimum: 100, months: 12 }, issuers: [2n] }), held, NOW).credits,
    ).to.include({ total: 100, pass: true });
    // On a past date, credits earned after it do not count, and the period ends there.
    const past = checkRequirement(req({ credits: { minimum: 100, months: 12 }, validOn: "2026-10-01" }), held, NOW);
    expect(past.credits!.total).to.equal(550); // 1.50 and 4.00: the 12 months end on the date
  });

  it("valid on a past date: expired since, still counts; issued after, does not; revoked later counts only for a reason that casts no doubt", function () {
    const onDate = "2026-06-01";
    const r = req({ allOf: [1n], validOn: onDate });
    expect(requirementMoment(r, NOW)).to.equal(Date.UTC(2026, 5, 1, 23, 59, 59) / 1000);
    const old = { issuedAt: BigInt(NOW - 300 * DAY) };
    const expiredSince = cred(1, { ...old, status: CredentialStatus.Expired, validUntil: BigInt(NOW - 30 * DAY) });
    // It passes for that day, and says what became of the credential since: a link with a past
    // date (a candidate can send one) must not read as today's check.
    expect(checkRequirement(r, [expiredSince], NOW)).to.deep.include({
      pass: true,
      past: true,
      warnings: [
        `Checked for 2026-06-01, a past date: credential #${expiredSince.tokenId} counted as it stood then; today it has expired (on 2026-10-30).`,
      ],
    });
    const revokedSince = cred(1, { ...old, ...revoked(RevocationReason.RequirementsNoLongerMet, 30) });
    expect(checkRequirement(r, [revokedSince], NOW).warnings).to.deep.equal([
      `Checked for 2026-06-01, a past date: credential #${revokedSince.tokenId} counted as it stood then; today it is revoked (since 2026-10-30: Requirements no longer met).`,
    ]);
    // Credits count an expired credential today too: nothing to add.
    const credits = req({ credits: { minimum: 1, months: 0 }, validOn: onDate });
    const cpd = (over: Partial<Credential>) => cred(9, { ...old, kind: 3, credits: 2, ...over });
    expect(
      checkRequirement(credits, [cpd({ status: CredentialStatus.Expired, validUntil: BigInt(NOW - 30 * DAY) })], NOW),
    ).to.deep.include({ pass: true, warnings: [] });
    // (A revoked one never counts for credits, on any date.)
    expect(checkRequirement(credits, [cpd(revoked(RevocationReason.RequirementsNoLongerMet, 30))], NOW).pass).to.equal(
      false,
    );
    // The results file says the date on every row.
    const dated = candidatesCsv(r, [
      { row: 2, input: HOLDER, address: HOLDER, check: checkRequirement(r, [expiredSince], NOW) },
    ]);
    expect(dated.split("\r\n").slice(0, 2)).to.deep.equal([
      "row,address,result,checked for,type #1,missing,warnings",
      `2,${HOLDER},Pass,2026-06-01,credential #${expiredSince.tokenId},,"Checked for 2026-06-01, a past date: credential #${expiredSince.tokenId} counted as it stood then; today it has expired (on 2026-10-30)."`,
    ]);
    // Still valid today: nothing to add; and a check of today is no past check.
    expect(checkRequirement(r, [cred(1, old)], NOW)).to.deep.include({ pass: true, past: true, warnings: [] });
    expect(checkRequirement(req({ allOf: [1n] }), [expiredSince], NOW)).to.deep.include({ pass: false, past: false });
    expect(checkRequirement(req({ allOf: [1n], validOn: "2026-11-29" }), [cred(1, old)], NOW).past).to.equal(false);
    const issuedAfter = cred(1, { issuedAt: BigInt(NOW - 10 * DAY) });
    expect(checkRequirement(r, [issuedAfter], NOW).allOf[0]!.why).to.equal(
      "issued on 2026-11-19, after the date asked for",
    );
    // Valid through its validUntil second, not after.
    const endsThatDay = cred(1, {
      ...old,
      validUntil: BigInt(Date.UTC(2026, 5, 1, 23, 59, 59) / 1000),
    });
    expect(checkRequirement(r, [endsThatDay], NOW).pass).to.equal(true);
    const endsEarlierThatDay = cred(1, {
      ...old,
      validUntil: BigInt(Date.UTC(2026, 5, 1, 9) / 1000),
    });
    expect(checkRequirement(r, [endsEarlierThatDay], NOW).pass).to.equal(false);
    for (const [reason, counts] of [
      [RevocationReason.Superseded, true],
      [RevocationReason.RequirementsNoLongerMet, true],
      [RevocationReason.HolderRequest, true],
      [RevocationReason.Unspecified, false],
      [RevocationReason.IssuedInError, false],
      [RevocationReason.Misconduct, false],
      [RevocationReason.KeyCompromised, false],
      [RevocationReason.ComponentRevoked, false],
    ] as const) {
      expect(checkRequirement(r, [cred(1, { ...old, ...revoked(reason, 30) })], NOW).pass, `reason ${reason}`).to.equal(
        counts,
      );
      // Revoked before the date: never.
      expect(
        checkRequirement(r, [cred(1, { ...revoked(reason, 200), issuedAt: BigInt(NOW - 300 * DAY) })], NOW).pass,
      ).to.equal(false);
    }
  });

  it("valid on a past date: a renewal or a move since then is read from the events, not taken from the record", function () {
    const r = req({ allOf: [1n], validOn: "2026-06-01" });
    const at = requirementMoment(r, NOW);
    // Expired on 2026-03-01, renewed on 2026-09-01 until 2027: the record alone says valid.
    const renewed = cred(1, { issuedAt: BigInt(NOW - 600 * DAY), validUntil: BigInt(NOW + 200 * DAY) });
    expect(checkRequirement(r, [renewed], NOW).pass).to.equal(true);
    const lapsed = new Map([[renewed.tokenId, { renewals: [{ at: at + 90 * DAY, validUntil: NOW + 200 * DAY }] }]]);
    // With the expiry before the renewal read from the chain: expired on 2026-03-01.
    const known = new Map([
      [renewed.tokenId, { ...lapsed.get(renewed.tokenId)!, validUntilBefore: Date.UTC(2026, 2, 1) / 1000 }],
    ]);
    expect(checkRequirement(r, [renewed], NOW, known).allOf[0]!.why).to.equal("held but expired on 2026-03-01");
    expect(checkRequirement(r, [renewed], NOW, lapsed).allOf[0]!.why).to.equal(
      "renewed on 2026-08-30, after the date asked for; its expiry before then is in its history",
    );
    // Renewed before the date (until 2026-07-01) and again after: the earlier renewal is in force.
    const twice = new Map([
      [
        renewed.tokenId,
        {
          renewals: [
            { at: at - 30 * DAY, validUntil: at + 30 * DAY },
            { at: at + 90 * DAY, validUntil: NOW + 200 * DAY },
          ],
        },
      ],
    ]);
    expect(checkRequirement(r, [renewed], NOW, twice).pass).to.equal(true);
    const shortBefore = new Map([
      [
        renewed.tokenId,
        {
          renewals: [
            { at: at - 30 * DAY, validUntil: at - DAY },
            { at: at + DAY, validUntil: 0 },
          ],
        },
      ],
    ]);
    expect(checkRequirement(r, [renewed], NOW, shortBefore).allOf[0]!.why).to.match(/^held but expired on 2026-05-31$/);
    // Moved here from a lost wallet after the date (a move keeps the original issue date).
    const moved = cred(1, { issuedAt: BigInt(NOW - 600 * DAY), movedFrom: 3n });
    expect(
      checkRequirement(r, [moved], NOW, new Map([[moved.tokenId, { renewals: [], arrivedAt: at + DAY }]])).allOf[0]!
        .why,
    ).to.equal("moved to this address on 2026-06-02, after the date asked for");
  });

  it("valid on a future date: a valid credential that expires before it does not count", function () {
    const r = req({ allOf: [1n], validOn: "2027-03-01" });
    expect(checkRequirement(r, [cred(1, { validUntil: BigInt(NOW + 30 * DAY) })], NOW).allOf[0]!.why).to.equal(
      "held but expired on 2026-12-29",
    );
    expect(checkRequirement(r, [cred(1, { validUntil: BigInt(NOW + 365 * DAY) })], NOW).pass).to.equal(true);
    expect(checkRequirement(r, [cred(1)], NOW).pass).to.equal(true);
  });

  it("a stacked qualification counts as its own type; its components do not stand in for it", function () {
    const r = req({ allOf: [5n] });
    expect(checkRequirement(r, [cred(5, { components: [11n, 12n] })], NOW).pass).to.equal(true);
    expect(checkRequirement(r, [cred(1), cred(2), cred(3)], NOW).pass).to.equal(false);
    const revokedStack = cred(5, { components: [11n, 12n], ...revoked(RevocationReason.ComponentRevoked, 1) });
    expect(checkRequirement(r, [revokedStack], NOW).allOf[0]!.why).to.match(/A component credential was revoked/);
  });

  it("warns when a credential that counted comes from a suspended issuer", function () {
    const c = cred(1, { issuerStatus: 2, issuerSuspendedAt: BigInt(NOW - DAY) });
    expect(checkRequirement(req({ allOf: [1n] }), [c], NOW).warnings).to.deep.equal([
      "Northwind is suspended (since 2026-11-28); its credentials issued before then still count.",
    ]);
  });

  it("warns when a credential that counted names an issuer with a look-alike, whoever owns its type now, and says so in the results file", function () {
    // The credential names issuer #9 (the owner when it was issued); the type may have changed hands since.
    const c = cred(1, { issuerId: 9n, issuerName: "N\u043Erthwind" });
    const lookAlikes = new Map([[9n, [{ issuerId: 1n, name: "Northwind" }]]]);
    const warning = `Credential #${c.tokenId} counted from N\u043Erthwind (issuer #9), whose name looks like Northwind (issuer #1): a different issuer. Check it is the one you mean.`;
    const check = checkRequirement(req({ allOf: [1n] }), [c], NOW, undefined, lookAlikes);
    expect(check.pass).to.equal(true);
    expect(check.warnings).to.deep.equal([warning]);
    // Credits from it count too, and are named in the one warning.
    const credits = cred(7, { issuerId: 9n, issuerName: "N\u043Erthwind", credits: 20, tokenId: 77n });
    const both = checkRequirement(
      req({ allOf: [1n], credits: { minimum: 10, months: 0 } }),
      [c, credits],
      NOW,
      undefined,
      lookAlikes,
    );
    expect(both.warnings).to.deep.equal([warning.replace(`Credential #${c.tokenId}`, `Credential #${c.tokenId}, #77`)]);
    // No map, or an issuer without look-alikes: no warning.
    expect(checkRequirement(req({ allOf: [1n] }), [c], NOW).warnings).to.deep.equal([]);
    expect(checkRequirement(req({ allOf: [1n] }), [cred(1)], NOW, undefined, lookAlikes).warnings).to.deep.equal([]);
    // The results file gains a warnings column only when a row has one.
    const results = [{ row: 2, input: HOLDER, address: HOLDER, check }];
    const csv = candidatesCsv(req({ allOf: [1n] }), results).split("\r\n");
    expect(csv[0]).to.equal("row,address,result,type #1,missing,warnings");
    expect(csv[1]).to.equal(`2,${HOLDER},Pass,credential #${c.tokenId},,"${warning}"`);
    const plain = [{ ...results[0]!, check: checkRequirement(req({ allOf: [1n] }), [c], NOW) }];
    expect(candidatesCsv(req({ allOf: [1n] }), plain).split("\r\n")[0]).to.equal("row,address,result,type #1,missing");
  });

  it("says it in plain words, with the chain's names", function () {
    const names: RequirementNames = {
      types: new Map([
        [1n, { name: "Cloud Fundamentals", issuer: "Northwind", credits: 0, exists: true }],
        [2n, { name: "Container Orchestration", issuer: "Northwind", credits: 0, exists: true }],
        [3n, { name: "Infrastructure as Code", issuer: "Northwind", credits: 0, exists: true }],
        [99n, { name: "", issuer: "", credits: 0, exists: false }],
      ]),
      issuers: new Map([[1n, "Northwind"]]),
    };
    const r = req({ allOf: [1n], anyOf: { count: 1, types: [2n, 3n, 99n] }, issuers: [1n], validOn: "2027-01-31" });
    expect(describeRequirement(r, names)).to.equal(
      "Cloud Fundamentals (Northwind, #1); and any 1 of Container Orchestration (Northwind, #2), Infrastructure as Code (Northwind, #3), type #99 (no such type); only from Northwind (issuer #1); valid on 2027-01-31 (end of day, UTC).",
    );
    expect(describeRequirement(req({ credits: { minimum: 2000, months: 24 } }))).to.equal(
      "At least 20.00 professional-development credits earned in the 24 months before; valid when checked.",
    );
  });

  it("travels in a link and a file, and reads back the same", function () {
    const r = req({
      name: "Data analyst; junior: 2027 = ok?",
      allOf: [7n, 9n],
      anyOf: { count: 2, types: [3n, 4n, 5n] },
      issuers: [1n, 2n],
      credits: { minimum: 2050, months: 24 },
      validOn: "2027-02-28",
    });
    expect(requirementText(r)).to.equal(
      "all:7,9;any:2:3,4,5;from:1,2;credits:20.50:24;on:2027-02-28;name:Data analyst; junior: 2027 = ok?",
    );
    expect(requirementParam(r)).to.equal(
      "all:7,9;any:2:3,4,5;from:1,2;credits:20.50:24;on:2027-02-28;name:Data%20analyst;%20junior:%202027%20%3D%20ok%3F",
    );
    expect(new URLSearchParams(`req=${requirementParam(r)}`).get("req")).to.equal(requirementText(r));
    expect(parseRequirement(requirementText(r)).requirement).to.deep.equal(r);
    expect(parseRequirementJson(requirementJson(r)).requirement).to.deep.equal(r);
  });

  it("round-trips any requirement it accepts (property)", function () {
    const id = fc.bigInt({ min: 1n, max: 2n ** 64n - 1n });
    const arb = fc
      .record({
        // eslint-disable-next-line no-control-regex -- control characters are what it filters out
        name: fc.string({ maxLength: 80 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s) && [...s].length <= 80),
        ids: fc.uniqueArray(id, { minLength: 1, maxLength: 12 }),
        split: fc.nat(),
        count: fc.nat(),
        issuers: fc.uniqueArray(id, { maxLength: 5 }),
        minimum: fc.integer({ min: 0, max: 9_999_999 }),
        months: fc.integer({ min: 0, max: 120 }),
        date: fc.option(
          fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
        ),
      })
      .map((v) => {
        const cut = v.split % (v.ids.length + 1);
        const anyTypes = v.ids.slice(cut);
        return req({
          name: v.name,
          allOf: v.ids.slice(0, cut),
          anyOf: { count: anyTypes.length ? 1 + (v.count % anyTypes.length) : 0, types: anyTypes },
          issuers: v.issuers,
          credits: { minimum: v.minimum, months: v.minimum ? v.months : 0 },
          validOn: v.date ? v.date.toISOString().slice(0, 10) : undefined,
        });
      });
    fc.assert(
      fc.property(arb, (r) => {
        expect(parseRequirement(requirementText(r)).requirement).to.deep.equal(r);
        expect(new URLSearchParams(`a=1&req=${requirementParam(r)}&b=2`).get("req")).to.equal(requirementText(r));
        expect(parseRequirementJson(requirementJson(r)).requirement).to.deep.equal(r);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });

  it("refuses what is not a requirement with a sentence", function () {
    const error = (text: string) => parseRequirement(text).error;
    expect(error("")).to.equal("The link has no requirement in it.");
    expect(error("on:2026-11-29")).to.match(/asks for nothing/);
    expect(error("all:7,x")).to.equal("“x” is not a credential type id.");
    expect(error("all:0")).to.equal("“0” is not a credential type id.");
    expect(error("all:7;any:3:8,9")).to.equal("“Any 3 of” names only 2 types.");
    expect(error("all:7;any:1:7,9")).to.equal("Type #7 is named twice: put it in one part only.");
    expect(error("all:7;on:2026-02-30")).to.equal("“2026-02-30” is not a date: write it as YYYY-MM-DD.");
    expect(error("all:7;credits:abc:12")).to.match(/credits:<minimum>:<months>/);
    expect(error("all:7;credits:1:121")).to.match(/from 0 \(all time\) to 120/);
    expect(error("all:7;evil:1")).to.equal("The requirement has a part this app does not know: “evil”.");
    expect(error(`all:${Array.from({ length: 41 }, (_, i) => i + 1).join(",")}`)).to.match(/at most 40/);
    expect(parseRequirementJson("[]").error).to.equal("The requirement file is not a JSON object.");
    expect(parseRequirementJson('{"allOf":[7],"x":1}').error).to.match(/does not know: “x”/);
    expect(parseRequirementJson('{"allOf":[7.5]}').error).to.equal("“allOf” has 7.5, which is not an id.");
    expect(parseRequirementJson("{").error).to.equal("The requirement file is not JSON.");
    expect(error("all:1;all:2")).to.equal("The requirement gives “all” twice.");
    expect(error("all:1;name:a\u202egnp.exe")).to.equal("The name contains control or direction characters.");
    expect(error("all:1;name:a\u0085b")).to.equal("The name contains control or direction characters.");
    expect(parseRequirementJson('{"allOf":[1],"credits":{"minimum":"20","month":24}}').error).to.equal(
      "“credits” has only “minimum” and “months”.",
    );
    expect(parseRequirementJson('{"anyOf":{"count":1,"types":[2],"extra":1}}').error).to.match(/“anyOf” must be/);
  });

  it("reads candidates from a CSV with any columns, or pasted; keeps every bad row with a sentence", function () {
    const csv = [
      "name,email,wallet_address,notes",
      `Ann,ann@example.org,${HOLDER.toLowerCase()},`,
      "Ben,ben@example.org,0x123,",
      "Cat,cat@example.org,,",
      "Dan,dan@example.org,dan.eth,",
      `Eve,eve@example.org,${HOLDER},extra,cell`,
      "",
      `Fay,fay@example.org,${HOLDER.replace("d34", "D34")},`,
    ].join("\n");
    const list = parseCandidateList(csv);
    expect(list.column).to.equal(2);
    expect(list.rows.map((r) => [r.row, r.address ?? r.error])).to.deep.equal([
      [2, HOLDER],
      [3, "That is not an Ethereum address: it has 3 hexadecimal characters after 0x, and an address has 40."],
      [4, "The address cell is empty."],
      [5, "“dan.eth” is a name, not an address: a list is checked by address only."],
      [6, "The row has 5 cells but the header has 4."],
      [
        8,
        "The address's capitals do not match its checksum, so it probably has a typo. Check it, or paste it in lower case.",
      ],
    ]);
    // Found by content when no header names it; chosen by name.
    expect(parseCandidateList(`who,id\nAnn,${HOLDER}\nBen,0x1`).column).to.equal(1);
    expect(parseCandidateList(`a,b\n${HOLDER},${HOLDER}`, "b").column).to.equal(1);
    expect(parseCandidateList("a,b\nx,y").error).to.match(/No column holds addresses/);
    // Pasted, one or several a line.
    const pasted = parseCandidateList(`${HOLDER}\n\n${HOLDER.toLowerCase()}, 0xabc\n`);
    expect(pasted.header).to.deep.equal([]);
    expect(pasted.rows.map((r) => [r.row, Boolean(r.address)])).to.deep.equal([
      [1, true],
      [3, true],
      [3, false],
    ]);
    expect(parseCandidateList(" \n").error).to.equal("There are no addresses: the list is empty.");
    // A pasted list whose first line is a mistyped address: that line is a bad row, not a header.
    const typo = parseCandidateList(`0x${"c".repeat(39)}\n${HOLDER}`);
    expect(typo.rows.map((r) => [r.row, Boolean(r.address)])).to.deep.equal([
      [1, false],
      [2, true],
    ]);
    expect(parseCandidateList("x".repeat(20_000_001)).error).to.match(/^The list is larger than 20 MB/);
  });

  it("writes results a spreadsheet shows as text: issuer-chosen names cannot become formulas", function () {
    const r = req({ allOf: [1n] });
    const names: RequirementNames = {
      types: new Map([[1n, { name: '=HYPERLINK("http://x")', issuer: "@evil", credits: 0, exists: true }]]),
      issuers: new Map(),
    };
    const csv = candidatesCsv(
      r,
      [
        { row: 2, input: HOLDER, address: HOLDER, check: checkRequirement(r, [], NOW) },
        {
          row: 3,
          input: "=1+1",
          error: "That is not an Ethereum address: it should be 0x followed by 40 hexadecimal characters.",
        },
      ],
      names,
    );
    expect(csv.split("\r\n")).to.deep.equal([
      `row,address,result,"'=HYPERLINK(""http://x"") (@evil, #1)",missing`,
      `2,${HOLDER},Fail,not held,"'=HYPERLINK(""http://x"") (@evil, #1): not held"`,
      `3,"'=1+1",Not checked,,That is not an Ethereum address: it should be 0x followed by 40 hexadecimal characters.`,
    ]);
  });
});
