import { zeroAddress, zeroHash, type Address } from "viem";
import { CredentialStatus, type Credential } from "@onchaincert/sdk";

let nextId = 1n;

/**
 * A credential as the lens lists it, for tests of the SDK's reading of lists: valid, of `typeId`,
 * from issuer #1 named Northwind, no expiry, issued at `issuedAt`; `over` changes any field.
 */
export function testCredential(
  typeId: number,
  holder: Address,
  issuedAt: number,
  over: Partial<Credential> = {},
): Credential {
  return {
    tokenId: nextId++,
    status: CredentialStatus.Valid,
    holder,
    typeId: BigInt(typeId),
    typeName: `Type ${typeId}`,
    kind: 1,
    credits: 0,
    issuerId: 1n,
    issuer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    issuerName: "Northwind",
    issuerStatus: 1,
    issuerSuspendedAt: 0n,
    delegateIssuerId: 0n,
    delegate: zeroAddress,
    delegateName: "",
    issuedAt: BigInt(issuedAt),
    validUntil: 0n,
    revokedAt: 0n,
    revocationReason: 0,
    revocationNote: "",
    evidenceHash: zeroHash,
    components: [],
    movedTo: 0n,
    movedFrom: 0n,
    ...over,
  };
}
