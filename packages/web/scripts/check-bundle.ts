/**
 * Checks the built dApp against its budget: the JavaScript a browser must load to render
 * /verify/<address> (the entry chunk, everything index.html preloads, and its inline script) <= 165
 * kB gzipped. (The first budget was 200 kB; the read-only pages dropped to about 152 kB when they
 * stopped loading every viem action with wagmi's public client, see src/readClient.ts, and the
 * budget came down to keep that.)
 * Prints that figure and the whole bundle's size. Run after `vite build`; the build's folder is
 * `dist`, or the first argument (the browser tests build into `dist-e2e`).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const DIST = path.join(import.meta.dirname, "..", process.argv[2] ?? "dist");
const BUDGET = 165 * 1024;
const html = readFileSync(path.join(DIST, "index.html"), "utf8");
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const gz = (file: string) => gzipSync(readFileSync(path.join(DIST, file))).length;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const verifyRoute =
  initial.reduce((sum, f) => sum + gz(f), 0) + inline.reduce((sum, code) => sum + gzipSync(code).length, 0);
const all = readdirSync(path.join(DIST, "assets")).filter((f) => f.endsWith(".js"));
const total = all.reduce((sum, f) => sum + gz(path.join("assets", f)), 0);
console.log(
  `JS to render /verify/<address>: ${kB(verifyRoute)} gzipped (${[...initial, ...inline.map(() => "an inline script")].join(", ")}); budget ${kB(BUDGET)}`,
);
console.log(`All JS: ${kB(total)} gzipped in ${all.length} chunk(s)`);
if (verifyRoute > BUDGET) {
  console.error("Over budget.");
  process.exit(1);
}
