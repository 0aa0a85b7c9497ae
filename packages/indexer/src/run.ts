/**
 * Starting and stopping the indexer from scripts and tests (`pnpm dev`, the end-to-end test, the
 * benchmark). Ponder has no programmatic API: this runs `ponder start` in its own process group,
 * with its own database schema (and, on PGlite, its own directory), and stops the whole group.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

import { spawnGroup, stopGroup } from "../../../scripts/lib/processes";

export interface IndexerOptions {
  /** The repository's root folder. */
  root: string;
  /** The chain's JSON-RPC URL. */
  rpcUrl: string;
  /** The port the API listens on. */
  port: number;
  chainId?: number;
  /** PostgreSQL connection string; PGlite in `pgliteDir` without one. */
  databaseUrl?: string;
  pgliteDir?: string;
  /** The database schema the tables go in (letters, digits, _). */
  schema: string;
  /** Milliseconds between polls for new blocks (200 on the local chain by default). */
  pollingMs?: number;
  /** Above this many credentials a watermark revokes them in one SQL UPDATE (1,000 by default). */
  watermarkRowsInStore?: number;
}

export interface RunningIndexer {
  url: string;
  child: ChildProcess;
  /** The tail of its output, for error messages. */
  log: () => string;
  stop: () => Promise<void>;
}

export function startIndexer(options: IndexerOptions): RunningIndexer {
  const dir = path.join(options.root, "packages", "indexer");
  const PONDER_BIN = path.join(dir, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
  if (!existsSync(PONDER_BIN)) throw new Error(`Ponder is not installed (${PONDER_BIN}): run pnpm install.`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    INDEXER_RPC_URL: options.rpcUrl,
    INDEXER_CHAIN_ID: String(options.chainId ?? 31337),
    ...(options.pollingMs ? { INDEXER_POLLING_MS: String(options.pollingMs) } : {}),
    ...(options.watermarkRowsInStore === undefined
      ? {}
      : { INDEXER_WATERMARK_ROWS_IN_STORE: String(options.watermarkRowsInStore) }),
  };
  // Ponder takes PORT over --port (and `pnpm dev` sets PORT for its chain).
  delete env.PORT;
  // The schema is given as --schema alone, as in production (the API must not need the variable).
  delete env.DATABASE_SCHEMA;
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.pgliteDir) env.INDEXER_PGLITE_DIR = options.pgliteDir;
  const child = spawnGroup(
    process.execPath,
    [PONDER_BIN, "start", "--port", String(options.port), "--hostname", "127.0.0.1", "--schema", options.schema],
    { cwd: dir, env },
  );
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  // SIGTERM lets Ponder close its database; SIGKILL after 10 s.
  const stop = () => stopGroup(child, "SIGTERM");
  return { url: `http://127.0.0.1:${options.port}`, child, log: () => log, stop };
}

/** Waits until the API answers and the index has reached block `blockNumber` (the chain's head). */
export async function waitForBlock(indexer: RunningIndexer, blockNumber: bigint, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (indexer.child.exitCode !== null)
      throw new Error(`The indexer exited (code ${indexer.child.exitCode}):\n${indexer.log()}`);
    try {
      const response = await fetch(`${indexer.url}/api/state`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) {
        const state = (await response.json()) as { blockNumber: string };
        if (BigInt(state.blockNumber) >= blockNumber) return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `The indexer did not reach block ${blockNumber} within ${timeoutMs / 1000} s:\n${indexer.log().slice(-4000)}`,
  );
}
