/**
 * `pnpm bench:check`: the /check page with a list of 1,000 and of 10,000 candidates, in headless
 * Chromium against a production build and the local chain. Every candidate holds Cloud
 * Fundamentals and half of them Container Orchestration too (issued in batches first), so half
 * pass "all:1;any:1:2,3". Reports, per run, the time from the click on "Check" to the last
 * candidate's result on screen (every address's credentials read at one block, in JSON-RPC
 * batches). A benchmark, not a test. Goals: 1,000 in <= 10 s, 10,000 in <= 60 s.
 */
import { createPublicClient, createWalletClient, getAddress, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { credentialRegistryAbi, deploymentOn } from "@onchaincert/sdk";

import { launchChromium } from "../e2e/browser";
import { startStack, summarise, writeResult } from "./harness";

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? "1000,10000").split(",").map(Number);
const NORTHWIND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const BATCH = 300;

const candidate = (i: number): Address => getAddress(`0x${(0xca0d0000 + i).toString(16).padStart(40, "0")}`);

/** Northwind issues Cloud Fundamentals to every candidate and Container Orchestration to every other one. */
async function seed(rpc: string, count: number) {
  const registry = deploymentOn(31337)!.registry;
  const wallet = createWalletClient({
    chain: hardhat,
    transport: http(rpc),
    account: privateKeyToAccount(NORTHWIND_KEY),
  });
  const client = createPublicClient({ chain: hardhat, transport: http(rpc) });
  const all = Array.from({ length: count }, (_, i) => candidate(i));
  for (const [typeId, who] of [
    [1n, all],
    [2n, all.filter((_, i) => i % 2 === 0)],
  ] as const) {
    for (let i = 0; i < who.length; i += BATCH) {
      const hash = await wallet.writeContract({
        address: registry,
        abi: credentialRegistryAbi,
        functionName: "issueBatch",
        args: [typeId, who.slice(i, i + BATCH), [], []],
        gas: 15_000_000n,
      });
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      if (receipt.status !== "success") throw new Error(`issueBatch reverted: ${hash}`);
    }
  }
}

async function main() {
  const largest = Math.max(...SIZES);
  const stack = await startStack((rpc) => seed(rpc, largest));
  const browser = await launchChromium();
  const results: Record<string, object> = {};
  try {
    for (const size of SIZES) {
      const csv = Buffer.from(
        ["name,address", ...Array.from({ length: size }, (_, i) => `Person ${i},${candidate(i)}`)].join("\r\n"),
      );
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(`${stack.base}/check?req=all:1;any:1:2,3`);
        await page
          .getByLabel("or a CSV with any columns")
          .setInputFiles({ name: "c.csv", mimeType: "text/csv", buffer: csv });
        const button = page.getByRole("button", { name: `Check ${size.toLocaleString("en-US")} candidates` });
        await button.waitFor();
        const t0 = Date.now();
        await button.click();
        const done = page.getByText(new RegExp(`^Checked ${size.toLocaleString("en-US")} of`));
        await done.waitFor({ timeout: 600_000 });
        times.push(Date.now() - t0);
        const text = await done.innerText();
        const half = (size / 2).toLocaleString("en-US");
        if (!text.includes(`${half} pass, ${half} fail, 0 not checked`)) throw new Error(`Unexpected result: ${text}`);
        await page.close();
      }
      results[String(size)] = summarise(times);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  writeResult("check-candidates.json", {
    what: "/check: from the click on Check to every candidate's result on screen, for a CSV of candidates who each hold one or two credentials (production build, local Hardhat chain, headless Chromium)",
    requirement: "all:1;any:1:2,3 (half pass)",
    runs: RUNS,
    goalsMs: { "1000": 10_000, "10000": 60_000 },
    ...results,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
