/**
 * The index's HTTP API.
 * - /graphql: Ponder's GraphQL over every table (cursor paging, filters), with bounded query cost.
 * - /api/*: what the dApp and `pnpm indexer:check` read, with statuses worked out at the time of
 *   the question (`at`, Unix seconds; now by default) by the SDK's `indexedStatus`.
 * Every answer is JSON with ids, times and block numbers as decimal strings.
 */
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, like, lt, lte, sql } from "ponder";
import { graphql } from "ponder";
import { db } from "ponder:api";
import schema, { claimRound, credential, credentialEvent, credentialType } from "ponder:schema";
import { isAddress } from "viem";

import {
  INDEXED_STATUSES,
  STATUS_LABELS,
  indexJson,
  indexedStatus,
  toCsv,
  type IndexedStatusName,
} from "@onchaincert/sdk";

import { chainId } from "../deployment";
import { statusIs, type SQL } from "../status";

const app = new Hono();

// The dApp is served from another origin; everything here is public, read-only chain data.
app.use("/*", cors({ origin: "*", allowMethods: ["GET", "POST", "OPTIONS"] }));

// At most 8 levels, 30 aliases and 1,000 tokens a query; 1,000 rows a list (Ponder's own cap).
app.use(
  "/graphql",
  graphql({ db, schema }, { maxOperationDepth: 8, maxOperationAliases: 30, maxOperationTokens: 1000 }),
);

class BadRequest extends Error {}

const MAX_PAGE = 500;
const CSV_ROWS = 200_000;
function json(c: Context, value: unknown, status: 200 | 400 | 404 = 200) {
  return c.body(indexJson(value), status, { "content-type": "application/json; charset=utf-8" });
}

app.onError((error, c) => {
  if (error instanceof BadRequest) return json(c, { error: error.message }, 400);
  throw error;
});

function id(value: string | undefined, what: string): bigint {
  if (value === undefined || !/^\d{1,30}$/.test(value)) throw new BadRequest(`${what} must be a whole number.`);
  return BigInt(value);
}

function optionalId(value: string | undefined, what: string): bigint | undefined {
  return value === undefined || value === "" ? undefined : id(value, what);
}

function limitOf(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new BadRequest(`limit must be 1 to ${MAX_PAGE}.`);
  return n;
}

/** The block the index has reached, from Ponder's checkpoint (timestamp, chain id, block number). */
async function indexedBlock(): Promise<{ blockNumber: bigint; blockTimestamp: bigint }> {
  // Unqualified: the API's connection reads the schema the indexer was started with (--schema).
  const result = await db.execute(
    sql.raw(`SELECT latest_checkpoint FROM _ponder_checkpoint WHERE chain_id = ${chainId}`),
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    latest_checkpoint: string;
  }[];
  const checkpoint = rows[0]?.latest_checkpoint;
  if (!checkpoint) return { blockNumber: 0n, blockTimestamp: 0n };
  return { blockTimestamp: BigInt(checkpoint.slice(0, 10)), blockNumber: BigInt(checkpoint.slice(26, 42)) };
}

async function state(c: Context) {
  const at = optionalId(c.req.query("at"), "at") ?? BigInt(Math.floor(Date.now() / 1000));
  return { chainId, ...(await indexedBlock()), at };
}

const columns = {
  tokenId: credential.id,
  holder: credential.holder,
  typeId: credential.typeId,
  issuerId: credential.issuerId,
  delegateIssuerId: credential.delegateIssuerId,
  actor: credential.actor,
  issuedAt: credential.issuedAt,
  validUntil: credential.validUntil,
  evidenceHash: credential.evidenceHash,
  components: credential.components,
  originalTokenId: credential.originalTokenId,
  movedFrom: credential.movedFrom,
  movedTo: credential.movedTo,
  pendingMove: credential.pendingMove,
  revocationReason: credential.revocationReason,
  revokedAt: credential.revokedAt,
  revocationNote: credential.revocationNote,
  renouncedAt: credential.renouncedAt,
  componentsAway: credential.componentsAway,
  claimRoundId: credential.claimRoundId,
  via: credential.via,
  blockNumber: credential.blockNumber,
  logIndex: credential.logIndex,
  timestamp: credential.timestamp,
  transactionHash: credential.transactionHash,
};

// One table, no join: a page is an index scan (issuer, id) and type names come from a second, small read.
function select(where: SQL | undefined) {
  return db.select(columns).from(credential).where(where);
}

type Row = Awaited<ReturnType<typeof select>>[number];

/** Rows with their type's name and their status at `at`. */
async function described(rows: Row[], at: bigint) {
  const ids = [...new Set(rows.map((r) => r.typeId))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: credentialType.id, name: credentialType.name })
            .from(credentialType)
            .where(inArray(credentialType.id, ids))
        ).map((t) => [t.id, t.name] as const),
  );
  return rows.map(({ logIndex: _logIndex, timestamp: _timestamp, ...row }) => ({
    ...row,
    typeName: names.get(row.typeId) ?? "",
    status: indexedStatus(row, at),
  }));
}

/** A credential's issuance as the first line of its history (the row itself records it). */
function issuance(row: Row) {
  return {
    id: `issued-${row.tokenId}`,
    tokenId: row.tokenId,
    kind: row.via === "stack" ? "stacked" : "issued",
    issuerId: row.issuerId,
    blockNumber: row.blockNumber,
    logIndex: row.logIndex,
    timestamp: row.timestamp,
    transactionHash: row.transactionHash,
    actor: row.actor,
    reason: null,
    note: null,
    validUntil: row.validUntil === 0n ? null : row.validUntil,
    readyAt: null,
    relatedId: row.claimRoundId,
    holder: row.holder,
    via: row.via,
    typeId: row.typeId,
    components: row.components,
  };
}

/** The filters of an issuer's list, from the query string. */
function issuedFilters(c: Context, issuerId: bigint, at: bigint): SQL[] {
  const q = (name: string) => c.req.query(name);
  const where: SQL[] = [eq(credential.issuerId, issuerId)];
  const status = q("status");
  if (status) {
    if (!(INDEXED_STATUSES as readonly string[]).includes(status))
      throw new BadRequest(`status must be one of ${INDEXED_STATUSES.join(", ")}.`);
    where.push(statusIs(status as IndexedStatusName, at));
  }
  const typeId = optionalId(q("typeId"), "typeId");
  if (typeId !== undefined) where.push(eq(credential.typeId, typeId));
  const holder = q("holder")?.trim();
  if (holder) {
    // Ponder keeps addresses in lower case.
    if (isAddress(holder, { strict: false })) where.push(eq(credential.holder, holder.toLowerCase() as `0x${string}`));
    else if (/^0x[0-9a-fA-F]{4,39}$/.test(holder)) where.push(like(credential.holder, `${holder.toLowerCase()}%`));
    else throw new BadRequest("holder must be an address, or its first 6 or more characters with 0x.");
  }
  const issuedFrom = optionalId(q("issuedFrom"), "issuedFrom");
  if (issuedFrom !== undefined) where.push(gte(credential.issuedAt, issuedFrom));
  const issuedUntil = optionalId(q("issuedUntil"), "issuedUntil");
  if (issuedUntil !== undefined) where.push(lte(credential.issuedAt, issuedUntil));
  const expiresFrom = optionalId(q("expiresFrom"), "expiresFrom");
  const expiresUntil = optionalId(q("expiresUntil"), "expiresUntil");
  // An expiry window leaves out what never expires.
  if (expiresFrom !== undefined || expiresUntil !== undefined) where.push(gt(credential.validUntil, 0n));
  if (expiresFrom !== undefined) where.push(gte(credential.validUntil, expiresFrom));
  if (expiresUntil !== undefined) where.push(lte(credential.validUntil, expiresUntil));
  return where;
}

app.get("/api/state", async (c) => json(c, await state(c)));

/** An issuer's credentials, newest first: `cursor` is the previous page's `next`. */
app.get("/api/issuers/:issuerId/credentials", async (c) => {
  const issuerId = id(c.req.param("issuerId"), "issuerId");
  const now = await state(c);
  const limit = limitOf(c.req.query("limit"), 50);
  const where = issuedFilters(c, issuerId, now.at);
  const cursor = optionalId(c.req.query("cursor"), "cursor");
  if (cursor !== undefined) where.push(lt(credential.id, cursor));
  const rows = await select(and(...where))
    .orderBy(desc(credential.id))
    .limit(limit + 1);
  const page = await described(rows.slice(0, limit), now.at);
  return json(c, { ...now, credentials: page, next: rows.length > limit ? page[page.length - 1]!.tokenId : null });
});

/** The same list as a spreadsheet: every matching row (up to 200,000), formula-safe. */
app.get("/api/issuers/:issuerId/credentials.csv", async (c) => {
  const issuerId = id(c.req.param("issuerId"), "issuerId");
  const now = await state(c);
  const rows = await select(and(...issuedFilters(c, issuerId, now.at)))
    .orderBy(desc(credential.id))
    .limit(CSV_ROWS);
  const date = (t: bigint | null) => (t ? new Date(Number(t) * 1000).toISOString().slice(0, 10) : "");
  const csv = toCsv(
    [
      "credential",
      "holder",
      "type",
      "type name",
      "status",
      "issued",
      "expires",
      "revoked",
      "revocation note",
      "evidence",
    ],
    (await described(rows, now.at)).map((r) => [
      r.tokenId.toString(),
      r.holder,
      r.typeId.toString(),
      r.typeName,
      STATUS_LABELS[r.status],
      date(r.issuedAt),
      date(r.validUntil),
      date(r.revokedAt),
      r.revocationNote ?? "",
      r.evidenceHash ?? "",
    ]),
  );
  return c.body(csv, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="issuer-${issuerId}-credentials.csv"`,
  });
});

/** Counts for an issuer's page: credentials by status now, its types and claim rounds. */
app.get("/api/issuers/:issuerId/summary", async (c) => {
  const issuerId = id(c.req.param("issuerId"), "issuerId");
  const now = await state(c);
  const mine = eq(credential.issuerId, issuerId);
  const countWhere = async (where: SQL | undefined) =>
    (await db.select({ n: count() }).from(credential).where(where))[0]?.n ?? 0;
  const byStatus = Object.fromEntries(
    await Promise.all(
      INDEXED_STATUSES.map(async (s) => [s, await countWhere(and(mine, statusIs(s, now.at)))] as const),
    ),
  ) as Record<IndexedStatusName, number>;
  const types =
    (await db.select({ n: count() }).from(credentialType).where(eq(credentialType.ownerIssuerId, issuerId)))[0]?.n ?? 0;
  const rounds = (await db.select({ n: count() }).from(claimRound).where(eq(claimRound.issuerId, issuerId)))[0]?.n ?? 0;
  const issued = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return json(c, { ...now, issuerId, issued, ...byStatus, types, claimRounds: rounds });
});

/** Every credential in id order from `after` (for reconciliation and audits). */
app.get("/api/credentials", async (c) => {
  const now = await state(c);
  const limit = limitOf(c.req.query("limit"), 500);
  const after = optionalId(c.req.query("after"), "after") ?? 0n;
  const rows = await select(gt(credential.id, after))
    .orderBy(asc(credential.id))
    .limit(limit + 1);
  const page = await described(rows.slice(0, limit), now.at);
  return json(c, { ...now, credentials: page, next: rows.length > limit ? page[page.length - 1]!.tokenId : null });
});

app.get("/api/credentials/:tokenId", async (c) => {
  const tokenId = id(c.req.param("tokenId"), "tokenId");
  const now = await state(c);
  const [row] = await select(eq(credential.id, tokenId));
  if (!row) return json(c, { error: `Credential ${tokenId} is not in the index.` }, 404);
  return json(c, { ...now, credential: (await described([row], now.at))[0] });
});

/** A credential's history, oldest first: its issuance, then every event. */
app.get("/api/credentials/:tokenId/events", async (c) => {
  const tokenId = id(c.req.param("tokenId"), "tokenId");
  const [row] = await select(eq(credential.id, tokenId));
  const events = await db
    .select()
    .from(credentialEvent)
    .where(eq(credentialEvent.tokenId, tokenId))
    .orderBy(asc(credentialEvent.blockNumber), asc(credentialEvent.logIndex))
    .limit(1000);
  // A credential a move created begins with the move ("movedHere"), not an issuance.
  return json(c, { events: row && row.movedFrom === null ? [issuance(row), ...events] : events });
});

/** The latest issuances and events, of one issuer's credentials when `issuerId` is given, newest first. */
app.get("/api/activity", async (c) => {
  const issuerId = optionalId(c.req.query("issuerId"), "issuerId");
  const limit = limitOf(c.req.query("limit"), 20);
  const events = await db
    .select()
    .from(credentialEvent)
    .where(issuerId === undefined ? undefined : eq(credentialEvent.issuerId, issuerId))
    .orderBy(desc(credentialEvent.blockNumber), desc(credentialEvent.logIndex))
    .limit(limit);
  const issued = await select(
    and(issuerId === undefined ? undefined : eq(credential.issuerId, issuerId), isNull(credential.movedFrom)),
  )
    .orderBy(desc(credential.blockNumber), desc(credential.logIndex))
    .limit(limit);
  const newestFirst = [...events, ...issued.map(issuance)].sort((a, b) =>
    a.blockNumber !== b.blockNumber ? (a.blockNumber > b.blockNumber ? -1 : 1) : b.logIndex - a.logIndex,
  );
  return json(c, { events: newestFirst.slice(0, limit) });
});

export default app;
