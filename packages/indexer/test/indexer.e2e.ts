/**
 * The indexer end to end, on the local chain from `pnpm dev` (chain only) on spare ports:
 * the demo seed indexed and reconciled with the chain; a bulk run with revocations, a renewal,
 * expiries and a move, reconciled again; the issuer list's paging, filters, search and CSV; a new
 * event's delay; a reorg (evm_snapshot / evm_revert) dropping rows; GraphQL's cost limits; a
 * key-compromise watermark; and the same index on PostgreSQL (Debian's `postgresql`, started here).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  CredentialStatus,
  credentialRegistryAbi,
  deployments,
  fetchActivity,
  fetchCredentialEvents,
  fetchIssued,
  fetchIssuerSummary,
  indexJson,
  issuedCsvUrl,
  parseRecipientsCsv,
} from "@onchaincert/sdk";

import { freePorts, spawnGroup, stopGroup, waitForOutput } from "../../../scripts/lib/processes";
import { reconcile } from "../src/reconcile";
import { startIndexer, waitForBlock, type RunningIndexer } from "../src/run";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const [CHAIN_PORT, INDEX_PORT, PG_INDEX_PORT, PG_PORT] = await freePorts(4);
const RPC = `http://127.0.0.1:${CHAIN_PORT}`;
const REGISTRY = deployments[31337].CredentialRegistry;
// Hardhat's well-known demo keys: #0 the admin, #1 Northwind (issuer 1, owns type 7), #9 and #10 holders.
const ADMIN_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const NORTHWIND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const OLD_WALLET_KEY = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
const NEW_WALLET_KEY = "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897";
const TYPE = 7n;

const client = createPublicClient({ transport: http(RPC) }) as PublicClient;
const wallet = (key: Hex) => createWalletClient({ account: privateKeyToAccount(key), transport: http(RPC) });
const dir = mkdtempSync(path.join(tmpdir(), "occ-indexer-e2e-"));
let chain: ChildProcess;
let indexer: RunningIndexer;

/** Sends a registry call and waits until the index has its block. */
async function send(key: Hex, functionName: string, args: readonly unknown[], index = indexer): Promise<bigint> {
  const hash = await wallet(key).writeContract({
    address: REGISTRY,
    abi: credentialRegistryAbi,
    functionName,
    args,
    chain: null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  } as any);
  const receipt = await client.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, "success", `${functionName} failed`);
  await waitForBlock(index, receipt.blockNumber);
  return receipt.blockNumber;
}

async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(RPC, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

const learner = (i: number): Address => getAddress(`0x${(0xbeef0000 + i).toString(16).padStart(40, "0")}`);
const totalIssued = () =>
  client.readContract({
    address: REGISTRY,
    abi: credentialRegistryAbi,
    functionName: "totalIssued",
    blockTag: "latest",
  });

async function agrees(index = indexer) {
  const result = await reconcile({ indexerUrl: index.url, client, chainId: 31337 });
  assert.deepEqual(result.differences, []);
  assert.equal(BigInt(result.checked), await totalIssued());
  return result;
}

before(async () => {
  chain = spawnGroup("pnpm", ["dev"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(CHAIN_PORT), DEV_WEB: "0", DEV_INDEXER: "0" },
  });
  await waitForOutput(chain, "Press Ctrl-C", 120_000);
  indexer = startIndexer({
    root: ROOT,
    rpcUrl: RPC,
    port: INDEX_PORT!,
    pgliteDir: path.join(dir, "pglite"),
    schema: "e2e",
    // Any watermark over any credential revokes them in one SQL UPDATE here; the PostgreSQL run
    // below (1,000, the default) takes the same watermark row by row through the store.
    watermarkRowsInStore: 0,
  });
  await waitForBlock(indexer, await client.getBlockNumber({ cacheTime: 0 }));
});

after(async () => {
  await Promise.all([indexer?.stop(), stopGroup(chain, "SIGINT")]);
  rmSync(dir, { recursive: true, force: true });
});

describe("the indexer", () => {
  it("indexes the demo seed: every credential agrees with the chain", async () => {
    const result = await agrees();
    console.log(`# demo seed: ${result.checked} credentials agree with the chain at block ${result.blockNumber}`);
    const summary = await fetchIssuerSummary(indexer.url, 1n);
    assert.equal(summary.issued, summary.valid + summary.expired + summary.revoked + summary.renounced + summary.moved);
    assert.ok(summary.revoked >= 1 && summary.types === 7, indexJson(summary));
  });

  it("after a bulk run with revocations, a renewal, expiries and a move, still agrees with the chain", async () => {
    const now = BigInt((await client.getBlock()).timestamp);
    const recipients = Array.from({ length: 300 }, (_, i) => learner(i));
    // Every third expires within the hour; the rest in five years.
    const validUntils = recipients.map((_, i) => (i % 3 === 0 ? now + 3600n : now + 5n * 365n * 86400n));
    const first = (await totalIssued()) + 1n;
    await send(NORTHWIND_KEY, "issueBatch", [TYPE, recipients, validUntils, []]);
    // A note a spreadsheet would run as a formula.
    await send(NORTHWIND_KEY, "revoke", [first + 1n, 2, '=HYPERLINK("http://evil.example","open")']);
    await send(NORTHWIND_KEY, "revoke", [first + 2n, 3, "misconduct"]);
    await send(NORTHWIND_KEY, "renew", [first, now + 10n * 365n * 86400n]);
    // A lost wallet: Northwind proposes, the new wallet accepts after the delay.
    const oldWallet = privateKeyToAccount(OLD_WALLET_KEY).address;
    const newWallet = privateKeyToAccount(NEW_WALLET_KEY).address;
    await send(NORTHWIND_KEY, "issue", [TYPE, oldWallet, 0n, `0x${"ab".repeat(32)}`]);
    const moving = await totalIssued();
    await send(NORTHWIND_KEY, "proposeMove", [moving, newWallet]);
    const delay = await client.readContract({
      address: REGISTRY,
      abi: credentialRegistryAbi,
      functionName: "MOVE_DELAY",
    });
    await rpc("evm_increaseTime", [Number(delay) + 1]);
    await send(NEW_WALLET_KEY, "acceptMove", [moving]);
    // Past the short expiries: the index works Expired out at query time, with nothing new indexed for it.
    await rpc("evm_increaseTime", [7200]);
    await rpc("evm_mine");
    await waitForBlock(indexer, await client.getBlockNumber({ cacheTime: 0 }));

    const result = await agrees();
    console.log(
      `# after the bulk run: ${result.checked} credentials agree with the chain at block ${result.blockNumber}`,
    );
    const events = await fetchCredentialEvents(indexer.url, moving);
    assert.deepEqual(
      events.map((e) => e.kind),
      ["issued", "moveProposed", "moved"],
    );
    const moved = await fetchCredentialEvents(indexer.url, moving + 1n);
    assert.deepEqual(
      moved.map((e) => [e.kind, e.relatedId]),
      [["movedHere", moving]],
    );
    const renewed = await fetchCredentialEvents(indexer.url, first);
    assert.deepEqual(
      renewed.map((e) => e.kind),
      ["issued", "renewed"],
    );
    assert.equal(renewed[0]!.actor, privateKeyToAccount(NORTHWIND_KEY).address);
  });

  it("lists an issuer's credentials newest first, in pages by cursor, with filters and search by recipient", async () => {
    const at = BigInt((await client.getBlock({ blockTag: "latest" })).timestamp);
    const seen: bigint[] = [];
    let cursor: bigint | undefined;
    do {
      const page = await fetchIssued(indexer.url, { issuerId: 1n, typeId: TYPE, limit: 100, cursor, at });
      seen.push(...page.credentials.map((c) => c.tokenId));
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
    assert.ok(seen.length >= 302, `${seen.length} rows`);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => (a > b ? -1 : 1)),
    );
    assert.equal(new Set(seen).size, seen.length);

    const expired = await fetchIssued(indexer.url, { issuerId: 1n, typeId: TYPE, status: "expired", limit: 500, at });
    assert.ok(expired.credentials.length >= 99, `${expired.credentials.length} expired`);
    assert.ok(expired.credentials.every((c) => c.status === CredentialStatus.Expired));
    // At their expiry time itself the same rows read Valid: status is never frozen in the index.
    const expiry = expired.credentials[0]!.validUntil;
    const earlier = await fetchIssued(indexer.url, {
      issuerId: 1n,
      typeId: TYPE,
      status: "expired",
      limit: 500,
      at: expiry,
    });
    assert.ok(earlier.credentials.every((c) => c.validUntil < expiry));
    const valid = await fetchIssued(indexer.url, {
      issuerId: 1n,
      typeId: TYPE,
      status: "valid",
      limit: 500,
      at: expiry,
    });
    assert.ok(valid.credentials.some((c) => c.tokenId === expired.credentials[0]!.tokenId));

    const revoked = await fetchIssued(indexer.url, { issuerId: 1n, status: "revoked", limit: 500, at });
    assert.ok(revoked.credentials.some((c) => c.revocationNote === "misconduct"));

    const whole = await fetchIssued(indexer.url, { issuerId: 1n, holder: learner(42).toLowerCase(), at });
    assert.deepEqual(
      whole.credentials.map((c) => c.holder),
      [learner(42)],
    );
    const prefix = await fetchIssued(indexer.url, { issuerId: 1n, holder: learner(42).slice(0, 41), at });
    assert.ok(prefix.credentials.some((c) => c.holder === learner(42)));
    assert.ok(prefix.credentials.length <= 16);

    const window = await fetchIssued(indexer.url, {
      issuerId: 1n,
      expiresFrom: at,
      expiresUntil: at + 400n * 86400n,
      at,
    });
    assert.ok(window.credentials.every((c) => c.validUntil >= at && c.validUntil <= at + 400n * 86400n));

    // Another issuer's list holds none of these.
    const contoso = await fetchIssued(indexer.url, { issuerId: 2n, typeId: TYPE, at });
    assert.equal(contoso.credentials.length, 0);
  });

  it("exports the list as CSV that no spreadsheet runs as a formula", async () => {
    const response = await fetch(issuedCsvUrl(indexer.url, { issuerId: 1n, status: "revoked" }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-disposition") ?? "", /issuer-1-credentials\.csv/);
    const parsed = parseRecipientsCsv(await response.text());
    assert.ok(parsed.rows.length >= 2);
    const cells = parsed.rows.flatMap((r) => r.cells);
    assert.ok(cells.includes(`'=HYPERLINK("http://evil.example","open")`), cells.join("|"));
    assert.ok(!cells.some((c) => /^[=+\-@]/.test(c)));
  });

  it("refuses queries it cannot answer, with a sentence, and bounds GraphQL's cost", async () => {
    const bad = async (query: string) => {
      const response = await fetch(`${indexer.url}/api/issuers/1/credentials?${query}`);
      assert.equal(response.status, 400, query);
      return ((await response.json()) as { error: string }).error;
    };
    assert.match(await bad("status=bogus"), /status must be one of valid, expired, revoked, renounced, moved/);
    assert.match(await bad("holder=alice"), /holder must be an address/);
    assert.match(await bad("limit=100000"), /limit must be 1 to 500/);
    assert.match(await bad("cursor=-1"), /cursor must be a whole number/);
    // No SQL over HTTP: one costly query would hold the embedded database.
    assert.equal((await fetch(`${indexer.url}/sql/db?sql=select%201`)).status, 404);

    const graphql = async (query: string) => {
      const response = await fetch(`${indexer.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as {
        data?: { credentials: { items: { id: string }[]; pageInfo: { endCursor: string } } };
        errors?: { message: string }[];
      };
    };
    const first = await graphql(`
      {
        credentials(where: { issuerId: "1" }, orderBy: "id", orderDirection: "desc", limit: 5) {
          items {
            id
            holder
          }
          pageInfo {
            endCursor
            hasNextPage
          }
        }
      }
    `);
    assert.equal(first.data?.credentials.items.length, 5);
    const next = await graphql(
      `{ credentials(where: { issuerId: "1" }, orderBy: "id", orderDirection: "desc", limit: 5, after: "${first.data!.credentials.pageInfo.endCursor}") { items { id } } }`,
    );
    assert.ok(BigInt(next.data!.credentials.items[0]!.id) < BigInt(first.data!.credentials.items[4]!.id));
    const deep = "{ a { b { c { d { e { f { g { h { i { j } } } } } } } } } }";
    assert.ok((await graphql(deep)).errors?.some((e) => /depth/i.test(e.message)));
    const huge = await graphql(`
      {
        credentials(limit: 5000) {
          items {
            id
          }
        }
      }
    `);
    assert.ok(huge.errors?.some((e) => /limit/i.test(e.message)));
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: credentials(limit: 1) { items { id } }`).join(" ");
    assert.ok((await graphql(`{ ${aliases} }`)).errors?.some((e) => /alias/i.test(e.message)));
  });

  it("shows a new event soon after its block", async () => {
    const target = (await totalIssued()) - 10n;
    const started = Date.now();
    const hash = await wallet(NORTHWIND_KEY).writeContract({
      address: REGISTRY,
      abi: credentialRegistryAbi,
      functionName: "revoke",
      args: [target, 1, "late"],
      chain: null,
    });
    await client.waitForTransactionReceipt({ hash });
    const mined = Date.now();
    for (;;) {
      const events = await fetchCredentialEvents(indexer.url, target);
      if (events.some((e) => e.kind === "revoked")) break;
      assert.ok(Date.now() - started < 30_000, "the revocation never reached the index");
      await new Promise((r) => setTimeout(r, 20));
    }
    // Measured, not asserted: docs/benchmarks.md has the benchmark's figures.
    console.log(`# revocation visible in the API ${Date.now() - mined} ms after its receipt`);
    const activity = await fetchActivity(indexer.url, { issuerId: 1n, limit: 1 });
    assert.deepEqual([activity[0]!.tokenId, activity[0]!.kind, activity[0]!.note], [target, "revoked", "late"]);
  });

  it("drops the rows of blocks a reorg removed", async () => {
    const snapshot = await rpc("evm_snapshot");
    const ghost = learner(9_999);
    await send(NORTHWIND_KEY, "issue", [TYPE, ghost, 0n, `0x${"00".repeat(32)}`]);
    assert.equal((await fetchIssued(indexer.url, { issuerId: 1n, holder: ghost })).credentials.length, 1);
    assert.equal(await rpc("evm_revert", [snapshot]), true);
    // Two new blocks at the same heights, with other contents.
    const other = learner(8_888);
    await send(NORTHWIND_KEY, "issue", [TYPE, other, 0n, `0x${"00".repeat(32)}`]);
    await rpc("evm_mine");
    const deadline = Date.now() + 30_000;
    while ((await fetchIssued(indexer.url, { issuerId: 1n, holder: ghost })).credentials.length !== 0) {
      assert.ok(Date.now() < deadline, "the reorged credential is still in the index");
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitForBlock(indexer, await client.getBlockNumber({ cacheTime: 0 }));
    assert.equal((await fetchIssued(indexer.url, { issuerId: 1n, holder: other })).credentials.length, 1);
    await agrees();
  });

  it("follows a key-compromise watermark over every credential it covers (in one SQL UPDATE), stacks included", async () => {
    // The admin marks Contoso's (issuer 2) key compromised from its first credential on.
    await send(ADMIN_KEY, "setCompromiseWatermark", [2n, 1n]);
    const result = await agrees();
    const contoso = await fetchIssuerSummary(indexer.url, 2n);
    assert.equal(contoso.valid + contoso.expired, 0, indexJson(contoso));
    assert.ok(contoso.revoked > 0);
    console.log(`# after the watermark: ${result.checked} credentials agree with the chain`);
  });
});

/** Debian's PostgreSQL server binaries, if installed (apt-get install postgresql). */
function postgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const version = readdirSync(base).sort().pop();
  const bin = version && path.join(base, version, "bin");
  return bin && existsSync(path.join(bin, "initdb")) ? bin : undefined;
}

const PG_BIN = postgresBin();

describe("the indexer on PostgreSQL", () => {
  if (!PG_BIN) {
    it("is skipped: PostgreSQL is not installed here (Debian: apt-get install postgresql)", { skip: true }, () => {});
    return;
  }
  const data = path.join(dir, "pg");
  // initdb and postgres refuse to run as root: as the postgres user when the tests run as root.
  const asPostgres = (command: string, args: string[]) =>
    process.getuid?.() === 0
      ? execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" })
      : execFileSync(command, args, { stdio: "pipe" });
  let pgIndexer: RunningIndexer | undefined;

  before(() => {
    chmodSync(dir, 0o755);
    if (process.getuid?.() === 0) execFileSync("install", ["-d", "-o", "postgres", "-m", "700", data]);
    else execFileSync("mkdir", ["-p", data]);
    asPostgres(path.join(PG_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
    asPostgres(path.join(PG_BIN, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(data, "log"),
      "-o",
      `-p ${PG_PORT} -k ${data} -c listen_addresses=127.0.0.1`,
      "-w",
      "start",
    ]);
  });

  after(async () => {
    await pgIndexer?.stop();
    try {
      asPostgres(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    } catch {
      // not started
    }
  });

  it("indexes the same chain into PostgreSQL, and agrees with it, reading no row back from the database", async () => {
    // Ponder indexes the newest 30 blocks one by one, as live blocks: 30 empty ones make the whole
    // history (revocations, a stack's refresh, a key-compromise watermark) a catch-up.
    for (let i = 0; i < 30; i++) await rpc("evm_mine");
    pgIndexer = startIndexer({
      root: ROOT,
      rpcUrl: RPC,
      port: PG_INDEX_PORT!,
      databaseUrl: `postgresql://postgres@127.0.0.1:${PG_PORT}/postgres`,
      schema: "e2e_pg",
    });
    await waitForBlock(pgIndexer, await client.getBlockNumber({ cacheTime: 0 }));
    const result = await agrees(pgIndexer);
    console.log(`# PostgreSQL: ${result.checked} credentials agree with the chain at block ${result.blockNumber}`);
    const summary = await fetchIssuerSummary(pgIndexer.url, 1n);
    assert.deepEqual({ ...summary, at: 0n }, { ...(await fetchIssuerSummary(indexer.url, 1n)), at: 0n });
    // A catch-up keeps every table in memory unless a handler's SQL is a write, or a query Ponder
    // cannot prove read-only (SELECT DISTINCT): then it drops them all for the rest of the run,
    // and each later insert reads the database first (catch-up at half speed).
    const metrics = await (await fetch(`${pgIndexer.url}/metrics`)).text();
    const reads = [
      ...metrics.matchAll(/^ponder_indexing_cache_requests_total\{table="(\w+)",type="(?:miss|hit)"\} (\d+)/gm),
    ]
      .filter((m) => m[2] !== "0")
      .map((m) => `${m[1]}: ${m[2]}`);
    assert.deepEqual(reads, [], "rows read back from the database during the catch-up");
    // …and the metric is the one read: the credentials' lookups were answered from memory.
    const inMemory = /^ponder_indexing_cache_requests_total\{table="credential",type="complete"\} (\d+)/m.exec(metrics);
    assert.ok(Number(inMemory?.[1]) > 0, `credential lookups answered from memory: ${inMemory?.[1]}`);
  });
});
