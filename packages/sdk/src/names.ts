/**
 * Issuer names: what the registry compares to keep two issuers from sharing one, and what it
 * refuses in a name at all. The registry stores `issuerNameKey(name)` beside each issuer's name and
 * refuses a key another issuer holds; the folding happens here, once, because it needs Unicode
 * tables a contract cannot afford. The admin registers and renames issuers with this key (the dApp
 * computes it), so "Northwind Institute", "NORTHWIND  institute" and "Ｎｏｒｔｈｗｉｎｄ Institute"
 * cannot both be registered.
 */
import { keccak256, toBytes, type Hex } from "viem";

/**
 * Characters that vanish when a name is shown: soft hyphen (U+00AD), combining grapheme joiner
 * (U+034F), Arabic letter mark (U+061C), Mongolian vowel separator (U+180E), zero-width space,
 * non-joiner and joiner (U+200B–U+200D), the bidi marks, embeddings, overrides and isolates
 * (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), word joiner and invisible operators
 * (U+2060–U+2064), the byte-order mark (U+FEFF), and variation selectors (U+FE00–U+FE0F).
 */
const INVISIBLE = /[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff]/gu;

/**
 * The form of an issuer name that uniqueness compares, exactly:
 * 1. Unicode NFKC normalisation (compatibility forms: full-width letters, ligatures, superscripts
 *    become their plain equivalents);
 * 2. case folding as upper case then lower case (so "ß" and "ss", "ς" and "σ" compare equal);
 * 3. NFKC again (case mapping can produce sequences that normalise further);
 * 4. invisible characters removed (see INVISIBLE);
 * 5. every run of Unicode white space (`\s`: spaces of every width, tabs, line breaks, no-break
 *    spaces) replaced by one space, and spaces at either end removed.
 * Look-alike letters from other scripts (Latin "a", Cyrillic "а") stay different here: the dApp
 * warns about those separately.
 */
export function foldIssuerName(name: string): string {
  return name
    .normalize("NFKC")
    .toUpperCase()
    .toLowerCase()
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** keccak-256 of the folded name's UTF-8: the `nameKey` argument of registerIssuer and renameIssuer. */
export function issuerNameKey(name: string): Hex {
  return keccak256(toBytes(foldIssuerName(name)));
}

/**
 * What the registry refuses in a name (issuer and credential type names), as a sentence; undefined
 * when the name is acceptable. Mirrors contracts/libraries/Utf8.sol: control characters (C0, DEL,
 * C1), the bidi marks, embeddings, overrides and isolates, the line and paragraph separators, and
 * the invisible U+200B, U+2060 and U+FEFF.
 */
export function nameProblem(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u.exec(name);
  if (!bad) return undefined;
  const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `A name cannot contain control or invisible formatting characters (U+${code} at position ${bad.index + 1}).`;
}
