/** Issuing, claiming stacks, renewing, revoking, renouncing and moving credentials. */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { DAY, Kind, Reason, Status, YEAR, move, registryWithType, typeInput, addStackTypes } from "../helpers/fixtures";

const ZERO = ethers.ZeroAddress;
const NONE = ethers.ZeroHash;
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

async function fixture() {
  const d = await registryWithType();
  const [alice, bob, carol, dave, aliceNew] = d.holders;
  return { ...d, alice, bob, carol, dave, aliceNew };
}

/** Types 1..3 are components, type 4 = "2 of 3" stack, all Acme's. */
async function stackFixture() {
  const d = await fixture();
  return { ...d, stackTypeId: await addStackTypes(d) };
}

async function latest(): Promise<bigint> {
  return BigInt(await time.latest());
}

describe("credentials", function () {
  describe("issue", function () {
    it("mints a locked credential with the type's default validity; the owner's issue emits no CredentialsIssued", async function () {
      const { registry, lens, issuerA, alice } = await loadFixture(fixture);
      const evidence = ethers.id("assessment-42");
      const tx = registry.connect(issuerA).issue(1, alice.address, 0, evidence);
      await expect(tx).to.emit(registry, "Transfer").withArgs(ZERO, alice.address, 1);
      await expect(tx).to.emit(registry, "Locked").withArgs(1);
      await expect(tx).not.to.emit(registry, "CredentialsIssued");
      const now = await latest();
      expect([
        await registry.ownerOf(1),
        await registry.balanceOf(alice.address),
        await registry.locked(1),
      ]).to.deep.equal([alice.address, 1n, true]);
      const c = await lens.verify(1);
      expect([c.status, c.holder, c.typeId, c.typeName, c.kind, c.issuerId, c.issuer, c.issuerName]).to.deep.equal([
        BigInt(Status.Valid),
        alice.address,
        1n,
        "Cloud Fundamentals",
        BigInt(Kind.Certificate),
        1n,
        issuerA.address,
        "Acme Training",
      ]);
      expect([c.issuedAt, c.validUntil, c.revokedAt, c.revocationReason, c.evidenceHash]).to.deep.equal([
        now,
        now + BigInt(YEAR),
        0n,
        0n,
        evidence,
      ]);
      expect(await registry.hasValidCredential(alice.address, 1)).to.equal(true);
      expect(await lens.hasValidCredential(alice.address, 1)).to.equal(true);
      expect(await registry.latestCredentialOf(alice.address, 1)).to.equal(1);
    });

    it("takes an explicit expiry; a type without validity issues credentials that never expire", async function () {
      const { registry, lens, issuerA, alice, bob } = await loadFixture(fixture);
      const until = (await latest()) + 1000n;
      await registry.connect(issuerA).issue(1, alice.address, until, NONE);
      expect((await lens.verify(1)).validUntil).to.equal(until);
      await registry.connect(issuerA).createCredentialType(typeInput({ validityPeriod: 0 }));
      await registry.connect(issuerA).issue(2, bob.address, 0, NONE);
      expect((await lens.verify(2)).validUntil).to.equal(0);
    });

    it("keeps one credential per holder and type that is not revoked, renounced or moved", async function () {
      const { registry, issuerA, alice } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, (await latest()) + 100n, NONE); // #1
      await expect(r.issue(1, alice.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
        .withArgs(alice.address, 1, 1);
      await time.increase(101); // expired still counts: renew it
      await expect(r.issue(1, alice.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
        .withArgs(alice.address, 1, 1);
      await r.revoke(1, Reason.IssuedInError, "");
      await expect(r.issue(1, alice.address, 0, NONE))
        .to.emit(registry, "Transfer")
        .withArgs(ZERO, alice.address, 2);
      await registry.connect(alice).renounce(2);
      await expect(r.issue(1, alice.address, 0, NONE))
        .to.emit(registry, "Transfer")
        .withArgs(ZERO, alice.address, 3);
    });

    it("reverts for the zero address, past or oversized expiry, unknown, stack and unauthorised", async function () {
      const { registry, issuerA, issuerB, alice } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await expect(r.issue(1, ZERO, 0, NONE))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidReceiver")
        .withArgs(ZERO);
      const now = await latest();
      await expect(r.issue(1, alice.address, now, NONE))
        .to.be.revertedWithCustomError(registry, "CredentialExpiryInvalid")
        .withArgs(now);
      await expect(r.issue(1, alice.address, 2n ** 32n, NONE))
        .to.be.revertedWithCustomError(registry, "CredentialExpiryInvalid")
        .withArgs(2n ** 32n);
      await expect(r.issue(42, alice.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "TypeUnknown")
        .withArgs(42);
      await expect(r.issue(4, alice.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "TypeIsStack")
        .withArgs(4);
      await expect(registry.connect(issuerB).issue(1, alice.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
    });
  });

  describe("issueBatch", function () {
    it("issues consecutive ids with per-credential expiry and evidence, naming the issuer and the actor", async function () {
      const { registry, lens, issuerA, alice, bob, carol } = await loadFixture(fixture);
      const now = await latest();
      const until = [now + 1000n, 0n, now + 3000n];
      const evidence = [ethers.id("a"), NONE, ethers.id("c")];
      const tx = registry.connect(issuerA).issueBatch(1, [alice.address, bob.address, carol.address], until, evidence);
      await expect(tx).to.emit(registry, "CredentialsIssued").withArgs(1, 1, issuerA.address, 1, 3);
      await expect(tx).to.emit(registry, "Transfer").withArgs(ZERO, carol.address, 3);
      await expect(tx).to.emit(registry, "Locked").withArgs(2);
      const [c1, c2, c3] = await Promise.all([1, 2, 3].map((id) => lens.verify(id)));
      expect([c1.validUntil, c2.validUntil, c3.validUntil]).to.deep.equal([
        until[0],
        (await latest()) + BigInt(YEAR),
        until[2],
      ]);
      expect([c1.evidenceHash, c2.evidenceHash, c3.evidenceHash]).to.deep.equal(evidence);
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
      await expect(r.issueBatch(1, [alice.address, bob.address], [], [NONE]))
        .to.be.revertedWithCustomError(registry, "BatchLengthMismatch")
        .withArgs(2, 1);
      await expect(r.issueBatch(1, [alice.address, bob.address, alice.address], [], []))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
        .withArgs(alice.address, 1, 1);
      await expect(r.issueBatch(1, [alice.address, ZERO], [], []))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidReceiver")
        .withArgs(ZERO);
      expect([await registry.totalIssued(), await registry.balanceOf(alice.address)]).to.deep.equal([0n, 0n]);
    });

    it("fits MAX_BATCH_SIZE new holders under EIP-7825's per-transaction cap", async function () {
      if (coverage) this.skip();
      const { registry, issuerA } = await loadFixture(fixture);
      const recipients = Array.from({ length: 320 }, (_, i) => ethers.getAddress(ethers.toBeHex(0x1000 + i, 20)));
      const receipt = await (await registry.connect(issuerA).issueBatch(1, recipients, [], [])).wait();
      expect(receipt!.gasUsed).to.be.lessThan(16_777_216n);
    });
  });

  describe("claimStack", function () {
    it("mints the stack from the holder's first N valid component credentials and records them", async function () {
      const { registry, lens, issuerA, stranger, alice, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(3, alice.address, 0, NONE); // #1 Security
      await r.issue(1, alice.address, 0, NONE); // #2 Cloud
      await expect(registry.connect(stranger).claimStack(stackTypeId, alice.address))
        .to.emit(registry, "StackClaimed")
        .withArgs(3, stackTypeId, alice.address, [2, 1])
        .and.to.emit(registry, "Locked")
        .withArgs(3);
      const c = await lens.verify(3);
      expect([c.status, c.typeId, c.components, c.validUntil, c.issuerId]).to.deep.equal([
        BigInt(Status.Valid),
        stackTypeId,
        [2n, 1n],
        0n,
        1n,
      ]);
    });

    it("counts only valid components, and refuses a second stack while the first stands", async function () {
      const { registry, admin, issuerA, alice, bob, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, 0, NONE);
      await r.issue(2, alice.address, (await latest()) + 10n, NONE);
      await time.increase(20); // the Networking badge expired
      await expect(registry.claimStack(stackTypeId, alice.address))
        .to.be.revertedWithCustomError(registry, "StackRequirementsNotMet")
        .withArgs(alice.address, stackTypeId, 1, 2);
      await r.renew(2, 0);
      await registry.claimStack(stackTypeId, alice.address); // #3
      await expect(registry.claimStack(stackTypeId, alice.address))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
        .withArgs(alice.address, stackTypeId, 3);
      await expect(registry.claimStack(1, alice.address))
        .to.be.revertedWithCustomError(registry, "TypeNotStack")
        .withArgs(1);
      await expect(registry.claimStack(77, alice.address))
        .to.be.revertedWithCustomError(registry, "TypeUnknown")
        .withArgs(77);
      await r.issueBatch(1, [bob.address], [], []);
      await r.issueBatch(3, [bob.address], [], []);
      await registry.connect(admin).suspendIssuer(1);
      await expect(registry.claimStack(stackTypeId, bob.address))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(1);
      await registry.connect(admin).reinstateIssuer(1);
      await r.retireCredentialType(stackTypeId, 0);
      await expect(registry.claimStack(stackTypeId, bob.address))
        .to.be.revertedWithCustomError(registry, "TypeRetired")
        .withArgs(stackTypeId);
    });

    it("turns Revoked with the component's reason and note when a component is revoked; a fresh component lets the holder claim again", async function () {
      const { registry, lens, issuerA, alice, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, 0, NONE);
      await r.issue(2, alice.address, 0, NONE);
      await registry.claimStack(stackTypeId, alice.address); // #3
      // No event for the stack: its status is computed when read (revoke never loops over stacks).
      await expect(r.revoke(2, Reason.Misconduct, "Exam fraud"))
        .to.emit(registry, "MetadataUpdate")
        .withArgs(2);
      const c = await lens.verify(3);
      expect([c.status, c.revocationReason, c.revocationNote, c.revokedAt]).to.deep.equal([
        BigInt(Status.Revoked),
        BigInt(Reason.ComponentRevoked),
        "Exam fraud",
        await latest(),
      ]);
      expect(await registry.hasValidCredential(alice.address, stackTypeId)).to.equal(false);
      await r.issue(3, alice.address, 0, NONE); // #4
      await expect(registry.claimStack(stackTypeId, alice.address))
        .to.emit(registry, "StackClaimed")
        .withArgs(5, stackTypeId, alice.address, [1, 4]);
    });

    it("lets nobody but the holder claim again a stack the holder renounced", async function () {
      const { registry, issuerA, stranger, alice, stackTypeId } = await loadFixture(stackFixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
      await registry.connect(issuerA).issue(2, alice.address, 0, NONE);
      await registry.connect(stranger).claimStack(stackTypeId, alice.address); // #3, claimed for her
      await registry.connect(alice).renounce(3);
      await expect(registry.connect(stranger).claimStack(stackTypeId, alice.address))
        .to.be.revertedWithCustomError(registry, "StackDeclined")
        .withArgs(alice.address, stackTypeId);
      await expect(registry.connect(alice).claimStack(stackTypeId, alice.address)).to.emit(registry, "StackClaimed");
    });

    it("stays valid when a component merely expires or is renounced", async function () {
      const { registry, lens, issuerA, alice, stackTypeId } = await loadFixture(stackFixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, (await latest()) + 100n, NONE);
      await r.issue(2, alice.address, 0, NONE);
      await registry.claimStack(stackTypeId, alice.address);
      await time.increase(200);
      await registry.connect(alice).renounce(2);
      expect([(await lens.verify(1)).status, (await lens.verify(3)).status]).to.deep.equal([
        BigInt(Status.Expired),
        BigInt(Status.Valid),
      ]);
    });
  });

  describe("renew", function () {
    it("sets a new expiry in place and signals a metadata update", async function () {
      const { registry, lens, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, (await latest()) + 50n, NONE);
      await time.increase(100);
      const until = (await latest()) + BigInt(2 * YEAR);
      await expect(registry.connect(issuerA).renew(1, until))
        .to.emit(registry, "CredentialRenewed")
        .withArgs(1, issuerA.address, until)
        .and.to.emit(registry, "MetadataUpdate")
        .withArgs(1);
      const c = await lens.verify(1);
      expect([c.status, c.validUntil, await registry.totalIssued()]).to.deep.equal([BigInt(Status.Valid), until, 1n]);
      await time.increase(DAY);
      await registry.connect(issuerA).renew(1, 0); // 0: the type's period from now
      expect((await lens.verify(1)).validUntil).to.equal((await latest()) + BigInt(YEAR));
    });

    it("reverts for revoked, renounced, moved and unknown credentials, bad expiry and outsiders", async function () {
      const { registry, issuerA, issuerB, alice, bob, carol, aliceNew } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.issueBatch(1, [alice.address, bob.address, carol.address], [], []);
      await r.revoke(1, Reason.Misconduct, "");
      await expect(r.renew(1, 0)).to.be.revertedWithCustomError(registry, "CredentialAlreadyRevoked").withArgs(1);
      await registry.connect(bob).renounce(2);
      await expect(r.renew(2, 0)).to.be.revertedWithCustomError(registry, "CredentialWasRenounced").withArgs(2);
      await move(registry, issuerA, 3, aliceNew); // #4
      await expect(r.renew(3, 0)).to.be.revertedWithCustomError(registry, "CredentialWasMoved").withArgs(3, 4);
      await expect(r.renew(9, 0)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(9);
      await expect(r.renew(4, 1)).to.be.revertedWithCustomError(registry, "CredentialExpiryInvalid").withArgs(1);
      await expect(registry.connect(issuerB).renew(4, 0))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
    });
  });

  describe("revoke", function () {
    it("keeps the record with when and why; the credential stops being valid", async function () {
      const { registry, lens, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
      const planned = (await lens.verify(1)).validUntil;
      await expect(registry.connect(issuerA).revoke(1, Reason.Misconduct, "Plagiarised final project"))
        .to.emit(registry, "CredentialRevoked")
        .withArgs(1, issuerA.address, Reason.Misconduct, "Plagiarised final project")
        .and.to.emit(registry, "MetadataUpdate")
        .withArgs(1);
      const c = await lens.verify(1);
      expect([c.status, c.revokedAt, c.revocationReason, c.revocationNote, c.validUntil, c.holder]).to.deep.equal([
        BigInt(Status.Revoked),
        await latest(),
        BigInt(Reason.Misconduct),
        "Plagiarised final project",
        planned,
        alice.address,
      ]);
      expect(await registry.ownerOf(1)).to.equal(alice.address);
      expect(await registry.hasValidCredential(alice.address, 1)).to.equal(false);
    });

    it("lets the admin revoke any credential", async function () {
      const { registry, admin, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
      await expect(registry.connect(admin).revoke(1, Reason.Unspecified, ""))
        .to.emit(registry, "CredentialRevoked")
        .withArgs(1, admin.address, Reason.Unspecified, "");
    });

    it("reverts twice, for bad reasons, long or non-UTF-8 notes, unknown or moved tokens and outsiders", async function () {
      const { registry, issuerA, issuerB, stranger, alice, aliceNew } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.issue(1, alice.address, 0, NONE);
      for (const reason of [0, 7, Reason.KeyCompromised, Reason.ComponentRevoked]) {
        await expect(r.revoke(1, reason, ""))
          .to.be.revertedWithCustomError(registry, "RevocationReasonInvalid")
          .withArgs(reason);
      }
      await expect(r.revoke(1, 1, "n".repeat(281)))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("note", 281, 280);
      const data = registry.interface.encodeFunctionData("revoke", [1, 1, "ok"]).replace("6f6b", "c0af");
      await expect(issuerA.sendTransaction({ to: await registry.getAddress(), data }))
        .to.be.revertedWithCustomError(registry, "StringEncodingInvalid")
        .withArgs("note", 0);
      await expect(r.revoke(2, 1, ""))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(2);
      await expect(registry.connect(issuerB).revoke(1, 1, ""))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
      await expect(registry.connect(stranger).revoke(1, 1, ""))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, stranger.address);
      await move(registry, issuerA, 1, aliceNew); // #2
      await expect(r.revoke(1, 1, ""))
        .to.be.revertedWithCustomError(registry, "CredentialWasMoved")
        .withArgs(1, 2);
      await r.revoke(2, 1, "");
      await expect(r.revoke(2, 2, ""))
        .to.be.revertedWithCustomError(registry, "CredentialAlreadyRevoked")
        .withArgs(2);
    });
  });

  describe("renounce", function () {
    it("removes the credential from the holder's wallet and list; the record, its dates and any revocation stay", async function () {
      const { registry, lens, issuerA, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).createCredentialType(typeInput({ name: "Other" }));
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
      const issuedAt = await latest();
      await registry.connect(issuerA).issue(2, alice.address, 0, NONE);
      await expect(registry.connect(alice).renounce(1))
        .to.emit(registry, "Transfer")
        .withArgs(alice.address, ZERO, 1)
        .and.to.emit(registry, "CredentialRenounced")
        .withArgs(1, alice.address);
      const c = await lens.verify(1);
      expect([c.status, c.holder, c.typeId, c.issuedAt]).to.deep.equal([BigInt(Status.Renounced), ZERO, 1n, issuedAt]);
      expect((await registry.credentialRecord(1)).holder).to.equal(alice.address);
      expect(await registry.balanceOf(alice.address)).to.equal(1);
      expect((await lens.credentialsOf(alice.address)).map((x) => x.tokenId)).to.deep.equal([2n]);
      await expect(registry.ownerOf(1)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
      await expect(registry.tokenURI(1)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
    });

    it("reverts for anyone but the holder, twice, and for unknown or moved tokens", async function () {
      const { registry, issuerA, alice, bob, aliceNew } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
      await expect(registry.connect(bob).renounce(1))
        .to.be.revertedWithCustomError(registry, "ERC721IncorrectOwner")
        .withArgs(bob.address, 1, alice.address);
      await expect(registry.connect(alice).renounce(5))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(5);
      await move(registry, issuerA, 1, aliceNew);
      await expect(registry.connect(alice).renounce(1))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(1);
      await registry.connect(aliceNew).renounce(2);
      await expect(registry.connect(aliceNew).renounce(2))
        .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
        .withArgs(2);
    });
  });

  describe("soulbound ERC-721 surface", function () {
    it("reverts every transfer and approval path", async function () {
      const { registry, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
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
      expect([
        await registry.getApproved(1),
        await registry.isApprovedForAll(alice.address, bob.address),
      ]).to.deep.equal([ZERO, false]);
    });

    it("reverts reads of nonexistent tokens and of the zero owner", async function () {
      const { registry } = await loadFixture(fixture);
      for (const read of [
        () => registry.ownerOf(1),
        () => registry.locked(1),
        () => registry.getApproved(1),
        () => registry.tokenURI(1),
      ]) {
        await expect(read()).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(1);
      }
      await expect(registry.balanceOf(ZERO))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidOwner")
        .withArgs(ZERO);
    });
  });

  describe("id space", function () {
    /** The storage slot (0..63) that holds `value`. */
    async function slotHolding(address: string, value: bigint): Promise<number> {
      for (let slot = 0; slot < 64; slot++) {
        if (BigInt(await ethers.provider.getStorage(address, slot)) === value) return slot;
      }
      throw new Error(`no slot holds ${value}`);
    }

    it("reverts with IdSpaceExhausted past 2^24 - 1 types and 2^32 - 1 credentials", async function () {
      const { registry, lens, issuerA, alice } = await loadFixture(fixture);
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
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
      expect(await registry.ownerOf(2n ** 32n - 1n)).to.equal(alice.address);
      expect((await lens.credentialsOf(alice.address))[0].tokenId).to.equal(2n ** 32n - 1n);
    });
  });
});
