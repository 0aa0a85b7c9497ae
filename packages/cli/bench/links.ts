/**
 * `pnpm bench:links`: how long making a claim round's links takes, as `pnpm issue:csv
 * --claim-links` makes them (native libsecp256k1 and keccak), and in the browser's engine (noble,
 * pure JavaScript): parse the CSV, check every row, derive every key, the leaves and the tree, and
 * write the results file with one claim URL per row. Three runs each; the median goes to
 * bench/results/links.json and docs/claim-links.md. Wall-clock figures, so never a test.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import {
  buildRound,
  checkLinkRows,
  linksCsv,
  newRoundSeed,
  nobleCrypto,
  parseLinksCsv,
  type ClaimCrypto,
} from "@onchaincert/sdk";

import { nativeCrypto } from "../src/native-crypto";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const dir = mkdtempSync(path.join(tmpdir(), "occ-bench-links-"));

function csvOf(rows: number): string {
  const lines = ["email,name,valid_until,evidence"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `p${i}@example.edu,Person ${i},${i % 7 === 0 ? "2031-01-31" : ""},${i % 3 === 0 ? `https://lms.example/a/${i}` : ""}`,
    );
  }
  return lines.join("\n") + "\n";
}

async function once(rows: number, crypto: ClaimCrypto) {
  const file = path.join(dir, `people-${rows}.csv`);
  writeFileSync(file, csvOf(rows));
  const t: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    t[name] = Math.round(now - mark);
    mark = now;
  };
  const started = mark;
  const csv = parseLinksCsv(readFileSync(file));
  lap("parseMs");
  const outcomes = checkLinkRows(csv.rows, Math.floor(Date.now() / 1000));
  const ready = outcomes.flatMap((o) => (o.status === "ready" ? [o.ready] : []));
  lap("checkMs");
  const built = await buildRound(newRoundSeed(), ready, { crypto });
  lap("keysAndTreeMs");
  const text = linksCsv(csv, outcomes, { appBase: "https://app.example", chainId: 31337, roundId: 1n, built });
  writeFileSync(path.join(dir, "links.csv"), text);
  lap("resultsFileMs");
  t.totalMs = Math.round(performance.now() - started);
  t.resultsFileBytes = text.length;
  return t;
}

async function median(rows: number, crypto: ClaimCrypto, runs = 3) {
  const all: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) all.push(await once(rows, crypto));
  const byTotal = [...all].sort((a, b) => a.totalMs! - b.totalMs!);
  return { median: byTotal[Math.floor(runs / 2)]!, totalsMs: all.map((a) => a.totalMs!) };
}

const cli100k = await median(100_000, nativeCrypto);
console.log("CLI engine, 100,000 rows:", cli100k);
const browser10k = await median(10_000, nobleCrypto);
console.log("browser engine (noble), 10,000 rows:", browser10k);
const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  goalMs: 20_000,
  cli100000: cli100k,
  browser10000: browser10k,
};
const out = path.join(ROOT, "bench", "results", "links.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
console.log(`written to ${path.relative(process.cwd(), out)}`);
if (cli100k.median.totalMs! > results.goalMs) {
  console.error(`Making 100,000 links took ${cli100k.median.totalMs} ms, over the ${results.goalMs} ms goal.`);
  process.exit(1);
}
