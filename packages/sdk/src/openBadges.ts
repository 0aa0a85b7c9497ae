/**
 * A credential as an Open Badges 3.0 `OpenBadgeCredential` (W3C Verifiable Credentials Data Model
 * 2.0, JSON-LD), built from the chain's records alone. See docs/portability.md.
 *
 * The export carries no `proof`: the registry on the chain is the authority, and
 * `credentialStatus` says where to read it (chain, registry, token id). A file that was valid when
 * exported says so with the block it was read at; a verifier reads the live status.
 */
import { getAddress, type Address, type PublicClient } from "viem";

import type { Credential, CredentialTypeInfo, IssuerProfile } from "./credentials";
import { credentialLensAbi, credentialRegistryAbi } from "./generated/abis";
import { CredentialKind, CredentialStatus, formatCredits, kindLabel, reasonLabel, statusLabel } from "./status";

type Reader = Pick<PublicClient, "readContract" | "getBlock">;

export const OB3_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
] as const;

/** The status method named in `credentialStatus.type`. */
export const OB3_STATUS_TYPE = "OnChainCertRegistryStatus";

/**
 * The terms of `credentialStatus`, which neither published context defines: a context scoped to
 * the status type, so that JSON-LD processors keep them (a URN vocabulary: no web page to host).
 */
const TERM = (name: string) => `urn:onchaincert:vocab#${name}`;
export const OB3_STATUS_CONTEXT = {
  [OB3_STATUS_TYPE]: {
    "@id": TERM(OB3_STATUS_TYPE),
    "@context": {
      "@protected": true,
      chainId: TERM("chainId"),
      registry: TERM("registry"),
      tokenId: TERM("tokenId"),
      statusAtExport: TERM("statusAtExport"),
      readAtBlock: TERM("readAtBlock"),
      readAt: { "@id": TERM("readAt"), "@type": "http://www.w3.org/2001/XMLSchema#dateTime" },
    },
  },
} as const;

/**
 * Open Badges' achievement type for each kind. Professional-development credits have no official
 * value; `ext:` is the vocabulary's own way to extend it.
 */
export const ACHIEVEMENT_TYPES: Record<CredentialKind, string> = {
  [CredentialKind.Badge]: "Badge",
  [CredentialKind.Certificate]: "Certificate",
  [CredentialKind.SkillCertification]: "Certification",
  [CredentialKind.ProfessionalDevelopmentCredit]: "ext:ProfessionalDevelopmentCredit",
};

export interface OpenBadgeInput {
  /** The credential as the lens's `verify` returns it. */
  credential: Credential;
  /** Its type (`credentialType(typeId)`): description, criteria, image. */
  type: CredentialTypeInfo;
  /** Its issuing organisation (`issuer(issuerId)`): website. */
  issuer: IssuerProfile;
  chainId: number;
  registry: Address;
  /** Where the dApp is served, e.g. "https://verify.example.org": ids and links point into it. */
  app: string;
  /** The block the credential was read at, and that block's time (Unix seconds). */
  readAt: { block: bigint; time: bigint };
}

/** The export, or why there is none (a sentence). */
export type OpenBadgeExport =
  | {
      credential: OpenBadgeCredential;
      /** The lens's record it was built from (status, issuer status, delegate, watermark). */
      record: Credential;
      problem?: undefined;
    }
  | { credential?: undefined; record?: undefined; problem: string };

export interface OpenBadgeCredential {
  "@context": readonly (string | typeof OB3_STATUS_CONTEXT)[];
  id: string;
  type: string[];
  name: string;
  description: string;
  issuer: OpenBadgeProfile;
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  credentialSubject: {
    id: string;
    type: string[];
    creditsEarned?: number;
    achievement: {
      id: string;
      type: string[];
      achievementType: string;
      name: string;
      description: string;
      criteria: { id?: string; narrative: string };
      creditsAvailable?: number;
      image?: { id: string; type: "Image" };
      creator: OpenBadgeProfile;
    };
  };
  evidence?: { type: string[]; name: string; description: string }[];
  credentialStatus: {
    id: string;
    type: typeof OB3_STATUS_TYPE;
    chainId: number;
    registry: Address;
    tokenId: string;
    statusAtExport: string;
    readAtBlock: string;
    readAt: string;
  };
}

interface OpenBadgeProfile {
  id: string;
  type: string[];
  name: string;
  url?: string;
}

/** The credential as an OB 3.0 credential; a renounced, moved or unknown credential has none. */
export function toOpenBadge(input: OpenBadgeInput): OpenBadgeExport {
  const { credential: c, type: t, issuer, chainId, readAt } = input;
  const id = c.tokenId.toString();
  if (c.status === CredentialStatus.Unknown) return toOpenBadgeProblem(c);
  if (c.status === CredentialStatus.Renounced) {
    return {
      problem: `Credential #${id} was renounced by its holder: it names no holder any more, so there is nothing to export.`,
    };
  }
  if (c.status === CredentialStatus.Moved) {
    return { problem: `Credential #${id} was moved to credential #${c.movedTo}: export that one.` };
  }
  const app = input.app.replace(/\/+$/, "");
  const registry = getAddress(input.registry);
  const page = (path: string) => `${app}${path}?chain=${chainId}`;
  const profile: OpenBadgeProfile = {
    id: page(`/issuer/${c.issuerId}`),
    type: ["Profile"],
    name: c.issuerName,
    ...(httpUrl(issuer.url) ? { url: httpUrl(issuer.url) } : {}),
  };
  const credits = c.credits > 0 ? c.credits / 100 : undefined;
  const image = httpUrl(t.imageURL);
  const criteria = httpUrl(t.criteriaURL);
  return {
    record: c,
    credential: {
      "@context": [...OB3_CONTEXTS, OB3_STATUS_CONTEXT],
      id: page(`/credential/${id}`),
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      name: c.typeName,
      description: describe(c),
      issuer: profile,
      validFrom: isoDate(c.issuedAt),
      ...(c.validUntil > 0n ? { validUntil: isoDate(c.validUntil) } : {}),
      awardedDate: isoDate(c.issuedAt),
      credentialSubject: {
        id: `did:pkh:eip155:${chainId}:${getAddress(c.holder)}`,
        type: ["AchievementSubject"],
        ...(credits !== undefined ? { creditsEarned: credits } : {}),
        achievement: {
          id: page(`/type/${c.typeId}`),
          type: ["Achievement"],
          achievementType: ACHIEVEMENT_TYPES[c.kind as CredentialKind] ?? "Achievement",
          name: c.typeName,
          description: t.description,
          criteria: {
            ...(criteria ? { id: criteria } : {}),
            narrative: criteria
              ? `Awarded by ${c.issuerName} to those who meet the criteria published at ${criteria}.`
              : `Awarded by ${c.issuerName}.`,
          },
          ...(credits !== undefined ? { creditsAvailable: credits } : {}),
          ...(image ? { image: { id: image, type: "Image" as const } } : {}),
          creator: { ...profile },
        },
      },
      ...(BigInt(c.evidenceHash) !== 0n
        ? {
            evidence: [
              {
                type: ["Evidence"],
                name: "Evidence hash, recorded on-chain",
                description: `The issuer recorded this 32-byte hash of the evidence with the credential: ${c.evidenceHash}. Hash the evidence you are shown and compare.`,
              },
            ],
          }
        : {}),
      credentialStatus: {
        id: `eip155:${chainId}/erc721:${registry}/${id}`,
        type: OB3_STATUS_TYPE,
        chainId,
        registry,
        tokenId: id,
        statusAtExport: statusLabel(c.status),
        readAtBlock: readAt.block.toString(),
        readAt: isoDate(readAt.time),
      },
    },
  };
}

/**
 * The credential's description: its kind and type, then, when it is not valid, a line that says
 * so, so that a stale file cannot pass for a current one.
 */
function describe(c: Credential): string {
  const lines = [
    `${kindLabel(c.kind)} "${c.typeName}", credential #${c.tokenId} issued by ${c.issuerName}` +
      (c.credits > 0 ? `, worth ${formatCredits(c.credits)} credits.` : "."),
  ];
  if (c.status === CredentialStatus.Revoked) {
    lines.push(
      `NOT VALID: revoked on ${isoDate(c.revokedAt).slice(0, 10)} (${reasonLabel(c.revocationReason)})` +
        (c.revocationNote ? `: "${c.revocationNote}".` : "."),
    );
  } else if (c.status === CredentialStatus.Expired) {
    lines.push(`NOT VALID: expired on ${isoDate(c.validUntil).slice(0, 10)}.`);
  }
  lines.push("The registry named in credentialStatus has its live status: read it before you rely on this file.");
  return lines.join("\n");
}

function isoDate(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, "Z");
}

/** A URL from chain data, only when it is an absolute http(s) URL (an issuer can write anything). */
function httpUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}

/**
 * Reads what `toOpenBadge` needs from the chain, all at one block, and builds the export:
 * the credential (lens `verify`), its type and its issuing organisation (registry).
 */
export async function readOpenBadge(
  client: Reader,
  deployment: { registry: Address; lens: Address },
  chainId: number,
  tokenId: bigint,
  app: string,
): Promise<OpenBadgeExport> {
  const block = await client.getBlock();
  const at = { blockNumber: block.number };
  const credential = await client.readContract({
    address: deployment.lens,
    abi: credentialLensAbi,
    functionName: "verify",
    args: [tokenId],
    ...at,
  });
  if (credential.status === CredentialStatus.Unknown) return toOpenBadgeProblem(credential);
  const [type, issuer] = await Promise.all([
    client.readContract({
      address: deployment.registry,
      abi: credentialRegistryAbi,
      functionName: "credentialType",
      args: [credential.typeId],
      ...at,
    }),
    client.readContract({
      address: deployment.registry,
      abi: credentialRegistryAbi,
      functionName: "issuer",
      args: [credential.issuerId],
      ...at,
    }),
  ]);
  return toOpenBadge({
    credential,
    type,
    issuer,
    chainId,
    registry: deployment.registry,
    app,
    readAt: { block: block.number, time: block.timestamp },
  });
}

function toOpenBadgeProblem(c: Credential): OpenBadgeExport {
  return { problem: `Credential #${c.tokenId} was never issued on this chain.` };
}
