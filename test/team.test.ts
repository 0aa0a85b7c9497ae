/** A team's skills: the matrix, the timeline and the team's CSV. */
import { expect } from "chai";
import type { Address } from "viem";

import {
  CredentialStatus,
  RevocationReason,
  parseTeamCsv,
  skillMatrix,
  teamCsv,
  teamTimeline,
  type Credential,
} from "@onchaincert/sdk";

import { testCredential } from "./helpers/credential";

const DAY = 86_400;
const NOW = Date.UTC(2026, 10, 29, 12) / 1000;
const A: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const B: Address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
/** A credential as the lens lists it: valid, issued 100 days ago, from Northwind (#1), no expiry. */
function cred(typeId: number, over: Partial<Credential> = {}): Credential {
  return testCredential(typeId, A, NOW - 100 * DAY, { issuerName: typeId > 5 ? "Contoso" : "Northwind", ...over });
}

describe("SDK: a team's skills", function () {
  it("a matrix cell is the best of a person's credentials of the type: valid, expiring within 90 days, expired, revoked", function () {
    const soon = BigInt(NOW + 30 * DAY);
    const matrix = skillMatrix(
      [
        [
          cred(1, { status: CredentialStatus.Revoked, revocationReason: 3, revokedAt: BigInt(NOW - DAY) }),
          cred(1, { validUntil: soon }),
          cred(6, { status: CredentialStatus.Expired, validUntil: BigInt(NOW - DAY) }),
        ],
        [cred(1), cred(2, { status: CredentialStatus.Revoked, revocationReason: 2, revokedAt: BigInt(NOW - DAY) })],
        [],
      ],
      NOW,
    );
    // Columns by issuer, then name.
    expect(matrix.columns.map((c) => [c.issuerName, c.typeName])).to.deep.equal([
      ["Contoso", "Type 6"],
      ["Northwind", "Type 1"],
      ["Northwind", "Type 2"],
    ]);
    const cells = matrix.rows.map((row) => matrix.columns.map((c) => row.get(c.typeId)?.cell ?? "-"));
    expect(cells).to.deep.equal([
      ["expired", "expiring", "-"],
      ["-", "valid", "revoked"],
      ["-", "-", "-"],
    ]);
  });

  it("the timeline counts what stood at each month's end and credits from when earned, never a revoked one's", function () {
    const held = [
      cred(1, {
        issuedAt: BigInt(NOW - 70 * DAY),
        validUntil: BigInt(NOW - 10 * DAY),
        status: CredentialStatus.Expired,
      }),
      cred(9, { credits: 150, issuedAt: BigInt(NOW - 40 * DAY) }),
      cred(8, {
        credits: 500,
        issuedAt: BigInt(NOW - 65 * DAY),
        status: CredentialStatus.Revoked,
        revocationReason: RevocationReason.Misconduct,
        revokedAt: BigInt(NOW - DAY),
      }),
    ];
    const points = teamTimeline([held, []], NOW, 3);
    expect(points.map((p) => new Date(p.at * 1000).toISOString())).to.deep.equal([
      "2026-08-31T23:59:59.000Z",
      "2026-09-30T23:59:59.000Z",
      "2026-10-31T23:59:59.000Z",
      "2026-11-29T12:00:00.000Z",
    ]);
    expect(points.map((p) => p.valid)).to.deep.equal([
      [0, 0],
      [1, 0], // type 1 from 20 September; the revoked one (misconduct) never counts
      [2, 0], // and type 9 from 20 October
      [1, 0], // type 1 expired on 19 November
    ]);
    expect(points.map((p) => p.credits[0])).to.deep.equal([0, 0, 150, 150]);
    // Type 1 renewed on 25 November (its record now says valid until 2027), after lapsing on 19
    // November: with its renewal read, October's end still counts it, and no month between shows
    // it valid past its old expiry.
    const renewed = { ...held[0]!, status: CredentialStatus.Valid, validUntil: BigInt(NOW + 300 * DAY) };
    const withRecordOnly = teamTimeline([[renewed]], NOW - 6 * DAY, 1);
    expect(withRecordOnly.map((p) => p.valid[0])).to.deep.equal([1, 1]);
    const renewal = { at: NOW - 4 * DAY, validUntil: NOW + 300 * DAY };
    const pasts = new Map([[renewed.tokenId, { renewals: [renewal], validUntilBefore: NOW - 10 * DAY }]]);
    expect(teamTimeline([[renewed]], NOW - 6 * DAY, 1, pasts).map((p) => p.valid[0])).to.deep.equal([1, 0]);
    // Where the expiry before the renewal could not be read, the months before it do not count it.
    const unknown = new Map([[renewed.tokenId, { renewals: [renewal] }]]);
    expect(teamTimeline([[renewed]], NOW - 6 * DAY, 1, unknown).map((p) => p.valid[0])).to.deep.equal([0, 0]);
  });

  it("reads a team from a CSV with names, keeps the first of a repeated address, says what it left out; writes it back", function () {
    const read = parseTeamCsv(
      `Name,Wallet,Team\n"Smith, Ann",${A},x\nBob,${B.toLowerCase()},y\nAgain,${A},z\nBad,0x12,w\n`,
    );
    expect(read.members).to.deep.equal([
      { label: "Smith, Ann", address: A },
      { label: "Bob", address: B },
    ]);
    expect(read.problems).to.deep.equal([
      `Row 4: ${A} is in the team already.`,
      "Row 5: That is not an Ethereum address: it has 2 hexadecimal characters after 0x, and an address has 40.",
    ]);
    const csv = teamCsv({ name: "T", members: [...read.members, { label: "=cmd()", address: A }] });
    expect(csv.split("\r\n")).to.deep.equal(["name,address", `"Smith, Ann",${A}`, `Bob,${B}`, `"'=cmd()",${A}`]);
    // Without a name column, the address is the label.
    expect(parseTeamCsv(`address\n${A}`).members).to.deep.equal([{ label: A, address: A }]);
  });
});
