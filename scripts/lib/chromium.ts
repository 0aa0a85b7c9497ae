import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium, headless, as root on a machine without network: no sandbox, no GPU, no
 * background networking (its connections would be refused). CHROMIUM_PATH overrides the binary.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}
