/**
 * `pnpm issue:csv` end to end, as an issuer runs it: the local chain from `pnpm dev` (without the
 * dApp) on spare ports, a 1,000-row CSV with 20 bad rows, the process killed (SIGKILL) after its
 * second transaction, the same command run again, and the chain checked: exactly the 980 valid
 * recipients hold exactly one credential each.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, getAddress, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { credentialRegistryAbi, deployments, parseRecipientsCsv } from "@onchaincert/sdk";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const PORT = Number(process.env.CLI_E2E_CHAIN_PORT ?? 18_800);
const RPC = `http://127.0.0.1:${PORT}`;
const REGISTRY = deployments[31337].CredentialRegistry;
// Demo accounts (Hardhat's well-known keys): Northwind issues type #7; #10 is no issuer.
const NORTHWIND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const STRANGER_KEY = "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897";
const TYPE = "7";

const client = createPublicClient({ transport: http(RPC) });
let chain: ChildProcess;
const dir = mkdtempSync(path.join(tmpdir(), "occ-cli-e2e-"));

function waitFor(child: ChildProcess, text: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}":\n${log}`)), ms);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(text)) {
        clearTimeout(timer);
        resolve(log);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${text}":\n${log}`));
    });
  });
}

/** Runs the CLI as a person would (`pnpm issue:csv …`) and collects its output. */
function cli(
  args: string[],
  key = NORTHWIND_KEY,
): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn("pnpm", ["--silent", "issue:csv", ...args], {
    cwd: ROOT,
    env: { ...process.env, ISSUER_PRIVATE_KEY: key, HARDHAT_LOCALHOST_URL: RPC },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a test can kill pnpm and the CLI under it at once
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return { child, done: new Promise((resolve) => child.on("close", (code) => resolve({ code, out }))) };
}

const read = <T>(functionName: string, args: readonly unknown[]) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  client.readContract({ address: REGISTRY, abi: credentialRegistryAbi, functionName, args } as any) as Promise<T>;

function learner(i: number): Address {
  return getAddress(`0x${(0xc0de0000 + i).toString(16).padStart(40, "0")}`);
}

/** A checksummed address with one letter's case flipped: a typo the checksum catches. */
function miscased(address: Address): string {
  const i = address.slice(2).search(/[a-fA-F]/) + 2;
  const c = address[i]!;
  return address.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + address.slice(i + 1);
}

/** 1,000 rows: 980 valid learners and 20 bad rows of every kind. */
function writeCsv(): { file: string; valid: Address[] } {
  const lines = ["Wallet,Valid Until,Evidence,Name,Cohort"];
  const valid: Address[] = [];
  const bad = [
    "0x1234,,,Short,A",
    "0x0000000000000000000000000000000000000000,,,Zero,A",
    `${learner(1).toLowerCase().replace("0x", "0X")},,,Bad prefix,A`,
    `${learner(3)},2020-01-01,,Past,A`,
    `${learner(4)},31/12/2027,,Date format,A`,
    `${learner(5)},,not-a-url,Evidence,A`,
    `,,,Missing,A`,
    `${learner(6)},2027-02-30,,No such day,A`,
  ];
  let b = 0;
  for (let i = 0; lines.length < 1001; i++) {
    if (i % 50 === 7 && b < 20) {
      // 8 malformed kinds, then duplicates of earlier valid rows and a checksum typo.
      if (b < bad.length) lines.push(bad[b]!);
      else if (b < 18) lines.push(`${valid[b * 3]!.toLowerCase()},,,Duplicate,A`);
      else lines.push(`${miscased(learner(5000 + b))},,,Typo,A`);
      b++;
      continue;
    }
    const who = learner(1000 + i);
    valid.push(who);
    lines.push(`${who},,https://lms.example/a/${i},Learner ${i},${i % 3 === 0 ? "=cmd|' /C calc'!A0" : "2026-B"}`);
  }
  const file = path.join(dir, "recipients.csv");
  writeFileSync(file, lines.join("\r\n") + "\r\n");
  return { file, valid };
}

before(async () => {
  chain = spawn("pnpm", ["dev"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), DEV_WEB: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  await waitFor(chain, "Press Ctrl-C", 120_000);
});

after(() => {
  if (chain?.pid) process.kill(-chain.pid, "SIGINT");
});

describe("pnpm issue:csv", () => {
  const { file, valid } = writeCsv();

  it("dry run: reports every bad row and the plan, and sends nothing", async () => {
    const before = await client.getBlockNumber();
    const { done } = cli(["--type", TYPE, "--file", file, "--dry-run", "--max-batch", "100"]);
    const { code, out } = await done;
    assert.equal(code, 0, out);
    assert.match(out, /Validation: 1,000 rows — 980 ready, 20 invalid, 0 already hold this credential\./);
    assert.match(out, /row \d+ +That is not an Ethereum address/);
    assert.match(out, /row \d+ +Duplicate: the same recipient is on row \d+\./);
    assert.match(out, /row \d+ +The address's capitals do not match its checksum/);
    assert.match(out, /Plan: 980 credentials in 10 transactions of up to 100/);
    assert.match(out, /estimated gas [\d,]+ at [\d.]+ gwei = [\d.]+ ETH/);
    assert.match(out, /Dry run: nothing was sent\./);
    assert.equal(await client.getBlockNumber(), before);
  });

  it("refuses an account that may not issue the type, before sending anything", async () => {
    const before = await client.getBlockNumber();
    const { code, out } = await cli(["--type", TYPE, "--file", file, "--yes"], STRANGER_KEY).done;
    assert.equal(code, 1, out);
    const stranger = privateKeyToAccount(STRANGER_KEY).address;
    assert.match(out, new RegExp(`${stranger} may not issue credential type #7 \\(Python for Analysts\\)`));
    assert.equal(await client.getBlockNumber(), before);
  });

  it("killed after its second transaction, resumes: the 980 valid recipients hold exactly one credential each", async () => {
    const issuedBefore = await read<bigint>("totalIssued", []);
    const first = cli(["--type", TYPE, "--file", file, "--yes", "--max-batch", "100"]);
    await waitFor(first.child, "transaction 2/10 confirmed", 60_000);
    process.kill(-first.child.pid!, "SIGKILL");
    await first.done;
    const state = JSON.parse(readFileSync(path.join(dir, "recipients.type-7.job.json"), "utf8")) as {
      chunks: { status: string }[];
    };
    const afterKill = Number((await read<bigint>("totalIssued", [])) - issuedBefore);
    assert.ok(afterKill >= 200 && afterKill < 980, `issued before the kill: ${afterKill}`);
    console.log(`# killed with ${afterKill} of 980 issued in ${state.chunks.length} recorded transactions`);
    assert.ok(state.chunks.length >= 2);

    const second = await cli(["--type", TYPE, "--file", file, "--yes", "--max-batch", "100"]).done;
    assert.equal(second.code, 0, second.out);
    assert.match(
      second.out,
      new RegExp(
        `${980 - afterKill} ready, 20 invalid, ${afterKill} already hold this credential \\(${afterKill} of them issued by this job before\\)`,
      ),
    );
    assert.match(second.out, /Done: 980 issued by this job, 0 skipped \(already held\), 20 invalid\./);

    assert.equal((await read<bigint>("totalIssued", [])) - issuedBefore, 980n);
    const balances = await Promise.all(valid.map((v) => read<bigint>("balanceOf", [v])));
    assert.deepEqual(new Set(balances), new Set([1n]));
    const held = await Promise.all(valid.map((v) => read<boolean>("hasValidCredential", [v, BigInt(TYPE)])));
    assert.ok(held.every(Boolean));
    assert.equal(valid.length, 980);

    // The results file: every row, statuses, token ids, transactions; formulas escaped.
    const resultsPath = path.join(dir, "recipients.type-7.results.csv");
    assert.ok(existsSync(resultsPath));
    const results = parseRecipientsCsv(readFileSync(resultsPath));
    assert.equal(results.rows.length, 1000);
    const status = results.header.indexOf("status");
    const counts = new Map<string, number>();
    for (const r of results.rows) counts.set(r.cells[status]!, (counts.get(r.cells[status]!) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), { issued: 980, invalid: 20 });
    const tokenIds = results.rows.map((r) => r.cells[results.header.indexOf("token_id")]).filter(Boolean);
    assert.equal(new Set(tokenIds).size, 980);
    const raw = readFileSync(resultsPath, "utf8");
    assert.ok(!/(^|,)=cmd/m.test(raw), "a formula reached the results unescaped");
    assert.match(raw, /"'=cmd\|' \/C calc'!A0"/);

    // Running it once more sends nothing.
    const before = await client.getBlockNumber();
    const third = await cli(["--type", TYPE, "--file", file, "--yes"]).done;
    assert.equal(third.code, 0, third.out);
    assert.match(third.out, /Nothing to send\./);
    assert.equal(await client.getBlockNumber(), before);
  });

  it("says what is wrong with an empty file and a missing key", async () => {
    writeFileSync(path.join(dir, "empty.csv"), "");
    const empty = await cli(["--type", TYPE, "--file", path.join(dir, "empty.csv"), "--dry-run"]).done;
    assert.equal(empty.code, 1);
    assert.match(empty.out, /The file is empty\./);
    const noKey = await cli(["--type", TYPE, "--file", file, "--dry-run"], "").done;
    assert.equal(noKey.code, 1);
    assert.match(
      noKey.out,
      /No issuer key: set the ISSUER_PRIVATE_KEY environment variable, or run `npx hardhat vars set ISSUER_PRIVATE_KEY`\./,
    );
  });
});
