/**
 * Reads from the indexer (packages/indexer): an issuer's list, its counts, recent activity. The
 * index lists and counts; it never decides validity (lists confirm each Valid row with `verify`
 * before showing it green). When the chain has no indexer, or it does not answer, these report it
 * and the pages say the index is unavailable; verification pages never depend on them.
 */
import { useQuery } from "@tanstack/react-query";
import {
  IndexUnavailable,
  fetchActivity,
  fetchIssued,
  fetchIssuerSummary,
  indexJson,
  type IssuedQuery,
} from "@onchaincert/sdk";

import type { ChainContext } from "./chain";

/** The sentence a list shows in place of its rows when the index cannot answer. */
export function indexProblem(ctx: ChainContext, error: unknown): string {
  if (!ctx.indexer) return "This chain has no index configured (VITE_INDEXER_URL_" + ctx.chainId + ").";
  if (error instanceof IndexUnavailable)
    return `${error.message} Lists and counts need it; verification reads the chain and keeps working.`;
  return error instanceof Error ? error.message : String(error);
}

export function useIssued(ctx: ChainContext, query: IssuedQuery | undefined) {
  // The last page stays on screen while the next filter's or page's loads, for the same issuer
  // on the same index only: an account switch never shows one issuer's list under another.
  const whose = `${ctx.chainId}:${ctx.indexer}:${query?.issuerId}`;
  return useQuery({
    queryKey: ["indexed-issued", ctx.chainId, ctx.indexer, query ? indexJson(query) : "", whose],
    queryFn: ({ signal }) => fetchIssued(ctx.indexer!, query!, signal),
    enabled: Boolean(ctx.indexer && query),
    retry: false,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[4] === whose ? previous : undefined),
  });
}

export function useIssuerSummary(ctx: ChainContext, issuerId: bigint | undefined) {
  return useQuery({
    queryKey: ["indexed-summary", ctx.chainId, ctx.indexer, issuerId?.toString()],
    queryFn: ({ signal }) => fetchIssuerSummary(ctx.indexer!, issuerId!, signal),
    enabled: Boolean(ctx.indexer && issuerId),
    retry: false,
  });
}

export function useActivity(ctx: ChainContext, issuerId: bigint | undefined, limit = 10) {
  return useQuery({
    queryKey: ["indexed-activity", ctx.chainId, ctx.indexer, issuerId?.toString(), limit],
    queryFn: ({ signal }) => fetchActivity(ctx.indexer!, { issuerId, limit }, signal),
    enabled: Boolean(ctx.indexer && issuerId),
    retry: false,
  });
}
