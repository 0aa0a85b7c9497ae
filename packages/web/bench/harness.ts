/**
 * What the browser benchmarks share: `pnpm dev` (chain, contracts, demo) on spare ports, a
 * production build of the dApp served by `vite preview` against that chain, and Chromium.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { freePorts, spawnGroup, stopGroup, waitForOutput } from "../e2e/processes";

export const WEB = path.resolve(import.meta.dirname, "..");
export const ROOT = path.resolve(WEB, "..", "..");

export interface Stack {
  rpc: string;
  /** The production build's URL. */
  base: string;
  stop(): Promise<void>;
}

export async function startStack(beforeBuild?: (rpc: string) => Promise<void>): Promise<Stack> {
  const [chainPort, previewPort] = await freePorts(2);
  const children: ChildProcess[] = [];
  const stop = () => Promise.all(children.map((c) => stopGroup(c))).then(() => undefined);
  const rpc = `http://127.0.0.1:${chainPort}`;
  try {
    const dev = spawnGroup("pnpm", ["dev"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(chainPort), DEV_WEB: "0", DEV_INDEXER: "0" },
    });
    children.push(dev);
    await waitForOutput(dev, "Press Ctrl-C", 180_000);
    await beforeBuild?.(rpc);
    const build = spawnSync("npx", ["vite", "build", "--outDir", "dist-bench"], {
      cwd: WEB,
      env: { ...process.env, VITE_RPC_URL_31337: rpc },
      encoding: "utf8",
    });
    if (build.status !== 0) throw new Error(build.stderr);
    const preview = spawnGroup(
      "npx",
      ["vite", "preview", "--outDir", "dist-bench", "--port", String(previewPort), "--strictPort"],
      {
        cwd: WEB,
      },
    );
    children.push(preview);
    await waitForOutput(preview, String(previewPort), 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { rpc, base: `http://127.0.0.1:${previewPort}`, stop };
}

export function summarise(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    minMs: Math.round(sorted[0]!),
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    maxMs: Math.round(sorted[sorted.length - 1]!),
    allMs: times.map(Math.round),
  };
}

export function writeResult(name: string, result: object) {
  const out = path.join(ROOT, "bench", "results", name);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  console.log(result);
}
