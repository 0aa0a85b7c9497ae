/**
 * Reconciliation: every credential the index holds, compared with the chain at the block the index
 * has reached. The chain side is the lens's `credentialRecords`, the records `verify` is built
 * from, with the status the registry works out; the index side is its API, with statuses worked
 * out for that block's time. Any difference is a bug in the index (or a reorg it has not seen yet).
 */
import { createPublicClient, http, type PublicClient } from "viem";

import {
  CredentialStatus,
  STATUS_LABELS,
  credentialLensAbi,
  credentialRegistryAbi,
  deploymentOn,
  fetchAllCredentials,
  fetchIndexState,
  type IndexedCredential,
} from "@onchaincert/sdk";

export interface Reconciliation {
  /** The block both sides were read at. */
  blockNumber: bigint;
  /** Credentials compared (every one issued up to that block). */
  checked: number;
  /** One sentence per difference; empty when the index agrees with the chain. */
  differences: string[];
}

const RANGE = 100n;
const ATTEMPTS = 5;

/** Every indexed credential, in id order, with statuses for Unix time `at`. */
async function indexed(indexerUrl: string, at: bigint): Promise<IndexedCredential[]> {
  const all: IndexedCredential[] = [];
  let after = 0n;
  for (;;) {
    const page = await fetchAllCredentials(indexerUrl, { after, limit: 500, at });
    all.push(...page.credentials);
    if (page.next === null) return all;
    after = page.next;
  }
}

export async function reconcile(options: {
  indexerUrl: string;
  client: PublicClient;
  chainId: number;
}): Promise<Reconciliation> {
  const deployment = deploymentOn(options.chainId);
  if (!deployment) throw new Error(`The SDK records no deployment on chain ${options.chainId}.`);
  // The index may move on while it is read: read it again until it stood still.
  for (let attempt = 1; ; attempt++) {
    const before = await fetchIndexState(options.indexerUrl);
    const blockNumber = before.blockNumber;
    const block = await options.client.getBlock({ blockNumber });
    const rows = await indexed(options.indexerUrl, block.timestamp);
    const after = await fetchIndexState(options.indexerUrl);
    if (after.blockNumber !== blockNumber && attempt < ATTEMPTS) continue;
    if (after.blockNumber !== blockNumber) throw new Error("The index kept moving while it was read; try again.");
    return { blockNumber, ...(await compare(options.client, deployment, rows, blockNumber)) };
  }
}

async function compare(
  client: PublicClient,
  deployment: { registry: `0x${string}`; lens: `0x${string}` },
  rows: IndexedCredential[],
  blockNumber: bigint,
): Promise<{ checked: number; differences: string[] }> {
  const total = await client.readContract({
    abi: credentialRegistryAbi,
    address: deployment.registry,
    functionName: "totalIssued",
    blockNumber,
  });
  const differences: string[] = [];
  const byId = new Map(rows.map((r) => [r.tokenId, r]));
  for (const row of rows) {
    if (row.tokenId > total) differences.push(`#${row.tokenId}: in the index, but the chain issued only ${total}.`);
  }
  for (let first = 1n; first <= total; first += RANGE) {
    const records = await client.readContract({
      abi: credentialLensAbi,
      address: deployment.lens,
      functionName: "credentialRecords",
      args: [first, RANGE],
      blockNumber,
    });
    for (const chain of records) {
      const row = byId.get(chain.tokenId);
      if (!row) {
        differences.push(
          `#${chain.tokenId}: on the chain (${STATUS_LABELS[chain.status as CredentialStatus]}), missing from the index.`,
        );
        continue;
      }
      const expect = (field: string, index: unknown, onChain: unknown) => {
        if (index !== onChain)
          differences.push(
            `#${chain.tokenId}: ${field} is ${String(index)} in the index, ${String(onChain)} on the chain.`,
          );
      };
      expect("status", STATUS_LABELS[row.status], STATUS_LABELS[chain.status as CredentialStatus]);
      expect("holder", row.holder.toLowerCase(), chain.holder.toLowerCase());
      expect("type", row.typeId, chain.typeId);
      expect("issuer", row.issuerId, chain.issuerId);
      expect("delegate", row.delegateIssuerId, chain.delegateIssuerId);
      expect("issue date", row.issuedAt, chain.issuedAt);
      expect("expiry", row.validUntil, chain.validUntil);
      expect("evidence", row.evidenceHash ?? `0x${"0".repeat(64)}`, chain.evidenceHash);
      expect("moved to", row.movedTo ?? 0n, chain.movedTo);
      expect("moved from", row.movedFrom ?? 0n, chain.movedFrom);
      expect(
        "pending move",
        (row.pendingMove ?? "0x0000000000000000000000000000000000000000").toLowerCase(),
        chain.pendingMove.toLowerCase(),
      );
      if (chain.status === CredentialStatus.Revoked)
        expect("revocation reason", row.revocationReason, chain.revocationReason);
    }
  }
  return { checked: Number(total), differences };
}

/** A client for the chain at `rpcUrl`. */
export function chainClient(rpcUrl: string): PublicClient {
  return createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
}
