/**
 * `pnpm dev`: one command for the local demo.
 *   1. starts a Hardhat node on 127.0.0.1 (port 8545, or $PORT),
 *   2. deploys the contracts with Ignition (fresh chain, so the old journal is wiped),
 *   3. seeds the demo data (two issuers, seventeen types, ~35 credentials, some earned years ago:
 *      the node starts that far back and the seed brings its clock to now),
 *   4. starts the indexer (packages/indexer, Ponder with its embedded PGlite: nothing to install;
 *      http://127.0.0.1:42069, or $INDEXER_PORT) and waits until it has indexed the demo,
 *   5. serves the dApp (Vite, http://127.0.0.1:5173, or $WEB_PORT) against that chain and index,
 *   6. prints the dApp URL, RPC URL, indexer URL, chain id, addresses and the demo accounts' keys,
 *   7. runs until Ctrl-C, then stops everything it started.
 * Set DEV_EXIT_AFTER_READY=1 to stop right after step 5 (used by the smoke test), DEV_WEB=0 for
 * no dApp (the browser tests serve their own build), and DEV_INDEXER=0 for no indexer (the CLI's
 * end-to-end tests and the benchmarks, which need the chain alone).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HDNodeWallet, Mnemonic } from "ethers";

import { deployments } from "@onchaincert/sdk";
import { portFrom } from "../packages/cli/src/port";
import { startIndexer, waitForBlock, type RunningIndexer } from "../packages/indexer/src/run";
import { DEMO_HISTORY_SECONDS, DEMO_ROLES } from "./lib/demo";

const ROOT = path.join(__dirname, "..");
const HOST = "127.0.0.1";
const PORT = port("PORT", 8545);
const WEB_PORT = port("WEB_PORT", 5173);
const RPC_URL = `http://${HOST}:${PORT}`;
const WEB_URL = `http://${HOST}:${WEB_PORT}`;
const WITH_WEB = process.env.DEV_WEB !== "0";
const WITH_INDEXER = process.env.DEV_INDEXER !== "0";
const INDEXER_PORT = port("INDEXER_PORT", 42069);
const INDEXER_URL = `http://${HOST}:${INDEXER_PORT}`;
// The index of this chain alone: a fresh chain needs a fresh index (its database and schema).
const INDEXER_DIR = path.join(ROOT, "packages", "indexer", ".ponder", `dev-${PORT}`);
const VITE_BIN = path.join(ROOT, "packages", "web", "node_modules", "vite", "bin", "vite.js");
const CHAIN_ID = 31337;
// Ignition's journal for this node: chain-31337 for the default port; a folder per port otherwise,
// so two `pnpm dev`s on other ports (the browser and CLI tests, side by side) never share one.
const DEPLOYMENT_ID = PORT === 8545 ? `chain-${CHAIN_ID}` : `chain-${CHAIN_ID}-port-${PORT}`;
const JOURNAL = path.join(ROOT, "deploy", "deployments", DEPLOYMENT_ID);
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";
const HARDHAT_BIN = path.join(ROOT, "node_modules", "hardhat", "internal", "cli", "bootstrap.js");

const children: ChildProcess[] = [];
let indexer: RunningIndexer | undefined;

/** PORT or WEB_PORT (unset or empty: the default); anything that is not a port stops here, saying so. */
function port(name: string, fallback: number): number {
  try {
    return portFrom(process.env, name, fallback);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

function stopAll(code: number): never {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  // Ponder runs in a process group of its own: end all of it (its database closes on SIGTERM).
  if (indexer?.child.pid && indexer.child.exitCode === null) {
    try {
      process.kill(-indexer.child.pid, "SIGTERM");
    } catch {
      // gone already
    }
  }
  // A port's own journal describes a chain that is gone now.
  if (DEPLOYMENT_ID !== `chain-${CHAIN_ID}`) rmSync(JOURNAL, { recursive: true, force: true });
  process.exit(code);
}

async function rpc(method: string): Promise<unknown> {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

async function portInUse(): Promise<boolean> {
  try {
    await rpc("eth_chainId");
    return true;
  } catch {
    return false;
  }
}

/** Starts a child we stop on exit, keeping the tail of its output for error messages. */
function start(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, log: () => log };
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The dApp server exited early:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The dApp did not answer on ${url} within 60 s:\n${log()}`);
}

async function waitForNode(node: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (node.exitCode !== null) throw new Error(`The Hardhat node exited early:\n${log()}`);
    try {
      if (Number(await rpc("eth_chainId")) === CHAIN_ID) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The Hardhat node did not answer on ${RPC_URL} within 60 s:\n${log()}`);
}

function banner(summary: {
  registry: string;
  lens: string;
  renderer: string;
  claims: string;
  claimLinks: { open: string; withEvidence: string; voided: string };
  block: number;
  credentialCount: number;
  typeCount: number;
}) {
  const line = "─".repeat(78);
  const out: string[] = [];
  out.push(line, " OnChainCert local demo is running", line);
  if (WITH_WEB)
    out.push(` dApp             ${WEB_URL}   (try ${WEB_URL}/verify/0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65)`);
  out.push(` RPC URL          ${RPC_URL}`);
  if (WITH_INDEXER)
    out.push(` Indexer          ${INDEXER_URL}   (GraphQL at /graphql; pnpm indexer:check compares it with the chain)`);
  out.push(` Chain id         ${CHAIN_ID}`);
  out.push(` Registry         ${summary.registry}`);
  out.push(` Lens             ${summary.lens}   (verify, credentialsOf: a verifier's reads)`);
  out.push(` Renderer         ${summary.renderer}`);
  out.push(` Claim links      ${summary.claims}`);
  out.push(
    ` Demo data        ${summary.typeCount} credential types, ${summary.credentialCount} credentials (block ${summary.block})`,
  );
  out.push("", " MetaMask: Settings → Networks → Add a network manually:");
  out.push(`   Network name "OnChainCert local", RPC URL ${RPC_URL}, Chain ID ${CHAIN_ID}, Currency symbol ETH.`);
  out.push(" Then Import account (account menu → Add account → Private key) with any key below.");
  out.push(" After restarting `pnpm dev`, clear MetaMask's activity data (Settings → Advanced) so nonces reset.");
  out.push("", " Demo accounts (Hardhat's public test keys: NEVER use them on a real network):");
  const mnemonic = Mnemonic.fromPhrase(HARDHAT_MNEMONIC);
  for (const role of DEMO_ROLES) {
    const wallet = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${role.index}`);
    out.push(`   #${role.index} ${role.label}`);
    out.push(`      address     ${wallet.address}`);
    out.push(`      private key ${wallet.privateKey}`);
  }
  // The commands find this chain on port 8545, or on the same PORT=… as `pnpm dev`.
  const port = PORT === 8545 ? "" : `PORT=${PORT} `;
  out.push("", " Verify from a terminal (no wallet needed):");
  out.push(`   ${port}pnpm verify:address <address>`);
  out.push("", " Issue credentials from a CSV as Northwind (#1), from a terminal:");
  out.push(`   ${port}ISSUER_PRIVATE_KEY=<key of #1> pnpm issue:csv --type 7 --file examples/recipients.csv`);
  if (WITH_WEB) out.push(`   or in the dApp: ${WEB_URL}/issue/bulk`);
  out.push("", " Check candidates against a job's requirement (employers):");
  out.push(`   ${port}pnpm verify:csv --requirement examples/requirement.json --file examples/candidates.csv`);
  if (WITH_WEB)
    out.push(`   or in the dApp: ${WEB_URL}/check?req=all:1;any:1:2,3   and a team's skills: ${WEB_URL}/team`);
  out.push("", " Claim links (Northwind's Secure Coding badge, for people without a wallet yet):");
  out.push(`   open     ${summary.claimLinks.open}`);
  out.push(`   voided   ${summary.claimLinks.voided}`);
  out.push(
    `   from a CSV without addresses: ${port}ISSUER_PRIVATE_KEY=<key of #1> pnpm issue:csv --claim-links --type 7 --file examples/people.csv`,
  );
  const parts = ["the chain", ...(WITH_INDEXER ? ["the indexer"] : []), ...(WITH_WEB ? ["the dApp"] : [])];
  const stops = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  out.push(line, ` Press Ctrl-C to stop ${stops}.`, line);
  console.log(out.join("\n"));
}

async function main() {
  const webBusy =
    WITH_WEB &&
    (await fetch(WEB_URL).then(
      () => true,
      () => false,
    ));
  if (webBusy) {
    console.error(`Something is already listening on ${WEB_URL}. Stop it, or run with WEB_PORT=<another port>.`);
    process.exit(1);
  }
  const indexerBusy =
    WITH_INDEXER &&
    (await fetch(INDEXER_URL).then(
      () => true,
      () => false,
    ));
  if (indexerBusy) {
    console.error(
      `Something is already listening on ${INDEXER_URL}. Stop it, or run with INDEXER_PORT=<another port>.`,
    );
    process.exit(1);
  }
  if (await portInUse()) {
    console.error(`Something is already listening on ${RPC_URL}. Stop it, or run with PORT=<another port>.`);
    process.exit(1);
  }

  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));

  console.log(`Starting a Hardhat node on ${RPC_URL} …`);
  // The chain starts a day more than the demo's history ago; the seed brings its clock to now.
  const initialDate = new Date(Date.now() - DEMO_HISTORY_SECONDS * 1000 - 24 * 60 * 60 * 1000).toISOString();
  const { child: node, log: nodeLog } = start(
    process.execPath,
    [HARDHAT_BIN, "node", "--hostname", HOST, "--port", String(PORT)],
    ROOT,
    { HARDHAT_INITIAL_DATE: initialDate },
  );
  await waitForNode(node, nodeLog);

  // A fresh node is a fresh chain: Ignition's journal from an earlier run would wrongly
  // claim the contracts already exist.
  rmSync(JOURNAL, { recursive: true, force: true });

  console.log("Deploying the contracts and seeding the demo …");
  const summaryFile = path.join(mkdtempSync(path.join(tmpdir(), "occ-dev-")), "summary.json");
  const setup = spawnSync(process.execPath, [HARDHAT_BIN, "run", "scripts/dev-setup.ts", "--network", "localhost"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DEV_SUMMARY_FILE: summaryFile,
      DEV_DEPLOYMENT_ID: DEPLOYMENT_ID,
      HARDHAT_LOCALHOST_URL: RPC_URL,
      DEV_WEB_URL: WEB_URL,
    },
    encoding: "utf8",
  });
  if (setup.status !== 0) {
    console.error(`Deployment failed:\n${setup.stdout}\n${setup.stderr}`);
    stopAll(1);
  }
  const summary = JSON.parse(readFileSync(summaryFile, "utf8"));
  if (summary.registry !== deployments[CHAIN_ID].CredentialRegistry) {
    console.error(
      `The registry landed at ${summary.registry}, not at ${deployments[CHAIN_ID].CredentialRegistry} as ` +
        "packages/sdk records. Run `pnpm generate` and commit the result.",
    );
    stopAll(1);
  }
  if (WITH_INDEXER) {
    console.log("Starting the indexer …");
    rmSync(INDEXER_DIR, { recursive: true, force: true });
    indexer = startIndexer({ root: ROOT, rpcUrl: RPC_URL, port: INDEXER_PORT, pgliteDir: INDEXER_DIR, schema: "dev" });
    await waitForBlock(indexer, BigInt(summary.block));
    indexer.child.on("exit", (code) => {
      console.error(`The indexer stopped (exit code ${code}).\n${indexer!.log().slice(-2000)}`);
      stopAll(1);
    });
  }
  if (WITH_WEB) {
    console.log("Starting the dApp …");
    const { child: web, log: webLog } = start(
      process.execPath,
      [VITE_BIN, "--host", HOST, "--port", String(WEB_PORT), "--strictPort"],
      path.join(ROOT, "packages", "web"),
      {
        VITE_RPC_URL_31337: RPC_URL,
        VITE_DEFAULT_CHAIN_ID: String(CHAIN_ID),
        VITE_INDEXER_URL_31337: WITH_INDEXER ? INDEXER_URL : "",
      },
    );
    await waitForHttp(WEB_URL, web, webLog);
    web.on("exit", (code) => {
      console.error(`The dApp server stopped (exit code ${code}).\n${webLog().slice(-2000)}`);
      stopAll(1);
    });
  }

  banner(summary);

  if (process.env.DEV_EXIT_AFTER_READY === "1") stopAll(0);
  node.on("exit", (code) => {
    console.error(`The Hardhat node stopped (exit code ${code}).\n${nodeLog().slice(-2000)}`);
    stopAll(1);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
