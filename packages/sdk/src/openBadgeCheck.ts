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

/** The fields a verifier reads first, each a row even when it matches; paths within the document. */
const NAMED: [field: string, paths: string[]][] = [
  ["name", ["name"]],
  ["issuer", ["issuer"]],
  ["holder", ["credentialSubject.id"]],
  ["credential type", ["credentialSubject.achievement"]],
  ["issued", ["validFrom"]],
  ["awarded", ["awardedDate"]],
  ["valid until", ["validUntil"]],
  ["credits", ["credentialSubject.creditsEarned"]],
  ["evidence", ["evidence"]],
  ["credential id", ["id"]],
  ["status record", ["credentialStatus"]],
];

/** What a file records about when it was made, which the chain cannot say again. */
const EXPORT_TIME = new Set([
  "credentialStatus.statusAtExport",
  "credentialStatus.readAtBlock",
  "credentialStatus.readAt",
]);

/**
 * The whole file against the chain's export of the same credential now (`live`): a row for each
 * field a verifier reads first (name, issuer, holder, type, dates, credits, evidence, id, the
 * status record), then one for the description, then one for every other field that differs or
 * that the file adds. Only what the file records about its own making (the status and block at
 * export) is not compared; the description may lack the "NOT VALID" line the chain adds since.
 */
export function compareOpenBadge(file: Record<string, unknown>, live: OpenBadgeCredential): FieldCheck[] {
  const inFile = flatten(file);
  const onChain = flatten(live as unknown as Record<string, unknown>);
  const differing = new Set(
    [...new Set([...inFile.keys(), ...onChain.keys()])].filter(
      (path) => !EXPORT_TIME.has(path) && path !== "description" && inFile.get(path) !== onChain.get(path),
    ),
  );
  const under = (paths: string[]) => (path: string) => paths.some((p) => path === p || path.startsWith(`${p}.`));
  const rows: FieldCheck[] = NAMED.map(([field, paths]) => ({
    field,
    inFile: shown(paths.map((p) => at(file, p))),
    onChain: shown(paths.map((p) => at(live, p))),
    matches: ![...differing].some(under(paths)),
  }));
  const description = typeof file.description === "string" ? file.description : undefined;
  const whenValid = live.description
    .split("\n")
    .filter((line) => !line.startsWith("NOT VALID:"))
    .join("\n");
  rows.push({
    field: "description",
    inFile: shown([file.description]),
    onChain: live.description,
    matches: description === live.description || description === whenValid,
  });
  const named = under(NAMED.flatMap(([, paths]) => paths));
  for (const path of [...differing].filter((p) => !named(p)).sort()) {
    rows.push({
      field: path,
      inFile: inFile.has(path) ? shown([JSON.parse(inFile.get(path)!)]) : "—",
      onChain: onChain.has(path) ? shown([JSON.parse(onChain.get(path)!)]) : "— (the chain has no such field)",
      matches: false,
    });
  }
  return rows;
}

/** Every leaf of a JSON document by its path ("issuer.name", "evidence.0.type.0"), as JSON text. */
function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(prefix, JSON.stringify(value));
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** The value at a dotted path, own properties only. */
function at(value: unknown, path: string): unknown {
  let here = value;
  for (const key of path.split(".")) {
    if (here === null || typeof here !== "object" || !Object.prototype.hasOwnProperty.call(here, key)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/**
 * Values as a line of text for a person: the strings and numbers in them, in order, joined by
 * " · "; absent as "—".
 */
function shown(values: unknown[]): string {
  const leaves: string[] = [];
  const walk = (value: unknown) => {
    if (value === undefined || value === null) return;
    if (typeof value === "object") for (const v of Object.values(value)) walk(v);
    else leaves.push(String(value));
  };
  for (const value of values) walk(value);
  return leaves.length === 0 ? "—" : leaves.join(" · ");
}
