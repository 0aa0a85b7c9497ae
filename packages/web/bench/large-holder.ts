/**
 * `pnpm --filter @onchaincert/web bench:large-holder`: how long a verifier waits, in headless
 * Chromium, from navigating to /verify/<address> of a holder with 5,000 credentials until the first
 * cards are on screen (a MutationObserver notes when the first `.card` enters the page), and when
 * the page's own loading ended (DOMContentLoaded). Production build (`vite preview`) against a local
 * Hardhat chain seeded by `pnpm dev`, plus the holder of e2e/largeHolder.ts. Each opening is a fresh
 * browser context (no HTTP cache: a verifier following a link for the first time), left as soon as
 * its cards show, after a pause in which the node finishes what the one before had asked for.
 * A benchmark, not a test: it reports min / median / max and writes bench/results/large-holder.json.
 */
import { launchChromium } from "../e2e/browser";
import { fillLargeHolder, LARGE_HOLDER } from "../e2e/largeHolder";
import { startStack, summarise, writeResult } from "./harness";

const RUNS = Number(process.env.RUNS ?? 9);
const PAUSE_MS = 3_000;

async function main() {
  const stack = await startStack(async (rpc) => {
    const balance = await fillLargeHolder(rpc);
    if (balance !== 5_000n) throw new Error(`the holder has ${balance} credentials, not 5,000`);
  });
  const browser = await launchChromium();
  const shown: number[] = [];
  const loaded: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      await new Promise((ok) => setTimeout(ok, PAUSE_MS));
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.querySelector(".card")) return;
          (window as unknown as { firstCardAt: number }).firstCardAt = performance.now();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${stack.base}/verify/${LARGE_HOLDER}`);
      await page.locator(".card").first().waitFor({ timeout: 30_000 });
      const [card, dom] = await page.evaluate(() => [
        (window as unknown as { firstCardAt: number }).firstCardAt,
        (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
      ]);
      shown.push(card!);
      loaded.push(dom!);
      console.log(`opening ${run + 1}: first cards ${Math.round(card!)} ms, page loaded ${Math.round(dom!)} ms`);
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  writeResult("large-holder.json", {
    what: "navigation to /verify/<address> of a holder with 5,000 credentials until its first cards show (production build, local Hardhat chain, headless Chromium, a fresh context each opening)",
    runs: RUNS,
    firstCards: summarise(shown),
    pageLoaded: summarise(loaded),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
