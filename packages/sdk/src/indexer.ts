/**
 * The index (packages/indexer) as its readers see it: what a row says, how its status is worked
 * out at the time of the question, and a client for its HTTP API. The index lists; it never has
 * the last word on validity: a row the index calls Valid is confirmed with the lens's `verify`
 * before anyone is shown a green badge (the dApp's lists do so for every row they show).
 */
import { getAddress, zeroAddress, type Address, type Hex } from "viem";

import type { CredentialEvent } from "./credentialHistory";
import { CredentialStatus } from "./status";

/** A credential as the index holds it: facts from the chain's events; `status` worked out at `at`. */
export interface IndexedCredential {
  tokenId: bigint;
  holder: Address;
  typeId: bigint;
  typeName: string;
  issuerId: bigint;
  delegateIssuerId: bigint;
  /** The account that sent the issuing call (the issuer's, a delegate's, a claimant's or a sponsor's). */
  actor: Address;
  issuedAt: bigint;
  /** 0: does not expire. */
  validUntil: bigint;
  evidenceHash: Hex | null;
  components: bigint[];
  originalTokenId: bigint;
  movedFrom: bigint | null;
  movedTo: bigint | null;
  pendingMove: Address | null;
  revocationReason: number;
  revokedAt: bigint | null;
  revocationNote: string | null;
  renouncedAt: bigint | null;
  componentsAway: boolean;
  claimRoundId: bigint | null;
  blockNumber: bigint;
  transactionHash: Hex;
  status: CredentialStatus;
}

/** The facts `indexedStatus` reads. */
export type StatusFacts = Pick<
  IndexedCredential,
  "revocationReason" | "renouncedAt" | "movedTo" | "componentsAway" | "validUntil"
>;

/**
 * The status the chain's rules give these facts at Unix time `at`, in the registry's order:
 * Revoked, Renounced, Moved, Expired (strictly after `validUntil`), Valid. The indexer's SQL
 * filters (packages/indexer/src/status.ts) state the same rule.
 */
export function indexedStatus(facts: StatusFacts, at: bigint): CredentialStatus {
  if (facts.revocationReason !== 0) return CredentialStatus.Revoked;
  if (facts.renouncedAt !== null) return CredentialStatus.Renounced;
  if (facts.movedTo !== null || facts.componentsAway) return CredentialStatus.Moved;
  if (facts.validUntil !== 0n && at > facts.validUntil) return CredentialStatus.Expired;
  return CredentialStatus.Valid;
}

/** Status names the index's filters take. */
export const INDEXED_STATUSES = ["valid", "expired", "revoked", "renounced", "moved"] as const;
export type IndexedStatusName = (typeof INDEXED_STATUSES)[number];

/** One thing that happened to a credential, as the index recorded it. */
export interface IndexedEvent {
  id: string;
  tokenId: bigint;
  /** The first line is its issuance ("issued" or "stacked"); a credential a move created begins with "movedHere". */
  kind:
    | "issued"
    | "stacked"
    | "revoked"
    | "renewed"
    | "renounced"
    | "moveProposed"
    | "moveCancelled"
    | "moved"
    | "movedHere";
  issuerId: bigint;
  blockNumber: bigint;
  timestamp: bigint;
  transactionHash: Hex;
  /** Who acted: the issuing account, revoker, renewer, holder, proposer or new holder. */
  actor: Address | null;
  reason: number | null;
  /** A revocation's note; for a proposed move, the proposed address. */
  note: string | null;
  validUntil: bigint | null;
  readyAt: bigint | null;
  /** The credential on the other side of a move; for an issuance, its claim round. */
  relatedId: bigint | null;
  /** Issuance lines only: the holder, how it was issued, the type and a stack's components. */
  holder?: Address;
  via?: "direct" | "batch" | "link" | "stack";
  typeId?: bigint;
  components?: bigint[];
}

/** The index's lines as the history a credential page shows (the same shape as `readCredentialHistory`'s). */
export function historyFromIndex(events: readonly IndexedEvent[]): CredentialEvent[] {
  return events.flatMap((e): CredentialEvent[] => {
    const at = { blockNumber: e.blockNumber, transactionHash: e.transactionHash, timestamp: Number(e.timestamp) };
    const actor = e.actor ?? zeroAddress;
    switch (e.kind) {
      case "issued":
        return [
          {
            ...at,
            kind: "issued",
            holder: e.holder ?? zeroAddress,
            actor: e.actor ?? undefined,
            via: e.via === "batch" || e.via === "link" ? e.via : "direct",
          },
        ];
      case "stacked":
        return [
          {
            ...at,
            kind: "stack-claimed",
            holder: e.holder ?? zeroAddress,
            stackTypeId: e.typeId ?? 0n,
            components: e.components ?? [],
          },
        ];
      case "revoked":
        return [{ ...at, kind: "revoked", by: actor, reason: e.reason ?? 0, note: e.note ?? "" }];
      case "renewed":
        return [{ ...at, kind: "renewed", by: actor, validUntil: e.validUntil ?? 0n }];
      case "renounced":
        return [{ ...at, kind: "renounced", holder: actor }];
      case "moveProposed":
        return [
          {
            ...at,
            kind: "move-proposed",
            newHolder: getAddress(e.note ?? zeroAddress),
            proposer: actor,
            readyAt: e.readyAt ?? 0n,
          },
        ];
      case "moveCancelled":
        return [{ ...at, kind: "move-cancelled", by: actor }];
      case "moved":
        return [{ ...at, kind: "moved-out", newTokenId: e.relatedId ?? 0n, newHolder: actor }];
      case "movedHere":
        return [{ ...at, kind: "moved-in", fromTokenId: e.relatedId ?? 0n }];
      default:
        return [];
    }
  });
}

/** What the index is up to: the last block it holds, and the time its statuses are worked out for. */
export interface IndexState {
  chainId: number;
  blockNumber: bigint;
  blockTimestamp: bigint;
  /** The time statuses in this answer were worked out for (Unix seconds). */
  at: bigint;
}

/** A query of an issuer's credentials, newest first. */
export interface IssuedQuery {
  issuerId: bigint;
  status?: IndexedStatusName;
  typeId?: bigint;
  /** A whole address, or its beginning (at least 6 characters, with 0x). */
  holder?: string;
  issuedFrom?: bigint;
  issuedUntil?: bigint;
  expiresFrom?: bigint;
  expiresUntil?: bigint;
  /** The previous page's `next`. */
  cursor?: bigint;
  /** 1 to 500; 50 by default. */
  limit?: number;
  /** Unix seconds to work statuses out for; now by default. */
  at?: bigint;
}

export interface IssuedPage extends IndexState {
  credentials: IndexedCredential[];
  /** The cursor of the next page; null after the last. */
  next: bigint | null;
}

export interface IssuerSummary extends IndexState {
  issuerId: bigint;
  issued: number;
  valid: number;
  expired: number;
  revoked: number;
  renounced: number;
  moved: number;
  types: number;
  claimRounds: number;
}

/** The index did not answer, or answered with an error: the dApp says the index is unavailable. */
export class IndexUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexUnavailable";
  }
}

const BIGINT_FIELDS = new Set([
  "tokenId",
  "typeId",
  "issuerId",
  "delegateIssuerId",
  "issuedAt",
  "validUntil",
  "originalTokenId",
  "movedFrom",
  "movedTo",
  "revokedAt",
  "renouncedAt",
  "claimRoundId",
  "blockNumber",
  "blockTimestamp",
  "timestamp",
  "relatedId",
  "readyAt",
  "at",
  "next",
]);

const ADDRESS_FIELDS = new Set(["holder", "actor", "pendingMove", "revokedBy", "account", "opener"]);

/**
 * JSON from the indexer: ids, times and block numbers travel as decimal strings and come back as
 * bigints; addresses (lower case in the index) come back checksummed.
 */
export function reviveIndexJson(_key: string, value: unknown): unknown {
  if (typeof value === "string" && BIGINT_FIELDS.has(_key) && /^\d+$/.test(value)) return BigInt(value);
  if (typeof value === "string" && ADDRESS_FIELDS.has(_key) && /^0x[0-9a-fA-F]{40}$/.test(value))
    return getAddress(value);
  if (_key === "components" && Array.isArray(value)) return value.map((v) => BigInt(v as string));
  return value;
}

/** JSON for the indexer's answers: bigints as decimal strings. */
export function indexJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** How long an answer may take before the index counts as unavailable (and pages fall back). */
const TIMEOUT_MS = 8_000;

async function get<T>(url: string, signal?: AbortSignal): Promise<T> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    const late = timeout.aborted ? ` within ${TIMEOUT_MS / 1000} s` : "";
    throw new IndexUnavailable(`The index at ${new URL(url).origin} did not answer${late}.`);
  }
  if (!response.ok) {
    let message = `The index answered ${response.status}.`;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      // not JSON
    }
    throw new IndexUnavailable(message);
  }
  return JSON.parse(text, reviveIndexJson) as T;
}

const base = (indexerUrl: string) => indexerUrl.replace(/\/+$/, "");

/** The index's state: which block it has reached. */
export function fetchIndexState(indexerUrl: string, signal?: AbortSignal): Promise<IndexState> {
  return get(`${base(indexerUrl)}/api/state`, signal);
}

/** A page of an issuer's credentials, newest first, with statuses worked out at `query.at` (or now). */
export function fetchIssued(indexerUrl: string, query: IssuedQuery, signal?: AbortSignal): Promise<IssuedPage> {
  const { issuerId, ...rest } = query;
  return get(`${base(indexerUrl)}/api/issuers/${issuerId}/credentials${queryString(rest)}`, signal);
}

/** Where the same query downloads as CSV (every matching row, formula-safe). */
export function issuedCsvUrl(indexerUrl: string, query: Omit<IssuedQuery, "cursor" | "limit">): string {
  const { issuerId, ...rest } = query;
  return `${base(indexerUrl)}/api/issuers/${issuerId}/credentials.csv${queryString(rest)}`;
}

/** How many credentials an issuer's types produced, by status now, and its types and claim rounds. */
export function fetchIssuerSummary(indexerUrl: string, issuerId: bigint, signal?: AbortSignal): Promise<IssuerSummary> {
  return get(`${base(indexerUrl)}/api/issuers/${issuerId}/summary`, signal);
}

/** A credential's history, oldest first. */
export async function fetchCredentialEvents(
  indexerUrl: string,
  tokenId: bigint,
  signal?: AbortSignal,
): Promise<IndexedEvent[]> {
  return (await get<{ events: IndexedEvent[] }>(`${base(indexerUrl)}/api/credentials/${tokenId}/events`, signal))
    .events;
}

/** The latest events across credentials (of one issuer's when given), newest first. */
export async function fetchActivity(
  indexerUrl: string,
  options: { issuerId?: bigint; limit?: number } = {},
  signal?: AbortSignal,
): Promise<IndexedEvent[]> {
  return (await get<{ events: IndexedEvent[] }>(`${base(indexerUrl)}/api/activity${queryString(options)}`, signal))
    .events;
}

/** Every indexed credential in id order, page by page (for reconciliation and audits). */
export function fetchAllCredentials(
  indexerUrl: string,
  query: { after?: bigint; limit?: number; at?: bigint },
  signal?: AbortSignal,
): Promise<IssuedPage> {
  return get(`${base(indexerUrl)}/api/credentials${queryString(query)}`, signal);
}
