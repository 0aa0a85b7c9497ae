/**
 * Test fixtures (not part of the SDK's API): a credential and a type as the contracts return them,
 * with overrides. Shared by the dApp's unit tests and the Hardhat tests.
 */
import type { Credential, CredentialTypeInfo } from "./credentials";
import { CredentialKind, CredentialStatus } from "./status";

/** A credential as `credentialsOf` returns it, with overrides. */
export function credential(overrides: Partial<Credential> = {}): Credential {
  return {
    tokenId: 1n,
    status: CredentialStatus.Valid,
    holder: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    typeId: 1n,
    typeName: "Cloud Fundamentals",
    kind: CredentialKind.Certificate,
    credits: 0,
    issuerId: 1n,
    issuer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    issuerName: "Northwind Institute of Technology",
    issuerStatus: 1,
    issuerSuspendedAt: 0n,
    delegateIssuerId: 0n,
    delegate: "0x0000000000000000000000000000000000000000",
    delegateName: "",
    issuedAt: 1_767_225_600n, // 2026-01-01
    validUntil: 1_830_297_600n, // 2028-01-01
    revokedAt: 0n,
    revocationReason: 0,
    revocationNote: "",
    evidenceHash: `0x${"00".repeat(32)}`,
    components: [],
    movedTo: 0n,
    movedFrom: 0n,
    ...overrides,
  };
}

export function credentialType(overrides: Partial<CredentialTypeInfo> = {}): CredentialTypeInfo {
  return {
    typeId: 1n,
    ownerIssuerId: 1n,
    owner: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    pendingOwnerIssuerId: 0n,
    handedOver: false,
    kind: CredentialKind.Badge,
    retired: false,
    successorTypeId: 0n,
    credits: 0,
    validityPeriod: 0,
    createdAt: 1_767_225_600n,
    requiredComponents: 0,
    components: [],
    name: "Data Literacy",
    description: "",
    criteriaURL: "",
    imageURL: "",
    ...overrides,
  };
}
