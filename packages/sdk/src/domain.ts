/**
 * Domain proof: an issuer shows it controls the website its profile names by serving
 * `https://<domain>/.well-known/onchaincert.json`, listing the account it acts through on each
 * chain, with `Access-Control-Allow-Origin: *` so any verifier's browser may read it. The chain
 * says who the issuer is; the file says the website agrees. See docs/domain-proof.md.
 */
import { getAddress, isAddress, type Address } from "viem";

/** Where the file lives on the issuer's website. */
export const DOMAIN_PROOF_PATH = "/.well-known/onchaincert.json";
/** The file's format version (its `onchaincert` field). */
export const DOMAIN_PROOF_VERSION = 1;
/** Larger files are refused unread. */
export const DOMAIN_PROOF_MAX_BYTES = 64 * 1024;
/** At most this many accounts per file. */
export const DOMAIN_PROOF_MAX_ENTRIES = 1000;

/** One account the website vouches for, on one chain. */
export interface DomainProofEntry {
  chainId: number;
  account: Address;
}

/** What a verifier is told about an issuer's website. */
export type DomainProof =
  { proven: true; host: string; url: string } | { proven: false; host?: string; url?: string; reason: string };

/** Hosts that may be proven over plain http, when allowed: this machine, for local demos and tests. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether `hostname` is this machine (where a dApp served locally may accept plain http proofs). */
export function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname);
}

/**
 * The domain-proof URL for an issuer's website, with the host a verifier is shown (as the browser
 * parses it: an internationalised domain in its `xn--` form, which cannot pass for another, and a
 * port other than 443 kept), or why there is none: no website, not an address, not https. Plain
 * http on this machine counts only with `allowLoopback` (a dApp served from this machine).
 */
export function domainProofLocation(
  website: string,
  options: { allowLoopback?: boolean } = {},
): { host: string; url: string } | { reason: string } {
  if (website.trim() === "") return { reason: "The issuer names no website." };
  let site: URL;
  try {
    site = new URL(website);
  } catch {
    return { reason: "The issuer's website is not a web address." };
  }
  const loopback = Boolean(options.allowLoopback) && LOOPBACK.has(site.hostname);
  if (site.protocol !== "https:" && !(site.protocol === "http:" && loopback)) {
    return { reason: "The issuer's website is not an https:// address, so it cannot prove its domain." };
  }
  if (site.username || site.password) return { reason: "The issuer's website address carries a user name." };
  return { host: site.host, url: `${site.origin}${DOMAIN_PROOF_PATH}` };
}

/** The file an issuer publishes: its accounts, one entry per chain, as JSON text. */
export function domainProofFile(entries: readonly DomainProofEntry[]): string {
  const issuers = entries.map((e) => ({ chainId: e.chainId, account: getAddress(e.account) }));
  return `${JSON.stringify({ onchaincert: DOMAIN_PROOF_VERSION, issuers }, null, 2)}\n`;
}

/**
 * The accounts a domain-proof file lists, or a sentence saying what is wrong with it. Entries
 * that are not `{ chainId: integer, account: address }` make the whole file unreadable: a file
 * the issuer got wrong should be fixed, not half-read.
 */
export function parseDomainProofFile(text: string): DomainProofEntry[] | { reason: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { reason: "The file is not JSON." };
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    return { reason: "The file is not a JSON object." };
  const { onchaincert, issuers } = doc as { onchaincert?: unknown; issuers?: unknown };
  if (onchaincert !== DOMAIN_PROOF_VERSION) {
    return { reason: `The file's "onchaincert" field is not ${DOMAIN_PROOF_VERSION}.` };
  }
  if (!Array.isArray(issuers)) return { reason: 'The file has no "issuers" list.' };
  if (issuers.length > DOMAIN_PROOF_MAX_ENTRIES) {
    return { reason: `The file lists more than ${DOMAIN_PROOF_MAX_ENTRIES} accounts.` };
  }
  const entries: DomainProofEntry[] = [];
  for (const [i, e] of issuers.entries()) {
    const { chainId, account } = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
    if (!Number.isSafeInteger(chainId) || (chainId as number) <= 0) {
      return { reason: `Entry ${i + 1} has no chainId (a positive whole number).` };
    }
    if (typeof account !== "string" || !isAddress(account, { strict: false })) {
      return { reason: `Entry ${i + 1} has no account (a 0x address).` };
    }
    entries.push({ chainId: chainId as number, account: getAddress(account) });
  }
  return entries;
}

/**
 * Whether the website `website` names proves it belongs to the issuer acting through `account` on
 * `chainId`: its domain-proof file lists that account for that chain. Never throws; anything that
 * goes wrong (no file, no CORS header, a redirect to another site, a bad file, a timeout) is
 * "not proven" with the reason.
 */
export async function checkDomainProof(
  website: string,
  chainId: number,
  account: Address,
  options: { fetch?: typeof fetch; timeoutMs?: number; allowLoopback?: boolean } = {},
): Promise<DomainProof> {
  const where = domainProofLocation(website, options);
  if ("reason" in where) return { proven: false, reason: where.reason };
  const { host, url } = where;
  const notProven = (reason: string): DomainProof => ({ proven: false, host, url, reason });
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      credentials: "omit",
      redirect: "follow",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs ?? 8000),
    });
  } catch {
    return notProven(
      `${url} could not be read: the site is unreachable, or does not let other sites read the file (Access-Control-Allow-Origin: *).`,
    );
  }
  if (response.url && new URL(response.url).origin !== new URL(url).origin) {
    return notProven(`${url} redirects to another site (${new URL(response.url).host}).`);
  }
  if (!response.ok) return notProven(`${url} answered HTTP ${response.status}.`);
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > DOMAIN_PROOF_MAX_BYTES) return notProven(`${url} is larger than ${DOMAIN_PROOF_MAX_BYTES} bytes.`);
  const text = await readAtMost(response, DOMAIN_PROOF_MAX_BYTES).catch(() => undefined);
  if (text === undefined) return notProven(`${url} could not be read to the end.`);
  if (text === null) return notProven(`${url} is larger than ${DOMAIN_PROOF_MAX_BYTES} bytes.`);
  const entries = parseDomainProofFile(text);
  if ("reason" in entries) return notProven(`${url}: ${entries.reason}`);
  const wanted = getAddress(account);
  if (!entries.some((e) => e.chainId === chainId && e.account === wanted)) {
    return notProven(`${url} does not list the issuer's account ${wanted} on chain ${chainId}.`);
  }
  return { proven: true, host, url };
}

/**
 * The response's body as text, or null as soon as it passes `max` bytes: a server that sends
 * without end (or a small compressed body that inflates) is cut off, not read into memory.
 */
async function readAtMost(response: Response, max: number): Promise<string | null> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
