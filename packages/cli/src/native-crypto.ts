/**
 * The claim-link primitives through native libsecp256k1 and keccak (the `secp256k1` and `keccak`
 * packages load their prebuilt binaries; without one they fall back to JavaScript). Making the
 * keys of a 100,000-link round takes about a tenth of the time noble's pure JavaScript takes on
 * the same machine (docs/claim-links.md), and `test/native-crypto.test.ts` checks both agree.
 */
import createKeccak from "keccak";
import secp256k1 from "secp256k1";
import type { ClaimCrypto } from "@onchaincert/sdk";

export const nativeCrypto: ClaimCrypto = {
  keccak256: (data) =>
    new Uint8Array(
      createKeccak("keccak256")
        .update(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
        .digest(),
    ),
  publicKey: (secret) => secp256k1.publicKeyCreate(secret, false),
};
