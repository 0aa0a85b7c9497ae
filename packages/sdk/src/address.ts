import { getAddress, isAddress, zeroAddress, type Address } from "viem";

export type AddressCheck = { address: Address; error?: undefined } | { address?: undefined; error: string };

/**
 * Reads an address a person typed, pasted or put in a spreadsheet. All-lowercase (or all-uppercase)
 * is accepted; mixed case must match its EIP-55 checksum, since a mismatch usually means a typo.
 */
export function parseAddress(input: string): AddressCheck {
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

/** As parseAddress, and refuses the zero address, which cannot hold a credential. */
export function parseRecipient(input: string): AddressCheck {
  const parsed = parseAddress(input);
  if (parsed.address === zeroAddress) return { error: "The zero address cannot hold credentials." };
  return parsed;
}
