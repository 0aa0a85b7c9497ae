/**
 * Browser tests of the public verification pages, in Debian's Chromium through playwright-core:
 * `pnpm dev` (chain + contracts + demo + dApp) on spare ports, then what a verifier clicks.
 * The unreachable-RPC case runs against the static build (`vite preview`), which also checks
 * that deep links work there. Screenshots land in packages/web/test-results/.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const WEB = path.resolve(import.meta.dirname, "..");
const ROOT = path.resolve(WEB, "..", "..");
const CHAIN_PORT = 18_600;
const WEB_PORT = 15_600;
const PREVIEW_PORT = 15_601;
const BASE = `http://127.0.0.1:${WEB_PORT}`;
const SHOTS = path.join(WEB, "test-results");
const BOB = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const NOBODY = "0x000000000000000000000000000000000000dEaD";

let dev: ChildProcess;
let preview: ChildProcess | undefined;
let browser: Browser;
const consoleErrors: string[] = [];

function waitForOutput(child: ChildProcess, text: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}":\n${log}`)), ms);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited with ${code} before "${text}":\n${log}`)));
  });
}

async function open(url: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(`${url}: ${m.text()}`));
  page.on("pageerror", (e) => consoleErrors.push(`${url}: ${e}`));
  await page.goto(url);
  return page;
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dev = spawn("pnpm", ["dev"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(CHAIN_PORT), WEB_PORT: String(WEB_PORT) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  await waitForOutput(dev, "Press Ctrl-C", 120_000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  if (dev?.pid) process.kill(-dev.pid, "SIGINT");
  if (preview?.pid) process.kill(-preview.pid, "SIGTERM");
});

describe("verifying without a wallet", () => {
  it("finds an address from the home page and lists its credentials with statuses and reasons", async () => {
    const page = await open(`${BASE}/`);
    await page.getByLabel("Holder address").fill(BOB);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${BASE}/verify/${BOB}`);
    await page.locator(".card").first().waitFor();
    assert.equal(await page.locator(".card").count(), 4);
    assert.equal(await page.locator(".badge", { hasText: "Valid" }).count(), 2);
    assert.equal(await page.locator(".badge", { hasText: "Revoked" }).count(), 2);
    const stack = page.locator(".card", { hasText: "Cloud Engineer Professional" });
    assert.match(await stack.innerText(), /A component credential was revoked/);
    assert.match(await stack.innerText(), /Built from #2, #8/);
    assert.match(
      await page.locator(".source").innerText(),
      /Read from Hardhat \(chain 31337\), registry 0x[0-9a-fA-F]{40}, block \d+\./,
    );
    await page.screenshot({ path: path.join(SHOTS, "verify-address.png"), fullPage: true });
  });

  it("shows one credential with its on-chain image, QR code, link and raw metadata", async () => {
    const page = await open(`${BASE}/credential/1`);
    const image = page.locator("img.credential-image");
    await image.waitFor();
    assert.ok(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), "the SVG renders");
    assert.match(await page.locator("h1").innerText(), /Cloud Fundamentals\s+Valid/);
    await page.locator("img[alt='QR code linking to this page']").waitFor();
    assert.equal(await page.getByLabel("Link to this page").inputValue(), `${BASE}/credential/1`);
    await page.locator("summary", { hasText: "Raw token metadata" }).click();
    const raw = JSON.parse(await page.locator(".raw pre").innerText()) as { name: string };
    assert.equal(raw.name, "Cloud Fundamentals #1");
    await page.screenshot({ path: path.join(SHOTS, "credential.png"), fullPage: true });
  });

  it("explains a malformed address, an empty address, an unknown credential and an unknown chain", async () => {
    const cases: [string, RegExp][] = [
      [`${BASE}/verify/0x1234`, /That is not an Ethereum address/],
      [`${BASE}/verify/${NOBODY}`, /This address holds no credentials on this chain/],
      [`${BASE}/credential/9999`, /Credential #9999 does not exist on this chain/],
      [`${BASE}/credential/abc`, /is not a credential number/],
      [`${BASE}/verify/${BOB}?chain=1`, /OnChainCert is not deployed on Ethereum \(chain 1\)/],
      [`${BASE}/verify/${BOB}?chain=999999`, /Chain 999999 is not a chain this app knows/],
    ];
    for (const [url, message] of cases) {
      const page = await open(url);
      await page.locator(".notice").waitFor();
      assert.match(await page.locator(".notice").innerText(), message, url);
      await page.close();
    }
    const home = await open(`${BASE}/`);
    await home.getByLabel("Holder address").fill("not an address");
    await home.getByRole("button", { name: "Verify" }).click();
    assert.match(await home.locator("#address-error").innerText(), /not an Ethereum address/);
    assert.equal(home.url(), `${BASE}/`);
    await home.screenshot({ path: path.join(SHOTS, "home-error.png") });
  });

  it("says so when the RPC cannot be reached (static build, deep link)", async () => {
    const build = spawnSync("npx", ["vite", "build", "--outDir", "dist-e2e"], {
      cwd: WEB,
      env: { ...process.env, VITE_RPC_URL_31337: "http://127.0.0.1:9" },
      encoding: "utf8",
    });
    assert.equal(build.status, 0, build.stderr);
    preview = spawn("npx", ["vite", "preview", "--outDir", "dist-e2e", "--port", String(PREVIEW_PORT)], {
      cwd: WEB,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    await waitForOutput(preview, String(PREVIEW_PORT), 30_000);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PREVIEW_PORT}/verify/${BOB}`);
    await page.locator(".notice-error").waitFor({ timeout: 20_000 });
    assert.match(
      await page.locator(".notice-error").innerText(),
      /Could not reach the chain's RPC at http:\/\/127\.0\.0\.1:9/,
    );
    await page.screenshot({ path: path.join(SHOTS, "rpc-down.png") });
  });

  it("logged no errors in the browser console on the working pages", () => {
    assert.deepEqual(consoleErrors, []);
  });
});
