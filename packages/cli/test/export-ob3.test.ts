// `pnpm export:ob3`'s answers to input it cannot use, with no chain needed. The export itself is
// tested against the contracts in test/openBadges.test.ts (schema-valid for every demo credential).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";

const SCRIPT = path.join(import.meta.dirname, "..", "src", "export-ob3.ts");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
    encoding: "utf8",
    env: { ...process.env, RPC_URL: "", PORT: "1" },
  });
  return { status: r.status, out: r.stdout, err: r.stderr.trim() };
}

describe("pnpm export:ob3", () => {
  it("says how to call it, and exits 2, when the id is missing or not an id", () => {
    assert.deepEqual(run(), {
      status: 2,
      out: "",
      err: "Usage: pnpm export:ob3 <token id> [--out file.json] [--app-url https://…] [rpc-url]",
    });
    for (const bad of ["0", "-3", "1e3", "0x10", "seven"]) {
      const r = run(bad);
      assert.equal(r.status, 2);
      assert.match(r.err, new RegExp(`^“${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}” is not a credential id`));
    }
  });

  it("refuses an option without its value, an unknown option and an --app-url that is not http(s)", () => {
    assert.match(run("7", "--out").err, /^--out needs a value\./);
    assert.match(run("7", "--format", "x").err, /^Unknown option --format\./);
    assert.equal(
      run("7", "--app-url", "javascript:alert(1)").err,
      "--app-url must be an http(s) URL, such as https://verify.example.org.",
    );
  });

  it("names the RPC it could not reach and how to start the local chain", () => {
    const r = run("7");
    assert.equal(r.status, 1);
    assert.match(r.err, /^Could not reach the RPC at http:\/\/127\.0\.0\.1:1: .*Start it with `pnpm dev`/);
  });
});
