/**
 * Claim links: the secrets, the Merkle tree and the link codes, as CredentialClaims checks them.
 *
 * Each link `index` of a round has its own secp256k1 key, derived from the round's seed; the
 * contract stores only the Merkle root of the leaves
 *   leaf = keccak256(keccak256(abi.encode(uint256 index, address key, uint64 validUntil, bytes32 evidenceHash)))
 * (OpenZeppelin's standard leaf), in a tree of sorted pairs (OpenZeppelin's MerkleProof). A link
 * code carries the chain, the round, the index, the key, what the leaf was made with and the
 * proof, so the claim page needs no server.
 *
 * The hashing and key arithmetic go through a `ClaimCrypto`: noble's (pure JavaScript, for the
 * browser) by default; the CLI passes native libsecp256k1 and keccak, about ten times faster.
 */
import { secp256k1 } from "@noble/curves/secp256k1";
import { keccak_256 } from "@noble/hashes/sha3";
import { bytesToHex, hexToBytes, type Address, type Hex } from "viem";

/** The two primitives a round needs; both must match Ethereum's (keccak-256, uncompressed secp256k1 keys). */
export interface ClaimCrypto {
  keccak256(data: Uint8Array): Uint8Array;
  /** The 65-byte uncompressed public key (0x04 ‖ x ‖ y) of a 32-byte private key. */
  publicKey(secret: Uint8Array): Uint8Array;
}

export const nobleCrypto: ClaimCrypto = {
  keccak256: (data) => keccak_256(data),
  publicKey: (secret) => secp256k1.getPublicKey(secret, false),
};

const CURVE_ORDER = secp256k1.CURVE.n;
const KEY_DOMAIN = new TextEncoder().encode("OnChainCert claim link key");

/** A fresh random 32-byte seed for a round (the Web Crypto API, in browsers and Node alike). */
export function newRoundSeed(): Hex {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The private key of link `index`: keccak256(seed ‖ domain ‖ index), hashed again in the
 * (never yet seen) case it is not a valid key. The same seed always gives the same keys, which is
 * what lets an interrupted run resume without changing links already handed out.
 */
export function linkKey(seed: Uint8Array, index: number, crypto: ClaimCrypto = nobleCrypto): Uint8Array {
  return keyFrom(keyInput(seed), index, crypto);
}

/** seed ‖ domain ‖ 4 bytes for the index: the buffer `keyFrom` fills in. */
export function keyInput(seed: Uint8Array): Uint8Array {
  const input = new Uint8Array(seed.length + KEY_DOMAIN.length + 4);
  input.set(seed);
  input.set(KEY_DOMAIN, seed.length);
  return input;
}

/** The key of `index`, reusing a `keyInput` buffer (a round's hot loop). */
export function keyFrom(input: Uint8Array, index: number, crypto: ClaimCrypto): Uint8Array {
  const at = input.length - 4;
  input[at] = index >>> 24;
  input[at + 1] = (index >>> 16) & 255;
  input[at + 2] = (index >>> 8) & 255;
  input[at + 3] = index & 255;
  let key = crypto.keccak256(input);
  while (!isValidKey(key)) key = crypto.keccak256(key);
  return key;
}

/** 0 < key < n. Every key whose first byte is below 0xff is below n; only those need the full check. */
function isValidKey(key: Uint8Array): boolean {
  if (key[0] !== 0xff) return key.some((b) => b !== 0);
  return BigInt(bytesToHex(key)) < CURVE_ORDER;
}

/** The Ethereum address of a private key. */
export function keyAddress(key: Uint8Array, crypto: ClaimCrypto = nobleCrypto): Uint8Array {
  return crypto.keccak256(crypto.publicKey(key).subarray(1)).subarray(12);
}

/** What a leaf commits to, besides its key. */
export interface LinkTerms {
  /** Unix seconds; 0 = the type's default validity, counted from the claim. */
  validUntil: bigint;
  /** 32 bytes; zero for none. */
  evidenceHash: Hex;
}

/** The leaf of link `index` whose key has address `address` (20 bytes). */
export function linkLeaf(
  index: number,
  address: Uint8Array,
  terms: LinkTerms,
  crypto: ClaimCrypto = nobleCrypto,
): Uint8Array {
  return leafInto(
    new Uint8Array(128),
    index,
    address,
    terms.validUntil,
    hexToBytes(terms.evidenceHash, { size: 32 }),
    crypto,
  );
}

/** linkLeaf into a reusable 128-byte buffer, with the evidence as bytes (a round's hot loop). */
export function leafInto(
  encoded: Uint8Array,
  index: number,
  address: Uint8Array,
  validUntil: bigint,
  evidence: Uint8Array,
  crypto: ClaimCrypto,
): Uint8Array {
  // abi.encode of four static values: four 32-byte words, each right-aligned.
  encoded.fill(0, 0, 96);
  encoded[28] = index >>> 24;
  encoded[29] = (index >>> 16) & 255;
  encoded[30] = (index >>> 8) & 255;
  encoded[31] = index & 255;
  encoded.set(address, 44);
  for (let i = 0, v = validUntil; i < 8; i++, v >>= 8n) encoded[95 - i] = Number(v & 255n);
  encoded.set(evidence, 96);
  return crypto.keccak256(crypto.keccak256(encoded));
}

/**
 * A Merkle tree over leaves in index order, as OpenZeppelin's MerkleProof verifies it: each inner
 * node hashes its two children sorted; an odd node at the end of a layer moves up unchanged.
 * Layers are flat byte arrays, 32 bytes per node, so 100,000 leaves stay small and fast.
 */
export class LinkTree {
  readonly layers: Uint8Array[];

  constructor(leaves: Uint8Array, crypto: ClaimCrypto = nobleCrypto) {
    if (leaves.length === 0 || leaves.length % 32 !== 0) throw new Error("A tree needs at least one 32-byte leaf.");
    this.layers = [leaves];
    const pair = new Uint8Array(64);
    for (let layer = leaves; layer.length > 32;) {
      const count = layer.length / 32;
      const next = new Uint8Array(Math.ceil(count / 2) * 32);
      for (let i = 0; i < count; i += 2) {
        if (i + 1 === count) {
          next.set(layer.subarray(i * 32, i * 32 + 32), (i / 2) * 32);
          continue;
        }
        const a = layer.subarray(i * 32, i * 32 + 32);
        const b = layer.subarray(i * 32 + 32, i * 32 + 64);
        const aFirst = compareBytes(a, b) <= 0;
        pair.set(aFirst ? a : b, 0);
        pair.set(aFirst ? b : a, 32);
        next.set(crypto.keccak256(pair), (i / 2) * 32);
      }
      this.layers.push(next);
      layer = next;
    }
  }

  get size(): number {
    return this.layers[0]!.length / 32;
  }

  get root(): Hex {
    return bytesToHex(this.layers[this.layers.length - 1]!);
  }

  /** The sibling hashes from leaf `index` up to the root. */
  proof(index: number): Uint8Array[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new Error(`No leaf ${index}.`);
    const proof: Uint8Array[] = [];
    for (let l = 0, i = index; l < this.layers.length - 1; l++, i >>= 1) {
      const sibling = i ^ 1;
      const layer = this.layers[l]!;
      if (sibling * 32 < layer.length) proof.push(layer.slice(sibling * 32, sibling * 32 + 32));
    }
    return proof;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Verifies a proof the way MerkleProof.verify does (for tests and for the claim page's own check). */
export function verifyLinkProof(
  root: Hex,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  crypto: ClaimCrypto = nobleCrypto,
): boolean {
  let node = leaf;
  const pair = new Uint8Array(64);
  for (const sibling of proof) {
    const nodeFirst = compareBytes(node, sibling) <= 0;
    pair.set(nodeFirst ? node : sibling, 0);
    pair.set(nodeFirst ? sibling : node, 32);
    node = crypto.keccak256(pair);
  }
  return bytesToHex(node) === root.toLowerCase();
}

// ---------------------------------------------------------------------------------- link codes

/** Everything a link carries. */
export interface ClaimLink extends LinkTerms {
  chainId: number;
  roundId: bigint;
  index: number;
  /** The link's private key (32 bytes, hex). Whoever holds it can claim the link once. */
  key: Hex;
  proof: Hex[];
}

const CODE_VERSION = 1;
const MAX_PROOF = 32;

/** The link as URL-safe text (base64url of a compact binary form; about 800 characters for a round of 100,000). */
export function encodeClaimCode(link: ClaimLink): string {
  return encodeClaimCodeBytes(
    link.chainId,
    link.roundId,
    link.index,
    hexToBytes(link.key, { size: 32 }),
    link.validUntil,
    hexToBytes(link.evidenceHash, { size: 32 }),
    link.proof.map((p) => hexToBytes(p, { size: 32 })),
  );
}

/** encodeClaimCode from bytes: what a round of 100,000 links uses, without hex in between. */
export function encodeClaimCodeBytes(
  chainId: number,
  roundId: bigint,
  index: number,
  key: Uint8Array,
  validUntil: bigint,
  evidenceHash: Uint8Array,
  proof: readonly Uint8Array[],
): string {
  const evidence = evidenceHash.some((b) => b !== 0);
  const out = new Uint8Array(1 + 10 * 4 + 32 + 1 + (evidence ? 32 : 0) + 1 + proof.length * 32);
  let at = 0;
  const varint = (value: bigint) => {
    do {
      let byte = Number(value & 0x7fn);
      value >>= 7n;
      if (value > 0n) byte |= 0x80;
      out[at++] = byte;
    } while (value > 0n);
  };
  out[at++] = CODE_VERSION;
  varint(BigInt(chainId));
  varint(roundId);
  varint(BigInt(index));
  out.set(key, at);
  at += 32;
  varint(validUntil);
  out[at++] = evidence ? 1 : 0;
  if (evidence) {
    out.set(evidenceHash, at);
    at += 32;
  }
  out[at++] = proof.length;
  for (const p of proof) {
    out.set(p, at);
    at += 32;
  }
  return toBase64Url(out.subarray(0, at));
}

/** Reads a link code; a sentence when it is not one (cut short in an email, mistyped). */
export function decodeClaimCode(code: string): { link: ClaimLink } | { error: string } {
  const broken = {
    error:
      "This claim link is incomplete or damaged. Open the whole link from the message you received " +
      "(some mail programs cut long links in two), or ask the issuer for a new one.",
  };
  const bytes = fromBase64Url(code.trim());
  if (!bytes || bytes.length < 2) return broken;
  if (bytes[0] !== CODE_VERSION) return { error: "This claim link was made by a newer version of OnChainCert." };
  const reader = { bytes, at: 1 };
  try {
    const chainId = readVarint(reader);
    const roundId = readVarint(reader);
    const index = readVarint(reader);
    const key = readBytes(reader, 32);
    const validUntil = readVarint(reader);
    const flag = readBytes(reader, 1)[0];
    if (flag !== 0 && flag !== 1) return broken;
    const evidenceHash = flag === 1 ? bytesToHex(readBytes(reader, 32)) : (`0x${"0".repeat(64)}` as Hex);
    const proofLength = readBytes(reader, 1)[0]!;
    if (proofLength > MAX_PROOF) return broken;
    const proof: Hex[] = [];
    for (let i = 0; i < proofLength; i++) proof.push(bytesToHex(readBytes(reader, 32)));
    if (reader.at !== bytes.length) return broken;
    if (!isValidKey(key) || chainId > BigInt(Number.MAX_SAFE_INTEGER)) return broken;
    if (roundId === 0n || index > 0xffffffffn || validUntil > 0xffffffffn) return broken;
    return {
      link: {
        chainId: Number(chainId),
        roundId,
        index: Number(index),
        key: bytesToHex(key),
        validUntil,
        evidenceHash,
        proof,
      },
    };
  } catch {
    return broken;
  }
}

/**
 * The claim page URL for a link, under the dApp at `appBase` (e.g. https://app.example). The code
 * goes after `#`: browsers never send a URL's fragment to the server, so the link's secret stays
 * out of the web host's and proxies' logs and out of Referer headers.
 */
export function claimUrl(appBase: string, link: ClaimLink): string {
  return `${claimUrlPrefix(appBase)}${encodeClaimCode(link)}`;
}

/** What comes before a link code in a claim URL. */
export function claimUrlPrefix(appBase: string): string {
  return `${appBase.replace(/\/+$/, "")}/claim#`;
}

/** The dApp's base URL from the registry's credential-page prefix (".../credential/" → "..."). */
export function appBaseFromCredentialBase(externalBaseURI: string): string {
  return externalBaseURI.replace(/\/credential\/?$/, "").replace(/\/+$/, "");
}

/** The address a link's key controls (what its leaf commits to). */
export function linkKeyAddress(link: ClaimLink, crypto: ClaimCrypto = nobleCrypto): Address {
  return bytesToHex(keyAddress(hexToBytes(link.key), crypto)) as Address;
}

function readVarint(reader: { bytes: Uint8Array; at: number }): bigint {
  let value = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    const byte = reader.bytes[reader.at++];
    if (byte === undefined) throw new Error("short");
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return value;
  }
  throw new Error("long");
}

function readBytes(reader: { bytes: Uint8Array; at: number }, length: number): Uint8Array {
  if (reader.at + length > reader.bytes.length) throw new Error("short");
  const out = reader.bytes.slice(reader.at, reader.at + length);
  reader.at += length;
  return out;
}

/** base64url without padding: Node's Buffer where there is one (much faster), else the browser's btoa. */
export function toBase64Url(bytes: Uint8Array): string {
  const NodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(encoding: string): string } } })
    .Buffer;
  if (NodeBuffer) return NodeBuffer.from(bytes).toString("base64url");
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice(0, (4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
