import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { readCredentialsOf, readCredentialsPage, type Credential } from "@onchaincert/sdk";

import type { ChainContext } from "./chain";
import { CARDS_PER_PAGE } from "./components/Paged";
import { takeFirstPage } from "./firstPage";
import { useReadClient } from "./readClient";

/**
 * Every credential of `holder`, from the lens, page by page (one call for most holders), all
 * pages read at one block so a list and its "read at block" line agree: `block`, the newest block
 * the page has seen, when the read starts (`readAt` says which). When a newer block comes, the list
 * is read again, but only once the read under way has finished: a holder with thousands of
 * credentials takes many calls, and on a fast chain a read restarted at every block would never
 * finish. Leaving the page stops the read between two calls.
 *
 * Until the first whole list has come, `partial` holds the pages read so far, so the first of
 * them shows at once; the first call asks for the cards a page shows first. With `atBlock`, the
 * list waits for `block`; meanwhile `partial` is the first page read at the newest block (asked
 * for by index.html before the scripts loaded, when it could), so the first cards need not wait.
 */
export function useHolderCredentials(
  ctx: ChainContext,
  holder: Address | undefined,
  { block, atBlock = false, enabled = true }: { block?: bigint; atBlock?: boolean; enabled?: boolean } = {},
) {
  const client = useReadClient(ctx.chainId);
  const whose = `${ctx.chainId}:${ctx.lens}:${holder}`;
  const [partial, setPartial] = useState<{ whose: string; credentials: readonly Credential[] }>();
  const newest = useRef(block);
  useEffect(() => {
    newest.current = block;
  }, [block]);
  const readable = Boolean(enabled && client && ctx.lens && holder && !ctx.problem);
  const first = useQuery({
    queryKey: ["credentials-first-page", ctx.chainId, ctx.lens, holder],
    enabled: readable && atBlock,
    staleTime: Infinity,
    // Only for this visit: coming back reads afresh.
    gcTime: 0,
    retry: false,
    queryFn: async () => ({
      whose,
      // The early answer; else, when the block is not known yet (and so the list must wait), one
      // call for the first cards. With the block known, the list itself starts at once.
      credentials:
        (await takeFirstPage(ctx.chainId, ctx.lens!, holder!)) ??
        (newest.current === undefined
          ? (await readCredentialsPage(client!, ctx.lens!, holder!, 0n, CARDS_PER_PAGE)).credentials
          : null),
    }),
  });
  const query = useQuery({
    queryKey: ["credentials-of", ctx.chainId, ctx.lens, holder],
    enabled: readable && (!atBlock || block !== undefined),
    queryFn: async ({ signal }) => {
      const at = newest.current;
      const soFar: Credential[] = [];
      const credentials = await readCredentialsOf(client!, ctx.lens!, holder!, {
        blockNumber: at,
        firstPageSize: CARDS_PER_PAGE,
        onPage: (page) => {
          if (signal.aborted) throw new Error("Stopped: the page was left.");
          soFar.push(...page);
          setPartial({ whose, credentials: [...soFar] });
        },
      });
      return { whose, credentials, block: at };
    },
  });
  const { data, isFetching, refetch } = query;
  // A newer block: read again, once the read under way (if any) has finished.
  useEffect(() => {
    if (data && block !== undefined && data.block !== block && !isFetching) void refetch({ cancelRefetch: false });
  }, [block, data, isFetching, refetch]);
  const mine = data?.whose === whose ? data : undefined;
  return {
    ...query,
    data: mine?.credentials,
    readAt: mine?.block,
    partial:
      mine !== undefined
        ? undefined
        : partial?.whose === whose
          ? partial.credentials
          : first.data?.whose === whose
            ? (first.data.credentials ?? undefined)
            : undefined,
  };
}
