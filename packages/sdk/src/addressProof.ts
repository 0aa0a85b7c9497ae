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
import {
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  ExecutionRevertedError,
  getAddress,
  hashMessage,
  isErc6492Signature,
  isHex,
  parseErc6492Signature,
  type Address,
  type Client,
  type Hex,
} from "viem";
import { getCode, readContract } from "viem/actions";
import {
  createSiweMessage,
  generateSiweNonce,
  parseSiweMessage,
  validateSiweMessage,
  verifySiweMessage,
} from "viem/siwe";

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
      /**
       * The challenge this browser sent that it answers (same nonce, address and chain, signed
       * after it was sent and expiring when it said); undefined when it answers none of ours, so it
       * could be a copy of a proof made for someone else.
       */
      ours: Challenge | undefined;
    }
  | { ok: false; problem: string };

const validTime = (d: Date | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

const ERC1271_MAGIC = "0x1626ba7e";
const ERC1271_ABI = [
  {
    type: "function",
    name: "isValidSignature",
    stateMutability: "view",
    inputs: [
      { name: "hash", type: "bytes32" },
      { name: "signature", type: "bytes" },
    ],
    outputs: [{ name: "magicValue", type: "bytes4" }],
  },
] as const;

/**
 * A signature viem did not accept, asked again without viem's catch-all: a contract wallet's own
 * `isValidSignature` (EIP-1271), whose revert or other answer is a refusal and whose unanswered
 * call leaves the proof unchecked. A key's signature needs no chain (viem's refusal stands); an
 * account not deployed yet (an ERC-6492 signature) is checked only through viem, so an
 * unreachable chain leaves it unchecked.
 */
async function recheckSignature(
  client: Client,
  address: Address,
  proof: AddressProof,
): Promise<"valid" | "invalid" | "unchecked"> {
  let code: Hex | undefined;
  try {
    code = await getCode(client, { address });
  } catch {
    return "unchecked";
  }
  if (!code || code === "0x") {
    if (!isErc6492Signature(proof.signature)) return "invalid";
    return client.request({ method: "eth_chainId" }).then(
      () => "invalid" as const,
      () => "unchecked" as const,
    );
  }
  try {
    const answer = await readContract(client, {
      address,
      abi: ERC1271_ABI,
      functionName: "isValidSignature",
      args: [hashMessage(proof.message), parseErc6492Signature(proof.signature).signature],
    });
    return answer.toLowerCase() === ERC1271_MAGIC ? "valid" : "invalid";
  } catch (error) {
    return refusedByContract(error) ? "invalid" : "unchecked";
  }
}

/** A call the contract answered with a revert or with nothing (no such function), not an RPC failure. */
function refusedByContract(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    error.walk(
      (e) =>
        e instanceof ContractFunctionRevertedError ||
        e instanceof ContractFunctionZeroDataError ||
        e instanceof ExecutionRevertedError,
    ) !== null
  );
}

/**
 * Checks a proof for `address` on this site (`origin`) and chain: the message must be a SIWE
 * message for this site, address and chain, with OnChainCert's statement, an expiry that has not
 * passed, and signed by the address (a key, or an EIP-1271 wallet, on the chain `client` reads).
 * `ours` are the challenges this verifier sent. A proof whose signature cannot be checked (the RPC
 * failed) says so, rather than calling it forged.
 */
export async function checkAddressProof(
  client: Client,
  proof: AddressProof,
  expected: { address: Address; origin: string; chainId: number; ours: readonly Challenge[]; now?: number },
): Promise<ProofCheck> {
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  let fields: ReturnType<typeof parseSiweMessage>;
  try {
    fields = parseSiweMessage(proof.message);
  } catch {
    return { ok: false, problem: "The proof is not a Sign-In with Ethereum message." };
  }
  if (
    !fields.address ||
    !fields.nonce ||
    !fields.domain ||
    !validTime(fields.issuedAt) ||
    !validTime(fields.expirationTime)
  ) {
    return { ok: false, problem: "The proof is not a complete Sign-In with Ethereum message (address, nonce, times)." };
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
  if (fields.chainId !== expected.chainId) {
    return {
      ok: false,
      problem: `The proof was signed for chain ${fields.chainId}, not this page's chain (${expected.chainId}).`,
    };
  }
  const signedAt = Math.floor(fields.issuedAt.getTime() / 1000);
  const expiresAt = Math.floor(fields.expirationTime.getTime() / 1000);
  if (signedAt > now + 300) return { ok: false, problem: "The proof says it was signed in the future." };
  if (expiresAt <= now) {
    return {
      ok: false,
      problem: `The challenge expired on ${fields.expirationTime.toISOString().slice(0, 10)}: send a new one.`,
    };
  }
  let valid: boolean;
  try {
    valid = await verifySiweMessage(client, {
      message: proof.message,
      signature: proof.signature,
      address: getAddress(expected.address),
      domain: host,
      time: new Date(now * 1000),
    });
  } catch (error) {
    return {
      ok: false,
      problem: `The signature could not be checked (${error instanceof Error ? error.message.split("\n")[0] : String(error)}): try again.`,
    };
  }
  // viem answers false, not an error, when a smart wallet's check could not call the chain (a
  // timeout, a rate limit): when the message itself holds, the wallet is asked once more, directly.
  const address = getAddress(expected.address);
  if (!valid && validateSiweMessage({ message: fields, address, domain: host, time: new Date(now * 1000) })) {
    const again = await recheckSignature(client, address, proof);
    if (again === "unchecked") {
      return { ok: false, problem: "The signature could not be checked (the chain's RPC did not answer): try again." };
    }
    valid = again === "valid";
  }
  if (!valid) {
    return {
      ok: false,
      problem: `The signature was not made by ${getAddress(expected.address)}: it does not prove control of the address.`,
    };
  }
  const ours = expected.ours.find(
    (c) =>
      c.nonce === fields.nonce &&
      getAddress(c.address) === getAddress(expected.address) &&
      c.chainId === fields.chainId &&
      signedAt >= c.issuedAt - 300 &&
      expiresAt <= c.issuedAt + CHALLENGE_DAYS * 86_400,
  );
  return { ok: true, address: getAddress(fields.address), signedAt, ours };
}
