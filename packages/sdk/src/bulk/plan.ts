/**
 * How many transactions a job takes and what they cost, before anything is signed. The chunk size
 * comes from `eth_estimateGas` on the real rows: two probes give the fixed and per-row gas, and
 * every transaction is sized to stay under the block gas limit and EIP-7825's per-transaction cap
 * (16,777,216) with a margin. The sender estimates each chunk again before it is signed.
 */
import { zeroHash, type Address, type Hex, type PublicClient } from "viem";

import { credentialRegistryAbi } from "../generated/abis";
import { LIMITS } from "../types";
import type { ReadyRow } from "./validate";

/** EIP-7825: no transaction may use more gas than this (Osaka and later). */
export const TX_GAS_CAP = 16_777_216n;
/** Share of the per-transaction limit a planned chunk may use. */
export const GAS_MARGIN = 0.85;

export interface BatchArgs {
  typeId: bigint;
  recipients: Address[];
  validUntils: bigint[];
  evidenceHashes: Hex[];
}

/** The arguments of `issueBatch` for some rows; per-row arrays are sent only when a row needs them. */
const hasExpiry = (r: ReadyRow) => r.validUntil !== 0n;
const hasEvidence = (r: ReadyRow) => r.evidenceHash !== zeroHash;

export function batchArgs(typeId: bigint, rows: readonly ReadyRow[], full = false): BatchArgs {
  const expiries = full || rows.some(hasExpiry);
  const evidence = full || rows.some(hasEvidence);
  return {
    typeId,
    recipients: rows.map((r) => r.recipient),
    validUntils: expiries ? rows.map((r) => r.validUntil) : [],
    evidenceHashes: evidence ? rows.map((r) => r.evidenceHash) : [],
  };
}

export function issueBatchRequest(registry: Address, args: BatchArgs) {
  return {
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "issueBatch",
    args: [args.typeId, args.recipients, args.validUntils, args.evidenceHashes],
  } as const;
}

export async function estimateBatch(
  client: PublicClient,
  registry: Address,
  issuer: Address,
  args: BatchArgs,
): Promise<bigint> {
  return client.estimateContractGas({ ...issueBatchRequest(registry, args), account: issuer });
}

export interface Plan {
  rows: number;
  chunkSize: number;
  transactions: number;
  /** The gas a transaction may use here: the lower of the block gas limit and EIP-7825's cap. */
  gasLimitPerTransaction: bigint;
  /** Gas of one transaction: fixed + per row × rows (from the probes). */
  fixedGas: bigint;
  gasPerRow: bigint;
  totalGas: bigint;
  gasPrice: bigint;
  /** totalGas × gasPrice, in wei. */
  totalCost: bigint;
}

export interface PlanOptions {
  /** At most this many rows per transaction (default and maximum: the registry's 320). */
  maxBatch?: number;
}

export async function planIssuance(
  chain: { client: PublicClient; registry: Address; typeId: bigint; issuer: Address },
  rows: readonly ReadyRow[],
  options: PlanOptions = {},
): Promise<Plan> {
  const { client, registry, typeId, issuer } = chain;
  const maxBatch = Math.max(1, Math.min(options.maxBatch ?? LIMITS.batchSize, LIMITS.batchSize));
  const [block, gasPrice] = await Promise.all([client.getBlock(), client.getGasPrice()]);
  const gasLimitPerTransaction = block.gasLimit < TX_GAS_CAP ? block.gasLimit : TX_GAS_CAP;
  const base = { rows: rows.length, gasLimitPerTransaction, gasPrice };
  if (rows.length === 0) {
    return { ...base, chunkSize: 0, transactions: 0, fixedGas: 0n, gasPerRow: 0n, totalGas: 0n, totalCost: 0n };
  }

  // Probe with the costlier argument shape if any row needs per-row values, so no chunk is underestimated.
  const full = rows.some((r) => hasExpiry(r) || hasEvidence(r));
  const small = Math.min(rows.length, 5);
  const large = Math.min(rows.length, maxBatch, 60);
  const g1 = await estimateBatch(client, registry, issuer, batchArgs(typeId, rows.slice(0, small), full));
  let fixedGas: bigint;
  let gasPerRow: bigint;
  if (large > small) {
    const g2 = await estimateBatch(client, registry, issuer, batchArgs(typeId, rows.slice(0, large), full));
    gasPerRow = (g2 - g1 + BigInt(large - small) - 1n) / BigInt(large - small);
    fixedGas = g1 > gasPerRow * BigInt(small) ? g1 - gasPerRow * BigInt(small) : 0n;
  } else {
    gasPerRow = g1 / BigInt(small);
    fixedGas = 0n;
  }
  const budget = BigInt(Math.floor(Number(gasLimitPerTransaction) * GAS_MARGIN));
  const fit = gasPerRow > 0n ? Number((budget - fixedGas) / gasPerRow) : maxBatch;
  let chunkSize = Math.max(1, Math.min(maxBatch, fit, rows.length));
  const model = (size: number) => fixedGas + gasPerRow * BigInt(size);
  let fullChunkGas = model(chunkSize);
  // Cost is not quite linear (memory grows quadratically): check a full chunk and shrink to fit.
  if (chunkSize > large) {
    for (let i = 0; i < 4; i++) {
      fullChunkGas = await estimateBatch(client, registry, issuer, batchArgs(typeId, rows.slice(0, chunkSize), full));
      if (fullChunkGas <= budget) break;
      chunkSize = Math.max(1, Math.floor((chunkSize * Number(budget)) / Number(fullChunkGas)) - 1);
    }
  }
  const transactions = Math.ceil(rows.length / chunkSize);
  const fullChunks = Math.floor(rows.length / chunkSize);
  const rest = rows.length - fullChunks * chunkSize;
  const totalGas = fullChunkGas * BigInt(fullChunks) + (rest > 0 ? model(rest) : 0n);
  return { ...base, chunkSize, transactions, fixedGas, gasPerRow, totalGas, totalCost: totalGas * gasPrice };
}
