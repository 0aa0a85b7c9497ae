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
 * Characters that vanish when a name is shown, removed before names are compared: soft hyphen
 * (U+00AD), combining grapheme joiner (U+034F), Arabic letter mark (U+061C), Hangul fillers
 * (U+115F, U+1160, U+3164, U+FFA0), Khmer U+17B4–U+17B5, Mongolian variation selectors and vowel
 * separator (U+180B–U+180F), zero-width space, non-joiner and joiner (U+200B–U+200D), the bidi
 * marks, embeddings, overrides and isolates (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), word
 * joiner, invisible operators and deprecated format characters (U+2060–U+206F), the braille
 * blank (U+2800), variation
 * selectors (U+FE00–U+FE0F), the byte-order mark (U+FEFF), the unassigned specials
 * (U+FFF0–U+FFF8) and U+E0000–U+E0FFF (tags, the variation selectors supplement, reserved: all
 * invisible by Unicode's rules).
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- single code points, combining ones (U+034F) on purpose
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\u{e0000}-\u{e0fff}]/gu;

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
  return tidyName(name.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC"));
}

/** Invisible characters removed, white space runs made one space, ends trimmed. */
export function tidyName(name: string): string {
  return name.replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
}

/** keccak-256 of the folded name's UTF-8: the `nameKey` argument of registerIssuer and renameIssuer. */
export function issuerNameKey(name: string): Hex {
  return keccak256(toBytes(foldIssuerName(name)));
}

/**
 * What the registry refuses in a name (issuer and credential type names), exactly as
 * contracts/libraries/Utf8.sol does: C0 and C1 controls, DEL, and the invisible or reordering
 * characters listed there (soft hyphen, combining grapheme joiner, Hangul fillers, zero-width space,
 * bidi marks, embeddings, overrides and isolates, line and paragraph separators, word joiner and
 * invisible operators, byte-order mark, interlinear annotations, tags, …). Allowed: U+200C and
 * U+200D (Persian, Indic scripts, emoji) and the variation selectors U+FE00–U+FE0F.
 */
const REFUSED_IN_NAMES =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- single code points on purpose
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164\ufeff\uffa0\ufff0-\ufffb\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/u;

/** A sentence saying what the registry refuses in `name`, or undefined when the name is acceptable. */
export function nameProblem(name: string): string | undefined {
  const bad = REFUSED_IN_NAMES.exec(name);
  if (!bad) return undefined;
  const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `A name cannot contain control or invisible formatting characters (U+${code} at position ${bad.index + 1}).`;
}
