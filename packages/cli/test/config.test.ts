/** Where the CLI finds its RPC and the issuer's key (never an argument). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { issuerKey, portFrom, rpcUrlFor } from "../src/config";

const KEY = `0x${"11".repeat(32)}`;

function varsFile(vars: Record<string, string>): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "occ-vars-")), "vars.json");
  const entries = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, { value: v }]));
  writeFileSync(file, JSON.stringify({ _format: "hh-vars-1", vars: entries }));
  return file;
}

describe("CLI configuration", () => {
  it("takes the key from ISSUER_PRIVATE_KEY first, with or without 0x", () => {
    const other = varsFile({ ISSUER_PRIVATE_KEY: `0x${"22".repeat(32)}` });
    assert.equal(issuerKey({ ISSUER_PRIVATE_KEY: KEY }, other), KEY);
    assert.equal(issuerKey({ ISSUER_PRIVATE_KEY: KEY.slice(2) }, other), KEY);
  });

  it("falls back to the Hardhat configuration variable (`npx hardhat vars set ISSUER_PRIVATE_KEY`)", () => {
    assert.equal(issuerKey({}, varsFile({ ISSUER_PRIVATE_KEY: KEY })), KEY);
  });

  it("says where to put a key when there is none, and refuses one that is not a key", () => {
    assert.throws(
      () => issuerKey({}, varsFile({})),
      /^Error: No issuer key: set the ISSUER_PRIVATE_KEY environment variable/,
    );
    assert.throws(() => issuerKey({}, "/nonexistent/vars.json"), /No issuer key/);
    assert.throws(
      () => issuerKey({}, varsFile({ ISSUER_PRIVATE_KEY: "0x1234" })),
      /The key in the Hardhat configuration variable ISSUER_PRIVATE_KEY is not a 32-byte hex private key\./,
    );
    assert.throws(
      () => issuerKey({ ISSUER_PRIVATE_KEY: "not a key" }, "/nonexistent"),
      /The key in the ISSUER_PRIVATE_KEY environment variable is not a 32-byte hex private key\./,
    );
  });

  it("maps network names to RPC URLs like hardhat.config.ts", () => {
    assert.equal(rpcUrlFor("localhost", {}), "http://127.0.0.1:8545");
    assert.equal(rpcUrlFor("localhost", { HARDHAT_LOCALHOST_URL: "http://127.0.0.1:9999" }), "http://127.0.0.1:9999");
    assert.equal(rpcUrlFor("localhost", { PORT: "8546" }), "http://127.0.0.1:8546");
    assert.throws(
      () => rpcUrlFor("localhost", { PORT: "85a" }),
      /^Error: PORT=85a is not a port number \(1–65535\)\.$/,
    );
    assert.throws(() => rpcUrlFor("localhost", { PORT: "70000" }), /PORT=70000 is not a port number/);
    // Empty counts as unset, as in hardhat.config.ts and pnpm dev.
    assert.equal(rpcUrlFor("localhost", { PORT: "" }), "http://127.0.0.1:8545");
    assert.equal(portFrom({ WEB_PORT: "5174" }, "WEB_PORT", 5173), 5174);
    assert.throws(() => portFrom({ WEB_PORT: "0" }, "WEB_PORT", 5173), /^Error: WEB_PORT=0 is not a port number/);
    assert.equal(rpcUrlFor("custom", { RPC_URL: "https://rpc.example" }), "https://rpc.example");
    assert.throws(() => rpcUrlFor("custom", {}), /--network custom needs the RPC_URL environment variable\./);
    assert.throws(
      () => rpcUrlFor("mainnet", {}),
      /Unknown network “mainnet”: use localhost or custom \(with RPC_URL\)\./,
    );
  });
});
