import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { issuerNameKey } from "@onchaincert/sdk";
import type { CredentialLens, CredentialRegistry, CredentialRenderer } from "../../typechain-types";
import type { CredentialTypeInputStruct } from "../../typechain-types/contracts/CredentialRegistry";

export const ADMIN_DELAY = 3 * 24 * 60 * 60;
export const DAY = 24 * 60 * 60;
export const YEAR = 365 * DAY;

export enum Kind {
  Badge,
  Certificate,
  SkillCertification,
  ProfessionalDevelopmentCredit,
}

export enum Status {
  Unknown,
  Valid,
  Expired,
  Revoked,
  Renounced,
  Moved,
}

export enum IssuerStatus {
  None,
  Active,
  Suspended,
}

export const Reason = {
  Unspecified: 1,
  IssuedInError: 2,
  Misconduct: 3,
  Superseded: 4,
  RequirementsNotMet: 5,
  HolderRequest: 6,
  KeyCompromised: 254,
  ComponentRevoked: 255,
} as const;

export function typeInput(overrides: Partial<CredentialTypeInputStruct> = {}): CredentialTypeInputStruct {
  return {
    name: "Cloud Fundamentals",
    description: "Can deploy and operate a small service on a public cloud.",
    kind: Kind.Certificate,
    credits: 0,
    validityPeriod: YEAR,
    criteriaURL: "https://example.edu/criteria/cloud",
    imageURL: "",
    components: [],
    requiredComponents: 0,
    ...overrides,
  };
}

export interface Deployed {
  registry: CredentialRegistry;
  lens: CredentialLens;
  renderer: CredentialRenderer;
  admin: HardhatEthersSigner;
  issuerA: HardhatEthersSigner;
  issuerB: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  holders: HardhatEthersSigner[];
}

/** Deploys the renderer and the registry with `admin` as the admin. No issuers yet. */
export async function deployRegistry(): Promise<Deployed> {
  const [admin, issuerA, issuerB, stranger, ...holders] = await ethers.getSigners();
  const renderer = await ethers.deployContract("CredentialRenderer");
  const registry = await ethers.deployContract("CredentialRegistry", [
    admin.address,
    ADMIN_DELAY,
    "OnChainCert Credential",
    "OCC",
    "https://app.example/credential/",
    await renderer.getAddress(),
  ]);
  const lens = await ethers.deployContract("CredentialLens", [await registry.getAddress()]);
  return { registry, lens, renderer, admin, issuerA, issuerB, stranger, holders };
}

/** How long a proposed move waits before it can be accepted (the registry's MOVE_DELAY). */
export const MOVE_DELAY = 3 * DAY;
/** How long an offered type waits before it can be accepted (the registry's HANDOVER_DELAY). */
export const HANDOVER_DELAY = 3 * DAY;

/** Hands type `typeId` from `owner` to issuer `toIssuerId`: offer, HANDOVER_DELAY, `to` accepts. */
export async function handOver(
  registry: CredentialRegistry,
  owner: HardhatEthersSigner,
  typeId: bigint | number,
  toIssuerId: bigint | number,
  to: HardhatEthersSigner,
) {
  await registry.connect(owner).offerType(typeId, toIssuerId);
  await time.increase(HANDOVER_DELAY);
  return registry.connect(to).acceptType(typeId);
}

/** Moves credential `tokenId` to `to`: `proposer` proposes, MOVE_DELAY passes, `to` accepts. */
export async function move(
  registry: CredentialRegistry,
  proposer: HardhatEthersSigner,
  tokenId: bigint | number,
  to: HardhatEthersSigner,
) {
  await registry.connect(proposer).proposeMove(tokenId, to.address);
  await time.increase(MOVE_DELAY);
  return registry.connect(to).acceptMove(tokenId);
}

/**
 * Adds Acme's "Networking" (badge), "Security" (skill certification) and the "Cloud Engineer"
 * stack of any 2 of types 1, "Networking" and "Security", to a registry with type 1; returns
 * the stack's type id (4).
 */
export async function addStackTypes(d: Deployed): Promise<bigint> {
  const r = d.registry.connect(d.issuerA);
  await r.createCredentialType(typeInput({ name: "Networking", kind: Kind.Badge }));
  await r.createCredentialType(typeInput({ name: "Security", kind: Kind.SkillCertification }));
  await r.createCredentialType(
    typeInput({ name: "Cloud Engineer", components: [1, 2, 3], requiredComponents: 2, validityPeriod: 0 }),
  );
  return 4n;
}

/** Registers `account` as an issuer named `name`, with the SDK's name key, as the admin would. */
export async function register(d: Deployed, account: string, name: string, url = "https://issuer.example") {
  return d.registry.connect(d.admin).registerIssuer(account, name, issuerNameKey(name), url);
}

/**
 * A registry with two active issuers, Acme Training (issuer 1, account issuerA) and Northwind
 * University (issuer 2, account issuerB), and one ordinary type (id 1) owned by Acme.
 */
export async function registryWithType() {
  const d = await deployRegistry();
  await register(d, d.issuerA.address, "Acme Training", "https://acme.example");
  await register(d, d.issuerB.address, "Northwind University", "https://nw.example");
  await d.registry.connect(d.issuerA).createCredentialType(typeInput());
  return { ...d, typeId: 1n, acme: 1n, northwind: 2n };
}
