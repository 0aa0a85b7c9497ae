import { useMemo } from "react";
import { createPublicClient, http, type PublicClient } from "viem";

import type { ChainContext } from "../chain";

/** A client for many reads: JSON-RPC batches, so a list of candidates is a few hundred requests, not thousands. */
export function useBatchClient(ctx: ChainContext): PublicClient | undefined {
  return useMemo(
    () =>
      ctx.chain && ctx.rpc && !ctx.problem
        ? (createPublicClient({
            chain: ctx.chain,
            transport: http(ctx.rpc, { batch: { batchSize: 50 }, timeout: 20_000, retryCount: 1 }),
          }) as PublicClient)
        : undefined,
    [ctx.chain, ctx.rpc, ctx.problem],
  );
}
