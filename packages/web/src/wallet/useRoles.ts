import { useAccount, useReadContract } from "wagmi";
import { IssuerStatus, credentialRegistryAbi } from "@onchaincert/sdk";

import { useChainContext } from "../chain";

export interface Roles {
  /** False until both reads have answered. */
  known: boolean;
  isAdmin: boolean;
  issuerStatus: IssuerStatus;
  issuerName: string | undefined;
}

/** What the connected account is on this registry: the platform admin, an issuer (active or suspended), or neither. */
export function useRoles(): Roles {
  const ctx = useChainContext();
  const { address } = useAccount();
  const read = { address: ctx.registry, abi: credentialRegistryAbi, chainId: ctx.chainId } as const;
  const enabled = Boolean(ctx.registry && address && !ctx.problem);
  const admin = useReadContract({ ...read, functionName: "defaultAdmin", query: { enabled } });
  const issuer = useReadContract({
    ...read,
    functionName: "issuer",
    args: address ? [address] : undefined,
    query: { enabled },
  });
  return {
    known: admin.data !== undefined && issuer.data !== undefined,
    isAdmin: admin.data !== undefined && admin.data === address,
    issuerStatus: (issuer.data?.status ?? IssuerStatus.None) as IssuerStatus,
    issuerName: issuer.data?.name || undefined,
  };
}
