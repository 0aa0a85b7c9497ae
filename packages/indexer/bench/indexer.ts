/**
 * `pnpm bench:indexer`: the indexer's goals, measured on this machine.
 *   1. Catch-up: 100,000 credentials bulk-seeded on the local chain (Northwind's type #7, in
 *      batches of 320, as many per block as its gas limit takes), then a fresh indexer (PGlite) started and timed until
 *      it has the chain's head: credentials per second.
 *   2. The issuer list over those rows: the first page, and a search by recipient (p95 of 200).
 *   3. A new event's delay: from a revocation's receipt to the API showing it (20 of them).
 *   4. Reconciliation of all of it with the chain, timed.
 * BENCH_CREDENTIALS sets another count. Results: bench/results/indexer.json (and printed).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  http,
  type Address,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { credentialRegistryAbi, deployments, fetchCredentialEvents, fetchIssued } from "@onchaincert/sdk";

import { freePorts, spawnGroup, stopGroup, waitForOutput } from "../../../scripts/lib/processes";
import { reconcile } from "../src/reconcile";
import { startIndexer, waitForBlock } from "../src/run";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const COUNT = Number(process.env.BENCH_CREDENTIALS ?? 100_000);
const BATCH = 320;
/** A full batch to 320 new holders takes about 15.6M gas (bench/results/gas.json). */
const BATCH_GAS = 16_000_000n;
const NORTHWIND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const REGISTRY = deployments[31337].CredentialRegistry;
const TYPE = 7n;

const [chainPort, indexPort] = await freePorts(2);
const RPC = `http://127.0.0.1:${chainPort}`;
const client = createPublicClient({ transport: http(RPC) }) as PublicClient;
const northwind = createWalletClient({ account: privateKeyToAccount(NORTHWIND_KEY), transport: http(RPC) });
const dir = mkdtempSync(path.join(tmpdir(), "occ-bench-indexer-"));

const recipient = (i: number): Address => getAddress(`0x${(0xfeed000000 + i).toString(16).padStart(40, "0")}`);

async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(RPC, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

function summary(times: number[]) {
  return {
    runs: times.length,
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: percentile(times, 100),
  };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

/** Seeds COUNT credentials: batches of 320, as many a block as its gas limit takes, mined by hand. */
async function seed(): Promise<void> {
  const PER_BLOCK = Math.max(1, Number((await client.getBlock()).gasLimit / BATCH_GAS));
  console.log(`  ${PER_BLOCK} batch(es) of ${BATCH} a block`);
  await rpc("evm_setAutomine", [false]);
  let nonce = await client.getTransactionCount({ address: northwind.account.address, blockTag: "pending" });
  let sent = 0;
  const started = performance.now();
  for (let first = 0; first < COUNT; first += BATCH * PER_BLOCK) {
    for (let b = 0; b < PER_BLOCK && first + b * BATCH < COUNT; b++) {
      const from = first + b * BATCH;
      const recipients = Array.from({ length: Math.min(BATCH, COUNT - from) }, (_, i) => recipient(from + i));
      await northwind.sendTransaction({
        to: REGISTRY,
        data: encodeFunctionData({
          abi: credentialRegistryAbi,
          functionName: "issueBatch",
          args: [TYPE, recipients, [], []],
        }),
        gas: BATCH_GAS,
        nonce: nonce++,
        chain: null,
      });
      sent += recipients.length;
    }
    await rpc("evm_mine");
    if ((first / (BATCH * PER_BLOCK)) % 20 === 0) process.stdout.write(`\r  seeded ${sent.toLocaleString("en-US")} …`);
  }
  await rpc("evm_setAutomine", [true]);
  // Ponder treats the newest 30 blocks of this chain as not yet final and indexes them one by one,
  // as it does live blocks: 30 empty blocks make the seeded history final, as a real chain's is.
  // (evm_mine, not hardhat_mine: Hardhat reports a zero parent hash for hardhat_mine's first block.)
  for (let i = 0; i < 30; i++) await rpc("evm_mine");
  console.log(
    `\r  seeded ${sent.toLocaleString("en-US")} credentials in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function main() {
  console.log(`Starting the local chain (pnpm dev, chain only) …`);
  const chain = spawnGroup("pnpm", ["dev"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(chainPort), DEV_WEB: "0", DEV_INDEXER: "0" },
  });
  let indexer: ReturnType<typeof startIndexer> | undefined;
  try {
    await waitForOutput(chain, "Press Ctrl-C", 180_000);
    console.log(`Seeding ${COUNT.toLocaleString("en-US")} credentials …`);
    await seed();
    const head = await client.getBlockNumber({ cacheTime: 0 });
    const total = await client.readContract({
      address: REGISTRY,
      abi: credentialRegistryAbi,
      functionName: "totalIssued",
    });
    const receipts = await client.getTransactionCount({ address: northwind.account.address });
    console.log(
      `  chain head: block ${head}, ${total.toLocaleString("en-US")} credentials, Northwind's nonce ${receipts}`,
    );

    console.log("Catch-up: a fresh indexer (PGlite) until it has the head …");
    const started = performance.now();
    indexer = startIndexer({
      root: ROOT,
      rpcUrl: RPC,
      port: indexPort!,
      pgliteDir: path.join(dir, "pglite"),
      schema: "bench",
    });
    let apiUp = 0;
    while (!apiUp) {
      try {
        if ((await fetch(`${indexer.url}/api/state`, { signal: AbortSignal.timeout(5_000) })).ok)
          apiUp = performance.now();
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await waitForBlock(indexer, head, 1_800_000);
    const caughtUp = performance.now();
    const seconds = (caughtUp - started) / 1000;
    const afterApi = (caughtUp - apiUp) / 1000;
    const catchUp = {
      credentials: Number(total),
      blocks: Number(head),
      secondsFromStart: Math.round(seconds * 10) / 10,
      credentialsPerSecond: Math.round(Number(total) / seconds),
      secondsFromApiUp: Math.round(afterApi * 10) / 10,
      credentialsPerSecondFromApiUp: Math.round(Number(total) / afterApi),
    };
    console.log(`  ${JSON.stringify(catchUp)}`);
    // Ponder's own Prometheus metrics (where the time went), for whoever tunes it.
    if (process.env.BENCH_METRICS)
      writeFileSync(process.env.BENCH_METRICS, await (await fetch(`${indexer.url}/metrics`)).text());

    console.log("The issuer list over them (200 queries each) …");
    const firstPage: number[] = [];
    const search: number[] = [];
    const validPage: number[] = [];
    for (let i = 0; i < 200; i++) {
      firstPage.push((await timed(() => fetchIssued(indexer!.url, { issuerId: 1n, limit: 50 })))[1]);
      const who = recipient(Math.floor(Math.random() * COUNT));
      const [found, ms] = await timed(() => fetchIssued(indexer!.url, { issuerId: 1n, holder: who }));
      if (found.credentials.length !== 1) throw new Error(`searching for ${who} found ${found.credentials.length}`);
      search.push(ms);
      validPage.push((await timed(() => fetchIssued(indexer!.url, { issuerId: 1n, status: "valid", limit: 50 })))[1]);
    }
    const list = {
      firstPage: summary(firstPage),
      searchByRecipient: summary(search),
      validFirstPage: summary(validPage),
    };
    console.log(`  ${JSON.stringify(list)}`);

    console.log("A new event's delay (20 revocations) …");
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      const tokenId = total - BigInt(i);
      const hash = await northwind.writeContract({
        address: REGISTRY,
        abi: credentialRegistryAbi,
        functionName: "revoke",
        args: [tokenId, 1, "bench"],
        chain: null,
      });
      await client.waitForTransactionReceipt({ hash });
      const mined = performance.now();
      while (!(await fetchCredentialEvents(indexer.url, tokenId)).some((e) => e.kind === "revoked")) {
        await new Promise((r) => setTimeout(r, 10));
      }
      delays.push(performance.now() - mined);
    }
    const live = summary(delays);
    console.log(`  ${JSON.stringify(live)}`);

    console.log("Reconciliation with the chain …");
    const [result, reconcileMs] = await timed(() => reconcile({ indexerUrl: indexer!.url, client, chainId: 31337 }));
    if (result.differences.length) throw new Error(`reconciliation: ${result.differences.slice(0, 10).join("\n")}`);
    const reconciliation = { checked: result.checked, differences: 0, seconds: Math.round(reconcileMs / 100) / 10 };
    console.log(`  ${JSON.stringify(reconciliation)}`);

    const results = {
      machine: `${process.platform} ${process.arch}, Node ${process.version}`,
      when: new Date().toISOString(),
      database: "PGlite (embedded)",
      pollingMs: 200,
      catchUp,
      list,
      newEventDelay: live,
      reconciliation,
      goals: { credentialsPerSecond: 2000, listP95Ms: 50, newEventMs: 2000 },
    };
    mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "results", "indexer.json"), JSON.stringify(results, null, 2) + "\n");
    console.log("Wrote bench/results/indexer.json");
  } finally {
    await Promise.all([indexer?.stop(), stopGroup(chain, "SIGINT")]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
