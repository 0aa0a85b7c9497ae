/**
 * One call from a file to a job that is ready to send: parse, settle any transactions a previous
 * run left unconfirmed, validate every row against the file and the chain, plan the transactions.
 * The CLI and the dApp both start here.
 */
import type { Address, PublicClient } from "viem";

import { parseRecipientsCsv, type ColumnMap, type ParsedCsv } from "./csv";
import {
  JobStopped,
  fileHash,
  newJobState,
  reconcileJob,
  sameColumns,
  sameJob,
  type JobKey,
  type JobState,
  type JobStore,
} from "./job";
import { planIssuance, type Plan } from "./plan";
import { validateRows, type RowOutcome, type Validation } from "./validate";

export interface PrepareOptions {
  client: PublicClient;
  chainId: number;
  registry: Address;
  typeId: bigint;
  issuer: Address;
  /** The CSV as bytes (as read from disk or a dropped file). */
  bytes: Uint8Array;
  store: JobStore;
  columns?: Partial<Record<keyof ColumnMap, string>>;
  maxBatch?: number;
  now?: () => number;
  /** The file already parsed and checked offline (the dApp does that in a Web Worker). */
  parsed?: { csv: ParsedCsv; offline: RowOutcome[] };
}

export type Prepared =
  | { csv: ParsedCsv; error: string; key?: undefined; state?: undefined; validation?: undefined; plan?: undefined }
  | { csv: ParsedCsv; error?: undefined; key: JobKey; state: JobState; validation: Validation; plan: Plan };

export async function prepareBulkIssue(options: PrepareOptions): Promise<Prepared> {
  const { client, chainId, registry, typeId, issuer, bytes, store } = options;
  const csv = options.parsed?.csv ?? parseRecipientsCsv(bytes, options.columns);
  if (csv.error !== undefined) return { csv, error: csv.error };

  const { recipient, validUntil, evidence } = csv.columns;
  const key: JobKey = {
    chainId,
    registry,
    typeId: typeId.toString(),
    issuer,
    fileHash: fileHash(bytes),
    columns: { recipient, validUntil, evidence },
  };
  const saved = await store.load();
  if (saved && !sameColumns(saved.key.columns, key.columns) && sameJob({ ...saved.key, columns: undefined }, key)) {
    const name = (index: number | undefined) => (index === undefined ? "none" : `“${csv.header[index] ?? index}”`);
    const was = saved.key.columns!;
    throw new JobStopped(
      `This job was started with recipient ${name(was.recipient)}, valid until ${name(was.validUntil)} and evidence ` +
        `${name(was.evidence)} as its columns; they are now ${name(recipient)}, ${name(validUntil)} and ${name(evidence)}. ` +
        "Nothing was sent. Map the columns as before to continue it, or forget the job to start a new one " +
        "(rows issued before are still detected on-chain).",
    );
  }
  if (saved && !sameJob(saved.key, key)) {
    throw new JobStopped(
      "The saved job state belongs to another job (a different file, type, chain or issuing account). " +
        "Nothing was sent. Move the state away to start a new job; rows issued before are still detected on-chain.",
    );
  }
  const state = saved ? await reconcileJob(client, saved, store) : newJobState(key);
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  const validation = await validateRows(csv.rows, { client, registry, typeId, issuer }, now, options.parsed?.offline);
  const plan = await planIssuance({ client, registry, typeId, issuer }, validation.ready, {
    maxBatch: options.maxBatch,
  });
  return { csv, key, state, validation, plan };
}
