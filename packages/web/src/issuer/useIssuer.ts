import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import {
  IssuerStatus,
  checkDomainProof,
  isLoopback,
  readIssuer,
  readIssuers,
  type IssuerProfile,
  type LookAlikes,
} from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { readClientOf } from "../readClient";

/** Issuer profiles change rarely: read each at most once a minute per page. */
const PROFILE_STALE_MS = 60_000;

/** Issuer `issuerId`'s profile now (website, status, watermark), shared by every card naming it. */
export function useIssuerProfile(ctx: ChainContext, issuerId: bigint | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: ["issuer", ctx.chainId, ctx.registry, issuerId?.toString()],
    enabled: Boolean(ctx.registry && issuerId && !ctx.problem),
    staleTime: PROFILE_STALE_MS,
    queryFn: () => readIssuer(reader(config, ctx), ctx.registry!, issuerId!),
  });
}

/**
 * The chain's client, taken when a query runs rather than at every render: these hooks run in
 * every card, and a page shows 24 at once.
 */
function reader(config: ReturnType<typeof useConfig>, ctx: ChainContext) {
  const client = readClientOf(config, ctx.chainId);
  if (!client) throw new Error(`No RPC is configured for chain ${ctx.chainId}.`);
  return client;
}

/** A dApp served from this machine (the local demo, tests) accepts plain-http proofs from it too. */
export const ALLOW_LOOPBACK = typeof window !== "undefined" && isLoopback(window.location.hostname);

/** Whether `profile`'s website lists its account on this chain (see docs/domain-proof.md). */
export function useDomainProof(ctx: ChainContext, profile: IssuerProfile | undefined) {
  return useQuery({
    queryKey: ["domain-proof", ctx.chainId, profile?.url, profile?.account],
    enabled: profile !== undefined && profile.status !== IssuerStatus.None,
    staleTime: 10 * 60_000,
    retry: false,
    queryFn: () => checkDomainProof(profile!.url, ctx.chainId, profile!.account, { allowLoopback: ALLOW_LOOPBACK }),
  });
}

/**
 * The registered issuers whose names look like `name` (another script's look-alike letters), from
 * every issuer on the chain. Unicode's confusables table loads only when this runs.
 */
export function useLookAlikes(ctx: ChainContext, issuerId: bigint | undefined, name: string | undefined) {
  const config = useConfig();
  const queryClient = useQueryClient();
  // The issuer list is shared by every card (one read a minute); a failure to read it is this
  // query's failure, so a page can say the names were not compared instead of saying nothing.
  return useQuery({
    queryKey: ["look-alikes", ctx.chainId, ctx.registry, issuerId?.toString(), name],
    enabled: Boolean(ctx.registry && !ctx.problem) && issuerId !== undefined && name !== undefined,
    staleTime: PROFILE_STALE_MS,
    queryFn: async () => {
      const issuers = await queryClient.fetchQuery({
        queryKey: ["issuers", ctx.chainId, ctx.registry],
        staleTime: PROFILE_STALE_MS,
        queryFn: () => readIssuers(reader(config, ctx), ctx.registry!),
      });
      const { lookAlikeIssuers } = await import("./lookalike");
      return lookAlikeIssuers(issuerId!, name!, issuers);
    },
  });
}

/** Issuer id → the other registered issuers whose names look like its name; only issuers with some. */
export type LookAlikeMap = LookAlikes<IssuerProfile>;

/**
 * Every registered issuer's look-alikes, worked out once for the page's pickers and warnings.
 * Unicode's confusables table loads only when this runs, after the page has rendered.
 */
export function useIssuerLookAlikes(ctx: ChainContext, issuers: readonly IssuerProfile[] | undefined) {
  return useQuery({
    queryKey: [
      "issuer-look-alikes",
      ctx.chainId,
      ctx.registry,
      issuers?.map((p) => `${p.issuerId}:${p.account}:${p.name}`),
    ],
    enabled: issuers !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<LookAlikeMap> => {
      const { lookAlikeGroups } = await import("./lookalike");
      return lookAlikeGroups(issuers!);
    },
  });
}
