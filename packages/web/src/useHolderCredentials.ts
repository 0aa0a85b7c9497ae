import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Address } from "viem";
import { readCredentialsOf } from "@onchaincert/sdk";

import type { ChainContext } from "./chain";

/**
 * Every credential of `holder`, from the lens, page by page (one call for most holders), read at
 * `block` when given so a list and its "read at block" line agree. Cached per chain, lens, holder
 * and block; while a new block's list is read, the previous one stays on screen, and `readAt` says
 * which block the list on screen was read at.
 */
export function useHolderCredentials(ctx: ChainContext, holder: Address | undefined, block?: bigint, enabled = true) {
  const client = usePublicClient({ chainId: ctx.chainId });
  const query = useQuery({
    queryKey: ["credentials-of", ctx.chainId, ctx.lens, holder, block?.toString()],
    enabled: Boolean(enabled && client && ctx.lens && holder && !ctx.problem),
    queryFn: async () => ({
      credentials: await readCredentialsOf(client!, ctx.lens!, holder!, { blockNumber: block }),
      block,
    }),
    placeholderData: keepPreviousData,
  });
  return { ...query, data: query.data?.credentials, readAt: query.data?.block };
}
