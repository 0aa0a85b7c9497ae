/** Batched contract reads for the bulk engine. */
import type { Address, PublicClient } from "viem";

import { credentialRegistryAbi } from "../generated/abis";

/**
 * Many reads at once, through Multicall3's aggregate3: at its canonical address where the chain has
 * it, otherwise "deployless" (the aggregator's code runs inside the eth_call, so any EVM chain
 * works, the local one included). Deployless results come back as "contract code", which EIP-170
 * caps at 24,576 bytes, so `bytesPerResult` sizes those batches; with a deployed Multicall3,
 * 500 calls per eth_call.
 */
export async function readMany<T>(
  client: PublicClient,
  calls: readonly { functionName: string; args: readonly unknown[] }[],
  registry: Address,
  bytesPerResult: number,
  /** Read at this block instead of the latest. */
  blockNumber?: bigint,
): Promise<T[]> {
  const deployless = !client.chain?.contracts?.multicall3;
  // aggregate3 wraps each result as (bool, bytes): about 128 bytes on top of the result itself.
  const batch = deployless ? Math.max(1, Math.floor(20_000 / (bytesPerResult + 128))) : 500;
  const results: T[] = [];
  for (let i = 0; i < calls.length; i += batch) {
    const contracts = calls.slice(i, i + batch).map((c) => ({ address: registry, abi: credentialRegistryAbi, ...c }));
    let answers: readonly unknown[];
    try {
      answers = await client.multicall({
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- calls of any read function, by name
        contracts: contracts as any,
        allowFailure: false,
        batchSize: 0,
        deployless,
        blockNumber,
      });
    } catch {
      // A result too large for a deployless call, or a chain that refuses it: one call each.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      answers = await Promise.all(contracts.map((c) => client.readContract({ ...(c as any), blockNumber })));
    }
    results.push(...(answers as T[]));
  }
  return results;
}
