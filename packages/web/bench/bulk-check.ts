/**
 * `pnpm --filter @onchaincert/web bench:bulk-check`: the Bulk issue page with a 10,000-row CSV, in
 * headless Chromium against a production build and the local chain. Reports, per run, the time
 * from choosing the file to the checked table on screen (parse and file checks in the worker,
 * then one on-chain read per recipient and the gas probes) and the longest main-thread task in
 * that span (the page stays responsive if it is short). A benchmark, not a test.
 */
import { getAddress } from "viem";

import { launchChromium } from "../e2e/browser";
import { walletScript } from "../e2e/wallet";
import { startStack, summarise, writeResult } from "./harness";

const RUNS = Number(process.env.RUNS ?? 3);
const ROWS = Number(process.env.ROWS ?? 10_000);
const NORTHWIND = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function csv(): Buffer {
  const lines = ["recipient,valid_until,evidence,name"];
  for (let i = 0; i < ROWS; i++) {
    const who = getAddress(`0x${(0xd0000000 + i).toString(16).padStart(40, "0")}`);
    lines.push(`${who},,${i % 2 ? "" : `https://lms.example/a/${i}`},"Learner ${i}, Example"`);
  }
  return Buffer.from(lines.join("\r\n") + "\r\n");
}

async function main() {
  const stack = await startStack();
  const file = { name: "cohort.csv", mimeType: "text/csv", buffer: csv() };
  const browser = await launchChromium();
  const times: number[] = [];
  const longest: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(walletScript(stack.rpc, NORTHWIND));
      const page = await context.newPage();
      await page.goto(`${stack.base}/issue/bulk`);
      await page.getByRole("button", { name: "Connect Wallet" }).click();
      await page.getByText("E2E Wallet").first().click();
      await page.getByLabel("Credential type").selectOption("7");
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
        }).observe({ type: "longtask" });
      });
      const t0 = Date.now();
      await page.getByLabel(/Recipients/).setInputFiles(file);
      await page.getByText(`${ROWS.toLocaleString("en-US")} to issue`, { exact: false }).waitFor({ timeout: 300_000 });
      await page.locator(".panel", { hasText: "3. Issue" }).waitFor();
      times.push(Date.now() - t0);
      longest.push(await page.evaluate(() => (window as unknown as { __longest: number }).__longest));
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  writeResult("bulk-check.json", {
    what: `Bulk issue page: choose a ${ROWS}-row CSV until every row is checked (file and chain) and the plan shown (production build, local Hardhat chain, headless Chromium)`,
    runs: RUNS,
    ...summarise(times),
    longestMainThreadTaskMs: longest.map(Math.round),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
