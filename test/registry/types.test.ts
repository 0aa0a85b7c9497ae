/** Credential types: definitions, delegates, two-step hand-over with owner eras, retirement, canIssue. */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import {
  DAY,
  HANDOVER_DELAY,
  Kind,
  Status,
  YEAR,
  handOver,
  register,
  registryWithType,
  typeInput,
} from "../helpers/fixtures";

const NONE = ethers.ZeroHash;

async function fixture() {
  const d = await registryWithType();
  const [alice, bob, carol, dave] = d.holders;
  // A third issuer, Contoso (issuer 3), acting through `stranger`'s account.
  await register(d, d.stranger.address, "Contoso Health");
  return { ...d, alice, bob, carol, dave, contoso: d.stranger };
}

describe("credential types", function () {
  describe("createCredentialType", function () {
    it("stores every field under the caller's issuer and emits CredentialTypeCreated", async function () {
      const { registry, issuerB } = await loadFixture(fixture);
      const input = typeInput({
        name: "Python for Analysts",
        description: "Can clean and chart data in Python.",
        kind: Kind.ProfessionalDevelopmentCredit,
        credits: 150,
        validityPeriod: 2 * YEAR,
        criteriaURL: "https://nw.example/criteria/py",
        imageURL: "ipfs://bafybeihash/python.png",
      });
      await expect(registry.connect(issuerB).createCredentialType(input))
        .to.emit(registry, "CredentialTypeCreated")
        .withArgs(2, 2, Kind.ProfessionalDevelopmentCredit, "Python for Analysts");
      const t = await registry.credentialType(2);
      expect([
        t.typeId,
        t.ownerIssuerId,
        t.owner,
        t.pendingOwnerIssuerId,
        t.handedOver,
        t.kind,
        t.retired,
      ]).to.deep.equal([2n, 2n, issuerB.address, 0n, false, BigInt(Kind.ProfessionalDevelopmentCredit), false]);
      expect([
        t.credits,
        t.validityPeriod,
        t.createdAt,
        t.name,
        t.description,
        t.criteriaURL,
        t.imageURL,
      ]).to.deep.equal([
        150n,
        BigInt(2 * YEAR),
        BigInt(await time.latest()),
        input.name,
        input.description,
        input.criteriaURL,
        input.imageURL,
      ]);
      expect(await registry.typeCount()).to.equal(2);
      expect(await registry.typeEras(2)).to.deep.equal([[0n, 2n]]);
    });

    it("refuses accounts that are not active issuers, a bad kind, bad strings and a validity past 2106", async function () {
      const { registry, admin, issuerA, alice } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await expect(registry.connect(alice).createCredentialType(typeInput()))
        .to.be.revertedWithCustomError(registry, "IssuerNotRegistered")
        .withArgs(alice.address);
      await expect(r.createCredentialType(typeInput({ kind: 4 })))
        .to.be.revertedWithCustomError(registry, "TypeKindInvalid")
        .withArgs(4);
      await expect(r.createCredentialType(typeInput({ name: "" })))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("name", 0, 96);
      await expect(r.createCredentialType(typeInput({ description: "d".repeat(1001) })))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("description", 1001, 1000);
      await expect(r.createCredentialType(typeInput({ criteriaURL: "u".repeat(257) })))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("criteriaURL", 257, 256);
      await expect(r.createCredentialType(typeInput({ name: "Cloud\u202e" })))
        .to.be.revertedWithCustomError(registry, "StringEncodingInvalid")
        .withArgs("name", 5);
      // Free text may hold line breaks; a name may not.
      await expect(r.createCredentialType(typeInput({ name: "Two\nlines" })))
        .to.be.revertedWithCustomError(registry, "StringEncodingInvalid")
        .withArgs("name", 3);
      await expect(r.createCredentialType(typeInput({ description: "Line one.\nLine two." }))).to.emit(
        registry,
        "CredentialTypeCreated",
      );
      const next = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(next);
      await expect(r.createCredentialType(typeInput({ validityPeriod: 0xffffffff - next + 1 })))
        .to.be.revertedWithCustomError(registry, "TypeValidityTooLong")
        .withArgs(0xffffffff - next + 1, 0xffffffff - next);
      await registry.connect(admin).suspendIssuer(1);
      await expect(r.createCredentialType(typeInput()))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(1);
    });

    it("accepts a valid N-of-M stack and rejects broken stack rules", async function () {
      const { registry, issuerA } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.createCredentialType(typeInput({ name: "B" })); // 2
      await expect(r.createCredentialType(typeInput({ name: "S", components: [1, 2], requiredComponents: 1 })))
        .to.emit(registry, "CredentialTypeCreated")
        .withArgs(3, 1, Kind.Certificate, "S");
      expect((await registry.credentialType(3)).components).to.deep.equal([1n, 2n]);
      const bad = async (components: number[], required: number, error: string, ...args: unknown[]) =>
        expect(r.createCredentialType(typeInput({ components, requiredComponents: required })))
          .to.be.revertedWithCustomError(registry, error)
          .withArgs(...args);
      await bad([1, 2], 0, "StackRuleInvalid", 0, 2);
      await bad([1], 2, "StackRuleInvalid", 2, 1);
      await bad([], 1, "StackRuleInvalid", 1, 0);
      await bad(
        Array.from({ length: 17 }, (_, i) => i + 1),
        1,
        "StackRuleInvalid",
        1,
        17,
      );
      await bad([1, 1], 1, "StackComponentInvalid", 1);
      await bad([3], 1, "StackComponentInvalid", 3); // a stack
      await bad([9], 1, "StackComponentInvalid", 9); // unknown (and not below the new id)
      await bad([0], 1, "StackComponentInvalid", 0);
    });
  });

  describe("setTypeDelegate", function () {
    it("lets the owner authorise another issuer, whose account then issues in the owner's name, named as the actor", async function () {
      const { registry, lens, issuerA, issuerB, alice } = await loadFixture(fixture);
      await expect(registry.connect(issuerA).setTypeDelegate(1, 2, true))
        .to.emit(registry, "TypeDelegateSet")
        .withArgs(1, 2, true);
      expect(await registry.isTypeDelegate(1, 2)).to.equal(true);
      expect(await registry.canIssue(1, issuerB.address)).to.equal(true);
      await expect(registry.connect(issuerB).issue(1, alice.address, 0, NONE))
        .to.emit(registry, "CredentialsIssued")
        .withArgs(1, 1, issuerB.address, 1, 1);
      const c = await lens.verify(1);
      expect([c.issuerId, c.issuerName]).to.deep.equal([1n, "Acme Training"]);
      // The delegate renews and revokes what it issued in the owner's name; the events name it.
      await expect(registry.connect(issuerB).renew(1, 0))
        .to.emit(registry, "CredentialRenewed")
        .withArgs(1, issuerB.address, anyUint());
      await registry.connect(issuerA).setTypeDelegate(1, 2, false);
      expect(await registry.isTypeDelegate(1, 2)).to.equal(false);
      await expect(registry.connect(issuerB).renew(1, 0))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
    });

    it("stops a delegate while it, or the owner, is suspended", async function () {
      const { registry, admin, issuerA, issuerB, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).setTypeDelegate(1, 2, true);
      await registry.connect(admin).suspendIssuer(2);
      await expect(registry.connect(issuerB).issue(1, alice.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(2);
      expect(await registry.canIssue(1, issuerB.address)).to.equal(false);
      await registry.connect(admin).reinstateIssuer(2);
      await registry.connect(admin).suspendIssuer(1);
      await expect(registry.connect(issuerB).issue(1, alice.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(1);
    });

    it("refuses non-owners, unknown types, the owner itself, unknown and inactive delegates", async function () {
      const { registry, admin, issuerA, issuerB } = await loadFixture(fixture);
      await expect(registry.connect(issuerB).setTypeDelegate(1, 2, true))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
      await expect(registry.connect(issuerA).setTypeDelegate(7, 2, true))
        .to.be.revertedWithCustomError(registry, "TypeUnknown")
        .withArgs(7);
      for (const id of [1, 9, 0]) {
        await expect(registry.connect(issuerA).setTypeDelegate(1, id, true))
          .to.be.revertedWithCustomError(registry, "TypeDelegateInvalid")
          .withArgs(1, id);
      }
      await registry.connect(admin).suspendIssuer(2);
      await expect(registry.connect(issuerA).setTypeDelegate(1, 2, true))
        .to.be.revertedWithCustomError(registry, "TypeDelegateInvalid")
        .withArgs(1, 2);
    });
  });

  describe("offerType and acceptType", function () {
    it("hands a type over only when the offered issuer accepts; each era names its own issuer", async function () {
      const { registry, lens, issuerA, issuerB, contoso, alice, bob, carol, dave } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1 Acme
      await expect(registry.connect(issuerA).offerType(1, 2)).to.emit(registry, "TypeOffered").withArgs(1, 1, 2);
      expect((await registry.credentialType(1)).pendingOwnerIssuerId).to.equal(2);
      await registry.connect(issuerA).issue(1, bob.address, 0, NONE); // #2 still Acme: not accepted yet
      // Not before HANDOVER_DELAY: time for the owner to withdraw an offer its leaked key made.
      const [offered] = await registry.queryFilter(registry.filters.TypeOffered());
      const readyAt = (await offered!.getBlock()).timestamp + HANDOVER_DELAY;
      await expect(registry.connect(issuerB).acceptType(1))
        .to.be.revertedWithCustomError(registry, "TypeOfferNotYet")
        .withArgs(1, readyAt);
      await time.increaseTo(readyAt);
      await expect(registry.connect(issuerB).acceptType(1))
        .to.emit(registry, "TypeOwnershipTransferred")
        .withArgs(1, 1, 2, 3);
      await registry.connect(issuerB).issue(1, carol.address, 0, NONE); // #3 Northwind
      await handOver(registry, issuerB, 1, 3, contoso);
      await registry.connect(contoso).issue(1, dave.address, 0, NONE); // #4 Contoso
      expect(await registry.typeEras(1)).to.deep.equal([
        [0n, 1n],
        [3n, 2n],
        [4n, 3n],
      ]);
      const names = await Promise.all([1, 2, 3, 4].map(async (id) => (await lens.verify(id)).issuerName));
      expect(names).to.deep.equal(["Acme Training", "Acme Training", "Northwind University", "Contoso Health"]);
      const t = await registry.credentialType(1);
      expect([t.ownerIssuerId, t.owner, t.handedOver, t.pendingOwnerIssuerId]).to.deep.equal([
        3n,
        contoso.address,
        true,
        0n,
      ]);
    });

    it("leaves earlier credentials to the issuer that issued them; the new owner cannot renew or revoke them", async function () {
      const { registry, admin, issuerA, issuerB, alice } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1 Acme
      await handOver(registry, issuerA, 1, 2, issuerB);
      await expect(registry.connect(issuerB).revoke(1, 3, ""))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, issuerB.address);
      await expect(registry.connect(issuerA).renew(1, 0)).to.emit(registry, "CredentialRenewed");
      await registry.connect(admin).suspendIssuer(1);
      await expect(registry.connect(issuerA).revoke(1, 3, ""))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(1);
      await expect(registry.connect(admin).revoke(1, 3, "")).to.emit(registry, "CredentialRevoked");
    });

    it("can be withdrawn, and refuses non-owners, unknown or same issuers, and inactive acceptors", async function () {
      const { registry, admin, issuerA, issuerB, contoso } = await loadFixture(fixture);
      await expect(registry.connect(issuerB).offerType(1, 2)).to.be.revertedWithCustomError(
        registry,
        "TypeUnauthorizedAccount",
      );
      await expect(registry.connect(issuerA).offerType(1, 1))
        .to.be.revertedWithCustomError(registry, "TypeRecipientInvalid")
        .withArgs(1, 1);
      await expect(registry.connect(issuerA).offerType(1, 9))
        .to.be.revertedWithCustomError(registry, "TypeRecipientInvalid")
        .withArgs(1, 9);
      await registry.connect(issuerA).offerType(1, 2);
      await time.increase(HANDOVER_DELAY);
      await expect(registry.connect(contoso).acceptType(1))
        .to.be.revertedWithCustomError(registry, "TypeNotOffered")
        .withArgs(1, contoso.address);
      await registry.connect(admin).suspendIssuer(2);
      await expect(registry.connect(issuerB).acceptType(1))
        .to.be.revertedWithCustomError(registry, "IssuerNotActive")
        .withArgs(2);
      await registry.connect(admin).reinstateIssuer(2);
      await expect(registry.connect(issuerA).offerType(1, 0)).to.emit(registry, "TypeOffered").withArgs(1, 1, 0);
      await expect(registry.connect(issuerB).acceptType(1))
        .to.be.revertedWithCustomError(registry, "TypeNotOffered")
        .withArgs(1, issuerB.address);
      await expect(registry.connect(issuerB).acceptType(5))
        .to.be.revertedWithCustomError(registry, "TypeUnknown")
        .withArgs(5);
    });
  });

  describe("retireCredentialType", function () {
    it("stops new issuance, keeps existing credentials valid and names a successor", async function () {
      const { registry, lens, issuerA, alice, bob } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
      await registry.connect(issuerA).createCredentialType(typeInput({ name: "Cloud v2" }));
      await expect(registry.connect(issuerA).retireCredentialType(1, 2))
        .to.emit(registry, "CredentialTypeRetired")
        .withArgs(1, 2);
      const t = await registry.credentialType(1);
      expect([t.retired, t.successorTypeId]).to.deep.equal([true, 2n]);
      expect((await lens.verify(1)).status).to.equal(Status.Valid);
      await expect(registry.connect(issuerA).issue(1, bob.address, 0, NONE))
        .to.be.revertedWithCustomError(registry, "TypeRetired")
        .withArgs(1);
      expect(await registry.canIssue(1, issuerA.address)).to.equal(false);
      await expect(registry.connect(issuerA).renew(1, 0)).to.emit(registry, "CredentialRenewed");
    });

    it("rejects a bad successor, a second retirement and non-owners", async function () {
      const { registry, issuerA, issuerB } = await loadFixture(fixture);
      await expect(registry.connect(issuerB).retireCredentialType(1, 0)).to.be.revertedWithCustomError(
        registry,
        "TypeUnauthorizedAccount",
      );
      await expect(registry.connect(issuerA).retireCredentialType(1, 1))
        .to.be.revertedWithCustomError(registry, "TypeSuccessorInvalid")
        .withArgs(1);
      await expect(registry.connect(issuerA).retireCredentialType(1, 8))
        .to.be.revertedWithCustomError(registry, "TypeSuccessorInvalid")
        .withArgs(8);
      await registry.connect(issuerA).createCredentialType(typeInput({ name: "Old" })); // 2
      await registry.connect(issuerA).retireCredentialType(2, 0);
      await expect(registry.connect(issuerA).retireCredentialType(1, 2))
        .to.be.revertedWithCustomError(registry, "TypeSuccessorInvalid")
        .withArgs(2);
      await expect(registry.connect(issuerA).retireCredentialType(2, 0))
        .to.be.revertedWithCustomError(registry, "TypeRetired")
        .withArgs(2);
    });
  });

  describe("canIssue", function () {
    it("agrees with issue for owners, delegates, strangers, suspended, retired, stack, unknown, handed-over and too-long types", async function () {
      const { registry, admin, issuerA, issuerB, contoso } = await loadFixture(fixture);
      const r = registry.connect(issuerA);
      await r.createCredentialType(typeInput({ name: "Stack", components: [1], requiredComponents: 1 })); // 2
      await r.createCredentialType(typeInput({ name: "Retired" })); // 3
      await r.retireCredentialType(3, 0);
      await r.createCredentialType(typeInput({ name: "Long", validityPeriod: 70 * YEAR })); // 4: fine today
      await r.createCredentialType(typeInput({ name: "Handed over" })); // 5
      await r.setTypeDelegate(5, 3, true);
      await handOver(registry, issuerA, 5, 2, issuerB);
      await r.setTypeDelegate(1, 2, true);

      let holder = 0x5000;
      /** canIssue's answer, and whether issue (simulated) agrees. */
      const agrees = async (typeId: number, account: typeof issuerA) => {
        const said = await registry.canIssue(typeId, account.address);
        const did = await registry
          .connect(account)
          .issue.staticCall(typeId, ethers.toBeHex(holder++, 20), 0, NONE)
          .then(
            () => true,
            () => false,
          );
        expect(said, `type ${typeId}, ${account.address}`).to.equal(did);
        return said;
      };
      const accounts = [issuerA, issuerB, contoso, admin];
      const table = async () => {
        const rows: boolean[][] = [];
        for (const typeId of [1, 2, 3, 4, 5, 99]) rows.push(await Promise.all(accounts.map((a) => agrees(typeId, a))));
        return rows;
      };
      expect(await table()).to.deep.equal([
        [true, true, false, false], // 1: owner and delegate
        [false, false, false, false], // 2: a stack
        [false, false, false, false], // 3: retired
        [true, false, false, false], // 4
        [false, true, false, false], // 5: Northwind's now; Contoso's delegation ended with Acme's era
        [false, false, false, false], // unknown
      ]);
      await registry.connect(admin).suspendIssuer(2);
      expect((await table()).map((row) => row[1])).to.deep.equal([false, false, false, false, false, false]);
      await registry.connect(admin).reinstateIssuer(2);
      // Ten years on, type 4's default validity would run past 2106: neither says yes.
      await time.increase(10 * YEAR + DAY);
      expect(await agrees(4, issuerA)).to.equal(false);
    });
  });
});

function anyUint() {
  return (value: bigint) => typeof value === "bigint";
}
