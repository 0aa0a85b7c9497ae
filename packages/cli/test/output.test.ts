/** What the CLI prints: someone else's text made inert, URLs without their keys, secrets never. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Credential } from "@onchaincert/sdk";

import { creditAndExpiryLines, credentialLine, printable, safeUrl } from "../src/output";

// A revoked credential whose issuer wrote a note that would, printed raw, erase its own line and
// print "#1 Valid" in its place, then reverse the rest of the line (U+202E).
const HOSTILE_NOTE = "\x1b[2K\r\x1b[1A  #1 Valid — Cloud Fundamentals\u202e";

function revoked(note: string, typeName = "Cloud Fundamentals"): Credential {
  return {
    tokenId: 1n,
    status: 3,
    holder: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    typeId: 1n,
    typeName,
    kind: 1,
    credits: 0,
    issuer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    issuerName: "Northwind\u0085Institute",
    issuedAt: 1_700_000_000n,
    validUntil: 0n,
    revokedAt: 1_700_000_100n,
    revocationReason: 3,
    revocationNote: note,
    evidenceHash: `0x${"00".repeat(32)}`,
    components: [],
  } as unknown as Credential;
}

describe("printable", () => {
  it("shows C0, DEL, C1 and bidi/zero-width characters as visible escapes and keeps the rest", () => {
    assert.equal(printable("a\x1b[31mb\x07\x7f\x9b"), "a\\x1b[31mb\\x07\\x7f\\x9b");
    assert.equal(printable("x\u202ey\u2066z\u200bw\ufeff"), "x\\u202ey\\u2066z\\u200bw\\ufeff");
    assert.equal(printable("tab\tline\nend\r"), "tab\\x09line\\x0aend\\x0d");
    assert.equal(printable("Zürich — 東京 ✓"), "Zürich — 東京 ✓");
  });

  it("keeps a revoked credential's line saying Revoked whatever its note says", () => {
    const line = credentialLine(revoked(HOSTILE_NOTE));
    assert.match(line, /^ {2}#1 Revoked \(Misconduct: \\x1b\[2K\\x0d\\x1b\[1A {2}#1 Valid/);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(line, /[\x00-\x1f\x7f-\x9f\u202e]/);
    assert.match(line, /by Northwind\\x85Institute/);
  });
});

describe("creditAndExpiryLines", () => {
  const now = Date.parse("2026-11-27T12:00:00Z") / 1000;
  const day = 86_400;
  const pd = (tokenId: bigint, credits: number, daysAgo: number, validUntil = 0, status = 1) =>
    ({
      ...revoked("", `CPD \u202e${tokenId}`),
      tokenId,
      status,
      credits,
      revocationReason: status === 3 ? 2 : 0,
      issuedAt: BigInt(now - daysAgo * day),
      validUntil: BigInt(validUntil),
    }) as Credential;

  it("totals credits by period and names what expires within 90 days, inert", () => {
    const lines = creditAndExpiryLines(
      [pd(1n, 150, 30, now + 12 * day), pd(2n, 250, 500), pd(3n, 400, 1200, now - day, 2), pd(4n, 999, 10, 0, 3)],
      now,
    );
    assert.deepEqual(lines, [
      "Professional-development credits earned (expired included; revoked and renounced not): 1.50 in 12 months, 4.00 in 24 months, 4.00 in 36 months, 8.00 in all.",
      "Expiring: #1 CPD \\u202e1 expires in 12 days (2026-12-09); renewed by Northwind\\x85Institute.",
    ]);
  });

  it("says nothing for a holder without credits or anything expiring", () => {
    assert.deepEqual(creditAndExpiryLines([revoked("")], now), []);
  });
});

describe("safeUrl", () => {
  it("prints the origin only: no path, query or user, where API keys live", () => {
    assert.equal(safeUrl("https://base-mainnet.g.alchemy.com/v2/abcdef123456"), "https://base-mainnet.g.alchemy.com");
    assert.equal(safeUrl("https://user:pw@rpc.example:8443/x?apikey=s3cret"), "https://rpc.example:8443");
    assert.equal(safeUrl("not a url"), "(an RPC URL that could not be parsed)");
  });
});

describe("guardOutput", () => {
  it("removes keys, API keys and full URLs from everything the process writes, whoever writes it", () => {
    const key = `0x${"ab12".repeat(16)}`;
    const script = `
      import { guardOutput } from ${JSON.stringify(path.resolve(import.meta.dirname, "../src/output.ts"))};
      guardOutput({ keys: [${JSON.stringify(key)}], urls: ["https://rpc.example/v2/SECRETPATH?key=SECRETQUERY"], words: ["EXPLORERAPIKEY123"] });
      console.log("key", ${JSON.stringify(key)}, ${JSON.stringify(key.slice(2).toUpperCase())});
      console.log("GET https://api.etherscan.io/v2/api?apikey=EXPLORERAPIKEY123&chainid=1");
      console.error(new Error("failed: URL: https://rpc.example/v2/SECRETPATH?key=SECRETQUERY").message);
      process.stdout.write(Buffer.from("buffer ${key.slice(2)}\\n"));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    const out = run.stdout + run.stderr;
    assert.equal(run.status, 0, out);
    assert.doesNotMatch(out, /ab12ab12|AB12AB12|SECRETPATH|SECRETQUERY|EXPLORERAPIKEY/);
    assert.match(out, /apikey=\[api key\]&chainid=1/);
    assert.match(out, /key \[private key\] \[private key\]/);
    assert.match(out, /failed: URL: https:\/\/rpc\.example\n/);
    assert.match(out, /buffer \[private key\]/);
  });

  it("removes an RPC URL that cannot be parsed, short or long (a host and key without http://)", () => {
    const script = `
      import { guardOutput } from ${JSON.stringify(path.resolve(import.meta.dirname, "../src/output.ts"))};
      guardOutput({ urls: ["rpc.io/K3Y", "mainnet.example/v3/SECRETPROJECT"] });
      console.log("tried rpc.io/K3Y and mainnet.example/v3/SECRETPROJECT");
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "tried (an RPC URL that could not be parsed) and (an RPC URL that could not be parsed)\n");
  });
});
