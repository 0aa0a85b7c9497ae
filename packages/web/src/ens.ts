/**
 * ENS names in the search, when a mainnet RPC is configured (VITE_RPC_URL_1): a name is resolved
 * on Ethereum mainnet to the address whose credentials are then read. viem's ENS code (with its
 * Unicode normalisation tables) loads only when a name is actually looked up.
 *
 * A name's owner can point it at any address, so a name proves nothing about who holds the
 * credentials: the address's own primary name (its reverse record, which only the address can
 * set) is read too, and the page warns when the name is not it.
 */
import type { Address } from "viem";

const env = import.meta.env as Record<string, string | undefined>;

/** The mainnet RPC used for ENS; undefined turns ENS off. */
export const ENS_RPC_URL = env.VITE_RPC_URL_1 || undefined;

import { normalizedOrAsIs } from "@onchaincert/sdk";

export { looksLikeEnsName } from "@onchaincert/sdk";

export interface EnsResolver {
  getEnsAddress(args: { name: string }): Promise<Address | null>;
  /** The address's primary name (its reverse record, checked forward), or null. */
  getEnsName(args: { address: Address }): Promise<string | null>;
}

export type EnsResult =
  | {
      name: string;
      address: Address;
      /** The address's own primary name (normalised): null when it has none, undefined when it could not be read. */
      primary: string | null | undefined;
      error?: undefined;
    }
  | { name: string; address?: undefined; error: string };

/** Normalises and resolves a name; the outcome is a sentence when there is no address. */
export async function resolveEnsName(input: string, resolver?: EnsResolver): Promise<EnsResult> {
  const { normalize, mainnetResolver } = await import("./ensLookup");
  let name: string;
  try {
    name = normalize(input.trim());
  } catch {
    return { name: input.trim(), error: `“${input.trim()}” is not a valid ENS name.` };
  }
  const client = resolver ?? (ENS_RPC_URL ? mainnetResolver(ENS_RPC_URL) : undefined);
  if (!client) {
    return { name, error: "ENS names work when a mainnet RPC is configured. Paste the 0x address instead." };
  }
  try {
    const address = await client.getEnsAddress({ name });
    if (!address) return { name, error: `${name} does not point to an address.` };
    const primary = await client.getEnsName({ address }).then(
      (found) => (found === null ? null : normalizedOrAsIs(normalize, found)),
      () => undefined,
    );
    return { name, address, primary };
  } catch {
    return { name, error: `Could not look up ${name} on Ethereum mainnet. Try again later, or paste the address.` };
  }
}
