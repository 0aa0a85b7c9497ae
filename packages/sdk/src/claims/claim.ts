/**
 * Claiming a link, reading rounds and links: what the claim page, the CLI and the issuer's round
 * list share. Every claim is simulated before it is sent, so a refusal is a sentence first.
 */
import { signatureToCompactSignature, parseSignature, type Address, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { credentialClaimsAbi, credentialRegistryAbi } from "../generated/abis";
import { deploymentOn } from "../credentials";
import type { ClaimLink } from "./links";

/** The claims contract's ABI with the registry's errors, which a claim's revert can carry up. */
export const claimsCallAbi = [
  ...credentialClaimsAbi,
  ...credentialRegistryAbi.filter((item) => item.type === "error"),
] as const;

/** The claim-link contract on `chainId`; undefined where OnChainCert has none. */
export function claimsAddress(chainId: number): Address | undefined {
  return deploymentOn(chainId)?.claims;
}

/** The claim-link contract's EIP-712 name and version (CredentialClaims' constructor). */
export const CLAIMS_DOMAIN = { name: "OnChainCert Claims", version: "1" } as const;

/** The EIP-712 message a link's key signs to claim for `recipient`. */
export function claimTypedData(link: ClaimLink, claims: Address, recipient: Address) {
  return {
    domain: { ...CLAIMS_DOMAIN, chainId: link.chainId, verifyingContract: claims },
    types: {
      Claim: [
        { name: "round", type: "uint256" },
        { name: "index", type: "uint256" },
        { name: "recipient", type: "address" },
      ],
    },
    primaryType: "Claim",
    message: { round: link.roundId, index: BigInt(link.index), recipient },
  } as const;
}

/** The arguments of `claim` for `recipient`: the link's key signs, in the compact (EIP-2098) form. */
export async function claimArgs(link: ClaimLink, claims: Address, recipient: Address) {
  const signature = await privateKeyToAccount(link.key).signTypedData(claimTypedData(link, claims, recipient));
  const { r, yParityAndS } = signatureToCompactSignature(parseSignature(signature));
  return [
    {
      roundId: link.roundId,
      index: BigInt(link.index),
      validUntil: link.validUntil,
      evidenceHash: link.evidenceHash,
      recipient,
    },
    r,
    yParityAndS,
    link.proof,
  ] as const;
}

/** The `claim` call for writeContract / simulateContract. */
export async function claimRequest(link: ClaimLink, claims: Address, recipient: Address) {
  return {
    address: claims,
    abi: claimsCallAbi,
    functionName: "claim",
    args: await claimArgs(link, claims, recipient),
  } as const;
}

export type LinkState = "open" | "claimed" | "voided";

/** A round as the chain reports it, with dates as numbers. */
export interface RoundInfo {
  roundId: bigint;
  typeId: bigint;
  issuerId: bigint;
  root: Hex;
  size: number;
  openedAt: number;
  /** 0 = no deadline. */
  deadline: number;
  closed: boolean;
}

export async function readRound(
  client: PublicClient,
  claims: Address,
  roundId: bigint,
): Promise<RoundInfo | undefined> {
  const r = await client.readContract({
    address: claims,
    abi: credentialClaimsAbi,
    functionName: "round",
    args: [roundId],
  });
  if (r.roundId === 0n) return undefined;
  return {
    roundId: r.roundId,
    typeId: r.typeId,
    issuerId: r.issuerId,
    root: r.root,
    size: Number(r.size),
    openedAt: Number(r.openedAt),
    deadline: Number(r.deadline),
    closed: r.closed,
  };
}

/** How many rounds the fallback scan reads when the RPC refuses a log query over the whole chain. */
export const ROUNDS_LISTED = 100;

/**
 * The rounds `issuerId` opened, and those its delegates opened for the types in `typeIds` (its
 * own), newest first. Found by the RoundOpened events indexed by issuer and type, so other
 * issuers' rounds, however many, cannot push them out of the list. Where the RPC refuses a log
 * query from block 0 (public RPCs cap ranges), the newest ROUNDS_LISTED rounds are scanned instead,
 * and `complete` says so.
 */
export async function readRoundsOf(
  client: PublicClient,
  claims: Address,
  issuerId: bigint,
  typeIds: readonly bigint[] = [],
): Promise<{ rounds: RoundInfo[]; complete: boolean }> {
  let ids: bigint[];
  let complete = true;
  try {
    const query = { address: claims, abi: credentialClaimsAbi, eventName: "RoundOpened", fromBlock: 0n } as const;
    const [own, delegated] = await Promise.all([
      client.getContractEvents({ ...query, args: { issuerId } }),
      typeIds.length ? client.getContractEvents({ ...query, args: { typeId: [...typeIds] } }) : [],
    ]);
    ids = [...new Set([...own, ...delegated].map((log) => log.args.roundId!))];
  } catch {
    const count = await client.readContract({ address: claims, abi: credentialClaimsAbi, functionName: "roundCount" });
    ids = Array.from({ length: Math.min(Number(count), ROUNDS_LISTED) }, (_, i) => count - BigInt(i));
    complete = count <= BigInt(ROUNDS_LISTED);
  }
  ids.sort((a, b) => (a < b ? 1 : -1));
  const rounds = await Promise.all(ids.map((id) => readRound(client, claims, id)));
  return {
    rounds: rounds.filter(
      (r): r is RoundInfo => r !== undefined && (r.issuerId === issuerId || typeIds.includes(r.typeId)),
    ),
    complete,
  };
}

/** How many links of a round were claimed and voided: the set bits of its state words. */
export async function readLinkCounts(client: PublicClient, claims: Address, round: RoundInfo) {
  let claimed = 0;
  let voided = 0;
  for (const word of await readStateWords(client, claims, round.roundId, round.size)) {
    for (let w = word; w !== 0n; w >>= 2n) {
      if (w & 1n) claimed++;
      else if (w & 2n) voided++;
    }
  }
  return { claimed, voided };
}

export async function readLinkState(
  client: PublicClient,
  claims: Address,
  roundId: bigint,
  index: number,
): Promise<LinkState> {
  const state = await client.readContract({
    address: claims,
    abi: credentialClaimsAbi,
    functionName: "linkState",
    args: [roundId, BigInt(index)],
  });
  return state === 1 ? "claimed" : state === 2 ? "voided" : "open";
}

/** The state of every link of a round, read 512 words (65,536 links) per call. */
export async function readLinkStates(
  client: PublicClient,
  claims: Address,
  roundId: bigint,
  size: number,
): Promise<LinkState[]> {
  const states: LinkState[] = [];
  for (const word of await readStateWords(client, claims, roundId, size)) {
    for (let k = 0; k < 128 && states.length < size; k++) {
      const bits = Number((word >> BigInt(2 * k)) & 3n);
      states.push(bits & 1 ? "claimed" : bits & 2 ? "voided" : "open");
    }
  }
  return states;
}

/** A round's state words (two bits per link, 128 links per word), read 512 words (65,536 links) per call. */
async function readStateWords(client: PublicClient, claims: Address, roundId: bigint, size: number) {
  const words: bigint[] = [];
  const total = Math.ceil(size / 128);
  for (let from = 0; from < total; from += 512) {
    const page = await client.readContract({
      address: claims,
      abi: credentialClaimsAbi,
      functionName: "linkStateWords",
      args: [roundId, BigInt(from), BigInt(Math.min(512, total - from))],
    });
    words.push(...page);
  }
  return words;
}

/** Why a link cannot be claimed now, as a sentence (before any wallet opens); undefined when it can. */
export function roundProblem(round: RoundInfo | undefined, state: LinkState | undefined, nowSeconds: number) {
  if (!round) return "This claim link's round does not exist on this chain. Check that the link is complete.";
  if (state === "claimed") return "This link was already claimed. Each link gives one credential, once.";
  if (state === "voided") return "The issuer voided this link. Ask them for a new one if you expected a credential.";
  if (round.closed) return "The issuer closed this claim round: its links no longer give credentials.";
  if (round.deadline !== 0 && nowSeconds > round.deadline) {
    const date = new Date(round.deadline * 1000).toISOString().slice(0, 10);
    return `The deadline to claim this credential passed on ${date}. Ask the issuer whether it can send a new link.`;
  }
  return undefined;
}
