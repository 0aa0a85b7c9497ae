import { BaseError, HttpRequestError, TimeoutError, getAddress, isAddress, type Address } from "viem";
import { describeError, revertOf } from "@onchaincert/sdk";

export function formatDate(seconds: bigint | number): string {
  const s = Number(seconds);
  if (s === 0) return "—";
  return new Date(s * 1000).toLocaleDateString("en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
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

/**
 * Reads an address a person typed or pasted. All-lowercase (or all-uppercase) is accepted; mixed
 * case must match its EIP-55 checksum, since a mismatch usually means a typo.
 */
export function parseAddress(
  input: string,
): { address: Address; error?: undefined } | { address?: undefined; error: string } {
  const value = input.trim();
  if (!isAddress(value, { strict: false })) {
    return { error: "That is not an Ethereum address: it should be 0x followed by 40 hexadecimal characters." };
  }
  const body = value.slice(2);
  if (body !== body.toLowerCase() && body !== body.toUpperCase() && !isAddress(value, { strict: true })) {
    return {
      error:
        "The address's capitals do not match its checksum, so it probably has a typo. Check it, or paste it in lower case.",
    };
  }
  return { address: getAddress(value.toLowerCase()) };
}

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
