import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Address } from "viem";
import { readCredentialsOf, type Credential } from "@onchaincert/sdk";

import type { ChainContext } from "./chain";
import { CARDS_PER_PAGE } from "./components/Paged";

/**
 * Every credential of `holder`, from the lens, page by page (one call for most holders), read at
 * `block` when given so a list and its "read at block" line agree. Cached per chain, lens, holder
 * and block; while a new block's list is read, the previous one stays on screen, and `readAt` says
 * which block the list on screen was read at.
 *
 * A holder with thousands of credentials takes many pages: until the first whole list has come,
 * `partial` holds the pages read so far, so the first of them shows at once.
 */
export function useHolderCredentials(ctx: ChainContext, holder: Address | undefined, block?: bigint, enabled = true) {
  const client = usePublicClient({ chainId: ctx.chainId });
  const whose = `${ctx.chainId}:${ctx.lens}:${holder}`;
  const [partial, setPartial] = useState<{ whose: string; credentials: readonly Credential[] }>();
  const query = useQuery({
    queryKey: ["credentials-of", ctx.chainId, ctx.lens, holder, block?.toString()],
    enabled: Boolean(enabled && client && ctx.lens && holder && !ctx.problem),
    queryFn: async () => {
      const soFar: Credential[] = [];
      const credentials = await readCredentialsOf(client!, ctx.lens!, holder!, {
        blockNumber: block,
        // The first call brings what the page shows first.
        firstPageSize: CARDS_PER_PAGE,
        onPage: (page) => {
          soFar.push(...page);
          setPartial({ whose, credentials: [...soFar] });
        },
      });
      return { whose, credentials, block };
    },
    placeholderData: keepPreviousData,
  });
  // The list kept while another is read is shown only if it is this holder's.
  const data = query.data?.whose === whose ? query.data : undefined;
  return {
    ...query,
    data: data?.credentials,
    readAt: data?.block,
    partial: data === undefined && partial?.whose === whose ? partial.credentials : undefined,
  };
}
