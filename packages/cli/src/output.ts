/**
 * What the command-line tools print. Text that comes from the chain (names, notes) or from a CSV is
 * someone else's: a terminal would obey control characters in it (an ANSI sequence can erase a line
 * or rewrite "Revoked" as "Valid"; U+202E reverses what follows). `printable` shows every such
 * character as a visible escape instead. URLs are printed as their origin only, because RPC URLs
 * carry API keys in their paths and queries, and `guardOutput` makes sure no secret reaches
 * stdout or stderr whatever prints it (our code, viem's error messages, Node's).
 */
import {
  CREDIT_PERIODS,
  carriesCredits,
  countCredits,
  expiringSoon,
  expiryPhrase,
  formatCredits,
  kindLabel,
  periodStart,
  reasonLabel,
  statusLabel,
  type Credential,
} from "@onchaincert/sdk";

/**
 * C0 controls (tab included), DEL, C1 controls, and the Unicode format characters that reorder or
 * hide text: the bidi marks, embeddings, overrides and isolates (U+061C, U+200E–U+200F,
 * U+202A–U+202E, U+2066–U+2069), the line and paragraph separators (U+2028–U+2029), zero-width
 * characters (U+200B–U+200D, U+2060, U+FEFF) and the interlinear annotation controls (U+FFF9–U+FFFB).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/** `text` with every control or reordering character shown as `\xNN` or `\uNNNN`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** `https://host:port` of a URL: no user, password, path or query, where API keys live. */
const UNPARSED = "(an RPC URL that could not be parsed)";

export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return UNPARSED;
  }
}

/**
 * Replaces every secret in what this process writes to stdout and stderr: each private key (with
 * or without 0x, any case) by "[private key]", each URL by its origin, each other secret word (an
 * explorer's API key) by "[api key]". Call once at start-up with the values the command holds;
 * returns a function that undoes it (for tests).
 */
export function guardOutput(secrets: {
  keys?: readonly string[];
  urls?: readonly string[];
  words?: readonly string[];
}): () => void {
  const replacements: [RegExp, string][] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const key of secrets.keys ?? []) {
    const hex = key.replace(/^0x/i, "");
    if (hex.length >= 32) replacements.push([new RegExp(`(0x)?${escape(hex)}`, "gi"), "[private key]"]);
  }
  for (const url of secrets.urls ?? []) {
    const origin = safeUrl(url);
    // Longest first, so the whole URL is replaced rather than its origin inside it. One that could
    // not be parsed is replaced whole, however short (but not a few characters: they are no secret).
    const parsed = safeUrl(url) !== UNPARSED;
    const variants = [url, url.replace(/\/+$/, "")].filter((v) => (parsed ? v.length > origin.length : v.length >= 8));
    for (const v of variants) replacements.push([new RegExp(escape(v), "g"), origin]);
  }
  for (const word of secrets.words ?? []) {
    if (word.length >= 8) replacements.push([new RegExp(escape(word), "g"), "[api key]"]);
  }
  const scrub = (text: string) => replacements.reduce((t, [pattern, by]) => t.replace(pattern, by), text);

  const originals = [process.stdout.write, process.stderr.write] as const;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(
        typeof chunk === "string"
          ? scrub(chunk)
          : chunk instanceof Uint8Array
            ? scrub(Buffer.from(chunk).toString())
            : chunk,
        ...rest,
      )) as typeof stream.write;
  }
  return () => {
    process.stdout.write = originals[0];
    process.stderr.write = originals[1];
  };
}

const date = (seconds: bigint) => (seconds === 0n ? "-" : new Date(Number(seconds) * 1000).toISOString().slice(0, 10));

/** One line per credential: status first, then what it is, who issued it and its dates. */
export function credentialLine(c: Credential): string {
  const status = statusLabel(c.status);
  const why = c.revocationReason
    ? ` (${reasonLabel(c.revocationReason)}${c.revocationNote ? `: ${printable(c.revocationNote)}` : ""})`
    : "";
  const credits = c.credits ? `, ${formatCredits(c.credits)} credits` : "";
  const stack = c.components.length ? `, stacked from #${c.components.join(", #")}` : "";
  const issuer = `${printable(c.issuerName)}${c.issuerStatus === 2 ? " (issuer suspended)" : ""}`;
  return (
    `  #${c.tokenId} ${status}${why} — ${printable(c.typeName)} [${kindLabel(c.kind)}${credits}${stack}] ` +
    `by ${issuer}; issued ${date(c.issuedAt)}, valid until ${date(c.validUntil)}`
  );
}

/**
 * The credit totals a board asks about (12, 24, 36 months and all time, as docs/credits.md counts
 * them), and each valid credential expiring within 90 days; no lines when there is nothing to say.
 * `now` is the read block's time.
 */
export function creditAndExpiryLines(credentials: readonly Credential[], now: number): string[] {
  const lines: string[] = [];
  if (credentials.some(carriesCredits)) {
    const totals = CREDIT_PERIODS.map((p) => {
      const { total } = countCredits(credentials, { since: periodStart(p.key, now) });
      return `${formatCredits(total)} ${p.key === "all" ? "in all" : `in ${p.months} months`}`;
    });
    lines.push(
      `Professional-development credits earned (expired included; revoked and renounced not): ${totals.join(", ")}.`,
    );
  }
  for (const c of expiringSoon(credentials, now)) {
    lines.push(
      `Expiring: #${c.tokenId} ${printable(c.typeName)} ${expiryPhrase(Number(c.validUntil), now)} (${date(c.validUntil)}); renewed by ${printable(c.issuerName)}.`,
    );
  }
  return lines;
}
