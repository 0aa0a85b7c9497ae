/**
 * Sending a bulk issuance, resumably. The job's state (which rows went in which transaction, and
 * what became of it) is saved before and after every transaction, in a file next to the CSV or in
 * the browser. Running a job again first settles transactions whose outcome was not recorded,
 * then validates the rows against the chain again, so rows issued before are skipped: a
 * recipient already holding a valid credential of the type is never sent again (and the registry
 * would refuse it anyway with CredentialAlreadyHeld).
 */
import {
  TransactionReceiptNotFoundError,
  TransactionNotFoundError,
  WaitForTransactionReceiptTimeoutError,
  decodeFunctionData,
  encodeFunctionData,
  keccak256,
  parseEventLogs,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  type ReplacementReturnType,
  type TransactionReceipt,
} from "viem";

import { describeError, isRejection } from "../errors";
import { credentialRegistryAbi } from "../generated/abis";
import type { ParsedCsv } from "./csv";
import { toCsv } from "./csv";
import { GAS_MARGIN, batchArgs, estimateBatch, issueBatchRequest, type BatchArgs, type Plan } from "./plan";
import type { ReadyRow, Validation } from "./validate";

export interface JobKey {
  chainId: number;
  registry: Address;
  typeId: string;
  issuer: Address;
  /** keccak-256 of the CSV's bytes: a changed file is a different job. */
  fileHash: Hex;
  /**
   * The columns the rows were read from (indexes into the header). Rows are matched to what was
   * issued by their recipient, so a job resumed with the recipient read from another column
   * would take its own credentials for a reorganisation's losses. Absent in states saved before
   * it was recorded.
   */
  columns?: { recipient: number; validUntil?: number; evidence?: number };
}

export interface ChunkRecord {
  rows: number[];
  /**
   * signing: handed to the wallet, no hash back yet (the process may die right then, after the
   * wallet sent it); sent: waiting for its receipt; confirmed: its credentials are on-chain;
   * reverted: mined, issued nothing; dropped: the node forgot it; unsent: handed to the wallet but
   * never mined, and its nonce went to a transaction that issued nothing of it; replaced: another
   * transaction took its nonce (sped up with other data, or cancelled) and issued nothing of it;
   * vanished: confirmed, then gone in a reorganisation. Only confirmed chunks count as issued.
   */
  status: "signing" | "sent" | "confirmed" | "reverted" | "dropped" | "unsent" | "replaced" | "vanished";
  /** The transaction, once the wallet has returned its hash (or found on the chain afterwards). */
  hash?: Hash;
  /**
   * Recorded before signing, to find the transaction if the process stops before its hash is
   * saved: the account's next nonce, the block then, and the keccak-256 of the calldata.
   */
  nonce?: number;
  fromBlock?: string;
  callHash?: Hex;
  /** The last block searched for this chunk's transaction (findSigned): a later run goes on from there. */
  scannedTo?: string;
  /**
   * An unsent or dropped chunk that can no longer be mined: its nonce went to other transactions
   * while none of the account's was pending. Until then, each run looks for it again.
   */
  final?: boolean;
  /** When the wallet replaced the transaction: the hash of the one that was mined instead. */
  replacedBy?: Hash;
  firstTokenId?: string;
  blockNumber?: string;
  gasUsed?: string;
}

export interface JobState {
  version: 1;
  key: JobKey;
  startedAt: string;
  chunks: ChunkRecord[];
}

/** Where a job's state lives: a JSON file for the CLI, localStorage in the dApp. */
export interface JobStore {
  load(): Promise<JobState | undefined>;
  save(state: JobState): Promise<void>;
}

export function fileHash(bytes: Uint8Array | string): Hex {
  return keccak256(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
}

export function newJobState(key: JobKey, now = new Date()): JobState {
  return { version: 1, key, startedAt: now.toISOString(), chunks: [] };
}

/** A saved state belongs to this job only if every part of the key matches. */
export function sameJob(a: JobKey, b: JobKey): boolean {
  return (
    a.chainId === b.chainId &&
    a.registry.toLowerCase() === b.registry.toLowerCase() &&
    a.typeId === b.typeId &&
    a.issuer.toLowerCase() === b.issuer.toLowerCase() &&
    a.fileHash === b.fileHash &&
    sameColumns(a.columns, b.columns)
  );
}

/** The same columns, or a state saved before columns were recorded. */
export function sameColumns(a: JobKey["columns"], b: JobKey["columns"]): boolean {
  return (
    a === undefined ||
    b === undefined ||
    (a.recipient === b.recipient && a.validUntil === b.validUntil && a.evidence === b.evidence)
  );
}

/** The `CredentialsIssued` event the registry emitted in this receipt, if it did. */
function issuedEvent(receipt: TransactionReceipt, registry: Address) {
  const events = parseEventLogs({ abi: credentialRegistryAbi, eventName: "CredentialsIssued", logs: receipt.logs });
  return events.find((e) => e.address.toLowerCase() === registry.toLowerCase())?.args;
}

/**
 * Settles chunks recorded as sent but never confirmed (the process or tab stopped while waiting):
 * mined → confirmed or reverted; still pending → waits for it; unknown to the node → looked for
 * under another hash (the wallet sped it up), else dropped. A chunk stopped while the wallet was
 * signing, and an unsent or dropped chunk that could still be mined, is looked for on the chain
 * first (see findSigned).
 */
export async function reconcileJob(
  client: PublicClient,
  state: JobState,
  store: JobStore,
  waitMs = 120_000,
): Promise<JobState> {
  const save = () => store.save(state);
  for (const chunk of state.chunks) {
    if (chunk.status === "signing" || mayStillLand(chunk)) {
      const was = chunk.status;
      await findSigned(client, state, chunk, save);
      if (was === "dropped" && chunk.status === "unsent") chunk.status = "dropped";
      await save();
    }
    if (chunk.status !== "sent" || chunk.hash === undefined) continue;
    let receipt: TransactionReceipt | undefined;
    const hash = chunk.replacedBy ?? chunk.hash;
    try {
      receipt = await client.getTransactionReceipt({ hash });
    } catch (error) {
      if (!(error instanceof TransactionReceiptNotFoundError)) throw error;
      try {
        await client.getTransaction({ hash });
        receipt = await client.waitForTransactionReceipt({ hash, timeout: waitMs });
      } catch (inner) {
        if (inner instanceof WaitForTransactionReceiptTimeoutError) {
          throw new JobStopped(`Transaction ${hash} is still pending; run the job again once it is mined.`);
        }
        if (!(inner instanceof TransactionNotFoundError)) throw inner;
        // The node forgot it: the wallet may have sped it up (same calldata, another hash).
        receipt = await findReplacement(client, state, chunk, save);
      }
    }
    if (receipt) settle(chunk, receipt, state.key.registry);
    await save();
  }
  return state;
}

/** A chunk whose transaction might still appear on the chain: it is looked for again on each run. */
function mayStillLand(chunk: ChunkRecord): boolean {
  return (chunk.status === "unsent" || chunk.status === "dropped") && chunk.callHash !== undefined && !chunk.final;
}

/** A sent chunk the node no longer knows: its transaction under another hash, or dropped. */
async function findReplacement(
  client: PublicClient,
  state: JobState,
  chunk: ChunkRecord,
  save: () => Promise<void>,
): Promise<TransactionReceipt | undefined> {
  const lost = chunk.hash;
  if (chunk.callHash === undefined) {
    chunk.status = "dropped";
    return undefined;
  }
  await findSigned(client, state, chunk, save);
  if (chunk.status === "sent" && chunk.hash !== undefined) {
    // Found: under another hash (sped up), or the lost one itself, mined since it was asked for.
    const found = chunk.hash;
    chunk.hash = lost;
    if (found !== lost) chunk.replacedBy = found;
    return client.getTransactionReceipt({ hash: found });
  }
  chunk.hash = lost;
  chunk.status = "dropped";
  return undefined;
}

/** How many blocks one `eth_getLogs` call covers at most when looking for a transaction; halved when a provider refuses the range. */
const LOG_WINDOW = 2_000n;
/** Blocks searched again below where the last search stopped. */
const RESCAN = 64n;

/**
 * A chunk whose transaction hash is not known (the process died, or the tab closed, while the
 * wallet was sending), or whose transaction the node forgot. The registry's `CredentialsIssued`
 * events by this account, from the block recorded before signing (or where the last search
 * stopped) to the head, are read; a transaction to the registry, from this account, whose
 * `issueBatch` call decodes to this chunk's exact arguments and that no other chunk claims, is the
 * chunk's (sent → settled from its receipt). Calldata is compared decoded, so bytes a wallet
 * appends after the arguments do not hide it.
 *
 * Not found, and the nonce recorded before signing used by other transactions: it can never be
 * mined (unsent, final). Not found, nonce unused: if a transaction from the account is pending,
 * the job stops and says so (it may be this one); otherwise the chunk is unsent and its rows are
 * planned again, and each later run looks again from where it stopped (a margin below, for a node
 * that was behind), because it could still be broadcast; a resend takes the same nonce, so at
 * most one of the two can be mined. The recorded nonce is the node's pending count: a wallet that
 * signs with another (its own queue) can defeat this, and the registry's refusal of a second
 * credential then keeps anything from being issued twice. For a contract account (a Safe, an
 * ERC-4337 wallet) nonces say nothing and its transactions go to the wallet, not the registry, so
 * they are not recognised: it is looked for on every run, never final, and its rows re-checked on
 * the chain as for any unsent chunk. An EIP-7702 delegated account counts as an account.
 */
async function findSigned(
  client: PublicClient,
  state: JobState,
  chunk: ChunkRecord,
  save: () => Promise<void>,
): Promise<void> {
  const { key } = state;
  const { nonce, fromBlock, callHash } = chunk;
  if (nonce === undefined || fromBlock === undefined || callHash === undefined) {
    chunk.status = "unsent";
    return;
  }
  // An EIP-7702 delegated account (code 0xef0100…) signs with its own nonces: an account like any other.
  const code = ((await client.getCode({ address: key.issuer })) ?? "0x").toLowerCase();
  const hasCode = code !== "0x" && !code.startsWith("0xef0100");
  // The counts before the head: a transaction counted as mined is in a block the search reaches.
  const mined = await client.getTransactionCount({ address: key.issuer, blockTag: "latest" });
  const pending = await client.getTransactionCount({ address: key.issuer, blockTag: "pending" });
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const taken = new Set(
    state.chunks.filter((c) => c !== chunk).flatMap((c) => [c.hash, c.replacedBy].filter((h) => h !== undefined)),
  );
  const found = await searchLogs(client, key, chunk, head, hasCode, taken, save);
  if (found) {
    chunk.hash = found;
    chunk.status = "sent";
    return;
  }
  // Its nonce went to other transactions: it can never be mined, whatever else is pending.
  if (!hasCode && mined > nonce) {
    chunk.status = "unsent";
    chunk.final = true;
    return;
  }
  if (!hasCode && pending > mined) {
    const which = pending > nonce ? nonce : mined;
    throw new JobStopped(
      `A transaction from ${key.issuer} (nonce ${which}) is still pending, perhaps this job's rows ` +
        `${rangeOfRows(chunk.rows)}: run the job again once it is mined or cancelled.`,
    );
  }
  chunk.status = "unsent";
}

async function searchLogs(
  client: PublicClient,
  key: JobKey,
  chunk: ChunkRecord,
  head: bigint,
  hasCode: boolean,
  taken: ReadonlySet<Hash>,
  save: () => Promise<void>,
): Promise<Hash | undefined> {
  // Where the last search stopped, less a margin: the node that answered then may have been behind.
  const start = BigInt(chunk.fromBlock!);
  const resume = chunk.scannedTo !== undefined ? BigInt(chunk.scannedTo) + 1n - RESCAN : start;
  let from = resume > start ? resume : start;
  let window = LOG_WINDOW;
  while (from <= head) {
    const to = from + window - 1n < head ? from + window - 1n : head;
    let logs;
    try {
      logs = await client.getContractEvents({
        address: key.registry,
        abi: credentialRegistryAbi,
        eventName: "CredentialsIssued",
        args: { typeId: BigInt(key.typeId), actor: key.issuer },
        fromBlock: from,
        toBlock: to,
      });
    } catch (error) {
      // Providers cap a range's blocks or results, each its own way: a smaller range, until one block.
      if (window === 1n) {
        throw new JobStopped(
          `Could not read the registry's events at block ${from} to find rows ${rangeOfRows(chunk.rows)}: ` +
            `${describeError(error)} Run the job again to go on from there.`,
        );
      }
      window /= 2n;
      continue;
    }
    // It answered: try a wider range again (a rate limit passes).
    if (window < LOG_WINDOW) window *= 2n;
    for (const log of logs) {
      if (log.args.count !== BigInt(chunk.rows.length) || taken.has(log.transactionHash)) continue;
      const tx = await client.getTransaction({ hash: log.transactionHash });
      if (tx.to?.toLowerCase() !== key.registry.toLowerCase()) continue;
      if (!hasCode && tx.from.toLowerCase() !== key.issuer.toLowerCase()) continue;
      if (normalisedCallHash(tx.input) === chunk.callHash) return log.transactionHash;
    }
    chunk.scannedTo = to.toString();
    await save();
    from = to + 1n;
  }
  return undefined;
}

/** keccak-256 of an `issueBatch` call re-encoded from its decoded arguments (appended bytes dropped). */
function normalisedCallHash(input: Hex): Hex | undefined {
  try {
    const call = decodeFunctionData({ abi: credentialRegistryAbi, data: input });
    if (call.functionName !== "issueBatch") return undefined;
    return keccak256(encodeFunctionData({ abi: credentialRegistryAbi, functionName: "issueBatch", args: call.args }));
  } catch {
    return undefined;
  }
}

/**
 * Records what a mined transaction did. A chunk counts as confirmed only when the receipt carries
 * the registry's `CredentialsIssued` for exactly its rows: a successful receipt without it is a
 * replacement that issued nothing (a wallet's "cancel" is a successful 0-value transfer to self).
 */
function settle(
  chunk: ChunkRecord,
  receipt: TransactionReceipt,
  registry: Address,
  replacement?: ReplacementReturnType,
) {
  chunk.gasUsed = receipt.gasUsed.toString();
  chunk.blockNumber = receipt.blockNumber.toString();
  if (replacement) chunk.replacedBy = replacement.transaction.hash;
  const issued = issuedEvent(receipt, registry);
  // A replacement with other arguments (another job on the same account took the nonce) issued
  // nothing of this chunk, whatever its count.
  const other =
    replacement !== undefined &&
    chunk.callHash !== undefined &&
    normalisedCallHash(replacement.transaction.input) !== chunk.callHash;
  if (receipt.status !== "success") chunk.status = "reverted";
  else if (issued && !other && issued.count === BigInt(chunk.rows.length)) {
    chunk.status = "confirmed";
    chunk.firstTokenId = issued.firstTokenId.toString();
  } else chunk.status = "replaced";
}

/** Row number → the credential and transaction that issued it, from the confirmed chunks. */
export function issuedRows(state: JobState): Map<number, { tokenId: bigint; hash: Hash }> {
  const issued = new Map<number, { tokenId: bigint; hash: Hash }>();
  for (const chunk of state.chunks) {
    if (chunk.status !== "confirmed" || chunk.firstTokenId === undefined || chunk.hash === undefined) continue;
    const first = BigInt(chunk.firstTokenId);
    // The transaction that was mined: the one the wallet replaced it with, if it did.
    const hash = chunk.replacedBy ?? chunk.hash;
    chunk.rows.forEach((row, i) => issued.set(row, { tokenId: first + BigInt(i), hash }));
  }
  return issued;
}

/** "3.2 s" or "4 min 5 s", for progress lines. */
export function formatDuration(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Why a job stopped, as a sentence; its state is saved and running it again resumes. */
export class JobStopped extends Error {
  override name = "JobStopped";
}

export interface Progress {
  rowsDone: number;
  rowsTotal: number;
  transactionsConfirmed: number;
  transactionsPlanned: number;
  elapsedMs: number;
  /** From the pace so far; undefined until a transaction has confirmed. */
  remainingMs?: number;
  lastHash?: Hash;
}

export interface RunOptions {
  client: PublicClient;
  registry: Address;
  typeId: bigint;
  issuer: Address;
  rows: readonly ReadyRow[];
  plan: Plan;
  state: JobState;
  store: JobStore;
  /** Signs and sends one `issueBatch` (the wallet, or a local key); resolves to its hash. */
  send: (request: ReturnType<typeof issueBatchRequest> & { gas: bigint }) => Promise<Hash>;
  onProgress?: (progress: Progress) => void;
  /** Checked between transactions; when it returns true the job stops cleanly. */
  shouldStop?: () => boolean;
  now?: () => number;
}

/**
 * Issues the rows chunk by chunk, saving the state around every transaction. Throws JobStopped
 * with a sentence when a signature is rejected, a transaction reverts or is dropped, or the RPC
 * fails; everything confirmed until then is recorded.
 */
export async function runIssuance(options: RunOptions): Promise<JobState> {
  const { client, registry, typeId, issuer, rows, plan, state, store, send, onProgress } = options;
  const now = options.now ?? Date.now;
  const started = now();
  const total = rows.length;
  let done = 0;
  let confirmed = 0;
  const limit = plan.gasLimitPerTransaction;
  const planned = () => confirmed + Math.ceil((total - done) / Math.max(plan.chunkSize, 1));
  const report = (lastHash?: Hash) => {
    const elapsedMs = now() - started;
    onProgress?.({
      rowsDone: done,
      rowsTotal: total,
      transactionsConfirmed: confirmed,
      transactionsPlanned: planned(),
      elapsedMs,
      remainingMs: done > 0 ? Math.round((elapsedMs / done) * (total - done)) : undefined,
      lastHash,
    });
  };
  report();

  let size = plan.chunkSize;
  while (done < total) {
    if (options.shouldStop?.()) throw new JobStopped("Stopped. Run the job again to continue where it left off.");
    let chunk = rows.slice(done, done + size);
    let args: BatchArgs = batchArgs(typeId, chunk);
    let gas: bigint;
    try {
      gas = await estimateBatch(client, registry, issuer, args);
      // The plan is an estimate: if this chunk would come too close to the limit, shrink it (and
      // the chunks after it) in proportion.
      const budget = Math.floor(Number(limit) * GAS_MARGIN);
      while (gas > BigInt(budget) && chunk.length > 1) {
        size = Math.max(1, Math.floor((chunk.length * budget) / Number(gas)) - 1);
        chunk = chunk.slice(0, size);
        args = batchArgs(typeId, chunk);
        gas = await estimateBatch(client, registry, issuer, args);
      }
    } catch (error) {
      throw new JobStopped(
        `The registry would refuse the next transaction (rows ${rangeOf(chunk)}): ${describeError(error)}`,
      );
    }
    const withHeadroom = (gas * 12n) / 10n;
    const request = { ...issueBatchRequest(registry, args), gas: withHeadroom < limit ? withHeadroom : limit };
    // Saved before the wallet signs: if the process stops before the hash comes back, the next
    // run finds the transaction by its nonce and calldata (reconcileJob).
    const record: ChunkRecord = {
      rows: chunk.map((r) => r.row),
      status: "signing",
      nonce: await client.getTransactionCount({ address: issuer, blockTag: "pending" }),
      fromBlock: (await client.getBlockNumber({ cacheTime: 0 })).toString(),
      callHash: keccak256(encodeFunctionData(request)),
    };
    state.chunks.push(record);
    await store.save(state);
    let hash: Hash;
    try {
      hash = await send(request);
    } catch (error) {
      // Refused in the wallet: nothing was sent. Any other failure may have come after sending,
      // so the record stays for the next run to look for.
      if (isRejection(error)) {
        state.chunks.pop();
        await store.save(state);
      }
      throw new JobStopped(`Not sent (rows ${rangeOf(chunk)}): ${describeError(error)}`);
    }
    Object.assign(record, { status: "sent", hash });
    await store.save(state);

    let receipt: TransactionReceipt;
    let replacement: ReplacementReturnType | undefined;
    try {
      // Its sender and nonce, read while it is pending, let the wait recognise a replacement
      // (sped up or cancelled in the wallet) even if the node forgets the original first.
      const sent = await client.getTransaction({ hash }).catch(() => undefined);
      receipt = await client.waitForTransactionReceipt({
        hash,
        onReplaced: (r) => (replacement = r),
        ...(sent
          ? { replacement: { from: sent.from, nonce: sent.nonce, to: sent.to, input: sent.input, value: sent.value } }
          : {}),
      });
    } catch (error) {
      throw new JobStopped(`Transaction ${hash} was sent but its receipt could not be read: ${describeError(error)}`);
    }
    settle(record, receipt, registry, replacement);
    await store.save(state);
    if (record.status === "replaced") {
      throw new JobStopped(
        `Transaction ${hash} (rows ${rangeOf(chunk)}) was ${replacement?.reason === "cancelled" ? "cancelled" : "replaced"} ` +
          `in the wallet by ${record.replacedBy ?? receipt.transactionHash}, which issued nothing of it. ` +
          "Run the job again: those rows are checked on the chain and sent again.",
      );
    }
    if (record.status !== "confirmed") {
      throw new JobStopped(`Transaction ${hash} (rows ${rangeOf(chunk)}) was reverted; nothing in it was issued.`);
    }
    done += chunk.length;
    confirmed += 1;
    report(hash);
  }
  return state;
}

function rangeOf(rows: readonly ReadyRow[]): string {
  return rangeOfRows(rows.map((r) => r.row));
}

function rangeOfRows(rows: readonly number[]): string {
  return rows.length === 1 ? `${rows[0]}` : `${rows[0]}–${rows[rows.length - 1]}`;
}

export type ResultStatus = "issued" | "skipped-already-held" | "invalid" | "not-sent";

export interface ResultRow {
  row: number;
  cells: string[];
  status: ResultStatus;
  reason: string;
  tokenId?: bigint;
  hash?: Hash;
}

/** Every input row with its outcome: issued (by this job), skipped as already held, invalid, or not sent yet. */
export function jobResults(csv: ParsedCsv, validation: Validation, state: JobState | undefined): ResultRow[] {
  const issued = state ? issuedRows(state) : new Map();
  const outcomes = new Map(validation.outcomes.map((o) => [o.row, o]));
  return csv.rows.map((r): ResultRow => {
    const mine = issued.get(r.row);
    if (mine)
      return { row: r.row, cells: r.cells, status: "issued", reason: "", tokenId: mine.tokenId, hash: mine.hash };
    const o = outcomes.get(r.row)!;
    if (o.status === "invalid") return { row: r.row, cells: r.cells, status: "invalid", reason: o.reason };
    if (o.status === "held") {
      return {
        row: r.row,
        cells: r.cells,
        status: "skipped-already-held",
        reason: o.expired
          ? `The recipient holds credential #${o.tokenId} of this type, expired: renew it instead of issuing another.`
          : "The recipient already holds a valid credential of this type.",
        tokenId: o.tokenId,
      };
    }
    return { row: r.row, cells: r.cells, status: "not-sent", reason: "Not sent yet: run the job again to continue." };
  });
}

/** The results as CSV: the input's columns, then row, status, reason, token id and transaction. */
export function resultsCsv(csv: ParsedCsv, results: readonly ResultRow[]): string {
  // Rows with more cells than the header keep them, under extra column names: nothing is dropped.
  // (A loop, not Math.max(...): spreading 125,000 values overflows the call stack.)
  let width = csv.header.length;
  for (const r of results) if (r.cells.length > width) width = r.cells.length;
  const header = Array.from({ length: width }, (_, i) => csv.header[i] ?? `extra_${i + 1 - csv.header.length}`);
  return toCsv(
    [...header, "row", "status", "reason", "token_id", "tx_hash"],
    results.map((r) => [
      ...Array.from({ length: width }, (_, i) => r.cells[i] ?? ""),
      String(r.row),
      r.status,
      r.reason,
      r.tokenId?.toString() ?? "",
      r.hash ?? "",
    ]),
  );
}
