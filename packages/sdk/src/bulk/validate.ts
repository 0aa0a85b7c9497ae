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
  | { row: number; status: "held"; recipient: Address; tokenId?: bigint };

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
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const ms = dateOnly ? Date.parse(`${text}T23:59:59Z`) : iso ? Date.parse(text) : NaN;
  // Date.parse accepts 2027-02-31; a real date round-trips.
  if (Number.isNaN(ms) || (dateOnly && new Date(ms).toISOString().slice(0, 10) !== text)) {
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
  const profile = await client.readContract({ ...read, functionName: "issuer", args: [issuer] });
  if (profile.status === IssuerStatus.Suspended) return `The issuer account ${issuer} is suspended.`;
  return `${issuer} may not issue credential type #${typeId} (${type.name}): it is not the type's issuer or a delegate.`;
}

/**
 * Many reads at once, through Multicall3's aggregate3: at its canonical address where the chain has
 * it, otherwise "deployless" (the aggregator's code runs inside the eth_call, so any EVM chain
 * works, the local one included). Deployless results come back as "contract code", which EIP-170
 * caps at 24,576 bytes, so `bytesPerResult` sizes those batches; with a deployed Multicall3,
 * 500 calls per eth_call.
 */
async function readMany<T>(
  client: PublicClient,
  calls: readonly { functionName: string; args: readonly unknown[] }[],
  registry: Address,
  bytesPerResult: number,
): Promise<T[]> {
  const deployless = !client.chain?.contracts?.multicall3;
  // aggregate3 wraps each result as (bool, bytes): about 128 bytes on top of the result itself.
  const batch = deployless ? Math.max(1, Math.floor(20_000 / (bytesPerResult + 128))) : 500;
  const results: T[] = [];
  for (let i = 0; i < calls.length; i += batch) {
    const contracts = calls.slice(i, i + batch).map((c) => ({ address: registry, abi: credentialRegistryAbi, ...c }));
    let answers: readonly unknown[];
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      answers = await client.multicall({ contracts: contracts as any, allowFailure: false, batchSize: 0, deployless });
    } catch {
      // A result too large for a deployless call, or a chain that refuses it: one call each.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      answers = await Promise.all(contracts.map((c) => client.readContract(c as any)));
    }
    results.push(...(answers as T[]));
  }
  return results;
}

/**
 * Every row's outcome: the offline checks, then the chain's. Recipients who already hold a valid
 * credential of the type are "held" (skipped, with the token id), not invalid: on a resumed job
 * they are the rows issued before.
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
    const held = await readMany<boolean>(
      chain.client,
      ready.map((o) => ({ functionName: "hasValidCredential", args: [o.ready.recipient, chain.typeId] })),
      chain.registry,
      32,
    );
    const heldRows = new Map(ready.filter((_, i) => held[i]).map((o) => [o.row, o.ready.recipient]));
    const tokenIds = await heldTokenIds([...heldRows.values()], chain);
    outcomes = outcomes.map((o) =>
      heldRows.has(o.row)
        ? { row: o.row, status: "held", recipient: heldRows.get(o.row)!, tokenId: tokenIds.get(heldRows.get(o.row)!) }
        : o,
    );
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

/** The valid credential of the type each holder has, for the results file. */
async function heldTokenIds(holders: readonly Address[], chain: ChainContext): Promise<Map<Address, bigint>> {
  type Listed = readonly { tokenId: bigint; typeId: bigint; status: number }[];
  const lists = await readMany<Listed>(
    chain.client,
    holders.map((h) => ({ functionName: "credentialsOf", args: [h] })),
    chain.registry,
    // A credential in the list is about 1 kB with its strings; holders rarely have many.
    4_000,
  );
  const found = new Map<Address, bigint>();
  holders.forEach((holder, i) => {
    const valid = lists[i]!.find((c) => c.typeId === chain.typeId && c.status === CredentialStatus.Valid);
    if (valid) found.set(holder, valid.tokenId);
  });
  return found;
}
