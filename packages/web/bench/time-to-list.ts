/**
 * `pnpm --filter @onchaincert/web bench:time-to-list`: how long a verifier waits, in headless
 * Chromium, from navigating to /verify/<address> until all 50 credentials of that address are
 * on screen. Production build (`vite preview`) against a local Hardhat chain seeded by `pnpm dev`
 * plus 50 credentials for one fresh address. A benchmark, not a test: machines are noisy, so it
 * runs several times and reports min / median / max, and writes bench/results/time-to-list.json.
 */
import { createWalletClient, createPublicClient, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { credentialRegistryAbi, registryAddress } from "@onchaincert/sdk";

import { launchChromium } from "../e2e/browser";
import { startStack, summarise, writeResult } from "./harness";

const RUNS = Number(process.env.RUNS ?? 7);
const COUNT = 50;
// Hardhat's public test key #1: the demo issuer Northwind Institute of Technology.
const ISSUER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const HOLDER = "0x00000000000000000000000000000000000c0ffe" as Address;

async function seedFifty(RPC: string) {
  const account = privateKeyToAccount(ISSUER_KEY);
  const wallet = createWalletClient({ chain: hardhat, transport: http(RPC), account });
  const client = createPublicClient({ chain: hardhat, transport: http(RPC) });
  const registry = registryAddress(hardhat.id);
  const firstType =
    (await client.readContract({ address: registry, abi: credentialRegistryAbi, functionName: "typeCount" })) + 1n;
  for (let i = 0; i < COUNT; i++) {
    const hash = await wallet.writeContract({
      address: registry,
      abi: credentialRegistryAbi,
      functionName: "createCredentialType",
      args: [
        {
          name: `Module ${i + 1}`,
          description: "Benchmark module",
          kind: i % 4,
          credits: 100,
          validityPeriod: 31_536_000,
          criteriaURL: "",
          imageURL: "",
          components: [],
          requiredComponents: 0,
        },
      ],
    });
    await client.waitForTransactionReceipt({ hash });
  }
  for (let i = 0n; i < BigInt(COUNT); i++) {
    const hash = await wallet.writeContract({
      address: registry,
      abi: credentialRegistryAbi,
      functionName: "issue",
      args: [firstType + i, HOLDER, 0n, `0x${"00".repeat(32)}`],
    });
    await client.waitForTransactionReceipt({ hash });
  }
}

async function main() {
  const stack = await startStack(seedFifty);
  const browser = await launchChromium();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext(); // a fresh profile each run: cold cache
    const page = await context.newPage();
    await page.goto(`${stack.base}/verify/${HOLDER}`);
    await page.waitForFunction((n) => document.querySelectorAll(".card").length === n, COUNT, { timeout: 30_000 });
    times.push(await page.evaluate(() => performance.now())); // ms since navigation start
    await context.close();
  }
  await browser.close();
  await stack.stop();
  writeResult("time-to-list.json", {
    what: `navigation to /verify/<address> until ${COUNT} credentials are rendered (production build, local Hardhat chain, headless Chromium, cold cache)`,
    runs: RUNS,
    ...summarise(times),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
