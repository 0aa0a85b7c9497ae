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
  // An export is a few levels deep and has a few dozen values; a file built to be compared path by
  // path for minutes (thousands of nested arrays) is refused first.
  const size = shapeOf(badge);
  if (size.depth > MAX_DEPTH || size.values > MAX_VALUES) {
    return {
      problem: `This file is ${size.depth > MAX_DEPTH ? `nested more than ${MAX_DEPTH} levels deep` : `made of more than ${MAX_VALUES} values`}; an OnChainCert export is far smaller. It is not an export.`,
    };
  }
  // JSON.parse keeps a repeated field's last value, other readers its first: such a file says two
  // things, and whichever this page compared, another viewer would show the other.
  const repeated = repeatedKey(text);
  if (repeated !== undefined) {
    return {
      problem: `The file gives the field “${repeated}” twice within one object, so different programs read different values from it. An export never does: this file was edited.`,
    };
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

/** Deeper or larger than any export (which is about 5 levels deep, with under 100 values). */
const MAX_DEPTH = 16;
const MAX_VALUES = 5_000;

/** How deep a parsed JSON value nests, and how many values it holds; counting stops past the limits. */
function shapeOf(root: unknown): { depth: number; values: number } {
  let depth = 0;
  let values = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0 && depth <= MAX_DEPTH && values <= MAX_VALUES) {
    const [value, level] = stack.pop()!;
    values++;
    depth = Math.max(depth, level);
    if (value !== null && typeof value === "object")
      for (const child of Object.values(value)) stack.push([child, level + 1]);
  }
  return { depth, values };
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
 * A place in a JSON document: object keys (strings, which may hold dots) and array indexes
 * (numbers), so `{"issuer.name": …}` is not `{"issuer": {"name": …}}` and `{"0": …}` not `[…]`.
 */
type Path = readonly (string | number)[];

/** The fields a verifier reads first, each a row even when it matches; paths within the document. */
const NAMED: [field: string, paths: Path[]][] = [
  ["name", [["name"]]],
  ["issuer", [["issuer"]]],
  ["holder", [["credentialSubject", "id"]]],
  ["credential type", [["credentialSubject", "achievement"]]],
  ["issued", [["validFrom"]]],
  ["awarded", [["awardedDate"]]],
  ["valid until", [["validUntil"]]],
  ["credits", [["credentialSubject", "creditsEarned"]]],
  ["evidence", [["evidence"]]],
  ["credential id", [["id"]]],
  ["status record", [["credentialStatus"]]],
];

/** What a file records about when it was made, which the chain cannot say again. */
const EXPORT_TIME = new Set<string>(
  [
    ["credentialStatus", "statusAtExport"],
    ["credentialStatus", "readAtBlock"],
    ["credentialStatus", "readAt"],
  ].map((p) => JSON.stringify(p)),
);
const DESCRIPTION = JSON.stringify(["description"]);

/**
 * The whole file against the chain's export of the same credential now (`live`): a row for each
 * field a verifier reads first (name, issuer, holder, type, dates, credits, evidence, id, the
 * status record), then one for the description, then one for every other field that differs or
 * that the file adds. Only what the file records about its own making (the status and block at
 * export) is not compared; the description may lack the "NOT VALID" line the chain adds since.
 */
export function compareOpenBadge(file: Record<string, unknown>, live: OpenBadgeCredential): FieldCheck[] {
  // Leaves by their path (as JSON text, so equal paths are equal keys).
  const inFile = flatten(file);
  const onChain = flatten(live as unknown as Record<string, unknown>);
  const differing = [...new Set([...inFile.keys(), ...onChain.keys()])]
    .filter((key) => !EXPORT_TIME.has(key) && key !== DESCRIPTION && inFile.get(key) !== onChain.get(key))
    .map((key) => JSON.parse(key) as Path);
  const under = (paths: Path[]) => (path: Path) => paths.some((p) => p.every((segment, i) => path[i] === segment));
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
  const extra = differing.filter((p) => !named(p)).map((path) => ({ path, field: pathText(path) }));
  for (const { path, field } of extra.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0))) {
    const key = JSON.stringify(path);
    rows.push({
      field,
      inFile: inFile.has(key) ? shown([JSON.parse(inFile.get(key)!)]) : "—",
      onChain: onChain.has(key) ? shown([JSON.parse(onChain.get(key)!)]) : "— (the chain has no such field)",
      matches: false,
    });
  }
  return rows;
}

/** Every leaf of a JSON document (an empty object or array is one), by its path as JSON text, as JSON text. */
function flatten(value: unknown, prefix: Path = [], out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object") {
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    if (entries.length === 0) out.set(JSON.stringify(prefix), JSON.stringify(value));
    for (const [key, v] of entries) flatten(v, [...prefix, key], out);
  } else if (value !== undefined) {
    out.set(JSON.stringify(prefix), JSON.stringify(value));
  }
  return out;
}

/**
 * A path for a person: `evidence[0].type[0]`, and a key that is not a plain name in quotes
 * (`["issuer.name"]`), so no two paths read alike.
 */
function pathText(path: Path): string {
  return path
    .map((segment, i) =>
      typeof segment === "number"
        ? `[${segment}]`
        : /^[A-Za-z_$@][A-Za-z0-9_$@]*$/.test(segment)
          ? `${i === 0 ? "" : "."}${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join("");
}

/**
 * The first key found twice in one object of a JSON text (which JSON.parse has accepted), or
 * undefined. Keys are compared as JSON.parse reads them, escapes decoded.
 */
function repeatedKey(text: string): string | undefined {
  // One frame per open object (the keys seen, and whether a key comes next) or array (null).
  const frames: ({ keys: Set<string>; keyNext: boolean } | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const frame = frames.at(-1);
      if (frame?.keyNext) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (frame.keys.has(key)) return key;
        frame.keys.add(key);
        frame.keyNext = false;
      }
      i = end;
    } else if (ch === "{") frames.push({ keys: new Set(), keyNext: true });
    else if (ch === "[") frames.push(null);
    else if (ch === "}" || ch === "]") frames.pop();
    else if (ch === ",") {
      const frame = frames.at(-1);
      if (frame) frame.keyNext = true;
    }
  }
  return undefined;
}

/** The value at a path of object keys, own properties only. */
function at(value: unknown, path: Path): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== "object" || !Object.prototype.hasOwnProperty.call(here, key)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
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
