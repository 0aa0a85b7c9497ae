/**
 * Professional-development credits, counted as continuing-education boards count them, and what
 * expires soon. The counting rule is the lens's `creditsOf` (contracts/CredentialLens.sol); the
 * contract tests check that this module and the lens agree, credential for credential.
 *
 * The rule: a credential counts, with its type's credits, when it was issued within the period
 * and still stands: valid, or expired (expiry after earning keeps the credits). Revoked ones (by
 * the issuer, a key-compromise watermark or a revoked component), renounced and moved-away ones do
 * not count. A stack counts through its components, never itself, so nothing counts twice.
 */
import type { Address, PublicClient } from "viem";

import type { Credential } from "./credentials";
import { credentialLensAbi } from "./generated/abis";
import { CredentialStatus } from "./status";

const DAY = 24 * 60 * 60;

export interface CreditQuery {
  /** Unix time in seconds: count credentials issued at or after it. 0 (the default) for all time. */
  since?: number;
  /** Count only credentials valid now, not expired ones (default false). */
  validOnly?: boolean;
  /** Count only credentials vouched for by these issuers (ids), e.g. a board's recognised providers. */
  issuers?: readonly bigint[];
  /** Count only credentials of these types (ids). */
  types?: readonly bigint[];
}

export interface CreditTotal {
  /** The total in hundredths (150 = 1.50 credits), as the contract stores credits. */
  total: number;
  /** The credentials that make it up, oldest first. */
  counted: Credential[];
}

/** Whether `c` carries credits of its own: a type with credits that is not a stack. */
export function carriesCredits(c: Credential): boolean {
  return c.credits > 0 && c.components.length === 0;
}

/** Whether `c` counts toward a credit total for `query` (see the rule above). */
export function countsForCredits(c: Credential, query: CreditQuery = {}): boolean {
  if (!carriesCredits(c)) return false;
  if (Number(c.issuedAt) < (query.since ?? 0)) return false;
  const standing = c.status === CredentialStatus.Valid || (!query.validOnly && c.status === CredentialStatus.Expired);
  if (!standing) return false;
  if (query.issuers && !query.issuers.includes(c.issuerId)) return false;
  if (query.types && !query.types.includes(c.typeId)) return false;
  return true;
}

/** The credit total of a holder's credentials (as the lens lists them) and which make it up. */
export function countCredits(credentials: readonly Credential[], query: CreditQuery = {}): CreditTotal {
  const counted = credentials
    .filter((c) => countsForCredits(c, query))
    .sort((a, b) => Number(a.issuedAt - b.issuedAt) || Number(a.tokenId - b.tokenId));
  return { total: counted.reduce((sum, c) => sum + c.credits, 0), counted };
}

/** The periods a verifier picks from; the key is what a shareable link carries (`?credits=24m`). */
export const CREDIT_PERIODS = [
  { key: "12m", months: 12, label: "Last 12 months" },
  { key: "24m", months: 24, label: "Last 24 months" },
  { key: "36m", months: 36, label: "Last 36 months" },
  { key: "all", months: 0, label: "All time" },
] as const;

export type CreditPeriod = (typeof CREDIT_PERIODS)[number]["key"];

/** The period a link names (`12m`, `24m`, `36m`, `all`), or undefined for anything else. */
export function parseCreditPeriod(value: string | null | undefined): CreditPeriod | undefined {
  return CREDIT_PERIODS.find((p) => p.key === value?.trim().toLowerCase())?.key;
}

/**
 * The start of a period ending at `now` (Unix seconds), in Unix seconds: the same time of day
 * `months` calendar months earlier in UTC, on the month's last day when that month is shorter
 * (24 months before 29 February 2028 is 28 February 2026). 0 for "all".
 */
export function periodStart(period: CreditPeriod, now: number): number {
  const months = CREDIT_PERIODS.find((p) => p.key === period)!.months;
  return months === 0 ? 0 : monthsBefore(now, months);
}

/**
 * The same time of day `months` calendar months before `at` (Unix seconds) in UTC, on the month's
 * last day when that month is shorter.
 */
export function monthsBefore(at: number, months: number): number {
  const d = new Date(at * 1000);
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const start = Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
  return Math.floor(start / 1000);
}

/** How many days from `now` to `validUntil` (Unix seconds), rounded up: 0 once it is past. */
export function daysUntil(validUntil: number, now: number): number {
  return Math.max(0, Math.ceil((validUntil - now) / DAY));
}

/** "expired", "expires in 5 hours", "expires in less than an hour", "expires in 12 days". */
export function expiryPhrase(validUntil: number, now: number): string {
  const seconds = validUntil - now;
  if (seconds < 0) return "expired";
  if (seconds < 60 * 60) return "expires in less than an hour";
  if (seconds < DAY) {
    const hours = Math.floor(seconds / (60 * 60));
    return `expires in ${hours} hour${hours === 1 ? "" : "s"}`;
  }
  const days = daysUntil(validUntil, now);
  return `expires in ${days} day${days === 1 ? "" : "s"}`;
}

/** A credential "expires soon" within this many days: cards say so, lists gather them. */
export const EXPIRING_SOON_DAYS = 90;

/** Whether `c` is valid and expires within `days` of `now` (Unix seconds). */
export function expiresSoon(c: Credential, now: number, days = EXPIRING_SOON_DAYS): boolean {
  return c.status === CredentialStatus.Valid && c.validUntil !== 0n && Number(c.validUntil) - now <= days * DAY;
}

/** Valid credentials that expire within `days` of `now` (Unix seconds), soonest first. */
export function expiringSoon(credentials: readonly Credential[], now: number, days = EXPIRING_SOON_DAYS): Credential[] {
  return credentials.filter((c) => expiresSoon(c, now, days)).sort((a, b) => Number(a.validUntil - b.validUntil));
}

type Reader = Pick<PublicClient, "readContract">;

/**
 * Credentials the lens counts per `creditsOfPage` call: about 13,300 gas each, 19,900 when every
 * credential came from a delegate on a chain where some issuer has a watermark (stacks are left
 * before their status); 200 keeps a page far below the 16,777,216-gas cap some nodes apply to
 * `eth_call`.
 */
export const CREDITS_PAGE = 200;

/**
 * A holder's credit total computed by the lens on-chain, page by page (the same rule as
 * `countCredits`, without the issuer and type filters), every page at one block: `blockNumber`,
 * or the latest when the first page is read (a credential issued between pages could otherwise
 * be skipped).
 */
export async function readCreditsOf(
  client: Reader & Pick<PublicClient, "getBlockNumber">,
  lens: Address,
  holder: Address,
  options: { since?: number; validOnly?: boolean; pageSize?: number; blockNumber?: bigint } = {},
): Promise<{ total: bigint; counted: bigint }> {
  let total = 0n;
  let counted = 0n;
  let cursor = 0n;
  const blockNumber = options.blockNumber ?? (await client.getBlockNumber());
  do {
    const [credits, n, next] = await client.readContract({
      address: lens,
      abi: credentialLensAbi,
      functionName: "creditsOfPage",
      args: [
        holder,
        BigInt(options.since ?? 0),
        options.validOnly ?? false,
        cursor,
        BigInt(options.pageSize ?? CREDITS_PAGE),
      ],
      blockNumber,
    });
    total += credits;
    counted += n;
    cursor = next;
  } while (cursor !== 0n);
  return { total, counted };
}
