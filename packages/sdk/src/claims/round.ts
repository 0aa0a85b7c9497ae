/**
 * A claim round from a spreadsheet: check every row, make one secret per row, build the tree,
 * open the round with one transaction, and write one claim URL per row for the issuer's mail
 * merge. The round's seed is saved before anything else, so a run stopped at any point makes the
 * same links when it runs again (and finds a round it opened but did not record).
 */
import { bytesToHex, hexToBytes, type Address, type Hash, type Hex, type PublicClient } from "viem";

import type { CsvRow, ParsedCsv } from "../bulk/csv";
import { toCsvChunks } from "../bulk/csv";
import { parseEvidence, parseValidUntil } from "../bulk/validate";
import { credentialClaimsAbi } from "../generated/abis";
import type { RoundInfo } from "./claim";
import {
  claimUrlPrefix,
  encodeClaimCodeBytes,
  keyAddress,
  keyFrom,
  keyInput,
  leafInto,
  LinkTree,
  nobleCrypto,
  type ClaimCrypto,
  type ClaimLink,
} from "./links";

/** A row that gets a link: its index in the round and what its leaf commits to. */
export interface LinkRow {
  row: number;
  index: number;
  validUntil: bigint;
  evidenceHash: Hex;
}

export type LinkRowOutcome =
  { row: number; status: "ready"; ready: LinkRow } | { row: number; status: "invalid"; reason: string };

/** The most links one round may have (CredentialClaims.MAX_ROUND_SIZE). */
export const MAX_ROUND_SIZE = 1 << 20;

/**
 * The checks a file can answer: the row is whole, its expiry is a future date (and, with a claim
 * deadline, not before it), its evidence a URL or hash, and it is not an exact copy of an
 * earlier row (the same person twice would get two links for one credential).
 */
export function checkLinkRows(rows: readonly CsvRow[], nowSeconds: number, deadline = 0): LinkRowOutcome[] {
  const seen = new Map<string, number>();
  let index = 0;
  return rows.map((r): LinkRowOutcome => {
    const invalid = (reason: string): LinkRowOutcome => ({ row: r.row, status: "invalid", reason });
    if (r.problem) return invalid(r.problem);
    const key = JSON.stringify(r.cells.map((c) => c.trim()));
    const first = seen.get(key);
    if (first !== undefined) return invalid(`Duplicate: the same as row ${first}.`);
    seen.set(key, r.row);
    const until = parseValidUntil(r.validUntil, nowSeconds);
    if ("error" in until) return invalid(until.error);
    if (until.seconds !== 0n && deadline !== 0 && until.seconds <= BigInt(deadline)) {
      return invalid(`The valid-until date ${r.validUntil} is before the claim deadline: a late claim would fail.`);
    }
    const evidence = parseEvidence(r.evidence);
    if ("error" in evidence) return invalid(evidence.error);
    return {
      row: r.row,
      status: "ready",
      ready: { row: r.row, index: index++, validUntil: until.seconds, evidenceHash: evidence.hash },
    };
  });
}

/** What a run remembers between attempts (the CLI keeps it next to the CSV, the dApp in the browser). */
export interface RoundJob {
  version: 1;
  chainId: number;
  claims: Address;
  typeId: string;
  /** keccak-256 of the CSV's bytes: the same links only for the same file. */
  fileHash: Hex;
  /** The secret every link's key is derived from. As sensitive as the links themselves. */
  seed: Hex;
  deadline: number;
  root?: Hex;
  size?: number;
  /** The chain time the rows were checked at, so a resumed run checks them the same way. */
  checkedAt?: number;
  openHash?: Hash;
  roundId?: string;
}

export interface BuiltRound {
  tree: LinkTree;
  /** Each link's private key, by index. */
  keys: Uint8Array[];
}

/**
 * Makes every link's key and leaf and the tree. Yields to the event loop every `batch` rows so a
 * page stays responsive; `onProgress` gets the rows done.
 */
export async function buildRound(
  seed: Hex,
  rows: readonly LinkRow[],
  options: { crypto?: ClaimCrypto; onProgress?: (done: number, total: number) => void; batch?: number } = {},
): Promise<BuiltRound> {
  if (rows.length === 0 || rows.length > MAX_ROUND_SIZE) {
    throw new Error(
      `A round has 1 to ${MAX_ROUND_SIZE.toLocaleString("en-US")} links; this one would have ${rows.length}.`,
    );
  }
  const crypto = options.crypto ?? nobleCrypto;
  const batch = options.batch ?? 2_000;
  const seedBytes = hexToBytes(seed, { size: 32 });
  const input = keyInput(seedBytes);
  const encoded = new Uint8Array(128);
  const noEvidence = new Uint8Array(32);
  const leaves = new Uint8Array(rows.length * 32);
  const keys: Uint8Array[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.index !== i) throw new Error(`Row ${row.row} has link index ${row.index}, expected ${i}.`);
    const key = keyFrom(input, i, crypto);
    keys.push(key);
    const evidence = BigInt(row.evidenceHash) === 0n ? noEvidence : hexToBytes(row.evidenceHash, { size: 32 });
    leaves.set(leafInto(encoded, i, keyAddress(key, crypto), row.validUntil, evidence, crypto), i * 32);
    if ((i + 1) % batch === 0) {
      options.onProgress?.(i + 1, rows.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  const tree = new LinkTree(leaves, crypto);
  options.onProgress?.(rows.length, rows.length);
  return { tree, keys };
}

/** Link `index` of a built round, once the round has an id. */
export function roundLink(built: BuiltRound, chainId: number, roundId: bigint, row: LinkRow): ClaimLink {
  return {
    chainId,
    roundId,
    index: row.index,
    key: bytesToHex(built.keys[row.index]!),
    validUntil: row.validUntil,
    evidenceHash: row.evidenceHash,
    proof: built.tree.proof(row.index).map((p) => bytesToHex(p)),
  };
}

/** The `openRound` call. */
export function openRoundRequest(claims: Address, typeId: bigint, root: Hex, size: number, deadline: number) {
  return {
    address: claims,
    abi: credentialClaimsAbi,
    functionName: "openRound",
    args: [typeId, root, BigInt(size), BigInt(deadline)],
  } as const;
}

/** The round this root opened, if any (a root opens one round only). */
export async function roundOfRoot(client: PublicClient, claims: Address, root: Hex): Promise<bigint | undefined> {
  const id = await client.readContract({
    address: claims,
    abi: credentialClaimsAbi,
    functionName: "roundOfRoot",
    args: [root],
  });
  return id === 0n ? undefined : id;
}

/** What the links being made commit to, to compare with a round their root already opened. */
export interface RoundExpected {
  /** The issuer opening it (the account's own issuer id; a delegate's, for a delegate). */
  issuerId: bigint;
  typeId: bigint;
  size: number;
  deadline: number;
}

/**
 * Why the round that `root` already opened (`roundOfRoot`) is not the one these links are for, or
 * undefined when it is: this issuer's round of this type, size and deadline, still open. A root is
 * public once its transaction is in a mempool: another issuer can open a round of its own type
 * with it first, and links written for that round would give recipients that issuer's credential
 * (and let it close the round or set its deadline). Such a round is never used; the links are made
 * anew from a new secret.
 */
export function foundRoundProblem(round: RoundInfo | undefined, expected: RoundExpected): string | undefined {
  if (!round) return "The round these links opened could not be read.";
  const id = `#${round.roundId}`;
  if (round.issuerId !== expected.issuerId)
    return `The root of these links opened round ${id} of another issuer (issuer #${round.issuerId}): its links would give that issuer's credential.`;
  if (round.typeId !== expected.typeId)
    return `The root of these links opened round ${id} for credential type #${round.typeId}, not #${expected.typeId}.`;
  if (round.size !== expected.size || round.deadline !== expected.deadline)
    return `The root of these links opened round ${id} with other terms (${round.size} links, deadline ${round.deadline || "none"}).`;
  if (round.closed) return `Round ${id}, which these links opened, is closed: its links no longer work.`;
  return undefined;
}

/** The round id in an `openRound` receipt's RoundOpened event. */
export function roundIdFromLogs(logs: readonly { address: Address; topics: readonly Hex[] }[], claims: Address) {
  // RoundOpened(uint256 indexed roundId, ...): topic 1.
  const log = logs.find((l) => l.address.toLowerCase() === claims.toLowerCase() && l.topics.length === 4);
  return log ? BigInt(log.topics[1]!) : undefined;
}

/**
 * The results file: every row of the CSV as it was, then the link's index and claim URL, or
 * "invalid" and why. Formula-safe, like every CSV this project writes.
 */
export function linksCsv(
  csv: ParsedCsv,
  outcomes: readonly LinkRowOutcome[],
  links: { appBase: string; chainId: number; roundId: bigint; built: BuiltRound } | undefined,
): string {
  return [...linksCsvChunks(csv, outcomes, links)].join("");
}

/**
 * `linksCsv` in pieces, each row made as it is written: a round of up to a million links makes a
 * file larger than one string can be (the CLI writes the pieces one by one).
 */
export function linksCsvChunks(
  csv: ParsedCsv,
  outcomes: readonly LinkRowOutcome[],
  links: { appBase: string; chainId: number; roundId: bigint; built: BuiltRound } | undefined,
): Generator<string> {
  const byRow = new Map(outcomes.map((o) => [o.row, o]));
  const prefix = links ? claimUrlPrefix(links.appBase) : "";
  function* rows(): Generator<string[]> {
    for (const r of csv.rows) {
      const o = byRow.get(r.row);
      const cells = [...r.cells];
      while (cells.length < csv.header.length) cells.push("");
      const own = cells.slice(0, csv.header.length);
      if (!o || o.status === "invalid") yield [...own, "invalid", "", "", o?.reason ?? ""];
      else if (!links) yield [...own, "round not opened", String(o.ready.index), "", ""];
      else {
        const ready = o.ready;
        const code = encodeClaimCodeBytes(
          links.chainId,
          links.roundId,
          ready.index,
          links.built.keys[ready.index]!,
          ready.validUntil,
          hexToBytes(ready.evidenceHash, { size: 32 }),
          links.built.tree.proof(ready.index),
        );
        yield [...own, "link", String(ready.index), `${prefix}${code}`, ""];
      }
    }
  }
  return toCsvChunks([...csv.header, "status", "link_index", "claim_url", "reason"], rows());
}
