/**
 * `pnpm bench:csv`: the bulk-issuance engine on 10,000 rows, on the in-process Hardhat network.
 *   - parse + offline checks of the CSV (median of 5 runs);
 *   - the whole preparation: parse, checks, on-chain reads for every recipient, plan (median of 3);
 *   - issuing all 10,000: transactions, total gas (a count, from the receipts), and wall time.
 * Timings depend on the machine; write them down with the machine they came from. Results go
 * to bench/results/bulk.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { createPublicClient, createWalletClient, custom, getAddress, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import {
  issuerNameKey,
  checkRowsOffline,
  jobResults,
  parseRecipientsCsv,
  prepareBulkIssue,
  runIssuance,
  type JobState,
  type JobStore,
} from "@onchaincert/sdk";

import { typeInput } from "../test/helpers/fixtures";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
// Default rows: half with an evidence URL, a quarter with their own expiry. BENCH_PLAIN=1: neither.
const PLAIN = process.env.BENCH_PLAIN === "1";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function csvBytes(): Uint8Array {
  const lines = ["recipient,valid_until,evidence,name,cohort"];
  for (let i = 0; i < ROWS; i++) {
    const who = getAddress(`0x${(0xb0000000 + i).toString(16).padStart(40, "0")}`);
    const until = !PLAIN && i % 4 === 0 ? "2029-06-30" : "";
    const evidence = !PLAIN && i % 2 === 0 ? `https://lms.example/assessments/${i}` : "";
    lines.push(`${who},${until},${evidence},"Learner ${i}, Example",2026-B`);
  }
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

async function main() {
  const bytes = csvBytes();
  const now = Math.floor(Date.now() / 1000);

  const offline: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const csv = parseRecipientsCsv(bytes);
    const outcomes = checkRowsOffline(csv.rows, now);
    offline.push(performance.now() - t0);
    if (outcomes.some((o) => o.status !== "ready")) throw new Error("every benchmark row should be valid");
  }

  const [admin, issuerSigner] = await ethers.getSigners();
  const renderer = await ethers.deployContract("CredentialRenderer");
  const registryContract = await ethers.deployContract("CredentialRegistry", [
    admin!.address,
    3 * 86_400,
    "OnChainCert Credential",
    "OCC",
    "",
    await renderer.getAddress(),
  ]);
  await registryContract.registerIssuer(issuerSigner!.address, "Bench Academy", issuerNameKey("Bench Academy"), "");
  await registryContract.connect(issuerSigner!).createCredentialType(typeInput());
  const registry = getAddress(await registryContract.getAddress());
  const issuer = getAddress(issuerSigner!.address);
  const client = createPublicClient({
    chain: hardhat,
    transport: custom(hre.network.provider),
    pollingInterval: 10,
  }) as PublicClient;
  const wallet = createWalletClient({ chain: hardhat, transport: custom(hre.network.provider), account: issuer });

  let saved: JobState | undefined;
  const store: JobStore = {
    load: async () => (saved ? structuredClone(saved) : undefined),
    save: async (s) => void (saved = structuredClone(s)),
  };
  const prepareRuns: number[] = [];
  let prepared: Awaited<ReturnType<typeof prepareBulkIssue>> | undefined;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    prepared = await prepareBulkIssue({ client, chainId: 31337, registry, typeId: 1n, issuer, bytes, store });
    prepareRuns.push(performance.now() - t0);
  }
  const p = prepared!;
  if (p.error !== undefined) throw new Error(p.error);

  const t0 = performance.now();
  const state = await runIssuance({
    client,
    registry,
    typeId: 1n,
    issuer,
    rows: p.validation.ready,
    plan: p.plan,
    state: p.state,
    store,
    send: (request) => wallet.writeContract(request),
  });
  const sendMs = performance.now() - t0;
  const gasUsed = state.chunks.reduce((sum, c) => sum + BigInt(c.gasUsed ?? 0), 0n);
  const results = jobResults(p.csv, p.validation, state);
  const issued = results.filter((r) => r.status === "issued").length;
  const totalIssued = await registryContract.totalIssued();
  if (issued !== ROWS || totalIssued !== BigInt(ROWS))
    throw new Error(`issued ${issued}, registry says ${totalIssued}`);

  const report = {
    rows: ROWS,
    rowShape: PLAIN
      ? "no evidence, type's default expiry"
      : "half with an evidence URL, a quarter with their own expiry",
    machine: `${process.platform} ${process.arch}, node ${process.version}, ${(await import("node:os")).cpus().length} cores`,
    parseAndCheckOfflineMs: { median: Math.round(median(offline)), runs: offline.map(Math.round) },
    prepareWithChainReadsMs: { median: Math.round(median(prepareRuns)), runs: prepareRuns.map(Math.round) },
    plan: {
      chunkSize: p.plan.chunkSize,
      transactions: p.plan.transactions,
      estimatedGas: p.plan.totalGas.toString(),
      fixedGas: p.plan.fixedGas.toString(),
      gasPerRow: p.plan.gasPerRow.toString(),
    },
    issued: {
      transactions: state.chunks.length,
      totalGas: gasUsed.toString(),
      gasPerCredential: Number(gasUsed / BigInt(ROWS)),
      largestTransactionGas: Math.max(...state.chunks.map((c) => Number(c.gasUsed))),
      wallMs: Math.round(sendMs),
    },
  };
  console.log(JSON.stringify(report, null, 2));
  const out = path.join(__dirname, "..", "bench", "results", PLAIN ? "bulk-plain.json" : "bulk.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
