import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { credentialRegistryAbi } from "@onchaincert/sdk";

import type { ChainContext } from "../chain";

/** Every registered issuer (ids 1..issuerCount) with its profile, read once and cached under one key. */
export function useIssuers(ctx: ChainContext) {
  const config = useConfig();
  return useQuery({
    queryKey: ["issuers", ctx.chainId, ctx.registry],
    enabled: Boolean(ctx.registry),
    queryFn: async () => {
      const read = { address: ctx.registry!, abi: credentialRegistryAbi, chainId: ctx.chainId } as const;
      const count = await readContract(config, { ...read, functionName: "issuerCount" });
      return Promise.all(
        Array.from({ length: Number(count) }, (_, i) =>
          readContract(config, { ...read, functionName: "issuer", args: [BigInt(i + 1)] }),
        ),
      );
    },
  });
}
