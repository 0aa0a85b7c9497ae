/**
 * Checking an Open Badges 3.0 file someone was handed against the chain it names: which chain,
 * registry and credential it claims to be (`readOpenBadgeFile`), and, field by field, whether it
 * says what the chain says now (`compareOpenBadge`, against `readOpenBadge`'s export).
 */
import { getAddress, isAddress, type Address } from "viem";

import { OB3_STATUS_TYPE, type OpenBadgeCredential } from "./openBadges";

/** What a file claims to be: credential `tokenId` of `registry` on `chainId`, exported from `app`. */
export interface OpenBadgeFileTarget {
  chainId: number;
  registry: Address;
  tokenId: bigint;
  /** The dApp the file's links point into (the origin and path before /credential/), when they do. */
  app: string | undefined;
}

export type OpenBadgeFile =
  { target: OpenBadgeFileTarget; badge: Record<string, unknown>; problem?: undefined } | { problem: string };

/** Reads a file's text: JSON, an object, and a `credentialStatus` naming an OnChainCert registry. */
export function readOpenBadgeFile(text: string): OpenBadgeFile {
  let badge: unknown;
  try {
    badge = JSON.parse(text);
  } catch (error) {
    return { problem: `This is not JSON (${(error as Error).message}). Open Badges files are JSON documents.` };
  }
  if (typeof badge !== "object" || badge === null || Array.isArray(badge)) {
    return { problem: "This JSON is not an Open Badges credential: it is not an object with fields." };
  }
  const record = badge as Record<string, unknown>;
  const status = record.credentialStatus as Record<string, unknown> | undefined;
  if (typeof status !== "object" || status === null || status.type !== OB3_STATUS_TYPE) {
    return {
      problem:
        "This file is not an OnChainCert export: its credentialStatus does not name an OnChainCert registry, so there is no on-chain record to check it against.",
    };
  }
  const { chainId, registry, tokenId } = status;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) {
    return { problem: "The file's credentialStatus.chainId is not a chain id (a whole number)." };
  }
  if (typeof registry !== "string" || !isAddress(registry, { strict: false })) {
    return { problem: "The file's credentialStatus.registry is not a contract address." };
  }
  if (typeof tokenId !== "string" || !/^[1-9][0-9]{0,77}$/.test(tokenId)) {
    return { problem: "The file's credentialStatus.tokenId is not a credential number." };
  }
  return {
    target: { chainId, registry: getAddress(registry), tokenId: BigInt(tokenId), app: appOf(record.id, tokenId) },
    badge: record,
  };
}

/** "https://app.example/credential/9?chain=1" → "https://app.example"; undefined for other ids. */
function appOf(id: unknown, tokenId: string): string | undefined {
  if (typeof id !== "string") return undefined;
  const match = /^(https?:\/\/[^?#\s]*?)\/credential\/([0-9]+)(\?[^#\s]*)?$/i.exec(id);
  return match && match[2] === tokenId ? match[1] : undefined;
}

/** One field of a file, beside what the chain says. */
export interface FieldCheck {
  field: string;
  inFile: string;
  onChain: string;
  matches: boolean;
}

/**
 * The fields a verifier relies on, in the file and on the chain (`live`, exported now): name,
 * issuer, holder, type, dates, credits, evidence and the credential's own id. The description
 * and the status at export are not compared: they say when the file was made, and the live
 * status is shown beside the comparison.
 */
export function compareOpenBadge(file: Record<string, unknown>, live: OpenBadgeCredential): FieldCheck[] {
  const subject = (file.credentialSubject ?? {}) as Record<string, unknown>;
  const achievement = (subject.achievement ?? {}) as Record<string, unknown>;
  const issuer = (file.issuer ?? {}) as Record<string, unknown>;
  const rows: [string, unknown, unknown][] = [
    ["name", file.name, live.name],
    ["issuer", pick(issuer, ["id", "name"]), pick(live.issuer, ["id", "name"])],
    ["holder", subject.id, live.credentialSubject.id],
    [
      "credential type",
      pick(achievement, ["id", "name", "achievementType", "description"]),
      pick(live.credentialSubject.achievement, ["id", "name", "achievementType", "description"]),
    ],
    ["issued", file.validFrom, live.validFrom],
    ["awarded", file.awardedDate, live.awardedDate],
    ["valid until", file.validUntil, live.validUntil],
    ["credits", subject.creditsEarned, live.credentialSubject.creditsEarned],
    ["evidence", file.evidence, live.evidence],
    ["credential id", file.id, live.id],
  ];
  return rows.map(([field, inFile, onChain]) => ({
    field,
    inFile: shown(inFile),
    onChain: shown(onChain),
    matches: canonical(inFile) === canonical(onChain),
  }));
}

function pick(from: object, keys: string[]): Record<string, unknown> {
  const source = from as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

/** JSON with object keys sorted, so that key order alone is no difference. */
function canonical(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** A value as a line of text for a person: strings as they are, absent as "—", others as JSON. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.values(value as Record<string, unknown>);
    if (entries.every((v) => typeof v === "string")) return (entries as string[]).join(" · ");
  }
  return JSON.stringify(value);
}
