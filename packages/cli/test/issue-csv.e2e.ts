/**
 * `pnpm issue:csv` end to end, as an issuer runs it: the local chain from `pnpm dev` (without the
 * dApp) on spare ports, a 1,000-row CSV with 20 bad rows, the process killed (SIGKILL) after its
 * second transaction, the same command run again, and the chain checked: exactly the 980 valid
 * recipients hold exactly one credential each.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, createWalletClient, getAddress, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  claimRequest,
  credentialRegistryAbi,
  decodeClaimCode,
  deployments,
  describeError,
  encodeSponsorRequest,
  issuerNameKey,
  parseLinksCsv,
  parseRecipientsCsv,
  sponsorRequest,
} from "@onchaincert/sdk";

import { freePort, spawnGroup, stopGroup, waitForOutput } from "../../../scripts/lib/processes";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
// A port the OS says is free: a busy port on a shared machine cannot fail the run.
const PORT = await freePort();
const RPC = `http://127.0.0.1:${PORT}`;
const REGISTRY = deployments[31337].CredentialRegistry;
// Demo accounts (Hardhat's well-known keys): Northwind issues type #7; #10 is no issuer.
const NORTHWIND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ADMIN_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const STRANGER_KEY = "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897";
const TYPE = "7";

const client = createPublicClient({ transport: http(RPC) });
let chain: ChildProcess;
const dir = mkdtempSync(path.join(tmpdir(), "occ-cli-e2e-"));

/** Runs the CLI as a person would (`pnpm issue:csv …`) and collects its output. */
const started: ChildProcess[] = [];

function cli(
  args: string[],
  key = NORTHWIND_KEY,
  env: Record<string, string> = {},
  script = "issue:csv",
): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  // Its own process group, so a test can kill pnpm and the CLI under it at once.
  const child = spawnGroup("pnpm", ["--silent", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ISSUER_PRIVATE_KEY: key, HARDHAT_LOCALHOST_URL: RPC, ...env },
  });
  started.push(child);
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, out })),
  );
  // Whatever a run prints, it never prints the key it used.
  const checked = done.then((result) => {
    if (key && result.out.toLowerCase().includes(key.slice(2).toLowerCase())) {
      throw new Error(`the output of \`pnpm ${script} ${args.join(" ")}\` contains its private key`);
    }
    return result;
  });
  return { child, done: checked };
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
  chain = spawnGroup("pnpm", ["dev"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), DEV_WEB: "0", DEV_INDEXER: "0" },
  });
  await waitForOutput(chain, "Press Ctrl-C", 120_000);
});

after(async () => {
  // Every process the tests started, and everything under them, is gone before the file ends.
  await Promise.all([...started.map((c) => stopGroup(c, "SIGKILL")), stopGroup(chain, "SIGINT")]);
});

describe("pnpm issue:csv", () => {
  const { file, valid } = writeCsv();

  it("dry run: reports every bad row and the plan, and sends nothing", async () => {
    const before = await client.getBlockNumber({ cacheTime: 0 });
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
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), before);
  });

  it("refuses an account that may not issue the type, before sending anything", async () => {
    const before = await client.getBlockNumber({ cacheTime: 0 });
    const { code, out } = await cli(["--type", TYPE, "--file", file, "--yes"], STRANGER_KEY).done;
    assert.equal(code, 1, out);
    const stranger = privateKeyToAccount(STRANGER_KEY).address;
    assert.match(out, new RegExp(`${stranger} may not issue credential type #7 \\(Python for Analysts\\)`));
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), before);
  });

  it("killed after its second transaction, resumes: the 980 valid recipients hold exactly one credential each", async () => {
    const issuedBefore = await read<bigint>("totalIssued", []);
    const first = cli(["--type", TYPE, "--file", file, "--yes", "--max-batch", "100"]);
    await waitForOutput(first.child, "transaction 2/10 confirmed", 60_000);
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
    const before = await client.getBlockNumber({ cacheTime: 0 });
    const third = await cli(["--type", TYPE, "--file", file, "--yes"]).done;
    assert.equal(third.code, 0, third.out);
    assert.match(third.out, /Nothing to send\./);
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), before);
  });

  it("prints the RPC's origin only, never its path or query (API keys) nor the key, reachable or not", async () => {
    const secretRpc = `${RPC}/v3/SECRETPROJECTID?apikey=SECRETQUERYKEY`;
    const reachable = await cli(["--type", TYPE, "--file", file, "--dry-run", "--network", "custom"], NORTHWIND_KEY, {
      RPC_URL: secretRpc,
    }).done;
    assert.equal(reachable.code, 0, reachable.out);
    assert.match(reachable.out, new RegExp(`network +custom \\(chain 31337, http://127\\.0\\.0\\.1:${PORT}\\)`));
    const unreachable = await cli(["--type", TYPE, "--file", file, "--dry-run", "--network", "custom"], NORTHWIND_KEY, {
      RPC_URL: "http://127.0.0.1:9/v3/SECRETPROJECTID?apikey=SECRETQUERYKEY",
    }).done;
    assert.equal(unreachable.code, 1, unreachable.out);
    assert.match(unreachable.out, /Could not reach the RPC at http:\/\/127\.0\.0\.1:9: /);
    const verify = await cli(["0x000000000000000000000000000000000000dEaD", secretRpc], "", {}, "verify:address").done;
    assert.equal(verify.code, 0, verify.out);
    // No chain on the port: the URL it tried, and how to start one.
    const noChain = await cli(
      ["0x000000000000000000000000000000000000dEaD"],
      "",
      { PORT: "9", HARDHAT_LOCALHOST_URL: "" },
      "verify:address",
    ).done;
    assert.equal(noChain.code, 1, noChain.out);
    assert.match(
      noChain.out,
      /Could not reach the RPC at http:\/\/127\.0\.0\.1:9: .* Start it with `pnpm dev` in another terminal \(for another port, run both with the same PORT=<port>\)/,
    );
    const malformed = await cli(["0x12345"], "", {}, "verify:address").done;
    assert.equal(malformed.code, 2, malformed.out);
    assert.match(
      malformed.out,
      /“0x12345”: That is not an Ethereum address: it has 5 hexadecimal characters after 0x, and an address has 40\./,
    );
    const ens = await cli(["northwind.eth"], "", { RPC_URL_1: "" }, "verify:address").done;
    assert.equal(ens.code, 2, ens.out);
    assert.match(
      ens.out,
      /northwind\.eth looks like an ENS name\. .* set RPC_URL_1 to a mainnet RPC URL, or pass the 0x address\./,
    );
    // A mainnet RPC that is not on mainnet does not answer for ENS names.
    const notMainnet = await cli(["northwind.eth"], "", { RPC_URL_1: `${RPC}/v3/SECRETPROJECTID` }, "verify:address")
      .done;
    assert.equal(notMainnet.code, 2, notMainnet.out);
    assert.match(
      notMainnet.out,
      new RegExp(`RPC_URL_1 \\(http://127\\.0\\.0\\.1:${PORT}\\) is chain 31337, not Ethereum mainnet \\(chain 1\\)`),
    );
    for (const out of [reachable.out, unreachable.out, verify.out, notMainnet.out]) {
      assert.doesNotMatch(out, /SECRETPROJECTID|SECRETQUERYKEY/);
      assert.ok(!out.toLowerCase().includes(NORTHWIND_KEY.slice(2)), "the private key was printed");
    }
  });

  it("prints text from the chain and from the CSV inert: a hostile note cannot turn Revoked into Valid", async () => {
    const wallet = createWalletClient({ account: privateKeyToAccount(NORTHWIND_KEY), transport: http(RPC) });
    const holder = learner(9_000);
    const write = async (functionName: string, args: readonly unknown[]) => {
      const hash = await wallet.writeContract({
        address: REGISTRY,
        abi: credentialRegistryAbi,
        functionName,
        args,
        chain: null,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function of the ABI, by name
      } as any);
      await client.waitForTransactionReceipt({ hash });
    };
    await write("issue", [BigInt(TYPE), holder, 0n, `0x${"00".repeat(32)}`]);
    const tokenId = await read<bigint>("totalIssued", []);
    // Erase the line, move up, print "Valid", then reverse the rest of the line.
    await write("revoke", [tokenId, 3, "\x1b[2K\r\x1b[1A  #1 Valid \u202e"]);

    const { code, out } = await cli([holder, RPC], "", {}, "verify:address").done;
    assert.equal(code, 0, out);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(out, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    assert.match(
      out,
      new RegExp(`#${tokenId} Revoked \\(Misconduct: \\\\x1b\\[2K\\\\x0d\\\\x1b\\[1A {2}#1 Valid \\\\u202e\\)`),
    );

    const hostileCsv = path.join(dir, "hostile.csv");
    writeFileSync(hostileCsv, `recipient,valid_until\n${learner(9_001)},\u001b[2J2027-01-01\u202e\n`);
    const csvRun = await cli(["--type", TYPE, "--file", hostileCsv, "--dry-run"]).done;
    assert.equal(csvRun.code, 0, csvRun.out);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(csvRun.out, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    assert.match(csvRun.out, /row 2 +“\\x1b\[2J2027-01-01\\u202e” is not a date/);
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

describe("pnpm verify:csv", () => {
  const ALICE = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
  const BOB = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
  const EVE = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";

  it("checks a CSV of candidates against a requirement file at one block and writes the results, bad rows kept", async () => {
    const requirement = path.join(dir, "requirement.json");
    writeFileSync(requirement, JSON.stringify({ name: "Analyst", allOf: [7] }));
    const candidates = path.join(dir, "candidates.csv");
    writeFileSync(candidates, `name,wallet\nAlice,${ALICE}\nBob,${BOB}\nEve,${EVE}\n"=cmd()",0x12\n`);
    const run = await cli(["--requirement", requirement, "--file", candidates], "", {}, "verify:csv").done;
    assert.equal(run.code, 1, run.out);
    assert.match(
      run.out,
      /^Requirement: Python for Analysts \(Northwind Institute of Technology, #7\); valid when checked\.$/m,
    );
    assert.match(
      run.out,
      /4 candidate\(s\) checked in [\d.]+ s at block \d+ .*: 1 passed, 2 did not, 1 row\(s\) could not be checked\./,
    );
    assert.match(run.out, /row 5: That is not an Ethereum address/);
    const results = readFileSync(path.join(dir, "candidates.results.csv"), "utf8").split("\r\n");
    assert.deepEqual(results.slice(0, 2), [
      `row,address,result,"Python for Analysts (Northwind Institute of Technology, #7)",missing`,
      `2,${ALICE},Fail,not held,"Python for Analysts (Northwind Institute of Technology, #7): not held"`,
    ]);
    assert.match(results[2]!, new RegExp(`^3,${BOB},Pass,credential #\\d+,$`));
    assert.match(results[3]!, new RegExp(`^4,${EVE},Fail,held but expired on \\d{4}-\\d\\d-\\d\\d,`));
    assert.match(results[4]!, /^5,0x12,Not checked,,"That is not an Ethereum address/);
    assert.doesNotMatch(run.out, /look-alike/);
    // The text of a link's ?req= works too, and every candidate passing exits 0.
    writeFileSync(candidates, `address\n${BOB}\n`);
    const text = await cli(["--requirement", "all:7", "--file", candidates], "", {}, "verify:csv").done;
    assert.equal(text.code, 0, text.out);

    // An impostor registers Northwind's name with a lower-case L for the I: a requirement that
    // counts Northwind's credentials says so before the results.
    const admin = createWalletClient({ account: privateKeyToAccount(ADMIN_KEY), transport: http(RPC) });
    const impostor = "0x2546BcD3c84621e976D8185a91A922aE77ECEc30"; // Hardhat account #16
    const name = "Northwind lnstitute of Technology";
    const hash = await admin.writeContract({
      address: REGISTRY,
      abi: credentialRegistryAbi,
      functionName: "registerIssuer",
      args: [impostor, name, issuerNameKey(name), ""],
      chain: null,
    });
    assert.equal((await client.waitForTransactionReceipt({ hash })).status, "success");
    const warned = await cli(["--requirement", "all:7", "--file", candidates], "", {}, "verify:csv").done;
    assert.equal(warned.code, 0, warned.out);
    assert.match(
      warned.out,
      new RegExp(
        `^Warning — look-alike name: this requirement names Northwind Institute of Technology \\(issuer #1, 0x70997970C51812dc3A010C7d01b50e0d17dc79C8\\), which looks like Northwind lnstitute of Technology \\(issuer #\\d+, ${impostor}\\), a different issuer\\. Make sure you chose the one you mean\\.$`,
        "m",
      ),
    );
    // Bob's credential counted from the issuer with a look-alike: his row says so.
    assert.match(
      warned.out,
      /^1 candidate\(s\) with a warning about a credential that counted \(its issuer suspended or with a look-alike name/m,
    );
    const rows = readFileSync(path.join(dir, "candidates.results.csv"), "utf8").split("\r\n");
    assert.match(rows[0]!, /,missing,warnings$/);
    assert.match(
      rows[1]!,
      new RegExp(
        `^2,${BOB},Pass,credential #\\d+,,"Credential #\\d+ counted from Northwind Institute of Technology \\(issuer #1\\), whose name looks like Northwind lnstitute of Technology \\(issuer #\\d+\\): a different issuer\\. Check it is the one you mean\\."$`,
      ),
    );
  });

  it("refuses a requirement that is not one, a missing file and a missing argument, with a sentence", async () => {
    const candidates = path.join(dir, "candidates.csv");
    const bad = await cli(["--requirement", "all:7;on:2026-02-30", "--file", candidates], "", {}, "verify:csv").done;
    assert.equal(bad.code, 2);
    assert.match(bad.out, /The requirement: “2026-02-30” is not a date: write it as YYYY-MM-DD\./);
    const missing = await cli(["--requirement", "nowhere.json", "--file", candidates], "", {}, "verify:csv").done;
    assert.equal(missing.code, 2);
    assert.match(missing.out, /The requirement: there is no file .*nowhere\.json/);
    const usage = await cli(["--file", candidates], "", {}, "verify:csv").done;
    assert.equal(usage.code, 2);
    assert.match(usage.out, /Usage: pnpm verify:csv --requirement/);
  });
});

describe("pnpm issue:csv --claim-links", () => {
  /** A file of `rows` people (every 7th with an end date, every 3rd with evidence), a duplicate and an invalid row. */
  function peopleCsv(name: string, rows: number): string {
    const lines = ["email,name,valid_until,evidence"];
    for (let i = 0; i < rows; i++) {
      lines.push(
        `p${i}@example.edu,Person ${i},${i % 7 === 0 ? "2031-01-31" : ""},${i % 3 === 0 ? `https://lms.example/a/${i}` : ""}`,
      );
    }
    lines.push("p5@example.edu,Person 5,,", "bad@example.edu,Bad,2020-01-01,");
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, lines.join("\n") + "\n");
    return file;
  }

  it("stopped while making links, resumes with the same secret; run again without its results, makes the same links and sends nothing", async () => {
    // 40,000 rows: after the first progress line (4,000 made) the run has 36,000 links still to
    // make before it could send anything, seconds even on an idle machine, so the kill lands first
    // however busy the other lane keeps the machine. (Block numbers here are read with
    // cacheTime 0: viem otherwise answers from a 4-second cache, which once failed this test.)
    const file = peopleCsv("cohort", 40_000);
    const links = path.join(dir, "cohort.type-7.links.csv");
    const job = path.join(dir, "cohort.type-7.claims.json");
    const first = cli(["--claim-links", "--type", TYPE, "--file", file, "--yes"]);
    await waitForOutput(first.child, "Making links: 4,000/40,000", 120_000);
    process.kill(-first.child.pid!, "SIGKILL");
    await first.done;
    const seed = (JSON.parse(readFileSync(job, "utf8")) as { seed: string }).seed;
    assert.match(seed, /^0x[0-9a-f]{64}$/);
    assert.equal(existsSync(links), false);

    const blockBefore = await client.getBlockNumber({ cacheTime: 0 });
    // Links that are not full web addresses (mailed, they would open nothing) are not made.
    const relative = await cli(["--claim-links", "--type", TYPE, "--file", file, "--yes", "--app-url", "/app"]).done;
    assert.equal(relative.code, 1, relative.out);
    assert.match(
      relative.out,
      /The links' address would be “\/app”, not an http\(s\) URL: say where the dApp is with --app-url/,
    );
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), blockBefore);
    const second = await cli(["--claim-links", "--type", TYPE, "--file", file, "--yes"]).done;
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /Validation: 40,002 rows — 40,000 get a link, 2 invalid\./);
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), blockBefore + 1n);
    assert.equal((JSON.parse(readFileSync(job, "utf8")) as { seed: string }).seed, seed);
    const made = readFileSync(links, "utf8");

    // The results file lost: the same command makes the same links, finds the round, sends nothing.
    rmSync(links);
    const third = await cli(["--claim-links", "--type", TYPE, "--file", file, "--yes"]).done;
    assert.equal(third.code, 0, third.out);
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), blockBefore + 1n);
    assert.equal(readFileSync(links, "utf8"), made);
    assert.equal(statSync(links).mode & 0o777, 0o600);
    assert.equal(statSync(job).mode & 0o777, 0o600);
  });

  it("pnpm claim:sponsor sends 30 recipients' sponsor requests in two transactions, refuses bad lines with a sentence, and sends nothing twice", async () => {
    // Recipients of the cohort's round (the test above) made sponsor requests for their addresses;
    // someone who is no issuer pays.
    const results = parseLinksCsv(readFileSync(path.join(dir, "cohort.type-7.links.csv"), "utf8"));
    const url = (i: number) => results.rows[i]!.cells[results.header.indexOf("claim_url")]!;
    const claims = deployments[31337].CredentialClaims as Address;
    const to = (i: number) => getAddress(`0x${(0x5b0a0000 + i).toString(16).padStart(40, "0")}`);
    const requests: string[] = [];
    for (let i = 10; i < 40; i++) {
      const decoded = decodeClaimCode(url(i).split("#")[1]!);
      assert.ok("link" in decoded);
      requests.push(encodeSponsorRequest(await sponsorRequest(decoded.link, claims, to(i))));
    }
    const file = path.join(dir, "requests.csv");
    writeFileSync(
      file,
      [
        "email,request",
        ...requests.map((r, k) => `p${k + 10}@example.edu,${r}`),
        `p41@example.edu,${url(41)}`, // the link itself, not a request
        "p42@example.edu,occ-sponsor-1.AAAA",
        `p10-again@example.edu,${requests[0]}`,
      ].join("\n") + "\n",
    );
    const blockBefore = await client.getBlockNumber({ cacheTime: 0 });
    const run = await cli(["--file", file, "--yes"], STRANGER_KEY, {}, "claim:sponsor").done;
    assert.equal(run.code, 1, run.out); // some lines were refused
    assert.match(run.out, /Checked: 33 requests — 30 ready, 3 refused\./);
    assert.match(run.out, /line 32 +This is a claim link, not a sponsor request\./);
    assert.match(run.out, /line 33 +This sponsor request is incomplete or damaged/);
    assert.match(run.out, /line 34 +Link 10 of round \d+ is already in this list\./);
    assert.match(run.out, /Plan: 30 claims in 2 transactions of up to 25\./);
    assert.match(run.out, /Done: 30 claimed, 3 refused\./);
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), blockBefore + 2n);
    for (let i = 10; i < 40; i++) assert.equal(await read<boolean>("hasValidCredential", [to(i), BigInt(TYPE)]), true);
    const written = readFileSync(path.join(dir, "requests.results.csv"), "utf8").trim().split("\r\n");
    assert.equal(written.length, 34);
    assert.match(written[1]!, new RegExp(`^2,${to(10)},\\d+,10,claimed,\\d+,0x[0-9a-f]{64}$`));

    // Again: every link is claimed already; nothing is sent, and the results keep what was sent,
    // each claim checked on the chain (its LinkClaimed names the request's recipient).
    const again = await cli(["--file", file, "--yes"], STRANGER_KEY, {}, "claim:sponsor").done;
    assert.equal(again.code, 1, again.out); // the same three bad lines
    assert.match(again.out, /Checked: 33 requests — 0 ready, 30 claimed earlier for their recipient, 3 refused\./);
    assert.doesNotMatch(again.out, /line 2 /);
    assert.match(again.out, /line 34 +Link 10 of round \d+ is already in this list\./);
    assert.match(again.out, /Nothing to send\./);
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), blockBefore + 2n);
    const rewritten = readFileSync(path.join(dir, "requests.results.csv"), "utf8").trim().split("\r\n");
    assert.equal(rewritten.length, 34);
    assert.equal(rewritten[1], written[1]!.replace(",claimed,", ",claimed earlier,"));
    assert.deepEqual(rewritten.slice(31), written.slice(31));

    // Only the good lines, with no results file: nothing to send, nothing refused, each claim and
    // its transaction found in the round's logs; a transaction planted in the results file is
    // checked against its receipt and replaced.
    const good = path.join(dir, "requests-good.txt");
    writeFileSync(good, requests.slice(0, 5).join("\n") + "\n");
    const goodResults = path.join(dir, "requests-good.results.csv");
    const goodRun = await cli(["--file", good, "--yes"], STRANGER_KEY, {}, "claim:sponsor").done;
    assert.equal(goodRun.code, 0, goodRun.out);
    assert.match(goodRun.out, /Checked: 5 requests — 0 ready, 5 claimed earlier for their recipient, 0 refused\./);
    const firstGood = readFileSync(goodResults, "utf8").split("\r\n");
    assert.equal(firstGood[1], rewritten[1]!.replace(/^2,/, "1,"));
    writeFileSync(goodResults, firstGood.join("\r\n").replace(/0x[0-9a-f]{64}/, `0x${"ab".repeat(32)}`));
    const planted = await cli(["--file", good, "--yes"], STRANGER_KEY, {}, "claim:sponsor").done;
    assert.equal(planted.code, 0, planted.out);
    assert.deepEqual(readFileSync(goodResults, "utf8").split("\r\n"), firstGood);
  });

  it("makes 100,000 links in one transaction, and a sample of them claims on the chain", async () => {
    const file = peopleCsv("people", 100_000);
    const links = path.join(dir, "people.type-7.links.csv");
    const blockBefore = await client.getBlockNumber({ cacheTime: 0 });
    const second = await cli(["--claim-links", "--type", TYPE, "--file", file, "--yes"]).done;
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /Validation: 100,002 rows — 100,000 get a link, 2 invalid\./);
    assert.match(second.out, /Duplicate: the same as row 7\./);
    const round = /Round #(\d+) opened in 0x[0-9a-f]{64} \(([\d,]+) gas\)/.exec(second.out);
    assert.ok(round, second.out);
    assert.ok(Number(round[2]!.replace(/,/g, "")) <= 100_000, `opening the round took ${round[2]} gas`);
    assert.equal(await client.getBlockNumber({ cacheTime: 0 }), blockBefore + 1n);
    const made = readFileSync(links, "utf8");

    // A sample of links claimed on the chain, to new addresses, by a sponsor.
    const results = parseLinksCsv(made);
    assert.equal(results.rows.length, 100_002);
    const column = (name: string) => results.header.indexOf(name);
    const sponsor = createWalletClient({ account: privateKeyToAccount(NORTHWIND_KEY), transport: http(RPC) });
    const claims = deployments[31337].CredentialClaims as Address;
    for (const i of [0, 1, 7, 54_321, 99_999]) {
      const row = results.rows[i]!;
      const url = row.cells[column("claim_url")]!;
      assert.match(url, /^http:\/\/[^/]+\/claim#[A-Za-z0-9_-]+$/);
      const decoded = decodeClaimCode(url.split("#")[1]!);
      assert.ok("link" in decoded);
      const to = getAddress(`0x${(0xc1a10000 + i).toString(16).padStart(40, "0")}`);
      const hash = await sponsor.writeContract({ ...(await claimRequest(decoded.link, claims, to)), chain: null });
      const receipt = await client.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, "success");
      const tokenId = await read<bigint>("latestCredentialOf", [to, BigInt(TYPE)]);
      const record = await read<{ status: number; typeId: bigint; validUntil: bigint; evidenceHash: string }>(
        "credentialRecord",
        [tokenId],
      );
      assert.equal(record.status, 1);
      assert.equal(record.typeId, 7n);
      if (i % 7 === 0)
        assert.equal(new Date(Number(record.validUntil) * 1000).toISOString().slice(0, 10), "2031-01-31");
      assert.equal(BigInt(record.evidenceHash) !== 0n, i % 3 === 0);
      // A link claims once.
      await assert.rejects(
        client.simulateContract({ ...(await claimRequest(decoded.link, claims, to)), account: sponsor.account }),
        (e: unknown) => /already claimed/.test(describeError(e)),
      );
    }
  });
});
