/**
 * "Is this really the candidate's address?" A verifier sends a challenge (an address and a nonce);
 * the candidate signs a Sign-In with Ethereum (EIP-4361) message for it with their wallet; the
 * signed message comes back in a link or a file, and the verifier's page checks it. No server:
 * the signature is checked against the chain (an account's key, or a smart-contract wallet's
 * EIP-1271 `isValidSignature`, through viem's `verifySiweMessage`).
 *
 * What a proof shows: whoever controls the address signed this message, for this site, at the
 * time it names, and (when the verifier's browser issued the nonce) in answer to this verifier's
 * challenge, so it is not a copy of a proof made for someone else.
 */
import { getAddress, isHex, type Address, type Client, type Hex } from "viem";
import { createSiweMessage, generateSiweNonce, parseSiweMessage, verifySiweMessage } from "viem/siwe";

import { fromBase64Url, toBase64Url } from "./claims/links";

/** How long a challenge may be answered. */
export const CHALLENGE_DAYS = 7;

/** What the candidate's wallet shows them: it moves nothing and costs nothing. */
export const PROOF_STATEMENT =
  "I control this address. This signature proves it to a verifier on OnChainCert; it sends no transaction and allows nothing else.";

export interface Challenge {
  address: Address;
  nonce: string;
  /** Unix seconds. */
  issuedAt: number;
  chainId: number;
}

/** A new challenge for `address` (a random nonce, as EIP-4361 asks). */
export function newChallenge(address: Address, chainId: number, now = Math.floor(Date.now() / 1000)): Challenge {
  return { address: getAddress(address), nonce: generateSiweNonce(), issuedAt: now, chainId };
}

/** The message the candidate signs for `challenge` on `origin` (e.g. https://credentials.example.org). */
export function proofMessage(challenge: Challenge, origin: string, now = Math.floor(Date.now() / 1000)): string {
  const url = new URL(origin);
  return createSiweMessage({
    domain: url.host,
    address: challenge.address,
    statement: PROOF_STATEMENT,
    uri: url.origin,
    version: "1",
    chainId: challenge.chainId,
    nonce: challenge.nonce,
    issuedAt: new Date(now * 1000),
    expirationTime: new Date((challenge.issuedAt + CHALLENGE_DAYS * 86_400) * 1000),
  });
}

export interface AddressProof {
  message: string;
  signature: Hex;
}

/** The proof as a link parameter (base64url of its JSON). */
export function encodeProof(proof: AddressProof): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(proof)));
}

/** A proof from a link parameter or a file's text; undefined when it is not one. */
export function decodeProof(text: string): AddressProof | undefined {
  const value = text.trim();
  if (value.length > 8_000) return undefined;
  try {
    const bytes = value.startsWith("{") ? undefined : fromBase64Url(value);
    if (!value.startsWith("{") && !bytes) return undefined;
    const json = bytes ? new TextDecoder("utf-8", { fatal: true }).decode(bytes) : value;
    const p = JSON.parse(json) as Partial<AddressProof>;
    if (typeof p.message !== "string" || typeof p.signature !== "string" || !isHex(p.signature)) return undefined;
    return { message: p.message, signature: p.signature };
  } catch {
    return undefined;
  }
}

/** The proof as a file for the verifier's records. */
export function proofFile(proof: AddressProof): string {
  return `${JSON.stringify({ ...proof, standard: "EIP-4361 (Sign-In with Ethereum)" }, null, 2)}\n`;
}

export type ProofCheck =
  | {
      ok: true;
      address: Address;
      /** When the candidate signed (Unix seconds). */
      signedAt: number;
      /** Whether this browser issued the challenge it answers (else it could be someone else's proof). */
      ourChallenge: boolean;
    }
  | { ok: false; problem: string };

/**
 * Checks a proof for `address` on this site (`origin`): the message must be a SIWE message for this
 * site and address, unexpired, and signed by the address (a key or an EIP-1271 wallet, on the
 * chain `client` reads). `ourNonces` are the nonces this verifier issued.
 */
export async function checkAddressProof(
  client: Client,
  proof: AddressProof,
  expected: { address: Address; origin: string; ourNonces: readonly string[]; now?: number },
): Promise<ProofCheck> {
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  let fields: ReturnType<typeof parseSiweMessage>;
  try {
    fields = parseSiweMessage(proof.message);
  } catch {
    return { ok: false, problem: "The proof is not a Sign-In with Ethereum message." };
  }
  if (!fields.address || !fields.nonce || !fields.issuedAt || !fields.domain) {
    return { ok: false, problem: "The proof is not a complete Sign-In with Ethereum message." };
  }
  if (getAddress(fields.address) !== getAddress(expected.address)) {
    return {
      ok: false,
      problem: `The proof is about ${getAddress(fields.address)}, not ${getAddress(expected.address)}.`,
    };
  }
  const host = new URL(expected.origin).host;
  if (fields.domain !== host) {
    return { ok: false, problem: `The proof was signed for ${fields.domain}, not for this site (${host}).` };
  }
  if (fields.statement !== PROOF_STATEMENT) {
    return { ok: false, problem: "The signed message is not OnChainCert's address-control statement." };
  }
  const signedAt = Math.floor(fields.issuedAt.getTime() / 1000);
  if (signedAt > now + 300) return { ok: false, problem: "The proof says it was signed in the future." };
  if (fields.expirationTime && fields.expirationTime.getTime() / 1000 < now) {
    return {
      ok: false,
      problem: `The challenge expired on ${fields.expirationTime.toISOString().slice(0, 10)}: send a new one.`,
    };
  }
  const valid = await verifySiweMessage(client, {
    message: proof.message,
    signature: proof.signature,
    address: getAddress(expected.address),
    domain: host,
    time: new Date(now * 1000),
  }).catch(() => false);
  if (!valid) {
    return {
      ok: false,
      problem: `The signature was not made by ${getAddress(expected.address)}: it does not prove control of the address.`,
    };
  }
  return {
    ok: true,
    address: getAddress(fields.address),
    signedAt,
    ourChallenge: expected.ourNonces.includes(fields.nonce),
  };
}
