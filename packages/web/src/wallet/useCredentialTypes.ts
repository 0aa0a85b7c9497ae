import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { credentialRegistryAbi } from "@onchaincert/sdk";

import type { Address } from "viem";

import type { ChainContext } from "../chain";

/**
 * Every credential type of the registry (ids 1..typeCount), read once and cached under one key,
 * so the pages that need them share the result. One call per type: fine for hundreds of types.
 */
export function useCredentialTypes(ctx: ChainContext) {
  const config = useConfig();
  return useQuery({
    queryKey: ["credential-types", ctx.chainId, ctx.registry],
    enabled: Boolean(ctx.registry),
    queryFn: async () => {
      const read = { address: ctx.registry!, abi: credentialRegistryAbi, chainId: ctx.chainId } as const;
      const count = await readContract(config, { ...read, functionName: "typeCount" });
      return Promise.all(
        Array.from({ length: Number(count) }, (_, i) =>
          readContract(config, { ...read, functionName: "credentialType", args: [BigInt(i + 1)] }),
        ),
      );
    },
  });
}

/** The types `account` may issue now (owner or delegate, active, not retired, not a stack). */
export function useIssuableTypes(ctx: ChainContext, account: Address | undefined) {
  const config = useConfig();
  const all = useCredentialTypes(ctx);
  return useQuery({
    queryKey: ["issuable-types", ctx.chainId, ctx.registry, account, all.data?.length],
    enabled: Boolean(ctx.registry && account && all.data),
    queryFn: async () => {
      const can = await Promise.all(
        all.data!.map((t) =>
          readContract(config, {
            address: ctx.registry!,
            abi: credentialRegistryAbi,
            functionName: "canIssue",
            args: [t.typeId, account!],
            chainId: ctx.chainId,
          }),
        ),
      );
      return all.data!.filter((t, i) => can[i] && t.requiredComponents === 0);
    },
  });
}
