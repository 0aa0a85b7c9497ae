import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import {
  ADMIN_DELAY,
  DAY,
  YEAR,
  IssuerStatus,
  Kind,
  Reason,
  Status,
  deployRegistry,
  registryWithType,
  typeInput,
} from "./helpers/fixtures";

const ZERO = ethers.ZeroAddress;
const NO_EVIDENCE = ethers.ZeroHash;

async function fixture() {
  const d = await registryWithType();
  const [alice, bob, carol, dave] = d.holders;
  return { ...d, alice, bob, carol, dave };
}

/** Fixture with a stack: types 1..3 are components, type 4 = "2 of 3" stack, all issuerA's. */
async function stackFixture() {
  const d = await fixture();
  const r = d.registry.connect(d.issuerA);
  await r.createCredentialType(typeInput({ name: "Networking", kind: Kind.Badge }));
  await r.createCredentialType(typeInput({ name: "Security", kind: Kind.SkillCertification }));
  await r.createCredentialType(
    typeInput({ name: "Cloud Engineer", components: [1, 2, 3], requiredComponents: 2, validityPeriod: 0 }),
  );
  return { ...d, stackTypeId: 4n };
}

async function latest(): Promise<bigint> {
  return BigInt(await time.latest());
}

describe("CredentialRegistry", function () {
  describe("deployment", function () {
    it("sets name, symbol, admin, base URI and renderer", async function () {
      const { registry, renderer, admin } = await loadFixture(deployRegistry);
      expect(await registry.name()).to.equal("OnChainCert Credential");
      expect(await registry.symbol()).to.equal("OCC");
      expect(await registry.defaultAdmin()).to.equal(admin.address);
      expect(await registry.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      expect(await registry.externalBaseURI()).to.equal("https://app.example/credential/");
      expect(await registry.renderer()).to.equal(await renderer.getAddress());
      expect(await registry.typeCount()).to.equal(0);
      expect(await registry.totalIssued()).to.equal(0);
    });

    it("answers ERC-165 for ERC-721, metadata, ERC-5192, ERC-4906 and AccessControl", async function () {
      const { registry } = await loadFixture(deployRegistry);
      for (const id of [
        "0x01ffc9a7",
        "0x80ac58cd",
        "0x5b5e139f",
        "0xb45a3c0e",
        "0x49064906",
        "0x7965db0b",
        "0x31498786",
      ]) {
        expect(await registry.supportsInterface(id), id).to.equal(true);
      }
      expect(await registry.supportsInterface("0x780e9d63")).to.equal(false); // not Enumerable
      expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("registerIssuer", function () {
    it("stores the profile and emits IssuerRegistered", async function () {
      const { registry, admin, stranger } = await loadFixture(deployRegistry);
      await expect(registry.connect(admin).registerIssuer(stranger.address, "Org", "https://org.example"))
        .to.emit(registry, "IssuerRegistered")
        .withArgs(stranger.address, "Org", "https://org.example");
      const p = await registry.issuer(stranger.address);
      expect(p.status).to.equal(IssuerStatus.Active);
      expect(p.name).to.equal("Org");
      expect(p.url).to.equal("https://org.example");
      expect(p.registeredAt).to.equal(await latest());
      expect(await registry.issuers()).to.deep.equal([stranger.address]);
    });

    it("reverts for anyone but the admin", async function () {
      const { registry, issuerA, stranger } = await loadFixture(fixture);
      await expect(registry.connect(issuerA).registerIssuer(stranger.address, "X", ""))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(issuerA.address, ethers.ZeroHash);
    });

    it("reverts for the zero address, a registered account and bad profile lengths", async function () {
      const { registry, admin, issuerA, stranger } = await loadFixture(fixture);
      const r = registry.connect(admin);
      await expect(r.registerIssuer(ZERO, "X", ""))
        .to.be.revertedWithCustomError(registry, "IssuerInvalidAccount")
        .withArgs(ZERO);
      await expect(r.registerIssuer(issuerA.address, "X", ""))
        .to.be.revertedWithCustomError(registry, "IssuerAlreadyRegistered")
        .withArgs(issuerA.address);
      await expect(r.registerIssuer(stranger.address, "", ""))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("name", 0, 96);
      await expect(r.registerIssuer(stranger.address, "n".repeat(97), ""))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("name", 97, 96);
      await expect(r.registerIssuer(stranger.address, "ok", "u".repeat(257)))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("url", 257, 256);
    });
  });

  describe("suspendIssuer and reinstateIssuer", function () {
    it("suspends: no more issuing, earlier credentials stay valid and name their issuer", async function () {
      const { registry, admin, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(admin).suspendIssuer(issuerA.address))
        .to.emit(registry, "IssuerSuspended")
        .withArgs(issuerA.address);
      const p = await registry.issuer(issuerA.address);
      expect(p.status).to.equal(IssuerStatus.Suspended);
      expect(p.suspendedAt).to.equal(await latest());

      const c = await registry.verify(1);
      expect(c.status).to.equal(Status.Valid);
      expect(c.issuer).to.equal(issuerA.address);
      expect(c.issuerName).to.equal("Acme Training");

      await expect(registry.connect(issuerA).issue(1, bob.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerA.address);
      await expect(registry.connect(issuerA).createCredentialType(typeInput()))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerA.address);
      expect(await registry.canIssue(1, issuerA.address)).to.equal(false);
    });

    it("enforces suspension exactly, whoever was suspended before (owner epoch cache)", async function () {
      const { registry, admin, issuerA, issuerB, alice, bob, carol } = await loadFixture(fixture);
      await registry.connect(issuerB).createCredentialType(typeInput({ name: "B's type" })); // type 2
      await registry.connect(issuerA).setTypeDelegate(1, issuerB.address, true);
      // Suspending B makes every type re-check its owner once; A's type stays issuable.
      await registry.connect(admin).suspendIssuer(issuerB.address);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(issuerB).issue(2, alice.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerB.address);
      // Type 1 has now seen its owner active at the current epoch; suspending A must still bite.
      await registry.connect(admin).suspendIssuer(issuerA.address);
      await expect(registry.connect(issuerA).issue(1, bob.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerA.address);
      await expect(registry.connect(issuerA).renew(1, 0))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerA.address);
      // Reinstating B does not revive A; reinstating A does.
      await registry.connect(admin).reinstateIssuer(issuerB.address);
      await expect(registry.connect(issuerB).issue(1, bob.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerA.address);
      await registry.connect(admin).reinstateIssuer(issuerA.address);
      await registry.connect(issuerB).issue(1, bob.address, 0, NO_EVIDENCE);
      await registry.connect(issuerA).issue(1, carol.address, 0, NO_EVIDENCE);
      // A type handed over checks its new owner from then on.
      await registry.connect(issuerA).transferTypeOwnership(1, issuerB.address);
      await registry.connect(admin).suspendIssuer(issuerB.address);
      await expect(registry.connect(issuerA).issue(1, issuerA.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerA.address);
      await expect(registry.connect(issuerB).issue(1, issuerA.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerB.address);
    });

    it("reinstates a suspended issuer", async function () {
      const { registry, admin, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(admin).suspendIssuer(issuerA.address);
      await expect(registry.connect(admin).reinstateIssuer(issuerA.address))
        .to.emit(registry, "IssuerReinstated")
        .withArgs(issuerA.address);
      const p = await registry.issuer(issuerA.address);
      expect(p.status).to.equal(IssuerStatus.Active);
      expect(p.suspendedAt).to.equal(0);
      await expect(registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE)).to.emit(registry, "Transfer");
    });

    it("reverts for the wrong state and for anyone but the admin", async function () {
      const { registry, admin, issuerA, stranger } = await loadFixture(fixture);
      await expect(registry.connect(admin).suspendIssuer(stranger.address))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(stranger.address);
      await expect(registry.connect(admin).reinstateIssuer(issuerA.address))
        .to.be.revertedWithCustomError(registry, "IssuerNotSuspended")
        .withArgs(issuerA.address);
      await expect(registry.connect(issuerA).suspendIssuer(issuerA.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(issuerA.address, ethers.ZeroHash);
      await expect(registry.connect(stranger).reinstateIssuer(issuerA.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, ethers.ZeroHash);
    });
  });

  describe("updateIssuerProfile", function () {
    it("lets an active issuer change its own profile and signals a metadata refresh", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(issuerA).updateIssuerProfile("Acme Academy", "https://academy.example"))
        .to.emit(registry, "IssuerProfileUpdated")
        .withArgs(issuerA.address, "Acme Academy", "https://academy.example")
        .and.to.emit(registry, "BatchMetadataUpdate")
        .withArgs(1, 1);
      expect((await registry.issuer(issuerA.address)).name).to.equal("Acme Academy");
    });

    it("reverts for accounts that are not active issuers", async function () {
      const { registry, stranger } = await loadFixture(fixture);
      await expect(registry.connect(stranger).updateIssuerProfile("X", ""))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(stranger.address);
    });
  });

  describe("setExternalBaseURI and setRenderer", function () {
    it("are admin-only and emit their events", async function () {
      const { registry, admin, stranger, alice, issuerA } = await loadFixture(fixture);
      await expect(registry.connect(admin).setExternalBaseURI("https://x.example/c/"))
        .to.emit(registry, "ExternalBaseURIUpdated")
        .withArgs("https://x.example/c/")
        .and.not.to.emit(registry, "BatchMetadataUpdate");
      expect(await registry.externalBaseURI()).to.equal("https://x.example/c/");
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(admin).setRenderer(stranger.address))
        .to.emit(registry, "RendererUpdated")
        .withArgs(stranger.address)
        .and.to.emit(registry, "BatchMetadataUpdate")
        .withArgs(1, 1);
      expect(await registry.renderer()).to.equal(stranger.address);

      await expect(registry.connect(stranger).setExternalBaseURI("x"))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, ethers.ZeroHash);
      await expect(registry.connect(stranger).setRenderer(stranger.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, ethers.ZeroHash);
      await expect(registry.connect(admin).setExternalBaseURI("u".repeat(257)))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("baseURI", 257, 256);
    });
  });

  describe("admin transfer", function () {
    it("takes two steps and the delay (AccessControlDefaultAdminRules)", async function () {
      const { registry, admin, stranger } = await loadFixture(deployRegistry);
      await registry.connect(admin).beginDefaultAdminTransfer(stranger.address);
      const [pending, schedule] = await registry.pendingDefaultAdmin();
      expect(pending).to.equal(stranger.address);
      await expect(registry.connect(stranger).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
        .withArgs(schedule);
      await time.increaseTo(schedule + 1n);
      await registry.connect(stranger).acceptDefaultAdminTransfer();
      expect(await registry.defaultAdmin()).to.equal(stranger.address);
    });
  });

  describe("createCredentialType", function () {
    it("stores every field and emits CredentialTypeCreated", async function () {
      const { registry, issuerB } = await loadFixture(fixture);
      const input = typeInput({
        name: "Safeguarding CPD",
        description: "Annual refresher",
        kind: Kind.ProfessionalDevelopmentCredit,
        credits: 150,
        validityPeriod: 2 * YEAR,
        criteriaURL: "https://nw.example/criteria",
        imageURL: "ipfs://bafy",
      });
      await expect(registry.connect(issuerB).createCredentialType(input))
        .to.emit(registry, "CredentialTypeCreated")
        .withArgs(2, issuerB.address, Kind.ProfessionalDevelopmentCredit, "Safeguarding CPD");
      const t = await registry.credentialType(2);
      expect(t.typeId).to.equal(2);
      expect(t.issuer).to.equal(issuerB.address);
      expect(t.kind).to.equal(Kind.ProfessionalDevelopmentCredit);
      expect(t.credits).to.equal(150);
      expect(t.validityPeriod).to.equal(2 * YEAR);
      expect(t.retired).to.equal(false);
      expect(t.successorTypeId).to.equal(0);
      expect(t.createdAt).to.equal(await latest());
      expect(t.name).to.equal("Safeguarding CPD");
      expect(t.description).to.equal("Annual refresher");
      expect(t.criteriaURL).to.equal("https://nw.example/criteria");
      expect(t.imageURL).to.equal("ipfs://bafy");
      expect(t.components).to.deep.equal([]);
      expect(t.requiredComponents).to.equal(0);
      expect(await registry.typeCount()).to.equal(2);
    });

    it("reverts for non-issuers, a bad kind and bad string lengths", async function () {
      const { registry, issuerA, stranger } = await loadFixture(fixture);
      await expect(registry.connect(stranger).createCredentialType(typeInput()))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(stranger.address);
      const r = registry.connect(issuerA);
      await expect(r.createCredentialType(typeInput({ kind: 4 })))
        .to.be.revertedWithCustomError(registry, "TypeKindInvalid")
        .withArgs(4);
      await expect(r.createCredentialType(typeInput({ name: "" })))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("name", 0, 96);
      await expect(r.createCredentialType(typeInput({ description: "d".repeat(1001) })))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("description", 1001, 1000);
      await expect(r.createCredentialType(typeInput({ criteriaURL: "c".repeat(257) })))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("criteriaURL", 257, 256);
      await expect(r.createCredentialType(typeInput({ imageURL: "i".repeat(257) })))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("imageURL", 257, 256);
    });

    it("accepts a valid N-of-M stack and rejects broken stack rules", async function () {
      const { registry, issuerA } = await loadFixture(stackFixture);
      const t = await registry.credentialType(4);
      expect(t.components).to.deep.equal([1n, 2n, 3n]);
      expect(t.requiredComponents).to.equal(2);
      const r = registry.connect(issuerA);
      const bad = async (components: number[], required: number) =>
        r.createCredentialType(typeInput({ components, requiredComponents: required }));
      await expect(bad([1, 2], 0))
        .to.be.revertedWithCustomError(registry, "StackRuleInvalid")
        .withArgs(0, 2);
      await expect(bad([], 1)).to.be.revertedWithCustomError(registry, "StackRuleInvalid").withArgs(1, 0);
      await expect(bad([1, 2], 3))
        .to.be.revertedWithCustomError(registry, "StackRuleInvalid")
        .withArgs(3, 2);
      const seventeen = Array.from({ length: 17 }, () => 1);
      await expect(bad(seventeen, 1)).to.be.revertedWithCustomError(registry, "StackRuleInvalid").withArgs(1, 17);
      await expect(bad([1, 0], 1))
        .to.be.revertedWithCustomError(registry, "StackComponentInvalid")
        .withArgs(0);
      await expect(bad([1, 99], 1))
        .to.be.revertedWithCustomError(registry, "StackComponentInvalid")
        .withArgs(99);
      await expect(bad([1, 5], 1))
        .to.be.revertedWithCustomError(registry, "StackComponentInvalid")
        .withArgs(5); // itself
      await expect(bad([1, 4], 1))
        .to.be.revertedWithCustomError(registry, "StackComponentInvalid")
        .withArgs(4); // a stack
      await expect(bad([2, 2], 1))
        .to.be.revertedWithCustomError(registry, "StackComponentInvalid")
        .withArgs(2);
    });
  });

  describe("setTypeDelegate", function () {
    it("lets the owner authorise and de-authorise another active issuer", async function () {
      const { registry, issuerA, issuerB, alice } = await loadFixture(fixture);
      await expect(registry.connect(issuerA).setTypeDelegate(1, issuerB.address, true))
        .to.emit(registry, "TypeDelegateSet")
        .withArgs(1, issuerB.address, true);
      expect(await registry.isTypeDelegate(1, issuerB.address)).to.equal(true);
      expect(await registry.canIssue(1, issuerB.address)).to.equal(true);
      await registry.connect(issuerB).issue(1, alice.address, 0, NO_EVIDENCE);
      await registry.connect(issuerA).setTypeDelegate(1, issuerB.address, false);
      expect(await registry.canIssue(1, issuerB.address)).to.equal(false);
      await expect(registry.connect(issuerB).revoke(1, Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
    });

    it("stops a delegate when the delegate or the type owner is suspended", async function () {
      const { registry, admin, issuerA, issuerB, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).setTypeDelegate(1, issuerB.address, true);
      await registry.connect(admin).suspendIssuer(issuerA.address);
      await expect(registry.connect(issuerB).issue(1, alice.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerA.address);
      expect(await registry.canIssue(1, issuerB.address)).to.equal(false);
      await registry.connect(admin).reinstateIssuer(issuerA.address);
      await registry.connect(admin).suspendIssuer(issuerB.address);
      await expect(registry.connect(issuerB).issue(1, alice.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerB.address);
    });

    it("reverts for non-owners, unknown types and inactive delegates", async function () {
      const { registry, issuerA, issuerB, stranger } = await loadFixture(fixture);
      await expect(registry.connect(issuerB).setTypeDelegate(1, issuerB.address, true))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
      await expect(registry.connect(issuerA).setTypeDelegate(9, issuerB.address, true))
        .to.be.revertedWithCustomError(registry, "TypeUnknown")
        .withArgs(9);
      await expect(registry.connect(issuerA).setTypeDelegate(1, stranger.address, true))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(stranger.address);
    });
  });

  describe("transferTypeOwnership", function () {
    it("hands the type to another active issuer", async function () {
      const { registry, issuerA, issuerB, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(issuerA).transferTypeOwnership(1, issuerB.address))
        .to.emit(registry, "TypeOwnershipTransferred")
        .withArgs(1, issuerA.address, issuerB.address)
        .and.to.emit(registry, "BatchMetadataUpdate")
        .withArgs(1, 1);
      expect((await registry.credentialType(1)).issuer).to.equal(issuerB.address);
      expect(await registry.canIssue(1, issuerA.address)).to.equal(false);
      expect(await registry.canIssue(1, issuerB.address)).to.equal(true);
    });

    it("reverts for non-owners and inactive recipients", async function () {
      const { registry, issuerA, issuerB, stranger } = await loadFixture(fixture);
      await expect(registry.connect(issuerB).transferTypeOwnership(1, issuerB.address))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
      await expect(registry.connect(issuerA).transferTypeOwnership(1, stranger.address))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(stranger.address);
    });
  });

  describe("retireCredentialType", function () {
    it("stops new issuance, keeps existing credentials valid and names a successor", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await registry.connect(issuerA).createCredentialType(typeInput({ name: "Cloud Fundamentals 2027" }));
      await expect(registry.connect(issuerA).retireCredentialType(1, 2))
        .to.emit(registry, "CredentialTypeRetired")
        .withArgs(1, 2);
      const t = await registry.credentialType(1);
      expect(t.retired).to.equal(true);
      expect(t.successorTypeId).to.equal(2);
      expect((await registry.verify(1)).status).to.equal(Status.Valid);
      await expect(registry.connect(issuerA).issue(1, bob.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "TypeRetired")
        .withArgs(1);
      expect(await registry.canIssue(1, issuerA.address)).to.equal(false);
      await expect(registry.connect(issuerA).retireCredentialType(1, 0))
        .to.be.revertedWithCustomError(registry, "TypeRetired")
        .withArgs(1);
    });

    it("rejects a bad successor and non-owners", async function () {
      const { registry, issuerA, issuerB } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await expect(r.retireCredentialType(1, 1))
        .to.be.revertedWithCustomError(registry, "TypeSuccessorInvalid")
        .withArgs(1);
      await expect(r.retireCredentialType(1, 7))
        .to.be.revertedWithCustomError(registry, "TypeSuccessorInvalid")
        .withArgs(7);
      await r.createCredentialType(typeInput());
      await r.retireCredentialType(2, 0);
      await expect(r.retireCredentialType(1, 2))
        .to.be.revertedWithCustomError(registry, "TypeSuccessorInvalid")
        .withArgs(2);
      await expect(registry.connect(issuerB).retireCredentialType(1, 0))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
    });
  });

  describe("issue", function () {
    it("mints a locked credential with the type's default validity", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      const evidence = ethers.keccak256(ethers.toUtf8Bytes("assessment-42"));
      const tx = registry.connect(issuerA).issue(1, alice.address, 0, evidence);
      await expect(tx).to.emit(registry, "Transfer").withArgs(ZERO, alice.address, 1);
      await expect(tx).to.emit(registry, "Locked").withArgs(1);
      // Only batches emit CredentialsIssued; a single mint is its Transfer (see docs/contracts.md).
      await expect(tx).not.to.emit(registry, "CredentialsIssued");
      const now = await latest();
      expect(await registry.ownerOf(1)).to.equal(alice.address);
      expect(await registry.balanceOf(alice.address)).to.equal(1);
      expect(await registry.locked(1)).to.equal(true);
      expect(await registry.totalIssued()).to.equal(1);
      const c = await registry.verify(1);
      expect(c.status).to.equal(Status.Valid);
      expect(c.holder).to.equal(alice.address);
      expect(c.typeId).to.equal(1);
      expect(c.typeName).to.equal("Cloud Fundamentals");
      expect(c.kind).to.equal(Kind.Certificate);
      expect(c.issuer).to.equal(issuerA.address);
      expect(c.issuerName).to.equal("Acme Training");
      expect(c.issuedAt).to.equal(now);
      expect(c.validUntil).to.equal(now + BigInt(YEAR));
      expect(c.revokedAt).to.equal(0);
      expect(c.revocationReason).to.equal(0);
      expect(c.evidenceHash).to.equal(evidence);
      expect(c.components).to.deep.equal([]);
      expect(await registry.hasValidCredential(alice.address, 1)).to.equal(true);
    });

    it("takes an explicit expiry, and a type without validity issues non-expiring credentials", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      const until = (await latest()) + 1000n;
      await registry.connect(issuerA).issue(1, alice.address, until, NO_EVIDENCE);
      expect((await registry.verify(1)).validUntil).to.equal(until);
      await registry.connect(issuerA).createCredentialType(typeInput({ validityPeriod: 0 }));
      await registry.connect(issuerA).issue(2, bob.address, 0, NO_EVIDENCE);
      expect((await registry.verify(2)).validUntil).to.equal(0);
    });

    it("refuses a second valid credential of the same type, but allows one after revocation", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(r.issue(1, alice.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
        .withArgs(alice.address, 1, 1);
      await r.revoke(1, Reason.IssuedInError, "");
      await expect(r.issue(1, alice.address, 0, NO_EVIDENCE))
        .to.emit(registry, "Transfer")
        .withArgs(ZERO, alice.address, 2);
    });

    it("allows a new credential once the old one expired", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, (await latest()) + 100n, NO_EVIDENCE);
      await time.increase(101);
      expect((await registry.verify(1)).status).to.equal(Status.Expired);
      await expect(r.issue(1, alice.address, 0, NO_EVIDENCE))
        .to.emit(registry, "Transfer")
        .withArgs(ZERO, alice.address, 2);
    });

    it("reverts for the zero address, past or oversized expiry, unknown, stack and unauthorised", async function () {
      const { registry, issuerA, issuerB, alice } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await expect(r.issue(1, ZERO, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidReceiver")
        .withArgs(ZERO);
      const now = await latest();
      await expect(r.issue(1, alice.address, now, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "CredentialExpiryInvalid")
        .withArgs(now);
      await expect(r.issue(1, alice.address, 2n ** 32n, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "CredentialExpiryInvalid")
        .withArgs(2n ** 32n);
      await expect(r.issue(42, alice.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "TypeUnknown")
        .withArgs(42);
      await expect(r.issue(4, alice.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "TypeIsStack")
        .withArgs(4);
      await expect(registry.connect(issuerB).issue(1, alice.address, 0, NO_EVIDENCE))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
    });

    it("reverts when the type's default period runs past 2106", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).createCredentialType(typeInput({ validityPeriod: 2 ** 32 - 1 }));
      await expect(registry.connect(issuerA).issue(2, alice.address, 0, NO_EVIDENCE)).to.be.revertedWithCustomError(
        registry,
        "CredentialExpiryInvalid",
      );
    });
  });

  describe("issueBatch", function () {
    it("issues consecutive ids with per-credential expiry and evidence", async function () {
      const { registry, issuerA, alice, bob, carol } = await loadFixture(fixture);
      const now = await latest();
      const until = [now + 1000n, 0n, now + 3000n];
      const evidence = [ethers.id("a"), NO_EVIDENCE, ethers.id("c")];
      const tx = registry.connect(issuerA).issueBatch(1, [alice.address, bob.address, carol.address], until, evidence);
      await expect(tx).to.emit(registry, "CredentialsIssued").withArgs(1, issuerA.address, 1, 3);
      await expect(tx).to.emit(registry, "Transfer").withArgs(ZERO, carol.address, 3);
      await expect(tx).to.emit(registry, "Locked").withArgs(2);
      expect((await registry.verify(1)).validUntil).to.equal(until[0]);
      expect((await registry.verify(2)).validUntil).to.equal((await latest()) + BigInt(YEAR));
      expect((await registry.verify(3)).validUntil).to.equal(until[2]);
      expect((await registry.verify(1)).evidenceHash).to.equal(evidence[0]);
      expect((await registry.verify(2)).evidenceHash).to.equal(NO_EVIDENCE);
      expect(await registry.totalIssued()).to.equal(3);
    });

    it("reverts whole for an empty or oversized batch, mismatched arrays, or one bad row", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await expect(r.issueBatch(1, [], [], []))
        .to.be.revertedWithCustomError(registry, "BatchSizeInvalid")
        .withArgs(0, 320);
      const many = Array.from({ length: 321 }, (_, i) => ethers.getAddress(ethers.toBeHex(i + 1, 20)));
      await expect(r.issueBatch(1, many, [], []))
        .to.be.revertedWithCustomError(registry, "BatchSizeInvalid")
        .withArgs(321, 320);
      await expect(r.issueBatch(1, [alice.address], [0, 0], []))
        .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
        .withArgs(1, 2);
      await expect(r.issueBatch(1, [alice.address, bob.address], [], [NO_EVIDENCE]))
        .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
        .withArgs(2, 1);
      await expect(r.issueBatch(1, [alice.address, bob.address, alice.address], [], []))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
        .withArgs(alice.address, 1, 1);
      await expect(r.issueBatch(1, [alice.address, ZERO], [], []))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidReceiver")
        .withArgs(ZERO);
      expect(await registry.totalIssued()).to.equal(0);
      expect(await registry.balanceOf(alice.address)).to.equal(0);
    });

    it("fits MAX_BATCH_SIZE new holders under EIP-7825's per-transaction cap", async function () {
      if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) this.skip();
      const { registry, issuerA } = await loadFixture(fixture);
      const recipients = Array.from({ length: 320 }, (_, i) => ethers.getAddress(ethers.toBeHex(0x1000 + i, 20)));
      const receipt = await (await registry.connect(issuerA).issueBatch(1, recipients, [], [])).wait();
      expect(receipt!.gasUsed).to.be.lessThan(16_777_216n);
      expect(await registry.totalIssued()).to.equal(320);
    });
  });

  describe("renew", function () {
    it("sets a new expiry in place and signals a metadata update", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, (await latest()) + 50n, NO_EVIDENCE);
      await time.increase(100);
      expect((await registry.verify(1)).status).to.equal(Status.Expired);
      const until = (await latest()) + BigInt(2 * YEAR);
      await expect(registry.connect(issuerA).renew(1, until))
        .to.emit(registry, "CredentialRenewed")
        .withArgs(1, issuerA.address, until)
        .and.to.emit(registry, "MetadataUpdate")
        .withArgs(1);
      const c = await registry.verify(1);
      expect(c.status).to.equal(Status.Valid);
      expect(c.validUntil).to.equal(until);
      expect(await registry.ownerOf(1)).to.equal(alice.address);
      expect(await registry.totalIssued()).to.equal(1);
    });

    it("with 0 applies the type's period from now", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await time.increase(DAY);
      await registry.connect(issuerA).renew(1, 0);
      expect((await registry.verify(1)).validUntil).to.equal((await latest()) + BigInt(YEAR));
    });

    it("reverts for revoked, renounced and unknown credentials, bad expiry and outsiders", async function () {
      const { registry, issuerA, issuerB, alice, bob } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.issueBatch(1, [alice.address, bob.address], [], []);
      await r.revoke(1, Reason.Misconduct, "");
      await expect(r.renew(1, 0)).to.be.revertedWithCustomError(registry, "CredentialAlreadyRevoked").withArgs(1);
      await registry.connect(bob).renounce(2);
      await expect(r.renew(2, 0)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(2);
      await expect(r.renew(3, 0)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(3);
      await r.issue(1, bob.address, 0, NO_EVIDENCE);
      await expect(r.renew(3, 1)).to.be.revertedWithCustomError(registry, "CredentialExpiryInvalid").withArgs(1);
      await expect(registry.connect(issuerB).renew(3, 0))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
    });
  });

  describe("revoke", function () {
    it("keeps the record with when and why, and the credential stops being valid", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      const planned = (await registry.verify(1)).validUntil;
      await expect(registry.connect(issuerA).revoke(1, Reason.Misconduct, "Plagiarised final project"))
        .to.emit(registry, "CredentialRevoked")
        .withArgs(1, issuerA.address, Reason.Misconduct, "Plagiarised final project")
        .and.to.emit(registry, "MetadataUpdate")
        .withArgs(1);
      const c = await registry.verify(1);
      expect(c.status).to.equal(Status.Revoked);
      expect(c.revokedAt).to.equal(await latest());
      expect(c.revocationReason).to.equal(Reason.Misconduct);
      expect(c.revocationNote).to.equal("Plagiarised final project");
      expect(c.validUntil).to.equal(planned);
      expect(c.holder).to.equal(alice.address);
      expect(await registry.ownerOf(1)).to.equal(alice.address);
      expect(await registry.hasValidCredential(alice.address, 1)).to.equal(false);
    });

    it("lets the admin revoke any credential", async function () {
      const { registry, admin, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(admin).revoke(1, Reason.Unspecified, ""))
        .to.emit(registry, "CredentialRevoked")
        .withArgs(1, admin.address, Reason.Unspecified, "");
    });

    it("reverts twice, for bad reasons, long notes, unknown tokens and outsiders", async function () {
      const { registry, issuerA, issuerB, stranger, alice } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(r.revoke(1, 0, ""))
        .to.be.revertedWithCustomError(registry, "RevocationReasonInvalid")
        .withArgs(0);
      await expect(r.revoke(1, 7, ""))
        .to.be.revertedWithCustomError(registry, "RevocationReasonInvalid")
        .withArgs(7);
      await expect(r.revoke(1, Reason.ComponentRevoked, ""))
        .to.be.revertedWithCustomError(registry, "RevocationReasonInvalid")
        .withArgs(255);
      await expect(r.revoke(1, 1, "n".repeat(281)))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("note", 281, 280);
      await expect(r.revoke(2, 1, ""))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(2);
      await expect(registry.connect(issuerB).revoke(1, 1, ""))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
      await expect(registry.connect(stranger).revoke(1, 1, ""))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, stranger.address);
      await r.revoke(1, 1, "");
      await expect(r.revoke(1, 2, ""))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyRevoked")
        .withArgs(1);
    });
  });

  describe("renounce", function () {
    it("removes the credential from the holder; verification shows it as renounced", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).createCredentialType(typeInput({ name: "Other" }));
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await registry.connect(issuerA).issue(2, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(alice).renounce(1))
        .to.emit(registry, "Transfer")
        .withArgs(alice.address, ZERO, 1)
        .and.to.emit(registry, "CredentialRenounced")
        .withArgs(1, alice.address);
      const c = await registry.verify(1);
      expect(c.status).to.equal(Status.Renounced);
      expect(c.holder).to.equal(ZERO);
      expect(c.typeId).to.equal(1);
      expect(await registry.balanceOf(alice.address)).to.equal(1);
      expect((await registry.credentialsOf(alice.address)).map((x) => x.tokenId)).to.deep.equal([2n]);
      await expect(registry.ownerOf(1)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
      await expect(registry.tokenURI(1)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
      expect(await registry.hasValidCredential(alice.address, 1)).to.equal(false);
      // The holder may receive the type again later.
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      expect(await registry.balanceOf(alice.address)).to.equal(2);
    });

    it("reverts for anyone but the holder, and for unknown tokens", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      await expect(registry.connect(bob).renounce(1))
        .to.be.revertedWithCustomError(registry, "ERC721IncorrectOwner")
        .withArgs(bob.address, 1, alice.address);
      await expect(registry.connect(issuerA).renounce(1))
        .to.be.revertedWithCustomError(registry, "ERC721IncorrectOwner")
        .withArgs(issuerA.address, 1, alice.address);
      await expect(registry.connect(alice).renounce(5))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(5);
    });
  });

  describe("claimStack", function () {
    it("mints the stack from the first N valid components and records them", async function () {
      const { registry, issuerA, stranger, alice, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(3, alice.address, 0, NO_EVIDENCE); // token 1: Security
      await r.issue(1, alice.address, 0, NO_EVIDENCE); // token 2: Cloud
      await expect(registry.connect(stranger).claimStack(stackTypeId, alice.address))
        .to.emit(registry, "StackClaimed")
        .withArgs(3, stackTypeId, alice.address, [2, 1])
        .and.to.emit(registry, "Locked")
        .withArgs(3);
      const c = await registry.verify(3);
      expect(c.status).to.equal(Status.Valid);
      expect(c.typeId).to.equal(stackTypeId);
      expect(c.components).to.deep.equal([2n, 1n]);
      expect(c.validUntil).to.equal(0);
      expect(c.issuer).to.equal(issuerA.address);
      expect(await registry.hasValidCredential(alice.address, stackTypeId)).to.equal(true);
    });

    it("reverts with the count of valid components when there are too few", async function () {
      const { registry, issuerA, alice, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, 0, NO_EVIDENCE);
      await r.issue(2, alice.address, (await latest()) + 10n, NO_EVIDENCE);
      await time.increase(20); // the Networking badge expired
      await expect(registry.claimStack(stackTypeId, alice.address))
        .to.be.revertedWithCustomError(registry, "StackRequirementsNotMet")
        .withArgs(alice.address, stackTypeId, 1, 2);
    });

    it("cannot be claimed twice while valid, nor for non-stacks, retired or suspended stacks", async function () {
      const { registry, admin, issuerA, alice, bob, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issueBatch(1, [alice.address, bob.address], [], []);
      await r.issueBatch(2, [alice.address, bob.address], [], []);
      await registry.claimStack(stackTypeId, alice.address);
      await expect(registry.claimStack(stackTypeId, alice.address))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
        .withArgs(alice.address, stackTypeId, 5);
      await expect(registry.claimStack(1, alice.address))
        .to.be.revertedWithCustomError(registry, "TypeNotStack")
        .withArgs(1);
      await expect(registry.claimStack(77, alice.address))
        .to.be.revertedWithCustomError(registry, "TypeUnknown")
        .withArgs(77);
      await expect(registry.claimStack(stackTypeId, ZERO))
        .to.be.revertedWithCustomError(registry, "StackRequirementsNotMet")
        .withArgs(ZERO, stackTypeId, 0, 2);
      await registry.connect(admin).suspendIssuer(issuerA.address);
      await expect(registry.claimStack(stackTypeId, bob.address))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(issuerA.address);
      await registry.connect(admin).reinstateIssuer(issuerA.address);
      await r.retireCredentialType(stackTypeId, 0);
      await expect(registry.claimStack(stackTypeId, bob.address))
        .to.be.revertedWithCustomError(registry, "TypeRetired")
        .withArgs(stackTypeId);
    });

    it("turns Revoked, with the component's reason, when a used component is revoked", async function () {
      const { registry, issuerA, alice, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, 0, NO_EVIDENCE);
      await r.issue(2, alice.address, 0, NO_EVIDENCE);
      await registry.claimStack(stackTypeId, alice.address);
      await expect(r.revoke(2, Reason.Misconduct, "Exam fraud"))
        .to.emit(registry, "MetadataUpdate")
        .withArgs(3); // the stack built on it
      const c = await registry.verify(3);
      expect(c.status).to.equal(Status.Revoked);
      expect(c.revocationReason).to.equal(Reason.ComponentRevoked);
      expect(c.revocationNote).to.equal("Exam fraud");
      expect(c.revokedAt).to.equal(await latest());
      expect(await registry.hasValidCredential(alice.address, stackTypeId)).to.equal(false);
      // With a fresh component the holder may claim the stack again.
      await r.issue(3, alice.address, 0, NO_EVIDENCE);
      await expect(registry.claimStack(stackTypeId, alice.address))
        .to.emit(registry, "StackClaimed")
        .withArgs(5, stackTypeId, alice.address, [1, 4]);
    });

    it("stays valid when a used component merely expires or is renounced", async function () {
      const { registry, issuerA, alice, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, (await latest()) + 100n, NO_EVIDENCE);
      await r.issue(2, alice.address, 0, NO_EVIDENCE);
      await registry.claimStack(stackTypeId, alice.address);
      await time.increase(200);
      await registry.connect(alice).renounce(2);
      expect((await registry.verify(1)).status).to.equal(Status.Expired);
      expect((await registry.verify(3)).status).to.equal(Status.Valid);
    });
  });

  describe("verify, credentialsOf and credentialsOfRange", function () {
    it("returns Unknown for ids never issued", async function () {
      const { registry } = await loadFixture(fixture);
      const c = await registry.verify(123);
      expect(c.tokenId).to.equal(123);
      expect(c.status).to.equal(Status.Unknown);
      expect(c.holder).to.equal(ZERO);
    });

    it("lists every credential of a holder with its status, across the packed index pages", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      for (let i = 0; i < 9; i++) await r.createCredentialType(typeInput({ name: `T${i + 2}` }));
      for (let t = 1; t <= 10; t++) await r.issueBatch(t, [bob.address, alice.address], [], []);
      // Alice holds tokens 2, 4, ..., 20 (inline entries and two pages).
      await r.revoke(4, Reason.Superseded, "");
      await registry.connect(alice).renounce(2); // the last entry moves into the first place
      const list = await registry.credentialsOf(alice.address);
      expect(list.map((c) => c.tokenId)).to.deep.equal([20n, 4n, 6n, 8n, 10n, 12n, 14n, 16n, 18n]);
      expect(list.map((c) => c.status)).to.deep.equal([1n, 3n, 1n, 1n, 1n, 1n, 1n, 1n, 1n]);
      expect(list.every((c) => c.holder === alice.address && c.issuedAt > 0n)).to.equal(true);
      const page = await registry.credentialsOfRange(alice.address, 7, 5);
      expect(page.map((c) => c.tokenId)).to.deep.equal([16n, 18n]);
      expect(await registry.credentialsOfRange(alice.address, 9, 1)).to.deep.equal([]);
      expect(await registry.credentialsOfRange(alice.address, 100, 1)).to.deep.equal([]);
      expect((await registry.verify(16)).issuedAt).to.equal(list[7].issuedAt);
      expect(await registry.balanceOf(alice.address)).to.equal(9);
    });

    it("answers hasValidCredential for other contracts", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, (await latest()) + 10n, NO_EVIDENCE);
      expect(await registry.hasValidCredential(alice.address, 1)).to.equal(true);
      expect(await registry.hasValidCredential(bob.address, 1)).to.equal(false);
      expect(await registry.hasValidCredential(alice.address, 2)).to.equal(false);
      await time.increase(11);
      expect(await registry.hasValidCredential(alice.address, 1)).to.equal(false);
    });

    it("reverts credentialType for unknown ids", async function () {
      const { registry } = await loadFixture(fixture);
      await expect(registry.credentialType(2)).to.be.revertedWithCustomError(registry, "TypeUnknown").withArgs(2);
    });
  });

  describe("soulbound ERC-721 surface", function () {
    it("reverts every transfer and approval path", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      const a = registry.connect(alice);
      await expect(a.transferFrom(alice.address, bob.address, 1))
        .to.be.revertedWithCustomError(registry, "CredentialNonTransferable")
        .withArgs(1);
      await expect(a["safeTransferFrom(address,address,uint256)"](alice.address, bob.address, 1))
        .to.be.revertedWithCustomError(registry, "CredentialNonTransferable")
        .withArgs(1);
      await expect(a["safeTransferFrom(address,address,uint256,bytes)"](alice.address, bob.address, 1, "0x"))
        .to.be.revertedWithCustomError(registry, "CredentialNonTransferable")
        .withArgs(1);
      await expect(a.approve(bob.address, 1))
        .to.be.revertedWithCustomError(registry, "CredentialNonTransferable")
        .withArgs(1);
      await expect(a.setApprovalForAll(bob.address, true))
        .to.be.revertedWithCustomError(registry, "CredentialNonTransferable")
        .withArgs(0);
      expect(await registry.getApproved(1)).to.equal(ZERO);
      expect(await registry.isApprovedForAll(alice.address, bob.address)).to.equal(false);
      expect(await registry.ownerOf(1)).to.equal(alice.address);
    });

    it("reverts reads of nonexistent tokens and of the zero owner", async function () {
      const { registry } = await loadFixture(fixture);
      await expect(registry.ownerOf(1)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
      await expect(registry.locked(1)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
      await expect(registry.getApproved(1))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(1);
      await expect(registry.tokenURI(1)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
      await expect(registry.balanceOf(ZERO))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidOwner")
        .withArgs(ZERO);
    });
  });

  describe("id space", function () {
    /** Finds the storage slot (0..31) that holds `value`, by reading the contract's storage. */
    async function slotHolding(address: string, value: bigint): Promise<number> {
      for (let slot = 0; slot < 32; slot++) {
        if (BigInt(await ethers.provider.getStorage(address, slot)) === value) return slot;
      }
      throw new Error(`no slot holds ${value}`);
    }

    it("reverts with IdSpaceExhausted past 2^24 - 1 types and 2^32 - 1 credentials", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      const address = await registry.getAddress();
      await registry.connect(issuerA).issueBatch(
        1,
        Array.from({ length: 7 }, (_, i) => ethers.toBeHex(0xabc0 + i, 20)),
        [],
        [],
      );
      const tokenSlot = await slotHolding(address, 7n);
      await registry.connect(issuerA).createCredentialType(typeInput());
      await registry.connect(issuerA).createCredentialType(typeInput());
      const typeSlot = await slotHolding(address, 3n);

      await ethers.provider.send("hardhat_setStorageAt", [
        address,
        ethers.toQuantity(typeSlot),
        ethers.toBeHex(2n ** 24n - 1n, 32),
      ]);
      await expect(registry.connect(issuerA).createCredentialType(typeInput())).to.be.revertedWithCustomError(
        registry,
        "IdSpaceExhausted",
      );

      await ethers.provider.send("hardhat_setStorageAt", [
        address,
        ethers.toQuantity(tokenSlot),
        ethers.toBeHex(2n ** 32n - 2n, 32),
      ]);
      await expect(
        registry.connect(issuerA).issueBatch(1, [alice.address, ethers.toBeHex(0xdead, 20)], [], []),
      ).to.be.revertedWithCustomError(registry, "IdSpaceExhausted");
      await registry.connect(issuerA).issue(1, alice.address, 0, NO_EVIDENCE);
      expect(await registry.ownerOf(2n ** 32n - 1n)).to.equal(alice.address);
      expect((await registry.credentialsOf(alice.address))[0].tokenId).to.equal(2n ** 32n - 1n);
    });
  });

  describe("gas regression (counts are deterministic)", function () {
    before(function () {
      // solidity-coverage instruments the bytecode, which changes every gas count.
      if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) this.skip();
    });

    it("issues to new holders at <= 50,000 gas marginal per credential", async function () {
      const { registry, issuerA } = await loadFixture(fixture);
      const addresses = (n: number, from: number) =>
        Array.from({ length: n }, (_, i) => ethers.getAddress(ethers.toBeHex(0x10000 + from + i, 20)));
      await registry.connect(issuerA).issue(1, addresses(1, 9999)[0], 0, NO_EVIDENCE); // counter warm-up
      const g10 = (await (await registry.connect(issuerA).issueBatch(1, addresses(10, 0), [], [])).wait())!.gasUsed;
      const g100 = (await (await registry.connect(issuerA).issueBatch(1, addresses(100, 100), [], [])).wait())!.gasUsed;
      const marginal = (g100 - g10) / 90n;
      expect(marginal).to.be.lessThanOrEqual(50_000n);
    });

    it("issues one credential to a new holder in <= 80,000 gas, and revokes / renews in <= 45,000 / 40,000", async function () {
      const { registry, issuerA } = await loadFixture(fixture);
      const holder = (i: number) => ethers.getAddress(ethers.toBeHex(0x20000 + i, 20));
      await registry.connect(issuerA).issue(1, holder(0), 0, NO_EVIDENCE); // counter warm-up
      const single = (await (await registry.connect(issuerA).issue(1, holder(1), 0, NO_EVIDENCE)).wait())!.gasUsed;
      expect(single).to.be.lessThanOrEqual(80_000n);
      const renew = (await (await registry.connect(issuerA).renew(2, 0)).wait())!.gasUsed;
      expect(renew).to.be.lessThanOrEqual(40_000n);
      const revoke = (await (await registry.connect(issuerA).revoke(2, 2, "")).wait())!.gasUsed;
      expect(revoke).to.be.lessThanOrEqual(45_000n);
    });
  });
});
