import { useMemo } from "react";
import { createClient, http } from "viem";

import type { ChainContext } from "../chain";
import { readActions } from "../readClient";

/**
 * A client for many reads: JSON-RPC batches, so a list of candidates is a few hundred requests, not
 * thousands. It carries the read actions only (see readClient.ts); an address proof's check takes
 * it as a plain client.
 */
export function useBatchClient(ctx: ChainContext) {
  return useMemo(
    () =>
      ctx.chain && ctx.rpc && !ctx.problem
        ? createClient({
            chain: ctx.chain,
            transport: http(ctx.rpc, { batch: { batchSize: 50 }, timeout: 20_000, retryCount: 1 }),
          }).extend(readActions)
        : undefined,
    [ctx.chain, ctx.rpc, ctx.problem],
  );
}
