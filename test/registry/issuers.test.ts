/** Issuers: registration, names, suspension, key rotation and key-compromise watermarks. */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { issuerNameKey } from "@onchaincert/sdk";

import {
  HANDOVER_DELAY,
  IssuerStatus,
  Kind,
  Reason,
  Status,
  deployRegistry,
  register,
  registryWithType,
  typeInput,
} from "../helpers/fixtures";

const NONE = ethers.ZeroHash;
const ADMIN_ROLE = ethers.ZeroHash;

async function fixture() {
  const d = await registryWithType();
  const [alice, bob, carol, newKey, safe, dave] = d.holders;
  return { ...d, alice, bob, carol, newKey, safe, dave };
}

describe("issuers", function () {
  describe("registerIssuer", function () {
    it("registers an organisation under a new issuer id, with its vetted name and website", async function () {
      const d = await loadFixture(deployRegistry);
      const key = issuerNameKey("Acme Training");
      await expect(
        d.registry.connect(d.admin).registerIssuer(d.issuerA.address, "Acme Training", key, "https://acme.example"),
      )
        .to.emit(d.registry, "IssuerRegistered")
        .withArgs(1, d.issuerA.address, "Acme Training", "https://acme.example");
      const p = await d.registry.issuer(1);
      expect([p.issuerId, p.account, p.status, p.name, p.nameKey, p.url]).to.deep.equal([
        1n,
        d.issuerA.address,
        BigInt(IssuerStatus.Active),
        "Acme Training",
        key,
        "https://acme.example",
      ]);
      expect(p.registeredAt).to.equal(await time.latest());
      expect(await d.registry.issuerOf(d.issuerA.address)).to.equal(1);
      expect(await d.registry.issuerByNameKey(key)).to.equal(1);
      expect(await d.registry.issuerCount()).to.equal(1);
      expect((await d.registry.issuer(9)).status).to.equal(IssuerStatus.None);
    });

    it("reverts for anyone but the admin", async function () {
      const d = await loadFixture(deployRegistry);
      await expect(d.registry.connect(d.issuerA).registerIssuer(d.issuerA.address, "X", issuerNameKey("X"), ""))
        .to.be.revertedWithCustomError(d.registry, "AccessControlUnauthorizedAccount")
        .withArgs(d.issuerA.address, ADMIN_ROLE);
    });

    it("refuses the zero address, an account that already acts for an issuer, and a taken or empty name key", async function () {
      const d = await loadFixture(fixture);
      const r = d.registry.connect(d.admin);
      await expect(r.registerIssuer(ethers.ZeroAddress, "Z", issuerNameKey("Z"), ""))
        .to.be.revertedWithCustomError(r, "IssuerInvalidAccount")
        .withArgs(ethers.ZeroAddress);
      await expect(r.registerIssuer(d.issuerA.address, "Other", issuerNameKey("Other"), ""))
        .to.be.revertedWithCustomError(r, "IssuerInvalidAccount")
        .withArgs(d.issuerA.address);
      await expect(r.registerIssuer(d.carol.address, "ACME   training", issuerNameKey("ACME   training"), ""))
        .to.be.revertedWithCustomError(r, "IssuerNameTaken")
        .withArgs(issuerNameKey("Acme Training"), 1);
      await expect(r.registerIssuer(d.carol.address, "Carol", ethers.ZeroHash, ""))
        .to.be.revertedWithCustomError(r, "IssuerNameTaken")
        .withArgs(ethers.ZeroHash, 0);
    });

    it("refuses names that are empty, too long, not UTF-8, or carry control or bidi characters", async function () {
      const d = await loadFixture(fixture);
      const r = d.registry.connect(d.admin);
      const attempt = (name: string, url = "") =>
        r.registerIssuer(d.carol.address, name, issuerNameKey(name || "x"), url);
      await expect(attempt("")).to.be.revertedWithCustomError(r, "StringLengthInvalid").withArgs("name", 0, 96);
      await expect(attempt("é".repeat(49)))
        .to.be.revertedWithCustomError(r, "StringLengthInvalid")
        .withArgs("name", 98, 96);
      await expect(attempt("x", "h".repeat(257)))
        .to.be.revertedWithCustomError(r, "StringLengthInvalid")
        .withArgs("url", 257, 256);
      for (const [name, offset] of [
        ["Acme\u001b[31m", 4],
        ["Evil\u202eSnoitaC", 4],
        ["Tab\tName", 3],
        ["C1\u0085", 2],
        ["Zero\u200bWidth", 4],
        ["Isolate\u2067x", 7],
        ["Soft\u00adhyphen", 4],
        ["Filler\u3164", 6],
        ["Tag\u{e0041}", 3],
        ["Inhibit\u206a", 7],
        ["CGJ\u034f", 3],
      ] as const) {
        await expect(attempt(name)).to.be.revertedWithCustomError(r, "StringEncodingInvalid").withArgs("name", offset);
      }
      // A URL may hold any UTF-8, a name any printable text in any script.
      await expect(attempt("Université de Genève — 日本語 ✓", "https://x.example/?q=a\u202e")).to.emit(
        r,
        "IssuerRegistered",
      );
    });
  });

  describe("renameIssuer and setIssuerURL", function () {
    it("lets only the admin rename, freeing the old name, and signals a metadata refresh", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE);
      const key = issuerNameKey("Acme Academy");
      await expect(d.registry.connect(d.admin).renameIssuer(1, "Acme Academy", key))
        .to.emit(d.registry, "IssuerRenamed")
        .withArgs(1, "Acme Academy")
        .and.to.emit(d.registry, "BatchMetadataUpdate")
        .withArgs(1, 1);
      expect((await d.lens.verify(1)).issuerName).to.equal("Acme Academy");
      expect(await d.registry.issuerByNameKey(issuerNameKey("Acme Training"))).to.equal(0);
      // The freed name can go to another issuer; the new one cannot.
      await expect(register(d, d.carol.address, "Acme Training")).to.emit(d.registry, "IssuerRegistered");
      await expect(d.registry.connect(d.admin).renameIssuer(2, "acme academy", issuerNameKey("acme academy")))
        .to.be.revertedWithCustomError(d.registry, "IssuerNameTaken")
        .withArgs(key, 1);
      await expect(d.registry.connect(d.admin).renameIssuer(7, "Nobody", issuerNameKey("Nobody")))
        .to.be.revertedWithCustomError(d.registry, "IssuerUnknown")
        .withArgs(7);
    });

    it("lets an active issuer change its own website, and nobody else", async function () {
      const d = await loadFixture(fixture);
      await expect(d.registry.connect(d.issuerA).setIssuerURL("https://acme.example/new"))
        .to.emit(d.registry, "IssuerURLUpdated")
        .withArgs(1, "https://acme.example/new");
      expect((await d.registry.issuer(1)).url).to.equal("https://acme.example/new");
      await expect(d.registry.connect(d.stranger).setIssuerURL("https://x.example"))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotRegistered")
        .withArgs(d.stranger.address);
      await d.registry.connect(d.admin).suspendIssuer(1);
      await expect(d.registry.connect(d.issuerA).setIssuerURL("https://x.example"))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotActive")
        .withArgs(1);
    });
  });

  describe("suspendIssuer and reinstateIssuer", function () {
    it("stops issuing, renewing, revoking and delegating in the issuer's name; earlier credentials stay valid and show the suspension", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE);
      await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, true);
      await expect(d.registry.connect(d.admin).suspendIssuer(1)).to.emit(d.registry, "IssuerSuspended").withArgs(1);
      const at = await time.latest();
      const c = await d.lens.verify(1);
      expect([c.status, c.issuerStatus, c.issuerSuspendedAt]).to.deep.equal([
        BigInt(Status.Valid),
        BigInt(IssuerStatus.Suspended),
        BigInt(at),
      ]);
      for (const call of [
        () => d.registry.connect(d.issuerA).issue(1, d.bob.address, 0, NONE),
        () => d.registry.connect(d.issuerB).issue(1, d.bob.address, 0, NONE), // the delegate
        () => d.registry.connect(d.issuerA).renew(1, 0),
        () => d.registry.connect(d.issuerA).revoke(1, Reason.Misconduct, ""),
        () => d.registry.connect(d.issuerA).createCredentialType(typeInput()),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(d.registry, "IssuerNotActive").withArgs(1);
      }
      expect(await d.registry.canIssue(1, d.issuerA.address)).to.equal(false);
      // The admin can still revoke.
      await expect(d.registry.connect(d.admin).revoke(1, Reason.Misconduct, "")).to.emit(
        d.registry,
        "CredentialRevoked",
      );
      await expect(d.registry.connect(d.admin).reinstateIssuer(1)).to.emit(d.registry, "IssuerReinstated").withArgs(1);
      expect((await d.registry.issuer(1)).suspendedAt).to.equal(0);
      await expect(d.registry.connect(d.issuerA).issue(1, d.bob.address, 0, NONE)).to.emit(d.registry, "Transfer");
    });

    it("keeps every type's cached owner check exact, whoever is suspended and reinstated in between", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerB).createCredentialType(typeInput({ name: "NW" })); // type 2
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE); // cache warm at epoch 0
      await d.registry.connect(d.admin).suspendIssuer(2); // another issuer: epoch moves on
      await expect(d.registry.connect(d.issuerA).issue(1, d.bob.address, 0, NONE)).to.emit(d.registry, "Transfer");
      await d.registry.connect(d.admin).suspendIssuer(1);
      await expect(d.registry.connect(d.issuerA).issue(1, d.carol.address, 0, NONE))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotActive")
        .withArgs(1);
      await d.registry.connect(d.admin).reinstateIssuer(1);
      await expect(d.registry.connect(d.issuerA).issue(1, d.carol.address, 0, NONE)).to.emit(d.registry, "Transfer");
      await expect(d.registry.connect(d.issuerB).issue(2, d.carol.address, 0, NONE))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotActive")
        .withArgs(2);
    });

    it("reverts for the wrong state, unknown issuers and anyone but the admin", async function () {
      const d = await loadFixture(fixture);
      await expect(d.registry.connect(d.admin).reinstateIssuer(1))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotSuspended")
        .withArgs(1);
      await expect(d.registry.connect(d.admin).suspendIssuer(5))
        .to.be.revertedWithCustomError(d.registry, "IssuerUnknown")
        .withArgs(5);
      await d.registry.connect(d.admin).suspendIssuer(1);
      await expect(d.registry.connect(d.admin).suspendIssuer(1))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotActive")
        .withArgs(1);
      for (const call of [
        () => d.registry.connect(d.issuerB).suspendIssuer(2),
        () => d.registry.connect(d.issuerA).reinstateIssuer(1),
        () => d.registry.connect(d.issuerA).replaceIssuerAccount(1, d.newKey.address),
        () => d.registry.connect(d.issuerA).setCompromiseWatermark(1, 1),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(d.registry, "AccessControlUnauthorizedAccount");
      }
    });
  });

  describe("key rotation", function () {
    it("moves the issuer to a new account (old key proposes, new key accepts); names and attribution stay", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE);
      await expect(d.registry.connect(d.issuerA).proposeIssuerAccount(d.safe.address))
        .to.emit(d.registry, "IssuerAccountProposed")
        .withArgs(1, d.safe.address);
      expect((await d.registry.issuer(1)).pendingAccount).to.equal(d.safe.address);
      await expect(d.registry.connect(d.stranger).acceptIssuerAccount(1))
        .to.be.revertedWithCustomError(d.registry, "IssuerAccountNotProposed")
        .withArgs(1, d.stranger.address);
      await expect(d.registry.connect(d.safe).acceptIssuerAccount(1))
        .to.emit(d.registry, "IssuerAccountChanged")
        .withArgs(1, d.issuerA.address, d.safe.address, d.safe.address);
      expect(await d.registry.issuerOf(d.issuerA.address)).to.equal(0);
      expect(await d.registry.issuerOf(d.safe.address)).to.equal(1);
      // The old key can do nothing more; the new one does everything, on the same credentials.
      await expect(d.registry.connect(d.issuerA).issue(1, d.bob.address, 0, NONE))
        .to.be.revertedWithCustomError(d.registry, "TypeUnauthorizedAccount")
        .withArgs(1, d.issuerA.address);
      await expect(d.registry.connect(d.safe).renew(1, 0)).to.emit(d.registry, "CredentialRenewed");
      await expect(d.registry.connect(d.safe).issue(1, d.bob.address, 0, NONE)).to.emit(d.registry, "Transfer");
      const c = await d.lens.verify(1);
      expect([c.issuerId, c.issuer, c.issuerName]).to.deep.equal([1n, d.safe.address, "Acme Training"]);
      expect((await d.registry.credentialType(1)).owner).to.equal(d.safe.address);
    });

    it("lets the admin replace a lost key; refuses accounts that already act for an issuer", async function () {
      const d = await loadFixture(fixture);
      await expect(d.registry.connect(d.admin).replaceIssuerAccount(1, d.newKey.address))
        .to.emit(d.registry, "IssuerAccountChanged")
        .withArgs(1, d.issuerA.address, d.newKey.address, d.admin.address);
      await expect(d.registry.connect(d.admin).replaceIssuerAccount(1, d.issuerB.address))
        .to.be.revertedWithCustomError(d.registry, "IssuerInvalidAccount")
        .withArgs(d.issuerB.address);
      await expect(d.registry.connect(d.issuerB).proposeIssuerAccount(d.newKey.address))
        .to.be.revertedWithCustomError(d.registry, "IssuerInvalidAccount")
        .withArgs(d.newKey.address);
      await expect(d.registry.connect(d.stranger).proposeIssuerAccount(d.carol.address))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotRegistered")
        .withArgs(d.stranger.address);
      // A proposal can be withdrawn, and a withdrawn one cannot be accepted.
      await d.registry.connect(d.issuerB).proposeIssuerAccount(d.carol.address);
      await d.registry.connect(d.issuerB).proposeIssuerAccount(ethers.ZeroAddress);
      await expect(d.registry.connect(d.carol).acceptIssuerAccount(2)).to.be.revertedWithCustomError(
        d.registry,
        "IssuerAccountNotProposed",
      );
    });
  });

  describe("setCompromiseWatermark", function () {
    /** Acme issues #1–#3, then its key leaks and the thief issues #4–#5. */
    async function leaked() {
      const d = await fixture();
      const r = d.registry.connect(d.issuerA);
      await r.createCredentialType(typeInput({ name: "Networking", kind: Kind.Badge })); // 2
      await r.createCredentialType(
        typeInput({ name: "Stack", components: [1, 2], requiredComponents: 2, validityPeriod: 0 }),
      ); // 3
      await r.issue(1, d.alice.address, 0, NONE); // #1
      await r.issue(2, d.alice.address, 0, NONE); // #2
      await d.registry.claimStack(3, d.alice.address); // #3
      await d.registry.connect(d.issuerB).createCredentialType(typeInput({ name: "Other issuer" })); // 4
      await r.issue(1, d.bob.address, 0, NONE); // #4 by the thief
      await d.registry.connect(d.issuerB).issue(4, d.bob.address, 0, NONE); // #5 Northwind, unaffected
      await r.issue(2, d.bob.address, 0, NONE); // #6 by the thief
      return d;
    }

    it("revokes the issuer's credentials from the watermark on, in one bounded transaction, and suspends it", async function () {
      const d = await loadFixture(leaked);
      await expect(d.registry.connect(d.admin).setCompromiseWatermark(1, 4))
        .to.emit(d.registry, "IssuerKeyCompromised")
        .withArgs(1, 4, 6)
        .and.to.emit(d.registry, "IssuerSuspended")
        .withArgs(1);
      const at = await time.latest();
      const status = async (id: number) => (await d.lens.verify(id)).status;
      expect([await status(1), await status(2), await status(3), await status(5)]).to.deep.equal(
        [Status.Valid, Status.Valid, Status.Valid, Status.Valid].map(BigInt),
      );
      for (const id of [4, 6]) {
        const c = await d.lens.verify(id);
        expect([c.status, c.revocationReason, c.revokedAt]).to.deep.equal([
          BigInt(Status.Revoked),
          BigInt(Reason.KeyCompromised),
          BigInt(at),
        ]);
      }
      expect(await d.registry.hasValidCredential(d.bob.address, 1)).to.equal(false);
      const p = await d.registry.issuer(1);
      expect([p.compromisedFrom, p.compromisedUntil, p.compromisedAt, p.needsNewKey]).to.deep.equal([
        4n,
        6n,
        BigInt(at),
        true,
      ]);
    });

    it("moves only earlier, and only to an issued credential; a leaked issuer key cannot set it", async function () {
      const d = await loadFixture(leaked);
      await expect(d.registry.connect(d.issuerA).setCompromiseWatermark(1, 1)).to.be.revertedWithCustomError(
        d.registry,
        "AccessControlUnauthorizedAccount",
      );
      await expect(d.registry.connect(d.admin).setCompromiseWatermark(1, 7))
        .to.be.revertedWithCustomError(d.registry, "WatermarkInvalid")
        .withArgs(0, 7);
      await expect(d.registry.connect(d.admin).setCompromiseWatermark(1, 0))
        .to.be.revertedWithCustomError(d.registry, "WatermarkInvalid")
        .withArgs(0, 0);
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 4);
      await expect(d.registry.connect(d.admin).setCompromiseWatermark(1, 5))
        .to.be.revertedWithCustomError(d.registry, "WatermarkInvalid")
        .withArgs(4, 5);
      await expect(d.registry.connect(d.admin).setCompromiseWatermark(1, 4))
        .to.be.revertedWithCustomError(d.registry, "WatermarkInvalid")
        .withArgs(4, 4);
      // Earlier: the investigation found the leak began before #2.
      await expect(d.registry.connect(d.admin).setCompromiseWatermark(1, 2))
        .to.emit(d.registry, "IssuerKeyCompromised")
        .withArgs(1, 2, 6);
      expect((await d.lens.verify(1)).status).to.equal(Status.Valid);
      expect((await d.lens.verify(2)).status).to.equal(Status.Revoked);
      // The stack built on #2 falls with it; its own token (#3) is inside the window too.
      const stack = await d.lens.verify(3);
      expect([stack.status, stack.revocationReason]).to.deep.equal([
        BigInt(Status.Revoked),
        BigInt(Reason.KeyCompromised),
      ]);
    });

    it("keeps the issuer suspended until its key is replaced; afterwards it issues valid credentials again, also to holders of revoked ones", async function () {
      const d = await loadFixture(leaked);
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 4);
      await expect(d.registry.connect(d.admin).reinstateIssuer(1))
        .to.be.revertedWithCustomError(d.registry, "IssuerNeedsNewKey")
        .withArgs(1);
      await d.registry.connect(d.admin).replaceIssuerAccount(1, d.newKey.address);
      await d.registry.connect(d.admin).reinstateIssuer(1);
      // Bob's #4 no longer counts for "one per type": he can be issued the credential properly.
      await expect(d.registry.connect(d.newKey).issue(1, d.bob.address, 0, NONE)).to.emit(d.registry, "Transfer");
      const fresh = await d.registry.totalIssued();
      expect((await d.lens.verify(fresh)).status).to.equal(Status.Valid);
      expect(await d.registry.hasValidCredential(d.bob.address, 1)).to.equal(true);
      // Renewing or moving a compromised credential is refused: it reads Revoked.
      await expect(d.registry.connect(d.newKey).renew(4, 0))
        .to.be.revertedWithCustomError(d.registry, "CredentialAlreadyRevoked")
        .withArgs(4);
    });

    it("covers what the leaked key issued as another issuer's delegate, though those credentials name that issuer", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerB).createCredentialType(typeInput({ name: "Northwind badge" })); // type 2
      await d.registry.connect(d.issuerB).setTypeDelegate(2, 1, true); // Acme may issue it
      await d.registry.connect(d.issuerB).issue(2, d.alice.address, 0, NONE); // #1, by Northwind itself
      // Acme's key leaks; the thief issues Northwind's badge as Acme, the delegate.
      await expect(d.registry.connect(d.issuerA).issueBatch(2, [d.bob.address, d.carol.address], [], []))
        .to.emit(d.registry, "CredentialsIssued")
        .withArgs(2, 2, d.issuerA.address, 2, 2);
      await d.registry.connect(d.issuerB).issue(2, d.dave.address, 0, NONE); // #4, Northwind again
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 2);
      const statuses = await Promise.all([1, 2, 3, 4].map(async (id) => (await d.lens.verify(id)).status));
      expect(statuses).to.deep.equal([Status.Valid, Status.Revoked, Status.Revoked, Status.Valid].map(BigInt));
      const [stolen] = [await d.lens.verify(2)];
      expect([stolen.issuerId, stolen.revocationReason]).to.deep.equal([2n, BigInt(Reason.KeyCompromised)]);
    });

    it("leaves the leaked key no way back: no self-rotation, its proposals, delegations and offers are void", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE); // #1, before the leak
      // The thief, with Acme's key: proposes its own account, delegates to an accomplice (Northwind's
      // key, say), offers the type to it, and issues.
      await d.registry.connect(d.issuerA).proposeIssuerAccount(d.carol.address);
      await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, true);
      await d.registry.connect(d.issuerA).issue(1, d.bob.address, 0, NONE); // #2
      await d.registry.connect(d.issuerA).offerType(1, 2);
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 2);
      expect((await d.registry.issuer(1)).pendingAccount).to.equal(ethers.ZeroAddress);
      await expect(d.registry.connect(d.carol).acceptIssuerAccount(1))
        .to.be.revertedWithCustomError(d.registry, "IssuerAccountNotProposed")
        .withArgs(1, d.carol.address);
      await expect(d.registry.connect(d.issuerA).proposeIssuerAccount(d.dave.address))
        .to.be.revertedWithCustomError(d.registry, "IssuerNeedsNewKey")
        .withArgs(1);
      // Recovery: the admin replaces the key and reinstates the issuer.
      await d.registry.connect(d.admin).replaceIssuerAccount(1, d.newKey.address);
      await d.registry.connect(d.admin).reinstateIssuer(1);
      // The delegation and the offer the leaked key made do not survive it.
      expect(await d.registry.isTypeDelegate(1, 2)).to.equal(false);
      expect(await d.registry.canIssue(1, d.issuerB.address)).to.equal(false);
      await expect(d.registry.connect(d.issuerB).issue(1, d.dave.address, 0, NONE))
        .to.be.revertedWithCustomError(d.registry, "TypeUnauthorizedAccount")
        .withArgs(1, d.issuerB.address);
      await expect(d.registry.connect(d.issuerB).acceptType(1))
        .to.be.revertedWithCustomError(d.registry, "TypeNotOffered")
        .withArgs(1, d.issuerB.address);
      // The recovered issuer delegates again, with its new key.
      await d.registry.connect(d.newKey).setTypeDelegate(1, 2, true);
      expect(await d.registry.isTypeDelegate(1, 2)).to.equal(true);
      // A credential the watermark revoked keeps that explanation: no second revocation over it.
      await expect(d.registry.connect(d.newKey).revoke(2, Reason.Misconduct, ""))
        .to.be.revertedWithCustomError(d.registry, "CredentialAlreadyRevoked")
        .withArgs(2);
      expect((await d.lens.verify(2)).revocationReason).to.equal(Reason.KeyCompromised);
    });

    it("voids every delegation and offer made before the watermark, however early: nobody knows when the key leaked", async function () {
      const d = await loadFixture(fixture);
      // Right after the theft, the thief delegates Acme's type to Northwind (an accomplice, say)
      // and offers it to Northwind; Acme keeps issuing with the same key, unaware.
      await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, true);
      await d.registry.connect(d.issuerA).offerType(1, 2);
      for (const holder of [d.alice, d.bob, d.carol])
        await d.registry.connect(d.issuerA).issue(1, holder.address, 0, NONE);
      // The hand-over cannot happen at once: the offer waits HANDOVER_DELAY.
      await expect(d.registry.connect(d.issuerB).acceptType(1)).to.be.revertedWithCustomError(
        d.registry,
        "TypeOfferNotYet",
      );
      await d.registry.connect(d.issuerB).issue(1, d.dave.address, 0, NONE); // #4: the first bad one
      // Acme notices within the delay; the admin sets a tight watermark and recovers the issuer.
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 4);
      await d.registry.connect(d.admin).replaceIssuerAccount(1, d.newKey.address);
      await d.registry.connect(d.admin).reinstateIssuer(1);
      await time.increase(HANDOVER_DELAY);
      expect(await d.registry.isTypeDelegate(1, 2)).to.equal(false);
      await expect(d.registry.connect(d.issuerB).issue(1, d.safe.address, 0, NONE))
        .to.be.revertedWithCustomError(d.registry, "TypeUnauthorizedAccount")
        .withArgs(1, d.issuerB.address);
      await expect(d.registry.connect(d.issuerB).acceptType(1))
        .to.be.revertedWithCustomError(d.registry, "TypeNotOffered")
        .withArgs(1, d.issuerB.address);
      // Acme's own credentials before the watermark stay valid; #4 does not.
      const statuses = await Promise.all([1, 2, 3, 4].map(async (id) => (await d.lens.verify(id)).status));
      expect(statuses).to.deep.equal([Status.Valid, Status.Valid, Status.Valid, Status.Revoked].map(BigInt));
    });

    it("finds the delegate behind each credential among many delegate runs", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerB).createCredentialType(typeInput({ name: "Northwind badge" })); // type 2
      await d.registry.connect(d.issuerB).setTypeDelegate(2, 1, true); // Acme may issue it
      const address = (i: number) => ethers.getAddress(ethers.toBeHex(0xd000 + i, 20));
      // Runs of Acme-as-delegate credentials between Northwind's own: A A N A N A A A N A.
      const byAcme = [true, true, false, true, false, true, true, true, false, true];
      // Each delegate transaction is a run of its own: seven runs to search.
      for (const [i, acme] of byAcme.entries())
        await d.registry.connect(acme ? d.issuerA : d.issuerB).issue(2, address(i), 0, NONE);
      // A verifier reads who issued each one: Acme as Northwind's delegate, or Northwind itself.
      const acmeName = (await d.registry.issuer(1)).name;
      const issuedBy = await Promise.all(
        byAcme.map(async (_, i) => {
          const c = await d.lens.verify(i + 1);
          return [c.issuerId, c.delegateIssuerId, c.delegate, c.delegateName];
        }),
      );
      expect(issuedBy).to.deep.equal(
        byAcme.map((acme) => (acme ? [2n, 1n, d.issuerA.address, acmeName] : [2n, 0n, ethers.ZeroAddress, ""])),
      );
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 3);
      const statuses = await Promise.all(byAcme.map(async (_, i) => (await d.lens.verify(i + 1)).status));
      // Acme's leaked key covers its delegate credentials from #3 on; Northwind's own stay valid.
      expect(statuses).to.deep.equal(
        byAcme.map((acme, i) => BigInt(acme && i + 1 >= 3 ? Status.Revoked : Status.Valid)),
      );
    });

    it("tells the leaked key's delegation from the new key's when both share the watermark's block", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE); // #1
      await ethers.provider.send("evm_setAutomine", [false]);
      try {
        // One block: the thief delegates to Northwind, the admin sets the watermark and recovers
        // the issuer, and the new key delegates to a third issuer. No credential is issued in
        // between, so only the order of the transactions tells them apart.
        const thief = await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, true);
        await d.registry.connect(d.admin).setCompromiseWatermark(1, 1);
        await d.registry.connect(d.admin).replaceIssuerAccount(1, d.newKey.address);
        await d.registry.connect(d.admin).reinstateIssuer(1);
        const third = await d.registry
          .connect(d.admin)
          .registerIssuer(d.dave.address, "Third", issuerNameKey("Third"), "");
        const recovered = await d.registry.connect(d.newKey).setTypeDelegate(1, 3, true);
        await ethers.provider.send("evm_mine", []);
        const blocks = await Promise.all([thief, third, recovered].map(async (tx) => (await tx.wait())!.blockNumber));
        expect(new Set(blocks).size).to.equal(1);
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
      }
      expect(await d.registry.isTypeDelegate(1, 2)).to.equal(false);
      expect(await d.registry.isTypeDelegate(1, 3)).to.equal(true);
    });

    it("costs the same whatever the issuer issued", async function () {
      const d = await loadFixture(fixture);
      const small = await d.registry
        .connect(d.admin)
        .setCompromiseWatermark.estimateGas(1, 1)
        .catch(() => 0n);
      expect(small).to.equal(0n); // nothing issued yet: refused
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE);
      const one = await d.registry.connect(d.admin).setCompromiseWatermark.estimateGas(1, 1);
      const many = Array.from({ length: 300 }, (_, i) => ethers.getAddress(ethers.toBeHex(0xabc000 + i, 20)));
      await d.registry.connect(d.issuerA).issueBatch(1, many, [], []);
      expect(await d.registry.connect(d.admin).setCompromiseWatermark.estimateGas(1, 1)).to.equal(one);
    });
  });
});
