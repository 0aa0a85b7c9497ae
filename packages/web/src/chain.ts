import { useMemo } from "react";
import { useSearch } from "wouter";
import type { Address, Chain } from "viem";
import { deploymentOn } from "@onchaincert/sdk";

import { DEFAULT_CHAIN_ID, chainById, explorerUrl, indexerUrl, rpcUrl } from "./config";

export interface ChainContext {
  chainId: number;
  chain: Chain | undefined;
  registry: Address | undefined;
  /** The registry's lens: a verifier's reads (verify, credentialsOf). */
  lens: Address | undefined;
  rpc: string | undefined;
  /** Why this chain cannot be used, as a sentence; undefined when it can. */
  problem: string | undefined;
  explorer: string | undefined;
  /** The indexer (lists, counts, history); undefined when the chain has none. Never decides validity. */
  indexer: string | undefined;
}

/**
 * The chain a page reads from: `?chain=<id>` or the default, with its registry and explorer. The
 * same object while the chain stays the same, so cards given it need not render again.
 */
export function useChainContext(): ChainContext {
  const raw = new URLSearchParams(useSearch()).get("chain");
  return useMemo(() => chainContext(raw), [raw]);
}

/** The context of chain `raw` (a ?chain= value; null for the default). */
export function chainContext(raw: string | null): ChainContext {
  const chainId = raw === null ? DEFAULT_CHAIN_ID : Number(raw);
  const chain = Number.isSafeInteger(chainId) ? chainById(chainId) : undefined;
  const deployment = deploymentOn(chainId);
  let problem: string | undefined;
  if (!chain) problem = `Chain ${raw ?? chainId} is not a chain this app knows.`;
  else if (!deployment) problem = `OnChainCert is not deployed on ${chain.name} (chain ${chainId}).`;
  return {
    chainId,
    chain,
    registry: deployment?.registry,
    lens: deployment?.lens,
    rpc: chain ? rpcUrl(chain) : undefined,
    problem,
    explorer: chain ? explorerUrl(chain) : undefined,
    indexer: chain && deployment ? indexerUrl(chainId) : undefined,
  };
}

/** Keeps ?chain= on internal links when it was given (after any query the path has). */
export function withChain(path: string, chainId: number): string {
  if (chainId === DEFAULT_CHAIN_ID) return path;
  return `${path}${path.includes("?") ? "&" : "?"}chain=${chainId}`;
}
