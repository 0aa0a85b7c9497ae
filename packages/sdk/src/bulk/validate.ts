/**
 * Checking every row before anything is sent: first what the file alone can tell (address,
 * checksum, date, evidence, duplicates), then what the chain says (the type, the sender's right
 * to issue it, recipients who already hold a valid credential of it), in batched reads.
 */
import { keccak256, toBytes, zeroHash, type Address, type Hex, type PublicClient } from "viem";

import { parseRecipient } from "../address";
import { describeError } from "../errors";
import { credentialRegistryAbi } from "../generated/abis";
import { CredentialStatus, IssuerStatus } from "../status";
import type { CsvRow } from "./csv";
import { readMany } from "./read";

/** A row that passed every check and can be issued. */
export interface ReadyRow {
  row: number;
  recipient: Address;
  /** Unix seconds; 0 for the type's default. */
  validUntil: bigint;
  evidenceHash: Hex;
}

export type RowOutcome =
  | { row: number; status: "ready"; ready: ReadyRow }
  | { row: number; status: "invalid"; reason: string }
  | { row: number; status: "held"; recipient: Address; tokenId: bigint; expired: boolean };

export interface Validation {
  /** Why no row can be issued (unknown or retired type, an account that may not issue it); undefined when rows can go ahead. */
  jobError?: string;
  outcomes: RowOutcome[];
  ready: ReadyRow[];
  counts: { rows: number; ready: number; invalid: number; held: number };
}

const MAX_EXPIRY = 0xffffffffn;

/** "2027-06-30" (end of that day, UTC) or "2027-06-30T12:00:00Z"; a sentence when it is neither or is past. */
export function parseValidUntil(text: string, nowSeconds: number): { seconds: bigint } | { error: string } {
  if (text === "") return { seconds: 0n };
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text);
  const ms = dateOnly ? Date.parse(`${text}T23:59:59Z`) : iso ? Date.parse(text) : NaN;
  // Date.parse accepts 2027-02-31 and 24:00 (rolling into the next day): a real date round-trips,
  // and a time's parts are in range.
  const day = dateOnly ? text : iso?.[1];
  const dayMs = day === undefined ? NaN : Date.parse(`${day}T00:00:00Z`);
  const realDay = !Number.isNaN(dayMs) && new Date(dayMs).toISOString().slice(0, 10) === day;
  const [hour, minute, second, offsetHour, offsetMinute] = (iso?.slice(2) ?? []).map((part) => Number(part ?? 0));
  const realTime = !iso || (hour! <= 23 && minute! <= 59 && second! <= 59 && offsetHour! <= 23 && offsetMinute! <= 59);
  if (Number.isNaN(ms) || !realDay || !realTime) {
    return { error: `“${text}” is not a date: use YYYY-MM-DD, such as 2027-06-30.` };
  }
  const seconds = Math.floor(ms / 1000);
  if (seconds <= nowSeconds) return { error: `The valid-until date ${text} has passed.` };
  if (BigInt(seconds) > MAX_EXPIRY)
    return { error: `The valid-until date ${text} is after 2106, the latest the registry stores.` };
  return { seconds: BigInt(seconds) };
}

/** A URL (hashed with keccak-256; the URL itself stays off-chain) or a 0x-prefixed 32-byte hash. */
export function parseEvidence(text: string): { hash: Hex } | { error: string } {
  if (text === "") return { hash: zeroHash };
  if (/^0x[0-9a-fA-F]{64}$/.test(text)) return { hash: text.toLowerCase() as Hex };
  if (/^(https?|ipfs|ar):\/\/\S+$/.test(text) && text.length <= 2048) return { hash: keccak256(toBytes(text)) };
  return { error: "The evidence should be a URL (https://, ipfs:// or ar://) or a 0x-prefixed 32-byte hash." };
}

/** The checks a file can answer alone. Duplicates: every later row with an address seen before. */
export function checkRowsOffline(rows: readonly CsvRow[], nowSeconds: number): RowOutcome[] {
  const firstRow = new Map<string, number>();
  return rows.map((r): RowOutcome => {
    const invalid = (reason: string): RowOutcome => ({ row: r.row, status: "invalid", reason });
    if (r.problem) return invalid(r.problem);
    if (r.recipient === "") return invalid("The recipient address is missing.");
    const address = parseRecipient(r.recipient);
    if (address.error !== undefined) return invalid(address.error);
    const key = address.address.toLowerCase();
    const seen = firstRow.get(key);
    if (seen !== undefined) return invalid(`Duplicate: the same recipient is on row ${seen}.`);
    firstRow.set(key, r.row);
    const until = parseValidUntil(r.validUntil, nowSeconds);
    if ("error" in until) return invalid(until.error);
    const evidence = parseEvidence(r.evidence);
    if ("error" in evidence) return invalid(evidence.error);
    return {
      row: r.row,
      status: "ready",
      ready: { row: r.row, recipient: address.address, validUntil: until.seconds, evidenceHash: evidence.hash },
    };
  });
}

export interface ChainContext {
  client: PublicClient;
  registry: Address;
  typeId: bigint;
  /** The account that will send the transactions. */
  issuer: Address;
}

/** Why `issuer` cannot issue `typeId` at all, as a sentence; undefined when it can. */
export async function typeProblem({ client, registry, typeId, issuer }: ChainContext): Promise<string | undefined> {
  const read = { address: registry, abi: credentialRegistryAbi } as const;
  const count = await client.readContract({ ...read, functionName: "typeCount" });
  if (typeId < 1n || typeId > count) return `There is no credential type #${typeId}.`;
  const type = await client.readContract({ ...read, functionName: "credentialType", args: [typeId] });
  if (type.retired) return `Credential type #${typeId} (${type.name}) is retired and cannot be issued any more.`;
  if (type.requiredComponents > 0) {
    return `Credential type #${typeId} (${type.name}) is a stacked qualification: holders claim it, issuers do not issue it.`;
  }
  if (await client.readContract({ ...read, functionName: "canIssue", args: [typeId, issuer] })) return undefined;
  const issuerId = await client.readContract({ ...read, functionName: "issuerOf", args: [issuer] });
  if (issuerId !== 0n) {
    const profile = await client.readContract({ ...read, functionName: "issuer", args: [issuerId] });
    if (profile.status === IssuerStatus.Suspended)
      return `The issuer account ${issuer} (${profile.name}) is suspended.`;
  }
  const owner = await client.readContract({ ...read, functionName: "issuer", args: [type.ownerIssuerId] });
  if (owner.status === IssuerStatus.Suspended) {
    return `Credential type #${typeId} (${type.name}) belongs to ${owner.name}, which is suspended.`;
  }
  if (issuerId !== 0n && issuerId === type.ownerIssuerId) {
    return `Credential type #${typeId} (${type.name}) cannot be issued now: its default validity would run past 2106.`;
  }
  return `${issuer} may not issue credential type #${typeId} (${type.name}): it is not the type's issuer or a delegate.`;
}

/**
 * Every row's outcome: the offline checks, then the chain's. Recipients who already hold a
 * credential of the type that counts (valid, or expired: renew it instead) are "held" (skipped,
 * with the token id), not invalid: on a resumed job they are the rows issued before.
 */
export async function validateRows(
  rows: readonly CsvRow[],
  chain: ChainContext,
  nowSeconds = Math.floor(Date.now() / 1000),
  /** The offline outcomes when already computed (the dApp computes them in a worker). */
  offline?: RowOutcome[],
): Promise<Validation> {
  let outcomes = offline ?? checkRowsOffline(rows, nowSeconds);
  let jobError: string | undefined;
  try {
    jobError = await typeProblem(chain);
  } catch (error) {
    jobError = `The registry could not be read: ${describeError(error)}`;
  }
  if (jobError) {
    outcomes = outcomes.map((o) => (o.status === "ready" ? { row: o.row, status: "invalid", reason: jobError! } : o));
  } else {
    const ready = outcomes.filter((o) => o.status === "ready");
    const held = await heldCredentials(
      ready.map((o) => o.ready.recipient),
      chain,
    );
    outcomes = outcomes.map((o) => {
      if (o.status !== "ready") return o;
      const found = held.get(o.ready.recipient);
      return found ? { row: o.row, status: "held", recipient: o.ready.recipient, ...found } : o;
    });
  }
  const ready = outcomes.flatMap((o) => (o.status === "ready" ? [o.ready] : []));
  return {
    jobError,
    outcomes,
    ready,
    counts: {
      rows: outcomes.length,
      ready: ready.length,
      invalid: outcomes.filter((o) => o.status === "invalid").length,
      held: outcomes.filter((o) => o.status === "held").length,
    },
  };
}

/**
 * For each holder who still has a credential of the type that counts (valid, or expired: the
 * registry renews an expired one rather than issuing another), its token id. Two batched reads:
 * each holder's latest credential of the type, then those credentials' status.
 */
async function heldCredentials(
  holders: readonly Address[],
  chain: ChainContext,
): Promise<Map<Address, { tokenId: bigint; expired: boolean }>> {
  const latest = await readMany<bigint>(
    chain.client,
    holders.map((h) => ({ functionName: "latestCredentialOf", args: [h, chain.typeId] })),
    chain.registry,
    32,
  );
  const withToken = holders.flatMap((h, i) => (latest[i] ? [{ holder: h, tokenId: latest[i]! }] : []));
  type Record = { status: number };
  const records = await readMany<Record>(
    chain.client,
    withToken.map((w) => ({ functionName: "credentialRecord", args: [w.tokenId] })),
    chain.registry,
    // Holder, type, dates, note, components: under 2 kB for any credential.
    2_000,
  );
  const found = new Map<Address, { tokenId: bigint; expired: boolean }>();
  withToken.forEach((w, i) => {
    const status = records[i]!.status;
    if (status === CredentialStatus.Valid || status === CredentialStatus.Expired) {
      found.set(w.holder, { tokenId: w.tokenId, expired: status === CredentialStatus.Expired });
    }
  });
  return found;
}
