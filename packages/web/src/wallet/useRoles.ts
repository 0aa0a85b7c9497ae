import { useAccount, useReadContract } from "wagmi";
import { IssuerStatus, credentialRegistryAbi } from "@onchaincert/sdk";

import { useChainContext } from "../chain";

export interface Roles {
  /** False until the reads have answered. */
  known: boolean;
  isAdmin: boolean;
  /** The issuer (organisation) the account acts for; 0n for none. */
  issuerId: bigint;
  issuerStatus: IssuerStatus;
  issuerName: string | undefined;
}

/** What the connected account is on this registry: the platform admin, an issuer's account (active or suspended), or neither. */
export function useRoles(): Roles {
  const ctx = useChainContext();
  const { address } = useAccount();
  const read = { address: ctx.registry, abi: credentialRegistryAbi, chainId: ctx.chainId } as const;
  const enabled = Boolean(ctx.registry && address && !ctx.problem);
  const admin = useReadContract({ ...read, functionName: "defaultAdmin", query: { enabled } });
  const issuerId = useReadContract({
    ...read,
    functionName: "issuerOf",
    args: address ? [address] : undefined,
    query: { enabled },
  });
  const issuer = useReadContract({
    ...read,
    functionName: "issuer",
    args: issuerId.data ? [issuerId.data] : undefined,
    query: { enabled: enabled && Boolean(issuerId.data) },
  });
  return {
    known:
      admin.data !== undefined && issuerId.data !== undefined && (issuerId.data === 0n || issuer.data !== undefined),
    isAdmin: admin.data !== undefined && admin.data === address,
    issuerId: issuerId.data ?? 0n,
    issuerStatus: (issuer.data?.status ?? IssuerStatus.None) as IssuerStatus,
    issuerName: issuer.data?.name || undefined,
  };
}
