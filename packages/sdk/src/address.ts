import { getAddress, isAddress, zeroAddress, type Address } from "viem";

export type AddressCheck = { address: Address; error?: undefined } | { address?: undefined; error: string };

/**
 * Reads an address a person typed, pasted or put in a spreadsheet. All-lowercase (or all-uppercase)
 * is accepted; mixed case must match its EIP-55 checksum, since a mismatch usually means a typo.
 */
export function parseAddress(input: string): AddressCheck {
  const value = input.trim();
  if (!isAddress(value, { strict: false })) return { error: `That is not an Ethereum address: ${whyNot(value)}` };
  const body = value.slice(2);
  if (body !== body.toLowerCase() && body !== body.toUpperCase() && !isAddress(value, { strict: true })) {
    return {
      error:
        "The address's capitals do not match its checksum, so it probably has a typo. Check it, or paste it in lower case.",
    };
  }
  return { address: getAddress(value.toLowerCase()) };
}

/** What is wrong with something that is not an address, for the sentence after "That is not an Ethereum address:". */
function whyNot(value: string): string {
  const expected = "it should be 0x followed by 40 hexadecimal characters.";
  if (!/^0x/i.test(value)) return expected;
  if (value.startsWith("0X")) return `the x in 0x must be a small letter; ${expected}`;
  const body = value.slice(2);
  const stray = [...body].find((c) => !/[0-9a-f]/i.test(c));
  if (stray !== undefined) {
    const shown = /^[\x21-\x7e]$/.test(stray)
      ? `“${stray}”`
      : `U+${stray.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    return `${shown} is not a hexadecimal character (0–9, a–f); ${expected}`;
  }
  return `it has ${body.length} hexadecimal character${body.length === 1 ? "" : "s"} after 0x, and an address has 40.`;
}

/** As parseAddress, and refuses the zero address, which cannot hold a credential. */
export function parseRecipient(input: string): AddressCheck {
  const parsed = parseAddress(input);
  if (parsed.address === zeroAddress) return { error: "The zero address cannot hold credentials." };
  return parsed;
}

/**
 * What a verifier must know about an ENS name that led to an address: whoever owns a name can
 * point it at any address, so unless the name is the address's own primary name (its reverse
 * record, which only the address sets), it does not tie the credentials to the person.
 * Undefined when the name is the primary name. `primary`: the normalised primary name, null when
 * the address has none, undefined when it could not be read.
 */
export function ensNameWarning(name: string, primary: string | null | undefined): string | undefined {
  if (primary === name) return undefined;
  const own =
    primary === undefined
      ? "the address's own name could not be read, so nothing shows it is"
      : `it is not the address's own name (${primary === null ? "it has none" : `that is ${primary}`})`;
  return (
    `${name} points to this address, but ${own}: ` +
    "whoever owns a name can point it at any address. It does not show that these credentials belong to the person you know by that name; ask them to prove the address."
  );
}

/**
 * A name through `normalize` (viem's ENS normalisation, passed in so that its tables load only
 * where names are looked up), or as it is when it cannot be: it then differs from every valid name.
 */
export function normalizedOrAsIs(normalize: (name: string) => string, name: string): string {
  try {
    return normalize(name);
  } catch {
    return name;
  }
}

/** `alice.eth`, `pay.example.com`: a dot-separated name, not a hex address (an ENS name to look up). */
export function looksLikeEnsName(input: string): boolean {
  const value = input.trim();
  return !/^0x/i.test(value) && /^[^\s./]+(\.[^\s./]+)+$/.test(value);
}
