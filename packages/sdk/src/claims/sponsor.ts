/**
 * Sponsored claims in batches. A recipient who has no ether signs their claim with the link's key
 * (in the claim page, or `sponsorRequest`) and hands the result, a sponsor request, to whoever
 * pays: an issuer, an employer, a relayer. The request holds no secret: it names the recipient the
 * key signed for, so sent as it is it can only give that link's credential to that recipient, and
 * changed it is refused (`ClaimProofInvalid`). Unlike the link itself, it can be mailed, pasted
 * into a ticket or collected by a form without risk. The sponsor checks each request against the
 * chain and sends them with `claimMany`, many claims in one transaction: the transaction's
 * 21,000 base gas and the contracts' first reads are paid once for all of them.
 */
import {
  bytesToHex,
  decodeAbiParameters,
  encodeAbiParameters,
  getAbiItem,
  getAddress,
  parseEventLogs,
  hexToBytes,
  type Address,
  type Hex,
  type Log,
  type PublicClient,
} from "viem";

import { toCsv } from "../bulk/csv";
import { describeError, revertOf } from "../errors";
import { credentialClaimsAbi } from "../generated/abis";
import { claimArgs, claimsCallAbi, readRound } from "./claim";
import { decodeClaimCode, fromBase64Url, toBase64Url, type ClaimLink } from "./links";

/** One claim, signed by its link's key for one recipient, ready for anyone to send. */
export interface SponsorRequest {
  chainId: number;
  /** The claim-link contract the key signed for (the EIP-712 domain's verifying contract). */
  claims: Address;
  claim: {
    roundId: bigint;
    index: bigint;
    validUntil: bigint;
    evidenceHash: Hex;
    recipient: Address;
  };
  r: Hex;
  vs: Hex;
  proof: Hex[];
}

/** Claims per `claimMany` transaction: about 2.4M gas (17-hash proofs), far under any block's limit. */
export const SPONSOR_BATCH = 25;

/** What starts a sponsor request's text, so it is never taken for a claim link (which holds a secret). */
export const SPONSOR_REQUEST_PREFIX = "occ-sponsor-1.";

const REQUEST_PARAMS = [
  { type: "uint256", name: "chainId" },
  { type: "address", name: "claims" },
  {
    type: "tuple",
    name: "claim",
    components: [
      { type: "uint256", name: "roundId" },
      { type: "uint256", name: "index" },
      { type: "uint64", name: "validUntil" },
      { type: "bytes32", name: "evidenceHash" },
      { type: "address", name: "recipient" },
    ],
  },
  { type: "bytes32", name: "r" },
  { type: "bytes32", name: "vs" },
  { type: "bytes32[]", name: "proof" },
] as const;

/** The link's key signs the claim for `recipient`: the request a sponsor sends. */
export async function sponsorRequest(link: ClaimLink, claims: Address, recipient: Address): Promise<SponsorRequest> {
  const [claim, r, vs, proof] = await claimArgs(link, claims, recipient);
  return { chainId: link.chainId, claims: getAddress(claims), claim, r, vs, proof: [...proof] };
}

/** A sponsor request as one line of text (the prefix, then base64url of its ABI encoding). */
export function encodeSponsorRequest(request: SponsorRequest): string {
  const bytes = encodeAbiParameters(REQUEST_PARAMS, [
    BigInt(request.chainId),
    request.claims,
    request.claim,
    request.r,
    request.vs,
    request.proof,
  ]);
  return SPONSOR_REQUEST_PREFIX + toBase64Url(hexToBytes(bytes));
}

/** Reads a sponsor request's text; a sentence when it is not one (cut short, or a claim link instead). */
export function decodeSponsorRequest(text: string): { request: SponsorRequest } | { error: string } {
  const line = text.trim();
  if (!line.startsWith(SPONSOR_REQUEST_PREFIX)) {
    return holdsClaimLink(line)
      ? {
          error:
            "This is a claim link, not a sponsor request. A claim link holds its secret: whoever has it can claim it for themselves. Ask the recipient to open it, enter their address, and send you the sponsor request instead.",
        }
      : { error: `A sponsor request starts with “${SPONSOR_REQUEST_PREFIX}”.` };
  }
  const bytes = fromBase64Url(line.slice(SPONSOR_REQUEST_PREFIX.length));
  const broken = { error: "This sponsor request is incomplete or damaged: ask the recipient to copy it again." };
  if (!bytes) return broken;
  try {
    const [chainId, claims, claim, r, vs, proof] = decodeAbiParameters(REQUEST_PARAMS, bytesToHex(bytes));
    if (chainId > BigInt(Number.MAX_SAFE_INTEGER) || proof.length > 32) return broken;
    // Exactly the encoding of what was read: nothing appended, nothing encoded another way.
    const request: SponsorRequest = {
      chainId: Number(chainId),
      claims,
      claim: { ...claim, recipient: getAddress(claim.recipient) },
      r,
      vs,
      proof: [...proof],
    };
    if (encodeSponsorRequest(request) !== line) return broken;
    return { request };
  } catch {
    return broken;
  }
}

/** The `claimMany` call for writeContract / simulateContract: every request must be for `claims`. */
export function claimManyRequest(claims: Address, requests: readonly SponsorRequest[]) {
  return {
    address: claims,
    abi: claimsCallAbi,
    functionName: "claimMany",
    args: [requests.map(({ claim, r, vs, proof }) => ({ claim, r, vs, proof }))],
  } as const;
}

/**
 * A request's fate before anything is sent: it can be sent, or why not (a sentence).
 * `linkClaimed`: the request is refused and its link is claimed already (by whom: `findLinkClaim`).
 */
export type SponsorCheck =
  { request: SponsorRequest; ok: true } | { request: SponsorRequest; ok: false; reason: string; linkClaimed?: true };

/** How a long check reports its progress, and how its caller stops it. */
export interface SponsorCheckOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Checks requests against the chain as `sponsor` would send them: each is simulated alone (every
 * rule of a claim, read now). Among those that pass, what would make `claimMany` revert or give a
 * credential to the wrong address is refused in the batch's place: a link named again (the first
 * stays), a link signed for two different recipients (both refused: only the recipient knows
 * which address is right), and a second claim of one credential type for one recipient (one
 * credential per holder and type, whatever the round). Only requests the chain accepts count
 * towards a conflict, so a forged request (anyone can write one, with any signature) refuses
 * nothing but itself. Requests for another chain or another claim-link contract are refused
 * without a call. `onProgress` hears how many of the requests were simulated; `signal` stops the
 * check between two reads (it then throws the signal's reason).
 */
export async function checkSponsorRequests(
  client: PublicClient,
  chainId: number,
  claims: Address,
  sponsor: Address,
  requests: readonly SponsorRequest[],
  { onProgress, signal }: SponsorCheckOptions = {},
): Promise<SponsorCheck[]> {
  const linkOf = (r: SponsorRequest) => `${r.claim.roundId}:${r.claim.index}`;
  // First each request alone: refused with its own sentence, or accepted by the chain now.
  const alone: (string | { reason: string; linkClaimed: true } | true)[] = [];
  for (const [i, request] of requests.entries()) {
    signal?.throwIfAborted();
    onProgress?.(i, requests.length);
    const { claim } = request;
    if (request.chainId !== chainId) {
      alone.push(`It is for chain ${request.chainId}, and this is chain ${chainId}.`);
      continue;
    }
    if (getAddress(request.claims) !== getAddress(claims)) {
      alone.push(`It was signed for the claim-link contract ${request.claims}, not this chain's ${claims}.`);
      continue;
    }
    try {
      await client.simulateContract({
        address: claims,
        abi: claimsCallAbi,
        functionName: "claim",
        args: [claim, request.r, request.vs, request.proof],
        account: sponsor,
      });
      alone.push(true);
    } catch (error) {
      // Only a refusal by the contract is the request's fault; anything else (the RPC) stops the check.
      if (!revertOf(error)) throw error;
      // Claimed already, whatever the contract names first (a closed round, a passed deadline).
      const state = await client.readContract({
        address: claims,
        abi: credentialClaimsAbi,
        functionName: "linkState",
        args: [claim.roundId, claim.index],
      });
      alone.push(state === 1 ? { reason: describeError(error), linkClaimed: true } : describeError(error));
    }
  }
  onProgress?.(requests.length, requests.length);

  // Then the list as a whole, among the requests the chain accepts.
  const recipientsOf = new Map<string, Set<string>>();
  requests.forEach((r, i) => {
    if (alone[i] !== true) return;
    const recipients = recipientsOf.get(linkOf(r)) ?? new Set<string>();
    recipients.add(r.claim.recipient.toLowerCase());
    recipientsOf.set(linkOf(r), recipients);
  });
  const typeOfRound = new Map<bigint, Promise<bigint | undefined>>();
  const typeOf = (roundId: bigint) => {
    if (!typeOfRound.has(roundId))
      typeOfRound.set(
        roundId,
        readRound(client, claims, roundId).then((r) => r?.typeId),
      );
    return typeOfRound.get(roundId)!;
  };
  const seenLinks = new Set<string>();
  const seenHolders = new Set<string>();
  const out: SponsorCheck[] = [];
  for (const [i, request] of requests.entries()) {
    const { claim } = request;
    const refuse = (reason: string) => out.push({ request, ok: false, reason });
    const verdict = alone[i]!;
    const link = linkOf(request);
    if (typeof verdict === "string") {
      refuse(verdict);
      continue;
    }
    if (verdict !== true) {
      // A repeat of a claimed link further down is "already in this list", as after a ready one.
      if (seenLinks.has(link)) refuse(`Link ${claim.index} of round ${claim.roundId} is already in this list.`);
      else out.push({ request, ok: false, ...verdict });
      seenLinks.add(link);
      continue;
    }
    if (recipientsOf.get(link)!.size > 1) {
      refuse(
        `Link ${claim.index} of round ${claim.roundId} has requests for ${recipientsOf.get(link)!.size} different addresses in this list: none is sent. Ask the recipient which address is theirs.`,
      );
      continue;
    }
    if (seenLinks.has(link)) {
      refuse(`Link ${claim.index} of round ${claim.roundId} is already in this list.`);
      continue;
    }
    const typeId = await typeOf(claim.roundId);
    const holder = `${typeId}:${claim.recipient.toLowerCase()}`;
    if (seenHolders.has(holder)) {
      refuse(
        `${claim.recipient} already has a claim for credential type #${typeId} in this list (one credential per holder and type).`,
      );
      continue;
    }
    seenLinks.add(link);
    seenHolders.add(holder);
    out.push({ request, ok: true });
  }
  return out;
}

/** A link's claim as the chain recorded it: the credential it gave and the transaction. */
export interface LinkClaimRecord {
  tokenId: bigint;
  transaction: Hex;
}

/**
 * The claim that gave a request's link to the request's recipient, from its `LinkClaimed` event:
 * looked for in `transaction` when given (a sponsor's earlier run wrote it down), else in the
 * claim-link contract's logs of the round for that recipient. Undefined when the link went to
 * someone else, or the node refuses a search of the whole chain's logs (public RPCs cap ranges).
 */
export async function findLinkClaim(
  client: Pick<PublicClient, "getTransactionReceipt" | "getLogs">,
  claims: Address,
  request: SponsorRequest,
  transaction?: Hex,
): Promise<LinkClaimRecord | undefined> {
  const { roundId, index, recipient } = request.claim;
  const ours = (log: { address: Address; args: { roundId?: bigint; index?: bigint; recipient?: Address } }) =>
    getAddress(log.address) === getAddress(claims) &&
    log.args.roundId === roundId &&
    log.args.index === index &&
    log.args.recipient !== undefined &&
    getAddress(log.args.recipient) === getAddress(recipient);
  if (transaction) {
    try {
      const receipt = await client.getTransactionReceipt({ hash: transaction });
      const found = parseEventLogs({ abi: credentialClaimsAbi, logs: receipt.logs, eventName: "LinkClaimed" }).find(
        ours,
      );
      if (found) return { tokenId: found.args.tokenId, transaction };
    } catch {
      // not a transaction of this chain: search the logs
    }
  }
  try {
    const logs = await client.getLogs({
      address: claims,
      event: LINK_CLAIMED,
      args: { roundId, recipient },
      fromBlock: "earliest",
      toBlock: "latest",
    });
    const found = logs.find((l) => ours(l));
    return found ? { tokenId: found.args.tokenId!, transaction: found.transactionHash } : undefined;
  } catch {
    return undefined;
  }
}

const LINK_CLAIMED = getAbiItem({ abi: credentialClaimsAbi, name: "LinkClaimed" });

// ---------------------------------------------------------------------------------- a sponsor's list

/** What a line of a sponsor's list says (the CLI's results file and the dApp's table alike). */
export const SPONSOR_STATUS = {
  ready: "ready",
  claimed: "claimed",
  claimedEarlier: "claimed earlier",
  skipped: "claimed meanwhile by another transaction: skipped",
  notSent: "not sent",
  unknown: "sent, but its outcome could not be read: check again",
} as const;

/** One line of a sponsor's list that holds a request (or tried to): its status, and once sent, the outcome. */
export interface SponsorLine {
  /** 1-based, in the text it was read from. */
  line: number;
  request?: SponsorRequest;
  /** A SPONSOR_STATUS, or the sentence why the line is refused. */
  status: string;
  tokenId?: bigint;
  transaction?: Hex;
}

/**
 * The sponsor requests in a text (a file, or what was pasted), each read, with its line; a line
 * with a claim link instead is kept, refused with the sentence that explains why. Every other line
 * (a CSV header, a blank line, a note) is left out. In a CSV export the request is found inside
 * the line: it ends at the first space, comma, semicolon or quote. A line may hold several.
 */
export function readSponsorLines(text: string): SponsorLine[] {
  const lines: SponsorLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((row, i) => {
    const tokens = [...row.matchAll(REQUEST_IN_TEXT)].map((m) => m[0]);
    if (tokens.length === 0 && holdsClaimLink(row)) tokens.push(row.trim());
    for (const token of tokens) {
      const decoded = decodeSponsorRequest(token);
      lines.push(
        "request" in decoded
          ? { line: i + 1, request: decoded.request, status: "checking" }
          : { line: i + 1, status: decoded.error },
      );
    }
  });
  return lines;
}

const REQUEST_IN_TEXT = new RegExp(`${SPONSOR_REQUEST_PREFIX.replace(".", "\\.")}[^\\s,;"']*`, "g");

/**
 * Whether text holds a claim link (whose code holds its secret): a `/claim#…` URL, the dApp's own
 * form, or a `/claim/<code>` URL or a bare code that reads as one. Another URL that happens to
 * have `/claim/` in its path is not taken for one.
 */
function holdsClaimLink(text: string): boolean {
  if (/\/claim#/.test(text)) return true;
  const path = /\/claim\/([A-Za-z0-9_-]+)/.exec(text);
  if (path && "link" in decodeClaimCode(path[1]!)) return true;
  return "link" in decodeClaimCode(text.trim());
}

/**
 * Checks every readable line as `sponsor` would send it (`checkSponsorRequests`), and writes each
 * line's status: ready, or why not. A link the chain shows claimed for the line's own recipient
 * was claimed earlier (by an earlier run, another sponsor or the recipient): its `LinkClaimed`
 * event, looked for in the transaction `earlier` names for it (recipient, round and link, from an
 * earlier results file) and else in the round's logs, gives the credential and the transaction,
 * and the line is not a refusal. Claimed for anyone else, or not found, it stays refused.
 */
export async function checkSponsorLines(
  client: PublicClient,
  chainId: number,
  claims: Address,
  sponsor: Address,
  lines: SponsorLine[],
  earlier: ReadonlyMap<string, Hex> = new Map(),
  options: SponsorCheckOptions = {},
): Promise<void> {
  const readable = lines.filter((l) => l.request);
  const checked = await checkSponsorRequests(
    client,
    chainId,
    claims,
    sponsor,
    readable.map((l) => l.request!),
    options,
  );
  // One receipt read per transaction, however many lines name it.
  const receipts = new Map<Hex, ReturnType<PublicClient["getTransactionReceipt"]>>();
  const lookup = {
    getTransactionReceipt: ({ hash }: { hash: Hex }) => {
      if (!receipts.has(hash)) receipts.set(hash, client.getTransactionReceipt({ hash }));
      return receipts.get(hash)!;
    },
    getLogs: client.getLogs,
  } as Pick<PublicClient, "getTransactionReceipt" | "getLogs">;
  for (const [i, c] of checked.entries()) {
    const l = readable[i]!;
    l.tokenId = undefined;
    l.transaction = undefined;
    if (c.ok) {
      l.status = SPONSOR_STATUS.ready;
      continue;
    }
    l.status = c.reason;
    if (!c.linkClaimed) continue;
    options.signal?.throwIfAborted();
    const found = await findLinkClaim(lookup, claims, c.request, earlier.get(sponsorLineKey(c.request)));
    if (!found) continue;
    l.status = SPONSOR_STATUS.claimedEarlier;
    l.tokenId = found.tokenId;
    l.transaction = found.transaction;
  }
}

/** The lines ready to send, in batches of SPONSOR_BATCH: one `claimMany` transaction each. */
export function sponsorBatches(lines: readonly SponsorLine[]): SponsorLine[][] {
  const ready = lines.filter((l) => l.request && l.status === SPONSOR_STATUS.ready);
  const batches: SponsorLine[][] = [];
  for (let i = 0; i < ready.length; i += SPONSOR_BATCH) batches.push(ready.slice(i, i + SPONSOR_BATCH));
  return batches;
}

/**
 * A batch's outcome from its receipt: each line claimed (its credential, from `LinkClaimed`), or
 * skipped by `claimMany` because another transaction claimed its link meanwhile.
 */
export function settleSponsorBatch(
  batch: readonly SponsorLine[],
  claims: Address,
  receipt: { transactionHash: Hex; status: "success" | "reverted"; logs: readonly Log[] },
): void {
  // A reverted batch claimed nothing: its lines are not "claimed by another transaction".
  if (receipt.status !== "success") throw new Error(`The transaction ${receipt.transactionHash} was reverted.`);
  const claimed = parseEventLogs({
    abi: credentialClaimsAbi,
    logs: receipt.logs as Log[],
    eventName: "LinkClaimed",
  }).filter((e) => getAddress(e.address) === getAddress(claims));
  for (const l of batch) {
    const { roundId, index } = l.request!.claim;
    const event = claimed.find((e) => e.args.roundId === roundId && e.args.index === index);
    l.status = event ? SPONSOR_STATUS.claimed : SPONSOR_STATUS.skipped;
    l.tokenId = event?.args.tokenId;
    l.transaction = receipt.transactionHash;
  }
}

/**
 * Batch `failed` of `batches` (0-based) did not settle: it and every later batch are not sent.
 * When it was sent (`transaction`) and then gave no receipt (the connection dropped, the wallet
 * stopped waiting) or a revert, its lines read "sent, outcome unknown" with the transaction, which
 * the next check (`sponsorLineHints`, or the results file) reads first.
 */
export function stopSponsorBatches(batches: readonly SponsorLine[][], failed: number, transaction?: Hex): void {
  for (const rest of batches.slice(failed)) for (const l of rest) l.status = SPONSOR_STATUS.notSent;
  if (transaction)
    for (const l of batches[failed] ?? []) Object.assign(l, { status: SPONSOR_STATUS.unknown, transaction });
}

const RESULT_COLUMNS = ["line", "recipient", "round", "link", "status", "credential", "transaction"];

/** The results file of a sponsor's list: every line, its status, credential and transaction. */
export function sponsorResultsCsv(lines: readonly SponsorLine[]): string {
  return (
    toCsv(
      RESULT_COLUMNS,
      lines.map((l) => [
        String(l.line),
        l.request?.claim.recipient ?? "",
        l.request ? String(l.request.claim.roundId) : "",
        l.request ? String(l.request.claim.index) : "",
        l.status,
        l.tokenId === undefined ? "" : String(l.tokenId),
        l.transaction ?? "",
      ]),
    ) + "\r\n"
  );
}

/**
 * The transactions an earlier results file (`sponsorResultsCsv`) names, by recipient, round and
 * link (its last two columns are the credential and the transaction; the status before them may
 * be quoted and hold commas). Only hints: `checkSponsorLines` checks each against its receipt.
 */
export function earlierSponsorTransactions(resultsCsv: string): Map<string, Hex> {
  const sent = new Map<string, Hex>();
  for (const row of resultsCsv.split(/\r?\n/)) {
    const m = /^\d+,(0x[0-9a-fA-F]{40}),(\d+),(\d+),.*,\d*,(0x[0-9a-f]{64})$/.exec(row);
    if (m) sent.set(`${m[1]},${m[2]},${m[3]}`, m[4] as Hex);
  }
  return sent;
}

/** The transaction each line names, by recipient, round and link: hints for the next check. */
export function sponsorLineHints(lines: readonly SponsorLine[]): Map<string, Hex> {
  const hints = new Map<string, Hex>();
  for (const l of lines) if (l.request && l.transaction) hints.set(sponsorLineKey(l.request), l.transaction);
  return hints;
}

function sponsorLineKey(request: SponsorRequest): string {
  const { recipient, roundId, index } = request.claim;
  return `${recipient},${roundId},${index}`;
}
