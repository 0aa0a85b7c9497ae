import { useMemo } from "react";
import type { Client, PublicClient } from "viem";
import { getBlock, getBlockNumber, getTransactionReceipt, multicall, readContract } from "viem/actions";
import { useClient, type Config } from "wagmi";
import { getClient } from "wagmi/actions";

/**
 * What the pages anyone opens without a wallet ask of a chain: contract reads, blocks and
 * receipts (the history pages fetch logs through `request`). wagmi's public client carries every
 * one of viem's public actions, ENS, signature checks, simulations and watchers with them, about
 * 50 kB gzipped that /verify never runs; this client carries these five.
 */
export type ReadClient = Pick<
  PublicClient,
  "chain" | "request" | "readContract" | "multicall" | "getBlock" | "getBlockNumber" | "getTransactionReceipt"
>;

export function readActions(client: Client) {
  return {
    readContract: ((args) => readContract(client, args)) as PublicClient["readContract"],
    multicall: ((args) => multicall(client, args)) as PublicClient["multicall"],
    getBlock: ((args) => getBlock(client, args)) as PublicClient["getBlock"],
    getBlockNumber: ((args) => getBlockNumber(client, args)) as PublicClient["getBlockNumber"],
    getTransactionReceipt: ((args) => getTransactionReceipt(client, args)) as PublicClient["getTransactionReceipt"],
  };
}

/** The read client for `chainId` (wagmi's client for it, with the read actions), as a hook. */
export function useReadClient(chainId: number | undefined): ReadClient | undefined {
  const client = useClient({ chainId });
  return useMemo(() => client?.extend(readActions), [client]);
}

/** The read client for `chainId`, outside render (a query's function); undefined without an RPC. */
export function readClientOf(config: Config, chainId: number): ReadClient | undefined {
  return getClient(config, { chainId })?.extend(readActions);
}
