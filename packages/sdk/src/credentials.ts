import type { Address, PublicClient, ReadContractReturnType } from "viem";

import { credentialRegistryAbi } from "./generated/abis";
import { deployments } from "./generated/deployments";

export type Credential = ReadContractReturnType<typeof credentialRegistryAbi, "verify">;
export type CredentialTypeInfo = ReadContractReturnType<typeof credentialRegistryAbi, "credentialType">;
export type IssuerProfile = ReadContractReturnType<typeof credentialRegistryAbi, "issuer">;

export type ChainId = keyof typeof deployments;

/** The registry address on `chainId`, from the deployments the generator recorded. */
export function registryAddress(chainId: number): Address {
  const deployment = (deployments as Record<string, { CredentialRegistry: string } | undefined>)[String(chainId)];
  if (!deployment) throw new Error(`OnChainCert is not deployed on chain ${chainId}.`);
  return deployment.CredentialRegistry as Address;
}

type Reader = Pick<PublicClient, "readContract">;

/** Every credential `holder` owns, with status, in one `credentialsOf` call. */
export function readCredentialsOf(client: Reader, registry: Address, holder: Address): Promise<readonly Credential[]> {
  return client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "credentialsOf",
    args: [holder],
  });
}

/** One credential's status and full record (status Unknown when it was never issued). */
export function verifyCredential(client: Reader, registry: Address, tokenId: bigint): Promise<Credential> {
  return client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "verify",
    args: [tokenId],
  });
}

export function readCredentialType(client: Reader, registry: Address, typeId: bigint): Promise<CredentialTypeInfo> {
  return client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "credentialType",
    args: [typeId],
  });
}

export function readIssuer(client: Reader, registry: Address, account: Address): Promise<IssuerProfile> {
  return client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "issuer",
    args: [account],
  });
}

/** Decodes a `data:application/json;base64,` token URI into its JSON document. */
export function decodeTokenURI(uri: string): Record<string, unknown> {
  const prefix = "data:application/json;base64,";
  if (!uri.startsWith(prefix)) throw new Error("Not an on-chain JSON token URI.");
  const bytes = Uint8Array.from(atob(uri.slice(prefix.length)), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
