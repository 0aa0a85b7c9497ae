import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Address } from "viem";
import { readCredentialsOf } from "@onchaincert/sdk";

import type { ChainContext } from "./chain";

/**
 * Every credential of `holder`, from the lens, page by page (one call for most holders), read at
 * `block` when given so a list and its "read at block" line agree. Cached per chain, lens, holder
 * and block.
 */
export function useHolderCredentials(ctx: ChainContext, holder: Address | undefined, block?: bigint, enabled = true) {
  const client = usePublicClient({ chainId: ctx.chainId });
  return useQuery({
    queryKey: ["credentials-of", ctx.chainId, ctx.lens, holder, block?.toString()],
    enabled: Boolean(enabled && client && ctx.lens && holder && !ctx.problem),
    queryFn: () => readCredentialsOf(client!, ctx.lens!, holder!, { blockNumber: block }),
  });
}
