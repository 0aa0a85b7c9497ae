/**
 * After a job has sent its transactions: are the credentials it recorded still on the chain, deep
 * enough to trust? A reorganisation can drop a block, and with it a confirmed transaction; if the
 * transaction is mined again later its token ids change, and if it is not, those ids go to other
 * recipients. So before the results are written, every issued row's credential is read again
 * (holder and type) at a block with enough confirmations. Chunks whose credentials are not there
 * are re-read from their receipt (mined again elsewhere: new token ids) or marked vanished, and
 * their rows are planned again by the next validation, which finds them not held.
 */
import {
  TransactionReceiptNotFoundError,
  parseEventLogs,
  type Address,
  type Hash,
  type Log,
  type PublicClient,
  type TransactionReceipt,
} from "viem";

import { parseRecipient } from "../address";
import { describeError } from "../errors";
import { credentialRegistryAbi } from "../generated/abis";
import { CredentialStatus } from "../status";
import type { ParsedCsv } from "./csv";
import type { ChunkRecord, JobState, JobStore } from "./job";
import { readMany } from "./read";

/**
 * How many blocks deep a bulk job's transactions must be before their credentials are trusted:
 * 0 on the local chain (no reorganisations), 12 on Ethereum and its testnets (about 2.5 minutes),
 * 10 on the OP Stack and Arbitrum chains (their own blocks reorganise only before the batch lands
 * on Ethereum, and rarely), 32 on Polygon PoS, 6 elsewhere. `--confirmations` overrides it.
 */
export function defaultConfirmations(chainId: number): number {
  if (chainId === 31337) return 0;
  if ([1, 11155111, 17000, 560048].includes(chainId)) return 12;
  if ([10, 11155420, 8453, 84532, 42161, 421614].includes(chainId)) return 10;
  if ([137, 80002].includes(chainId)) return 32;
  return 6;
}

/** Row number → recipient, for every row whose recipient is a valid address. */
export function recipientsByRow(csv: ParsedCsv): Map<number, Address> {
  const map = new Map<number, Address>();
  for (const r of csv.rows) {
    const parsed = parseRecipient(r.recipient);
    if (parsed.error === undefined) map.set(r.row, parsed.address);
  }
  return map;
}

export interface ConfirmOptions {
  client: PublicClient;
  state: JobState;
  store: JobStore;
  typeId: bigint;
  recipients: ReadonlyMap<number, Address>;
  confirmations: number;
  /** Called while waiting for the last transactions to be deep enough. */
  onWait?: (blocksToGo: bigint) => void;
  pollMs?: number;
  timeoutMs?: number;
}

export interface Confirmation {
  /** The block the credentials were read at. */
  block: bigint;
  /** Rows counted as issued before, whose credentials are not on the chain any more. */
  vanishedRows: number[];
}

type Recorded = { holder: Address; typeId: bigint; status: number };

/** Polls in a row on which a receipt must be missing before its transaction counts as gone. */
const MISSING_POLLS = 3;

export async function confirmIssued(options: ConfirmOptions): Promise<Confirmation> {
  const { client, state, store, typeId, recipients, confirmations } = options;
  const registry = state.key.registry;
  const depth = BigInt(confirmations);
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  const vanishedRows: number[] = [];
  const vanish = (chunk: ChunkRecord) => {
    chunk.status = "vanished";
    vanishedRows.push(...chunk.rows);
  };
  const confirmed = () =>
    state.chunks.filter(
      (c): c is ChunkRecord & { hash: Hash; firstTokenId: string } =>
        c.status === "confirmed" && c.firstTokenId !== undefined && c.hash !== undefined,
    );

  // Wait until every confirmed transaction is `confirmations` blocks deep. One that is not deep
  // yet is looked up again each time: a reorganisation may have moved it to another block, or
  // dropped it (then there is nothing to wait for).
  // A receipt the node says it does not have counts as gone only when it says so on
  // MISSING_POLLS polls in a row: a load-balanced RPC can answer from a node a block behind. An
  // RPC that fails (a 429, a timeout) says nothing: the receipt is asked for again next poll.
  const missing = new Map<ChunkRecord, number>();
  let lastError: unknown;
  let head: bigint;
  for (;;) {
    head = await client.getBlockNumber({ cacheTime: 0 });
    let togo = 0n;
    for (const chunk of confirmed()) {
      if (chunk.blockNumber !== undefined && BigInt(chunk.blockNumber) + depth <= head) continue;
      let receipt: TransactionReceipt | undefined;
      try {
        receipt = await client.getTransactionReceipt({ hash: chunk.replacedBy ?? chunk.hash });
      } catch (error) {
        if (!(error instanceof TransactionReceiptNotFoundError)) {
          lastError = error;
          if (togo === 0n) togo = 1n;
          continue;
        }
        const times = (missing.get(chunk) ?? 0) + 1;
        missing.set(chunk, times);
        if (times >= MISSING_POLLS) vanish(chunk);
        else if (togo === 0n) togo = 1n;
        continue;
      }
      missing.delete(chunk);
      if (receipt.status !== "success") {
        vanish(chunk);
        continue;
      }
      chunk.blockNumber = receipt.blockNumber.toString();
      const first = firstTokenIdIn(receipt.logs, registry);
      if (first !== undefined) chunk.firstTokenId = first.toString();
      if (receipt.blockNumber + depth > head && receipt.blockNumber + depth - head > togo) {
        togo = receipt.blockNumber + depth - head;
      }
    }
    if (togo === 0n) break;
    if (Date.now() > deadline) {
      throw new Error(
        lastError === undefined
          ? `The chain did not reach ${confirmations} confirmations in time.`
          : `The chain's receipts could not be read in time: ${describeError(lastError)}`,
      );
    }
    options.onWait?.(togo);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 4_000));
  }
  const block = head - depth;

  const holdsAll = async (rows: number[], first: bigint): Promise<boolean> => {
    const found = await readMany<Recorded>(
      client,
      rows.map((_, i) => ({ functionName: "credentialRecord", args: [first + BigInt(i)] })),
      registry,
      2_000,
      block,
    );
    // The record keeps the holder it was issued to, even once renounced or moved.
    return found.every(
      (c, i) =>
        c.status !== CredentialStatus.Unknown &&
        c.typeId === typeId &&
        c.holder.toLowerCase() === recipients.get(rows[i]!)?.toLowerCase(),
    );
  };

  for (const chunk of confirmed()) {
    if (await holdsAll(chunk.rows, BigInt(chunk.firstTokenId))) continue;
    // Mined again in another block? Then its token ids moved with it.
    // (An RPC failure stops here rather than count the chunk lost: the next run asks again.)
    const receipt = await client
      .getTransactionReceipt({ hash: chunk.replacedBy ?? chunk.hash })
      .catch((error: unknown) => {
        if (error instanceof TransactionReceiptNotFoundError) return undefined;
        throw error;
      });
    const moved =
      receipt && receipt.status === "success" && receipt.blockNumber <= block
        ? firstTokenIdIn(receipt.logs, registry)
        : undefined;
    if (moved !== undefined && (await holdsAll(chunk.rows, moved))) {
      chunk.firstTokenId = moved.toString();
      chunk.blockNumber = receipt!.blockNumber.toString();
      continue;
    }
    vanish(chunk);
  }
  await store.save(state);
  return { block, vanishedRows };
}

function firstTokenIdIn(logs: Log[], registry: Address): bigint | undefined {
  const events = parseEventLogs({ abi: credentialRegistryAbi, eventName: "CredentialsIssued", logs });
  return events.find((e) => e.address.toLowerCase() === registry.toLowerCase())?.args.firstTokenId;
}
