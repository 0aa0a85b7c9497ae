import { BaseError, HttpRequestError, TimeoutError } from "viem";
import { describeError, revertOf } from "@onchaincert/sdk";

// Made once: a formatter per call costs more than the rest of a card (24 cards show at once).
const DATE = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const COUNT = new Intl.NumberFormat("en-US");

export function formatDate(seconds: bigint | number): string {
  const s = Number(seconds);
  if (s === 0) return "—";
  return DATE.format(new Date(s * 1000));
}

/** 5,000 */
export function formatCount(n: number | bigint): string {
  return COUNT.format(n);
}

/** An issuer's or a credential type's number in a URL ("7"; at most 10 digits), or undefined. */
export function parseIdNumber(raw: string): bigint | undefined {
  return /^[1-9][0-9]{0,9}$/.test(raw) ? BigInt(raw) : undefined;
}

/** A credential or issuer number typed into a form (spaces around allowed; up to 20 digits), or undefined. */
export function parseFormId(value: string): bigint | undefined {
  return /^[0-9]{1,20}$/.test(value.trim()) ? BigInt(value.trim()) : undefined;
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A sentence for a failed read: unreachable RPC, a contract revert, or viem's short message. */
export function readProblem(error: unknown, rpc: string | undefined): string {
  if (revertOf(error)) return describeError(error);
  const unreachable =
    error instanceof BaseError && error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError);
  if (unreachable)
    return `Could not reach the chain's RPC at ${rpc}. Check that the node is running, or try again later.`;
  return describeError(error);
}

export { parseAddress } from "@onchaincert/sdk";

/** "Does not expire", "1 year", "2 years" or "90 days" for a validity period in seconds. */
export function formatValidity(seconds: number): string {
  if (seconds === 0) return "Does not expire";
  const days = seconds / 86_400;
  if (Number.isInteger(days / 365)) return days === 365 ? "1 year" : `${days / 365} years`;
  if (Number.isInteger(days)) return days === 1 ? "1 day" : `${days} days`;
  return `${seconds} seconds`;
}

/** A link target from chain data only when it is http(s); anything else (javascript:, data:) is not linked. */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}
