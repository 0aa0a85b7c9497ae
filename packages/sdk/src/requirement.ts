/**
 * An employer's requirement ("Cloud Fundamentals from Northwind, and any 2 of …") and the check of
 * a candidate's credentials against it. One meaning for the dApp's /check, its CSV export and the
 * CLI's `verify:csv`: written here once.
 *
 * A credential meets a part when, at the requirement's moment (the end of its "valid on" day in
 * UTC, or the moment of the check):
 * - it was issued by then, by an accepted issuer (the organisation that vouches for it);
 * - it has not expired by then (a credential is valid through its `validUntil` second);
 * - it is not revoked, or was revoked later for a reason that does not put the credential itself
 *   in doubt (superseded, requirements no longer met, holder's request). A credential revoked as
 *   issued in error, for misconduct, after a key compromise, through a revoked component or with
 *   no reason given never counts, on any date.
 * A stacked qualification counts as its own type, like any credential. Credits are counted by the
 * "Staying current" rule (./credits.ts) over the months before the moment.
 */
import { parseEventLogs, type Address, type PublicClient } from "viem";

import { readCredentialsOf, readCredentialType, readIssuer, type Credential } from "./credentials";
import { credentialLensAbi, credentialRegistryAbi } from "./generated/abis";
import { idTopic, logs, timesOf, topicOf, type Client } from "./issuerHistory";
import { countCredits, monthsBefore } from "./credits";
import { CredentialStatus, RevocationReason, formatCredits, reasonLabel } from "./status";
import { parseCredits } from "./types";
import { COLUMN_NAMES, toCsv } from "./bulk/csv";
import { looksLikeEnsName, parseAddress } from "./address";
import Papa from "papaparse";

export interface Requirement {
  /** What the requirement is called ("Junior data analyst"); "" for none. */
  name: string;
  /** Every one of these credential types (ids). */
  allOf: bigint[];
  /** At least `count` of these types; count 0 when there is no such part. */
  anyOf: { count: number; types: bigint[] };
  /** Only credentials vouched for by these issuers (ids) count; empty for any issuer. */
  issuers: bigint[];
  /** At least `minimum` credits (hundredths) earned in the `months` months before the moment (0: all time); minimum 0 when none. */
  credits: { minimum: number; months: number };
  /** "YYYY-MM-DD": valid at the end of that day (UTC); undefined for the moment of the check. */
  validOn: string | undefined;
}

/** Bounds that keep a requirement's link short and its check cheap. */
export const REQUIREMENT_LIMITS = { types: 40, issuers: 40, nameLength: 80, months: 120 } as const;

export function emptyRequirement(): Requirement {
  return {
    name: "",
    allOf: [],
    anyOf: { count: 0, types: [] },
    issuers: [],
    credits: { minimum: 0, months: 0 },
    validOn: undefined,
  };
}

const DAY = 24 * 60 * 60;

/** Unix seconds of the end of a "YYYY-MM-DD" day in UTC, or undefined for anything else. */
function endOfDay(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(start) || new Date(start).toISOString().slice(0, 10) !== date) return undefined;
  return start / 1000 + DAY - 1;
}

/** The moment a requirement is checked at: the end of its "valid on" day, else `now` (Unix seconds). */
export function requirementMoment(req: Requirement, now: number): number {
  return (req.validOn && endOfDay(req.validOn)) || now;
}

/** "2026-11-29" for Unix seconds: dates in sentences and files read the same everywhere. */
export function isoDate(seconds: number | bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
}

/** What is wrong with a requirement, as a sentence; undefined when nothing is. */
export function requirementProblem(req: Requirement): string | undefined {
  const { allOf, anyOf, issuers, credits } = req;
  if (allOf.length === 0 && anyOf.count === 0 && credits.minimum === 0) {
    return "The requirement asks for nothing: add a credential type or a minimum of credits.";
  }
  if (allOf.length + anyOf.types.length > REQUIREMENT_LIMITS.types) {
    return `A requirement names at most ${REQUIREMENT_LIMITS.types} credential types.`;
  }
  if (issuers.length > REQUIREMENT_LIMITS.issuers)
    return `A requirement accepts at most ${REQUIREMENT_LIMITS.issuers} issuers.`;
  for (const id of [...allOf, ...anyOf.types, ...issuers]) {
    if (id <= 0n || id >= 2n ** 64n) return `${id} is not a credential type or issuer id.`;
  }
  const named = [...allOf, ...anyOf.types];
  const twice = named.find((id, i) => named.indexOf(id) !== i);
  if (twice !== undefined) return `Type #${twice} is named twice: put it in one part only.`;
  if (issuers.some((id, i) => issuers.indexOf(id) !== i)) return "An issuer is named twice in the accepted issuers.";
  if (anyOf.count < 0 || !Number.isInteger(anyOf.count)) return "“Any of” needs a whole number of types.";
  if (anyOf.count > anyOf.types.length) {
    return `“Any ${anyOf.count} of” names only ${anyOf.types.length} type${anyOf.types.length === 1 ? "" : "s"}.`;
  }
  if (anyOf.count === 0 && anyOf.types.length > 0)
    return "“Any of” needs how many of its types are required (at least 1).";
  if (!Number.isInteger(credits.minimum) || credits.minimum < 0)
    return "The minimum of credits is not a number of credits.";
  if (!Number.isInteger(credits.months) || credits.months < 0 || credits.months > REQUIREMENT_LIMITS.months) {
    return `The credit period is a whole number of months from 0 (all time) to ${REQUIREMENT_LIMITS.months}.`;
  }
  if (req.validOn !== undefined && endOfDay(req.validOn) === undefined) {
    return `“${req.validOn}” is not a date: write it as YYYY-MM-DD.`;
  }
  if ([...req.name].length > REQUIREMENT_LIMITS.nameLength) {
    return `The name is longer than ${REQUIREMENT_LIMITS.nameLength} characters.`;
  }
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(req.name)) {
    return "The name contains control or direction characters.";
  }
  return undefined;
}

export type ParsedRequirement =
  { requirement: Requirement; error?: undefined } | { requirement?: undefined; error: string };

function ids(text: string, what: string): bigint[] | string {
  if (text === "") return [];
  const parts = text.split(",");
  for (const p of parts) if (!/^[1-9]\d{0,19}$/.test(p)) return `“${p}” is not ${what} id.`;
  return parts.map(BigInt);
}

/**
 * The requirement a link carries (`?req=`): `all:7,9;any:2:3,4,5;from:1;credits:20.00:24;on:2026-11-29;name:…`,
 * every field optional, `name` last (it runs to the end). A sentence when the text is not one.
 */
export function parseRequirement(text: string): ParsedRequirement {
  const req = emptyRequirement();
  let rest = text;
  const seen = new Set<string>();
  if (rest.trim() === "") return { error: "The link has no requirement in it." };
  while (rest !== "") {
    const colon = rest.indexOf(":");
    const key = colon < 0 ? rest : rest.slice(0, colon);
    if (key === "name") {
      req.name = rest.slice(colon + 1);
      break;
    }
    if (seen.has(key)) return { error: `The requirement gives “${key.slice(0, 20)}” twice.` };
    seen.add(key);
    const semi = rest.indexOf(";");
    const value = colon < 0 ? "" : rest.slice(colon + 1, semi < 0 ? undefined : semi);
    rest = semi < 0 ? "" : rest.slice(semi + 1);
    if (key === "all" || key === "from") {
      const list = ids(value, key === "all" ? "a credential type" : "an issuer");
      if (typeof list === "string") return { error: list };
      if (key === "all") req.allOf = list;
      else req.issuers = list;
    } else if (key === "any") {
      const m = /^(\d{1,3}):(.*)$/.exec(value);
      if (!m) return { error: "“any” is written any:<how many>:<type ids>, e.g. any:2:3,4,5." };
      const list = ids(m[2]!, "a credential type");
      if (typeof list === "string") return { error: list };
      req.anyOf = { count: Number(m[1]), types: list };
    } else if (key === "credits") {
      const m = /^([^:]*):(\d{1,3})$/.exec(value);
      const minimum = m ? parseCredits(m[1]!) : undefined;
      if (!m || minimum === undefined)
        return { error: "“credits” is written credits:<minimum>:<months>, e.g. credits:20:24." };
      req.credits = { minimum, months: Number(m[2]) };
    } else if (key === "on") {
      req.validOn = value;
    } else {
      return { error: `The requirement has a part this app does not know: “${key.slice(0, 20)}”.` };
    }
  }
  const problem = requirementProblem(req);
  return problem ? { error: problem } : { requirement: req };
}

/** The text form `parseRequirement` reads. */
export function requirementText(req: Requirement): string {
  const parts: string[] = [];
  if (req.allOf.length) parts.push(`all:${req.allOf.join(",")}`);
  if (req.anyOf.count) parts.push(`any:${req.anyOf.count}:${req.anyOf.types.join(",")}`);
  if (req.issuers.length) parts.push(`from:${req.issuers.join(",")}`);
  if (req.credits.minimum) parts.push(`credits:${formatCredits(req.credits.minimum)}:${req.credits.months}`);
  if (req.validOn) parts.push(`on:${req.validOn}`);
  if (req.name) parts.push(`name:${req.name}`);
  return parts.join(";");
}

/** The requirement as a `?req=` value: percent-encoded, but with its own : ; , left readable. */
export function requirementParam(req: Requirement): string {
  return encodeURIComponent(requirementText(req)).replace(/%3A/g, ":").replace(/%3B/g, ";").replace(/%2C/g, ",");
}

/** The JSON file the CLI reads (and the dApp downloads). */
export interface RequirementFile {
  name?: string;
  allOf?: (number | string)[];
  anyOf?: { count: number; types: (number | string)[] };
  issuers?: (number | string)[];
  credits?: { minimum: number | string; months?: number };
  validOn?: string;
}

/** An id as JSON: a number while JSON readers keep it exact, else a string. */
const jsonId = (id: bigint): number | string => (id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : String(id));

export function requirementJson(req: Requirement): string {
  const file: RequirementFile = {
    ...(req.name ? { name: req.name } : {}),
    allOf: req.allOf.map(jsonId),
    ...(req.anyOf.count ? { anyOf: { count: req.anyOf.count, types: req.anyOf.types.map(jsonId) } } : {}),
    ...(req.issuers.length ? { issuers: req.issuers.map(jsonId) } : {}),
    ...(req.credits.minimum
      ? { credits: { minimum: formatCredits(req.credits.minimum), months: req.credits.months } }
      : {}),
    ...(req.validOn ? { validOn: req.validOn } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a requirement file (`requirementJson`'s form). A sentence when it is not one. */
export function parseRequirementJson(text: string): ParsedRequirement {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { error: "The requirement file is not JSON." };
  }
  if (typeof file !== "object" || file === null || Array.isArray(file))
    return { error: "The requirement file is not a JSON object." };
  const f = file as Record<string, unknown>;
  const known = ["name", "allOf", "anyOf", "issuers", "credits", "validOn"];
  const unknown = Object.keys(f).find((k) => !known.includes(k));
  if (unknown)
    return { error: `The requirement file has a field this version does not know: “${unknown.slice(0, 40)}”.` };
  const idList = (value: unknown, what: string): bigint[] | string => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return `“${what}” must be a list of ids.`;
    const out: bigint[] = [];
    for (const v of value) {
      const s = typeof v === "number" && Number.isSafeInteger(v) ? String(v) : typeof v === "string" ? v : "";
      if (!/^[1-9]\d{0,19}$/.test(s)) return `“${what}” has ${JSON.stringify(v)}, which is not an id.`;
      out.push(BigInt(s));
    }
    return out;
  };
  const req = emptyRequirement();
  if (f.name !== undefined) {
    if (typeof f.name !== "string") return { error: "“name” must be text." };
    req.name = f.name;
  }
  const allOf = idList(f.allOf, "allOf");
  if (typeof allOf === "string") return { error: allOf };
  req.allOf = allOf;
  const issuers = idList(f.issuers, "issuers");
  if (typeof issuers === "string") return { error: issuers };
  req.issuers = issuers;
  if (f.anyOf !== undefined) {
    const any = f.anyOf as { count?: unknown; types?: unknown };
    if (
      typeof any !== "object" ||
      any === null ||
      typeof any.count !== "number" ||
      Object.keys(any).some((k) => k !== "count" && k !== "types")
    ) {
      return { error: '“anyOf” must be { "count": <how many>, "types": [ids] }.' };
    }
    const types = idList(any.types, "anyOf.types");
    if (typeof types === "string") return { error: types };
    req.anyOf = { count: any.count, types };
  }
  if (f.credits !== undefined) {
    const c = f.credits as { minimum?: unknown; months?: unknown };
    if (typeof c !== "object" || c === null || Object.keys(c).some((k) => k !== "minimum" && k !== "months")) {
      return { error: "“credits” has only “minimum” and “months”." };
    }
    const minimum =
      typeof c?.minimum === "string" || typeof c?.minimum === "number" ? parseCredits(String(c.minimum)) : undefined;
    if (minimum === undefined || (c.months !== undefined && typeof c.months !== "number")) {
      return { error: '“credits” must be { "minimum": "20.00", "months": 24 } (months 0 or left out: all time).' };
    }
    req.credits = { minimum, months: (c.months as number | undefined) ?? 0 };
  }
  if (f.validOn !== undefined) {
    if (typeof f.validOn !== "string") return { error: "“validOn” must be a date, YYYY-MM-DD." };
    req.validOn = f.validOn;
  }
  const problem = requirementProblem(req);
  return problem ? { error: problem } : { requirement: req };
}

/** Names for a requirement's ids, as the chain has them. */
export interface RequirementNames {
  /** Type id → its name and the name of the issuer that owns it. */
  types: Map<bigint, { name: string; issuer: string; credits: number; exists: boolean }>;
  issuers: Map<bigint, string>;
}

type Reader = Pick<PublicClient, "readContract">;

/** Reads the names of a requirement's types (and their owners) and issuers from the registry. */
export async function readRequirementNames(
  client: Reader,
  registry: Address,
  req: Requirement,
): Promise<RequirementNames> {
  const typeIds = [...req.allOf, ...req.anyOf.types];
  const infos = await Promise.all(typeIds.map((id) => readCredentialType(client, registry, id)));
  const issuerIds = [...new Set([...req.issuers, ...infos.map((t) => t.ownerIssuerId).filter((id) => id !== 0n)])];
  const profiles = await Promise.all(issuerIds.map((id) => readIssuer(client, registry, id)));
  const issuers = new Map(issuerIds.map((id, i) => [id, profiles[i]!.status === 0 ? "" : profiles[i]!.name]));
  return {
    issuers,
    types: new Map(
      typeIds.map((id, i) => {
        const t = infos[i]!;
        const exists = t.typeId !== 0n;
        return [
          id,
          { name: exists ? t.name : "", issuer: issuers.get(t.ownerIssuerId) ?? "", credits: t.credits, exists },
        ];
      }),
    ),
  };
}

/** "Cloud Fundamentals (Northwind, #7)", or "type #7" where the names are not known. */
export function typeLabel(id: bigint, names?: RequirementNames): string {
  const t = names?.types.get(id);
  if (!t || !t.exists) return `type #${id}${t && !t.exists ? " (no such type)" : ""}`;
  return `${t.name} (${t.issuer ? `${t.issuer}, ` : ""}#${id})`;
}

function issuerLabel(id: bigint, names?: RequirementNames): string {
  const name = names?.issuers.get(id);
  return name ? `${name} (issuer #${id})` : `issuer #${id}`;
}

function orList(items: string[], joiner: "and" | "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${joiner} ${items.at(-1)}`;
}

/** The requirement in plain words, for the page beside the form and the CLI's first line. */
export function describeRequirement(req: Requirement, names?: RequirementNames): string {
  const parts: string[] = [];
  if (req.allOf.length)
    parts.push(
      orList(
        req.allOf.map((id) => typeLabel(id, names)),
        "and",
      ),
    );
  if (req.anyOf.count) {
    const list = req.anyOf.types.map((id) => typeLabel(id, names));
    parts.push(
      req.anyOf.count === req.anyOf.types.length && req.anyOf.count > 1
        ? `all ${req.anyOf.count} of ${list.join(", ")}`
        : `any ${req.anyOf.count} of ${list.join(", ")}`,
    );
  }
  if (req.credits.minimum) {
    parts.push(
      `at least ${formatCredits(req.credits.minimum)} professional-development credits earned ` +
        (req.credits.months ? `in the ${req.credits.months} months before` : "at any time"),
    );
  }
  let text = parts.join("; and ");
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (req.issuers.length)
    text += `; only from ${orList(
      req.issuers.map((id) => issuerLabel(id, names)),
      "or",
    )}`;
  text += req.validOn ? `; valid on ${req.validOn} (end of day, UTC).` : "; valid when checked.";
  return text;
}

/** Issuer id → the registered issuers whose names look like its name (`lookAlikeGroups`). */
export type LookAlikes<T extends { issuerId: bigint; name: string } = { issuerId: bigint; name: string }> = ReadonlyMap<
  bigint,
  readonly T[]
>;

/** " ⚠ looks like issuer #1, issuer #3" for an issuer with look-alikes, else "": how pickers and columns mark one. */
export function lookAlikeMark(lookAlikes: LookAlikes | undefined, issuerId: bigint): string {
  const others = lookAlikes?.get(issuerId);
  return others?.length ? ` ⚠ looks like ${others.map((o) => `issuer #${o.issuerId}`).join(", ")}` : "";
}

/** How one credential type of a requirement is met by a candidate, or why not. */
export interface TypeOutcome {
  typeId: bigint;
  /** The credential that meets it. */
  by?: Credential;
  /** Why it is not met: "not held", "held but expired on 2026-05-03", "revoked on … (Misconduct)". */
  why?: string;
  /** The credential `why` is about, when there is one. */
  about?: Credential;
}

export interface RequirementCheck {
  pass: boolean;
  /** The moment checked (Unix seconds). */
  at: number;
  /** Whether that moment was before the check (a "valid on" date in the past): the verdict is about then. */
  past: boolean;
  allOf: TypeOutcome[];
  anyOf: { count: number; met: number; pass: boolean; outcomes: TypeOutcome[] } | undefined;
  credits: { minimum: number; total: number; since: number; pass: boolean; counted: Credential[] } | undefined;
  /**
   * Things a verifier should know about credentials that counted: a suspended issuer, an issuer
   * with a look-alike name, and, for a past date, a credential revoked or expired since.
   */
  warnings: string[];
}

/** Revocations that end a credential from then on without putting its past in doubt. */
const ENDS_WITHOUT_DOUBT: readonly number[] = [
  RevocationReason.Superseded,
  RevocationReason.RequirementsNoLongerMet,
  RevocationReason.HolderRequest,
];

/** Why `c` does not stand at `at` (rank: lower explains better), or undefined when it does. */
/**
 * What a credential's record no longer shows about the past: its renewals (a renewal replaces
 * `validUntil`, so a credential that lapsed and was renewed later looks valid throughout) and,
 * for one moved from a lost wallet, when it arrived (a move keeps the original `issuedAt`).
 */
export interface CredentialPast {
  /** Renewals, oldest first: when (Unix seconds) and the validUntil each set (0: no expiry). */
  renewals: { at: number; validUntil: number }[];
  /**
   * The expiry in force before the first renewal (the record at the block before it; undefined
   * where the node keeps no state that old).
   */
  validUntilBefore?: number;
  /** When the credential arrived at its holder by a move (Unix seconds). */
  arrivedAt?: number;
}

function notStanding(
  c: Credential,
  at: number,
  accepted: (c: Credential) => boolean,
  past?: CredentialPast,
): { why: string; rank: number } | undefined {
  if (c.status === CredentialStatus.Revoked) {
    const laterWithoutDoubt = ENDS_WITHOUT_DOUBT.includes(c.revocationReason) && Number(c.revokedAt) > at;
    if (!laterWithoutDoubt)
      return { why: `revoked on ${isoDate(c.revokedAt)} (${reasonLabel(c.revocationReason)})`, rank: 3 };
  } else if (c.status !== CredentialStatus.Valid && c.status !== CredentialStatus.Expired) {
    return { why: "no longer held", rank: 5 };
  }
  if (Number(c.issuedAt) > at) return { why: `issued on ${isoDate(c.issuedAt)}, after the date asked for`, rank: 2 };
  if (past?.arrivedAt !== undefined && past.arrivedAt > at) {
    return { why: `moved to this address on ${isoDate(past.arrivedAt)}, after the date asked for`, rank: 2 };
  }
  // The expiry in force at `at`: the record's, unless a renewal came after `at`.
  let validUntil = Number(c.validUntil);
  const later = past?.renewals.filter((r) => r.at > at) ?? [];
  if (later.length > 0) {
    // The expiry in force then: the last renewal by then, else the one before the first renewal.
    const then = past!.renewals.filter((r) => r.at <= at).at(-1)?.validUntil ?? past!.validUntilBefore;
    if (then === undefined) {
      return {
        why: `renewed on ${isoDate(later[0]!.at)}, after the date asked for; its expiry before then is in its history`,
        rank: 1,
      };
    }
    validUntil = then;
  }
  if (validUntil !== 0 && at > validUntil) return { why: `held but expired on ${isoDate(validUntil)}`, rank: 1 };
  if (!accepted(c))
    return {
      why: `held, but from ${c.issuerName || `issuer #${c.issuerId}`}, an issuer this requirement does not accept`,
      rank: 4,
    };
  return undefined;
}

export function standsAt(c: Credential, at: number, past?: CredentialPast): boolean {
  return notStanding(c, at, () => true, past) === undefined;
}

function outcomeFor(
  typeId: bigint,
  held: readonly Credential[],
  at: number,
  accepted: (c: Credential) => boolean,
  pasts?: ReadonlyMap<bigint, CredentialPast>,
): TypeOutcome {
  let best: { why: string; rank: number; about: Credential } | undefined;
  let by: Credential | undefined;
  for (const c of held) {
    if (c.typeId !== typeId) continue;
    const problem = notStanding(c, at, accepted, pasts?.get(c.tokenId));
    if (!problem) {
      // The one that lasts longest (no expiry lasts longest).
      if (!by || (by.validUntil !== 0n && (c.validUntil === 0n || c.validUntil > by.validUntil))) by = c;
    } else if (!best || problem.rank < best.rank) {
      best = { ...problem, about: c };
    }
  }
  if (by) return { typeId, by };
  return best ? { typeId, why: best.why, about: best.about } : { typeId, why: "not held" };
}

/**
 * Checks a candidate's credentials (as the lens lists them) against `req` at its moment. For a
 * past date, `pasts` (from `readCredentialPasts`) says what the records no longer show: renewals
 * and moves after the date. `checkCandidates` reads them.
 */
export function checkRequirement(
  req: Requirement,
  credentials: readonly Credential[],
  now: number,
  pasts?: ReadonlyMap<bigint, CredentialPast>,
  lookAlikes?: LookAlikes,
): RequirementCheck {
  const at = requirementMoment(req, now);
  const accepted = (c: Credential) => req.issuers.length === 0 || req.issuers.includes(c.issuerId);
  const allOf = req.allOf.map((id) => outcomeFor(id, credentials, at, accepted, pasts));
  let anyOf: RequirementCheck["anyOf"];
  if (req.anyOf.count) {
    const outcomes = req.anyOf.types.map((id) => outcomeFor(id, credentials, at, accepted, pasts));
    const met = outcomes.filter((o) => o.by).length;
    anyOf = { count: req.anyOf.count, met, pass: met >= req.anyOf.count, outcomes };
  }
  let credits: RequirementCheck["credits"];
  if (req.credits.minimum) {
    const since = req.credits.months ? monthsBefore(at, req.credits.months) : 0;
    const { counted } = countCredits(credentials, {
      since,
      ...(req.issuers.length ? { issuers: req.issuers } : {}),
    });
    const inPeriod = counted.filter((c) => Number(c.issuedAt) <= at);
    const total = inPeriod.reduce((sum, c) => sum + c.credits, 0);
    credits = { minimum: req.credits.minimum, total, since, pass: total >= req.credits.minimum, counted: inPeriod };
  }
  const used = [...allOf, ...(anyOf?.outcomes ?? [])].flatMap((o) => (o.by ? [o.by] : []));
  const counted = [...used, ...(credits?.counted ?? [])];
  const byIssuer = new Map<bigint, Credential[]>();
  for (const c of counted) {
    const from = byIssuer.get(c.issuerId);
    if (from) from.push(c);
    else byIssuer.set(c.issuerId, [c]);
  }
  const past = at < now;
  const warnings = [
    ...new Set([
      // A past date answers "did they hold it then?": a link with one must not read as today's check.
      ...(past
        ? counted.flatMap((c) => {
            // An expired credential still counts for credits today: only a revocation is news.
            const today = sinceThen(c, now, used.includes(c));
            return today
              ? [
                  `Checked for ${isoDate(at)}, a past date: credential #${c.tokenId} counted as it stood then; today it ${today}.`,
                ]
              : [];
          })
        : []),
      ...counted
        .filter((c) => c.issuerStatus === 2)
        .map(
          (c) =>
            `${c.issuerName} is suspended (since ${isoDate(c.issuerSuspendedAt)}); its credentials issued before then still count.`,
        ),
      // The issuer a credential that counted names, whatever the type's owner is today.
      ...[...byIssuer].flatMap(([issuerId, from]) => {
        const others = lookAlikes?.get(issuerId);
        if (!others?.length) return [];
        return [
          `Credential ${from.map((d) => `#${d.tokenId}`).join(", ")} counted from ${from[0]!.issuerName} (issuer #${issuerId}), whose name looks like ${others.map((o) => `${o.name} (issuer #${o.issuerId})`).join(" and ")}: a different issuer. Check it is the one you mean.`,
        ];
      }),
    ]),
  ];
  const pass = allOf.every((o) => o.by) && (anyOf?.pass ?? true) && (credits?.pass ?? true);
  return { pass, at, past, allOf, anyOf, credits, warnings };
}

/**
 * What became of a credential that counted for a past date, when it no longer counts today (for a
 * type, `expiryCounts`; credits count expired credentials too).
 */
function sinceThen(c: Credential, now: number, expiryCounts: boolean): string | undefined {
  if (c.status === CredentialStatus.Revoked)
    return `is revoked (since ${isoDate(c.revokedAt)}: ${reasonLabel(c.revocationReason)})`;
  if (!expiryCounts) return undefined;
  if (c.status === CredentialStatus.Expired || (c.validUntil !== 0n && Number(c.validUntil) < now))
    return `has expired (on ${isoDate(c.validUntil)})`;
  if (c.status !== CredentialStatus.Valid) return "is no longer held";
  return undefined;
}

/** Token ids per log query: the topics filter of one `eth_getLogs`. */
const PAST_IDS_PER_QUERY = 100;

/**
 * The renewals and move arrivals of `credentials` from the registry's events (one log query per
 * 100 credentials, over the whole chain: public RPCs that cap log ranges refuse it, and the check
 * says so rather than guess).
 */
export async function readCredentialPasts(
  client: Client,
  registry: Address,
  credentials: readonly Credential[],
): Promise<Map<bigint, CredentialPast>> {
  const pasts = new Map<bigint, CredentialPast>();
  const ids = [...new Set(credentials.map((c) => c.tokenId))];
  const moved = [...new Set(credentials.filter((c) => c.movedFrom !== 0n).map((c) => c.tokenId))];
  const chunks = <T>(list: T[]) =>
    Array.from({ length: Math.ceil(list.length / PAST_IDS_PER_QUERY) }, (_, i) =>
      list.slice(i * PAST_IDS_PER_QUERY, (i + 1) * PAST_IDS_PER_QUERY),
    );
  const raw = (
    await Promise.all([
      ...chunks(ids).map((part) => logs(client, registry, [topicOf("CredentialRenewed"), part.map(idTopic)])),
      ...chunks(moved).map((part) => logs(client, registry, [topicOf("CredentialMoved"), null, part.map(idTopic)])),
    ])
  ).flat();
  const parsed = parseEventLogs({
    abi: credentialRegistryAbi,
    logs: raw as never,
    eventName: ["CredentialRenewed", "CredentialMoved"],
  });
  const times = await timesOf(client, parsed);
  const ordered = [...parsed].sort((a, b) => Number(a.blockNumber - b.blockNumber) || a.logIndex - b.logIndex);
  const of = (id: bigint) => pasts.get(id) ?? pasts.set(id, { renewals: [] }).get(id)!;
  const firstRenewal = new Map<bigint, bigint>();
  for (const l of ordered) {
    const at = times.get(l.blockNumber)!;
    if (l.eventName === "CredentialRenewed") {
      of(l.args.tokenId).renewals.push({ at, validUntil: Number(l.args.validUntil) });
      if (!firstRenewal.has(l.args.tokenId)) firstRenewal.set(l.args.tokenId, l.blockNumber);
    } else of(l.args.newTokenId).arrivedAt = at;
  }
  // The expiry each renewed credential had before its first renewal: its record a block earlier.
  await Promise.all(
    [...firstRenewal].map(async ([tokenId, block]) => {
      try {
        const record = await client.readContract({
          address: registry,
          abi: credentialRegistryAbi,
          functionName: "credentialRecord",
          args: [tokenId],
          blockNumber: block - 1n,
        });
        if (record.tokenId === tokenId) of(tokenId).validUntilBefore = Number(record.validUntil);
      } catch {
        // A node without that block's state: the check says the expiry before is in the history.
      }
    }),
  );
  return pasts;
}

/** What a candidate lacks, in one sentence ("" when it passes). */
export function missingSentence(check: RequirementCheck, names?: RequirementNames): string {
  const missing: string[] = [];
  for (const o of check.allOf) if (!o.by) missing.push(`${typeLabel(o.typeId, names)}: ${o.why}`);
  if (check.anyOf && !check.anyOf.pass) {
    const lacking = check.anyOf.outcomes.filter((o) => !o.by).map((o) => `${typeLabel(o.typeId, names)}: ${o.why}`);
    missing.push(
      `${check.anyOf.met} of the ${check.anyOf.count} required from the “any of” list (${lacking.join("; ")})`,
    );
  }
  if (check.credits && !check.credits.pass) {
    missing.push(`${formatCredits(check.credits.total)} of ${formatCredits(check.credits.minimum)} credits`);
  }
  return missing.join(". ");
}

/** One candidate as a list check reports it. */
export interface CandidateResult {
  /** The row of the file (header = row 1), or the line of a pasted list. */
  row: number;
  /** What was given, as given. */
  input: string;
  /** The row's cells, when it came from a CSV with a header. */
  cells?: string[];
  address?: Address;
  check?: RequirementCheck;
  /** Why this row was not checked (a bad address, a failed read): a sentence. */
  error?: string;
}

/**
 * Checks many candidates: every address's credentials read at one block, `concurrency` reads at a
 * time. `onResult` sees each as it is done; `signal` stops between reads (the results so far stay).
 * Rows with an `error` are passed through, never dropped.
 */
export async function checkCandidates(
  client: Client & Pick<PublicClient, "getBlockNumber">,
  lens: Address,
  req: Requirement,
  candidates: readonly CandidateResult[],
  options: {
    /** The registry (read from the lens when not given): its events, for a past date. */
    registry?: Address;
    concurrency?: number;
    signal?: AbortSignal;
    onResult?: (r: CandidateResult, done: number) => void;
    blockNumber?: bigint;
    /** Issuers whose names look like others' (`lookAlikeGroups`): a credential from one that counts is warned about. */
    lookAlikes?: LookAlikes;
  } = {},
): Promise<{ results: CandidateResult[]; blockNumber: bigint; now: number; stopped: boolean }> {
  const blockNumber = options.blockNumber ?? (await client.getBlockNumber());
  const now = Number((await client.getBlock({ blockNumber })).timestamp);
  const results: CandidateResult[] = candidates.map((c) => ({ ...c }));
  const cache = new Map<Address, Promise<readonly Credential[]>>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < results.length && !options.signal?.aborted) {
      const r = results[next++]!;
      if (!r.error && r.address) {
        try {
          let read = cache.get(r.address);
          if (!read) {
            read = readCredentialsOf(client, lens, r.address, { blockNumber });
            cache.set(r.address, read);
          }
          r.check = checkRequirement(req, await read, now, undefined, options.lookAlikes);
        } catch (error) {
          r.error = `Could not read this address's credentials: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
        }
      }
      done++;
      options.onResult?.(r, done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  const stopped = Boolean(options.signal?.aborted) && done < results.length;
  // A past date: renewals and moves since then are not in the records; read them for the
  // credentials of the requirement's types, and check again.
  if (requirementMoment(req, now) < now && !stopped) {
    const types = new Set([...req.allOf, ...req.anyOf.types]);
    const held = new Map<Address, readonly Credential[]>();
    for (const [address, read] of cache) held.set(address, await read);
    const relevant = [...held.values()].flat().filter((c) => types.has(c.typeId));
    try {
      const registry =
        options.registry ??
        (await client.readContract({ address: lens, abi: credentialLensAbi, functionName: "registry" }));
      const pasts = await readCredentialPasts(client, registry, relevant);
      for (const r of results)
        if (r.check && r.address) r.check = checkRequirement(req, held.get(r.address)!, now, pasts, options.lookAlikes);
    } catch (error) {
      const why = `Could not read the credentials' renewals and moves since that date: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
      for (const r of results) {
        if (r.check) {
          delete r.check;
          r.error = why;
        }
      }
    }
  }
  return { results, blockNumber, now, stopped };
}

/** The results file: one row per candidate (bad rows included, with why), formula-safe. */
export function candidatesCsv(req: Requirement, results: readonly CandidateResult[], names?: RequirementNames): string {
  const typeIds = [...req.allOf, ...req.anyOf.types];
  // A file forwarded later must not read as today's check: a dated requirement says its date on every row.
  const dated = req.validOn ? [req.validOn] : [];
  const header = [
    "row",
    "address",
    "result",
    ...(req.validOn ? ["checked for"] : []),
    ...typeIds.map((id) => typeLabel(id, names)),
    ...(req.credits.minimum ? ["credits"] : []),
    "missing",
  ];
  // What a reader should know about the credentials that counted, in a last column when any has some.
  const warned = results.some((r) => r.check?.warnings.length);
  if (warned) header.push("warnings");
  const rows = results.map((r) => {
    if (!r.check)
      return [
        String(r.row),
        r.input,
        "Not checked",
        ...dated,
        ...typeIds.map(() => ""),
        ...(req.credits.minimum ? [""] : []),
        r.error ?? "Stopped before this row",
        ...(warned ? [""] : []),
      ];
    const outcomes = [...r.check.allOf, ...(r.check.anyOf?.outcomes ?? [])];
    return [
      String(r.row),
      r.address ?? r.input,
      r.check.pass ? "Pass" : "Fail",
      ...dated,
      ...outcomes.map((o) => (o.by ? `credential #${o.by.tokenId}` : (o.why ?? ""))),
      ...(r.check.credits ? [formatCredits(r.check.credits.total)] : []),
      missingSentence(r.check, names),
      ...(warned ? [r.check.warnings.join(" ")] : []),
    ];
  });
  return toCsv(header, rows);
}

export interface CandidateList {
  /** The header row, when the input had one (a pasted list of addresses has none). */
  header: string[];
  /** The column the addresses were read from (-1 for a headerless list). */
  column: number;
  rows: CandidateResult[];
  /** Why nothing could be read: a sentence. */
  error?: string;
}

/** Candidates a hiring manager may check in one go (the browser and the CLI). */
export const MAX_CANDIDATES = 20_000;
/** The largest list read (characters or bytes): 20,000 rows of a wide spreadsheet. */
const MAX_CANDIDATE_BYTES = 20_000_000;

/**
 * Reads candidates: a CSV with any columns (the address column found by its name, by its content,
 * or `column`, a header name), or addresses pasted one per line (commas, semicolons or tabs also
 * separate them). Every row comes back: a bad one with a sentence, never dropped.
 */
export function parseCandidateList(input: string | Uint8Array, column?: string): CandidateList {
  if (input.length > MAX_CANDIDATE_BYTES) {
    return {
      header: [],
      column: -1,
      rows: [],
      error: `The list is larger than ${MAX_CANDIDATE_BYTES / 1_000_000} MB: split it, at most ${MAX_CANDIDATES.toLocaleString("en")} candidates a check.`,
    };
  }
  const text = typeof input === "string" ? input : new TextDecoder("utf-8").decode(input);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "")
    return { header: [], column: -1, rows: [], error: "There are no addresses: the list is empty." };
  const records = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false }).data;
  const first = (records[0] ?? []).map((c) => c.trim());
  const looksLikeAddress = (cell: string) => /^0x[0-9a-f]{40}$/i.test(cell.trim());
  let header: string[] = [];
  let col = -1;
  let start = 0;
  if (column !== undefined) {
    header = first;
    col = header.indexOf(column);
    if (col < 0) return { header, column: -1, rows: [], error: `There is no column named “${column}”.` };
    start = 1;
  } else if (first.some((c) => /^0x/i.test(c)) || first.some((c) => looksLikeEnsName(c))) {
    // No header: a pasted list (one or more addresses a line).
  } else {
    header = first;
    start = 1;
    const names: readonly string[] = COLUMN_NAMES.recipient;
    col = header.findIndex((h) => names.includes(h.toLowerCase().replace(/[\s_-]+/g, "")));
    if (col < 0) {
      // The column most of whose cells are addresses.
      const score = header.map((_, i) => records.slice(1, 201).filter((r) => looksLikeAddress(r[i] ?? "")).length);
      const best = Math.max(0, ...score);
      col = best > 0 ? score.indexOf(best) : -1;
    }
    if (col < 0) {
      return {
        header,
        column: -1,
        rows: [],
        error: "No column holds addresses: name it “address” (or “wallet”), or choose it.",
      };
    }
  }
  const rows: CandidateResult[] = [];
  for (let i = start; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.every((c) => c.trim() === "")) continue;
    const inputs =
      col >= 0 ? [cells[col] ?? ""] : cells.flatMap((c) => c.split(/[;\t]/)).filter((c) => c.trim() !== "");
    for (const raw of inputs) {
      const value = raw.trim();
      const row: CandidateResult = { row: i + 1, input: value, ...(col >= 0 ? { cells } : {}) };
      if (col >= 0 && header.length && cells.length !== header.length) {
        row.error = `The row has ${cells.length} cells but the header has ${header.length}.`;
      } else if (value === "") {
        row.error = "The address cell is empty.";
      } else if (looksLikeEnsName(value)) {
        row.error = `“${value.slice(0, 64)}” is a name, not an address: a list is checked by address only.`;
      } else {
        const parsed = parseAddress(value);
        if (parsed.address) row.address = parsed.address;
        else row.error = parsed.error;
      }
      rows.push(row);
    }
    if (rows.length > MAX_CANDIDATES) break;
  }
  if (rows.length === 0) return { header, column: col, rows, error: "The file has a header row but no candidates." };
  if (rows.length > MAX_CANDIDATES) {
    return {
      header,
      column: col,
      rows: [],
      error: `That is more than ${MAX_CANDIDATES.toLocaleString("en")} candidates: check at most that many at a time.`,
    };
  }
  return { header, column: col, rows };
}
