import { decodeFunctionResult, encodeFunctionData } from "viem";
import type { Address, Hex, PublicClient, ReadContractReturnType } from "viem";

import { credentialLensAbi, credentialRegistryAbi } from "./generated/abis";
import { deployments } from "./generated/deployments";
import { IssuerStatus } from "./status";

/** One credential as a verifier reads it (the lens's `verify`): status, holder, type, issuer, dates. */
export type Credential = ReadContractReturnType<typeof credentialLensAbi, "verify">;
export type CredentialTypeInfo = ReadContractReturnType<typeof credentialRegistryAbi, "credentialType">;
export type IssuerProfile = ReadContractReturnType<typeof credentialRegistryAbi, "issuer">;

export type ChainId = keyof typeof deployments;

/**
 * The contracts of one deployment: the registry (writes, NFT), its lens (a verifier's reads), its
 * renderer and the claim-link contract.
 */
export interface Deployment {
  registry: Address;
  lens: Address;
  renderer: Address;
  claims: Address;
}

type Recorded = {
  CredentialRegistry: string;
  CredentialLens: string;
  CredentialRenderer: string;
  CredentialClaims: string;
};

/** The deployment on `chainId`, from the addresses the generator recorded; undefined where there is none. */
export function deploymentOn(chainId: number): Deployment | undefined {
  const d = (deployments as Record<string, Recorded | undefined>)[String(chainId)];
  if (!d) return undefined;
  return {
    registry: d.CredentialRegistry as Address,
    lens: d.CredentialLens as Address,
    renderer: d.CredentialRenderer as Address,
    claims: d.CredentialClaims as Address,
  };
}

/** The registry address on `chainId`. */
export function registryAddress(chainId: number): Address {
  const d = deploymentOn(chainId);
  if (!d) throw new Error(`OnChainCert is not deployed on chain ${chainId}.`);
  return d.registry;
}

/** The lens address on `chainId`. */
export function lensAddress(chainId: number): Address {
  const d = deploymentOn(chainId);
  if (!d) throw new Error(`OnChainCert is not deployed on chain ${chainId}.`);
  return d.lens;
}

type Reader = Pick<PublicClient, "readContract">;

/**
 * Credentials the lens assembles per call: about 60k gas each, so a page stays far below the
 * 16.7M-gas `eth_call` caps of nodes. A holder with fewer is read in one call.
 */
export const CREDENTIALS_PAGE = 200;

/**
 * One page of a holder's credentials, from `cursor` (0 first); `next` is 0 on the last page.
 * Renounced (and not revoked) and moved credentials are left out by the lens.
 */
export async function readCredentialsPage(
  client: Reader,
  lens: Address,
  holder: Address,
  cursor = 0n,
  pageSize = CREDENTIALS_PAGE,
  blockNumber?: bigint,
): Promise<{ credentials: readonly Credential[]; next: bigint }> {
  const [credentials, next] = await client.readContract({
    address: lens,
    abi: credentialLensAbi,
    functionName: "credentialsOfPage",
    args: [holder, cursor, BigInt(pageSize)],
    blockNumber,
  });
  return { credentials, next };
}

/**
 * The calldata of `readCredentialsPage`'s call, for a reader that sends its own `eth_call` (the
 * dApp's page asks for a holder's first cards before its scripts have loaded), and the decoder of
 * its answer: the same encoding as every other read, from the generated ABI.
 */
export function credentialsPageCallData(holder: Address, cursor = 0n, pageSize = CREDENTIALS_PAGE): Hex {
  return encodeFunctionData({
    abi: credentialLensAbi,
    functionName: "credentialsOfPage",
    args: [holder, cursor, BigInt(pageSize)],
  });
}

export function decodeCredentialsPage(data: Hex): { credentials: readonly Credential[]; next: bigint } {
  const [credentials, next] = decodeFunctionResult({ abi: credentialLensAbi, functionName: "credentialsOfPage", data });
  return { credentials, next };
}

/**
 * Every credential `holder` has, with status, page by page (one call for holders with up to
 * CREDENTIALS_PAGE credentials). `onPage` sees each page as it arrives; `blockNumber` reads every
 * page at one block; `firstPageSize` makes the first call smaller, so a screen that shows the
 * first few of thousands has them sooner.
 */
export async function readCredentialsOf(
  client: Reader,
  lens: Address,
  holder: Address,
  options: {
    pageSize?: number;
    firstPageSize?: number;
    onPage?: (page: readonly Credential[]) => void;
    blockNumber?: bigint;
  } = {},
): Promise<Credential[]> {
  const all: Credential[] = [];
  let cursor = 0n;
  const full = options.pageSize ?? CREDENTIALS_PAGE;
  let pageSize = Math.min(options.firstPageSize ?? full, full);
  for (;;) {
    let page: Awaited<ReturnType<typeof readCredentialsPage>>;
    try {
      page = await readCredentialsPage(client, lens, holder, cursor, pageSize, options.blockNumber);
    } catch (error) {
      // A page over the node's eth_call gas cap (stacks of many components cost far more than
      // other credentials, and anyone may claim a stack for a holder): halve it and go on.
      if (pageSize === 1 || !outOfGas(error)) throw error;
      pageSize = Math.ceil(pageSize / 2);
      continue;
    }
    all.push(...page.credentials);
    options.onPage?.(page.credentials);
    // After the first page, full pages (unless a page had to be halved for gas).
    if (cursor === 0n && pageSize === Math.min(options.firstPageSize ?? full, full)) pageSize = full;
    cursor = page.next;
    if (cursor === 0n) return all;
  }
}

/** Whether a failed call ran out of gas (a node's eth_call cap), as nodes word it. */
function outOfGas(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { details?: unknown }).details ?? "")}` : "";
  return /out of gas|gas required exceeds|gas limit|exceeds block gas|run out of gas/i.test(text);
}

/** One credential's status and full record (status Unknown when it was never issued). */
export function verifyCredential(client: Reader, lens: Address, tokenId: bigint): Promise<Credential> {
  return client.readContract({ address: lens, abi: credentialLensAbi, functionName: "verify", args: [tokenId] });
}

export function readCredentialType(client: Reader, registry: Address, typeId: bigint): Promise<CredentialTypeInfo> {
  return client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "credentialType",
    args: [typeId],
  });
}

/** Issuer `issuerId` (status None when there is none). */
export function readIssuer(client: Reader, registry: Address, issuerId: bigint): Promise<IssuerProfile> {
  return client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "issuer",
    args: [issuerId],
  });
}

/** Issuers read per round trip by `readIssuers`. */
const ISSUERS_PER_READ = 100;

/**
 * Every issuer ever registered (ids 1 to `issuerCount`), in id order, read at `blockNumber` when
 * given: what a verifier compares an issuer's name against.
 */
export async function readIssuers(
  client: Reader,
  registry: Address,
  options: { blockNumber?: bigint } = {},
): Promise<IssuerProfile[]> {
  const { blockNumber } = options;
  const count = await client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "issuerCount",
    blockNumber,
  });
  const issuers: IssuerProfile[] = [];
  for (let first = 1n; first <= count; first += BigInt(ISSUERS_PER_READ)) {
    const ids: bigint[] = [];
    for (let id = first; id <= count && id < first + BigInt(ISSUERS_PER_READ); id++) ids.push(id);
    issuers.push(
      ...(await Promise.all(
        ids.map((id) =>
          client.readContract({
            address: registry,
            abi: credentialRegistryAbi,
            functionName: "issuer",
            args: [id],
            blockNumber,
          }),
        ),
      )),
    );
  }
  return issuers;
}

/** The issuer `account` acts for, or undefined when it acts for none. */
export async function readIssuerOf(
  client: Reader,
  registry: Address,
  account: Address,
): Promise<IssuerProfile | undefined> {
  const issuerId = await client.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "issuerOf",
    args: [account],
  });
  if (issuerId === 0n) return undefined;
  const profile = await readIssuer(client, registry, issuerId);
  return profile.status === IssuerStatus.None ? undefined : profile;
}

/** Decodes a `data:application/json;base64,` token URI into its JSON document. */
export function decodeTokenURI(uri: string): Record<string, unknown> {
  const prefix = "data:application/json;base64,";
  if (!uri.startsWith(prefix)) throw new Error("Not an on-chain JSON token URI.");
  const bytes = Uint8Array.from(atob(uri.slice(prefix.length)), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
