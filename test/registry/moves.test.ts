/** Moves for lost wallets: never by anyone alone, never by a key that stopped speaking for its issuer. */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { DAY, MOVE_DELAY, Reason, Status, move, registryWithType, addStackTypes } from "../helpers/fixtures";

const ZERO = ethers.ZeroAddress;
const NONE = ethers.ZeroHash;

async function fixture() {
  const d = await registryWithType();
  const [alice, bob, carol, dave, aliceNew, thief] = d.holders;
  return { ...d, alice, bob, carol, dave, aliceNew, thief };
}

/** Types 1..3 are components, type 4 = "2 of 3" stack, all Acme's. */
async function stackFixture() {
  const d = await fixture();
  return { ...d, stackTypeId: await addStackTypes(d) };
}

describe("proposeMove, cancelMove and acceptMove (lost wallets)", function () {
  it("re-issues the credential to the holder's new address after MOVE_DELAY, keeping issuer, dates and evidence", async function () {
    const { registry, lens, issuerA, alice, aliceNew } = await loadFixture(fixture);
    const r = registry.connect(issuerA);
    await r.issue(1, alice.address, 0, ethers.id("evidence")); // #1
    const issuedAt = BigInt(await time.latest());
    await time.increase(DAY);
    const proposedAt = (await time.latest()) + 1;
    const readyAt = proposedAt + MOVE_DELAY;
    await time.setNextBlockTimestamp(proposedAt);
    await expect(r.proposeMove(1, aliceNew.address))
      .to.emit(registry, "CredentialMoveProposed")
      .withArgs(1, aliceNew.address, issuerA.address, readyAt);
    expect((await registry.credentialRecord(1)).pendingMove).to.equal(aliceNew.address);
    // Not before the delay, during which the holder, the issuer or the admin can still cancel.
    await expect(registry.connect(aliceNew).acceptMove(1))
      .to.be.revertedWithCustomError(registry, "CredentialMoveNotYet")
      .withArgs(1, readyAt);
    expect(await registry.ownerOf(1)).to.equal(alice.address);
    await time.increaseTo(readyAt);
    await expect(registry.connect(aliceNew).acceptMove(1))
      .to.emit(registry, "CredentialMoved")
      .withArgs(1, 2, aliceNew.address)
      .and.to.emit(registry, "Transfer")
      .withArgs(alice.address, ZERO, 1)
      .and.to.emit(registry, "Transfer")
      .withArgs(ZERO, aliceNew.address, 2);
    const [old, moved] = [await lens.verify(1), await lens.verify(2)];
    expect([old.status, old.movedTo, old.holder]).to.deep.equal([BigInt(Status.Moved), 2n, ZERO]);
    expect([moved.status, moved.holder, moved.movedFrom, moved.typeId, moved.issuerId, moved.issuedAt]).to.deep.equal([
      BigInt(Status.Valid),
      aliceNew.address,
      1n,
      1n,
      1n,
      issuedAt,
    ]);
    expect([moved.validUntil, moved.evidenceHash]).to.deep.equal([old.validUntil, ethers.id("evidence")]);
    expect([await registry.balanceOf(alice.address), await registry.balanceOf(aliceNew.address)]).to.deep.equal([
      0n,
      1n,
    ]);
    expect((await lens.credentialsOf(alice.address)).length).to.equal(0);
    // The new address may not receive a second credential of the type.
    await expect(r.issue(1, aliceNew.address, 0, NONE))
      .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
      .withArgs(aliceNew.address, 1, 2);
  });

  it("is never done by anyone alone: only the issuer or the admin proposes, only the new address accepts, and the holder can cancel", async function () {
    const { registry, admin, issuerA, issuerB, alice, bob, aliceNew } = await loadFixture(fixture);
    await registry.connect(issuerA).issue(1, alice.address, 0, NONE);
    await registry.connect(issuerA).setTypeDelegate(1, 2, true);
    for (const who of [alice, bob, issuerB]) {
      await expect(registry.connect(who).proposeMove(1, aliceNew.address))
        .to.be.revertedWithCustomError(registry, "TypeUnauthorizedAccount")
        .withArgs(1, who.address);
    }
    await expect(registry.connect(aliceNew).acceptMove(1))
      .to.be.revertedWithCustomError(registry, "CredentialMoveInvalid")
      .withArgs(1, aliceNew.address);
    // An issuer moving a credential to an address it controls: the holder cancels in time.
    await registry.connect(issuerA).proposeMove(1, bob.address);
    await expect(registry.connect(alice).cancelMove(1))
      .to.emit(registry, "CredentialMoveCancelled")
      .withArgs(1, alice.address);
    await time.increase(MOVE_DELAY);
    await expect(registry.connect(bob).acceptMove(1)).to.be.revertedWithCustomError(registry, "CredentialMoveInvalid");
    // The admin may propose; the issuer may cancel; strangers may not cancel.
    await registry.connect(admin).proposeMove(1, aliceNew.address);
    await expect(registry.connect(bob).cancelMove(1))
      .to.be.revertedWithCustomError(registry, "CredentialMoveUnauthorized")
      .withArgs(1, bob.address);
    await expect(registry.connect(issuerA).cancelMove(1)).to.emit(registry, "CredentialMoveCancelled");
    await expect(registry.connect(issuerA).cancelMove(1))
      .to.be.revertedWithCustomError(registry, "CredentialMoveInvalid")
      .withArgs(1, ZERO);
    await expect(registry.connect(issuerA).proposeMove(1, alice.address))
      .to.be.revertedWithCustomError(registry, "CredentialMoveInvalid")
      .withArgs(1, alice.address);
    await expect(registry.connect(issuerA).proposeMove(1, ZERO))
      .to.be.revertedWithCustomError(registry, "CredentialMoveInvalid")
      .withArgs(1, ZERO);
    // An admin proposal, accepted after the delay.
    await registry.connect(admin).proposeMove(1, aliceNew.address);
    await time.increase(MOVE_DELAY);
    await expect(registry.connect(aliceNew).acceptMove(1)).to.emit(registry, "CredentialMoved");
  });

  it("refuses to move a revoked or renounced credential, also when it happened after the proposal", async function () {
    const { registry, issuerA, alice, bob, aliceNew, carol } = await loadFixture(fixture);
    await registry.connect(issuerA).issueBatch(1, [alice.address, bob.address], [], []);
    await registry.connect(issuerA).proposeMove(1, aliceNew.address);
    await registry.connect(issuerA).revoke(1, Reason.Misconduct, "");
    await time.increase(MOVE_DELAY);
    await expect(registry.connect(aliceNew).acceptMove(1))
      .to.be.revertedWithCustomError(registry, "CredentialAlreadyRevoked")
      .withArgs(1);
    await expect(registry.connect(issuerA).proposeMove(1, carol.address))
      .to.be.revertedWithCustomError(registry, "CredentialAlreadyRevoked")
      .withArgs(1);
    await registry.connect(issuerA).proposeMove(2, carol.address);
    await registry.connect(bob).renounce(2);
    await time.increase(MOVE_DELAY);
    await expect(registry.connect(carol).acceptMove(2))
      .to.be.revertedWithCustomError(registry, "CredentialWasRenounced")
      .withArgs(2);
  });

  it("keeps a stack valid after its components move, and revoked once a moved component is revoked", async function () {
    const { registry, lens, issuerA, alice, aliceNew, stackTypeId } = await loadFixture(stackFixture);
    const r = registry.connect(issuerA);
    await r.issue(1, alice.address, 0, NONE); // #1
    await r.issue(2, alice.address, 0, NONE); // #2
    await registry.claimStack(stackTypeId, alice.address); // #3
    for (const id of [1, 2, 3]) await move(registry, issuerA, id, aliceNew); // #4, #5, #6
    const stack = await lens.verify(6);
    expect([stack.status, stack.components, stack.movedFrom]).to.deep.equal([BigInt(Status.Valid), [1n, 2n], 3n]);
    await r.revoke(5, Reason.Misconduct, "moved, then revoked");
    const after = await lens.verify(6);
    expect([after.status, after.revocationReason, after.revocationNote]).to.deep.equal([
      BigInt(Status.Revoked),
      BigInt(Reason.ComponentRevoked),
      "moved, then revoked",
    ]);
  });

  it("moves a stack's standing with its components: left behind, it reads Moved until it follows them", async function () {
    const { registry, lens, issuerA, alice, aliceNew, stackTypeId } = await loadFixture(stackFixture);
    const r = registry.connect(issuerA);
    await r.issue(1, alice.address, 0, NONE); // #1
    await r.issue(2, alice.address, 0, NONE); // #2
    await registry.claimStack(stackTypeId, alice.address); // #3
    // The components move to the new address (#4, #5); the stack stays behind.
    for (const id of [1, 2]) await move(registry, issuerA, id, aliceNew);
    const behind = await lens.verify(3);
    expect([behind.status, behind.movedTo, behind.holder]).to.deep.equal([BigInt(Status.Moved), 0n, ZERO]);
    expect(await registry.hasValidCredential(alice.address, stackTypeId)).to.equal(false);
    expect((await lens.credentialsOf(alice.address)).map((c) => [c.tokenId, c.status])).to.deep.equal([
      [3n, BigInt(Status.Moved)],
    ]);
    // Whoever still has the old key cannot claim a second stack at the new address and keep the
    // old one: there is one valid stack for one set of components.
    await registry.claimStack(stackTypeId, aliceNew.address); // #6, at the new address
    expect(await registry.hasValidCredential(aliceNew.address, stackTypeId)).to.equal(true);
    expect(await registry.hasValidCredential(alice.address, stackTypeId)).to.equal(false);
    // Had the stack been moved along instead, it would be valid there.
    const d = await loadFixture(stackFixture);
    await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, NONE);
    await d.registry.connect(d.issuerA).issue(2, d.alice.address, 0, NONE);
    await d.registry.claimStack(d.stackTypeId, d.alice.address); // #3
    await move(d.registry, d.issuerA, 3, d.aliceNew); // #4: the stack first, its components still behind
    expect((await d.lens.verify(4)).status).to.equal(Status.Moved);
    for (const id of [1, 2]) await move(d.registry, d.issuerA, id, d.aliceNew);
    expect((await d.lens.verify(4)).status).to.equal(Status.Valid);
    expect(await d.registry.hasValidCredential(d.aliceNew.address, d.stackTypeId)).to.equal(true);
  });

  it("keeps one stack of a type per holder while a component is away: a second one is refused, so none is valid twice when it comes back", async function () {
    const { registry, lens, issuerA, alice, aliceNew, stackTypeId } = await loadFixture(stackFixture);
    const r = registry.connect(issuerA);
    for (const typeId of [1, 2, 3]) await r.issue(typeId, alice.address, 0, NONE); // #1, #2, #3
    await registry.claimStack(stackTypeId, alice.address); // #4, from #1 and #2 (2 of 3)
    await move(registry, issuerA, 1, aliceNew); // #5 at the new address: #4 reads Moved
    expect((await lens.verify(4)).status).to.equal(Status.Moved);
    // The holder has #2 and #3: a second stack at the same address would be valid beside #4 once
    // #1 comes back. #4 is still theirs, so it is refused.
    await expect(registry.claimStack(stackTypeId, alice.address))
      .to.be.revertedWithCustomError(registry, "CredentialAlreadyHeld")
      .withArgs(alice.address, stackTypeId, 4);
    await move(registry, issuerA, 5, alice); // #6: the component comes back
    expect((await lens.verify(4)).status).to.equal(Status.Valid);
    const stacks = (await lens.credentialsOf(alice.address)).filter((c) => c.typeId === stackTypeId);
    expect(stacks.map((c) => [c.tokenId, c.status])).to.deep.equal([[4n, BigInt(Status.Valid)]]);
    expect(await registry.hasValidCredential(alice.address, stackTypeId)).to.equal(true);
  });

  it("refuses a proposal from a suspended issuer's account, and revives no lapsed proposal when it is reinstated", async function () {
    const { registry, admin, issuerA, alice, aliceNew, thief } = await loadFixture(fixture);
    await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1
    await registry.connect(issuerA).proposeMove(1, thief.address);
    await registry.connect(admin).suspendIssuer(1);
    await expect(registry.connect(issuerA).proposeMove(1, aliceNew.address))
      .to.be.revertedWithCustomError(registry, "IssuerNotActive")
      .withArgs(1);
    await time.increase(MOVE_DELAY);
    await registry.connect(admin).reinstateIssuer(1);
    // Same key, active again, delay long past: the proposal made before the suspension has lapsed.
    await expect(registry.connect(thief).acceptMove(1))
      .to.be.revertedWithCustomError(registry, "CredentialMoveInvalid")
      .withArgs(1, thief.address);
    // A fresh proposal waits its own delay.
    await registry.connect(issuerA).proposeMove(1, aliceNew.address);
    await expect(registry.connect(aliceNew).acceptMove(1)).to.be.revertedWithCustomError(
      registry,
      "CredentialMoveNotYet",
    );
    await time.increase(MOVE_DELAY);
    await expect(registry.connect(aliceNew).acceptMove(1))
      .to.emit(registry, "CredentialMoved")
      .withArgs(1, 2, aliceNew.address);
  });

  describe("against a leaked issuer key", function () {
    it("lets a move the leaked key proposed lapse once the key is suspended or replaced", async function () {
      const { registry, lens, admin, issuerA, alice, thief, holders } = await loadFixture(fixture);
      const newKey = holders[7]!;
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1, before the leak
      await registry.connect(issuerA).proposeMove(1, thief.address); // the thief, with Acme's key
      await registry.connect(issuerA).issue(1, thief.address, 0, NONE); // #2, in the leak window
      await registry.connect(admin).setCompromiseWatermark(1, 2);
      await time.increase(MOVE_DELAY);
      await expect(registry.connect(thief).acceptMove(1))
        .to.be.revertedWithCustomError(registry, "CredentialMoveInvalid")
        .withArgs(1, thief.address);
      await registry.connect(admin).replaceIssuerAccount(1, newKey.address);
      await registry.connect(admin).reinstateIssuer(1);
      await expect(registry.connect(thief).acceptMove(1))
        .to.be.revertedWithCustomError(registry, "CredentialMoveInvalid")
        .withArgs(1, thief.address);
      expect((await lens.verify(1)).status).to.equal(Status.Valid); // still the victim's
    });

    it("covers, by its own token id, a move the leaked key made inside the window", async function () {
      const { registry, lens, admin, issuerA, alice, thief } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1, before the leak
      await registry.connect(issuerA).issue(1, ethers.toBeHex(0xbeef, 20), 0, NONE); // #2
      // The thief moves #1 to itself before anyone notices: #3.
      await move(registry, issuerA, 1, thief);
      expect((await lens.verify(3)).status).to.equal(Status.Valid);
      await registry.connect(admin).setCompromiseWatermark(1, 2);
      const stolen = await lens.verify(3);
      expect([stolen.status, stolen.revocationReason]).to.deep.equal([
        BigInt(Status.Revoked),
        BigInt(Reason.KeyCompromised),
      ]);
      expect((await lens.verify(1)).status).to.equal(Status.Moved);
    });

    it("covers a chain the leaked key started, whoever moved it on", async function () {
      const { registry, lens, admin, issuerA, alice, thief, holders } = await loadFixture(fixture);
      const elsewhere = holders[7]!;
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1, before the leak
      await registry.connect(issuerA).issue(1, ethers.toBeHex(0xbeef, 20), 0, NONE); // #2
      await move(registry, issuerA, 1, thief); // #3: the leaked key's move
      // The thief asks the admin to move "their lost wallet" on: #4, then the admin again: #5.
      await move(registry, admin, 3, elsewhere);
      await move(registry, admin, 4, thief);
      await registry.connect(admin).setCompromiseWatermark(1, 2);
      for (const id of [3, 4, 5]) {
        const c = await lens.verify(id);
        expect([c.status, c.revocationReason], `#${id}`).to.deep.equal([
          BigInt(Status.Revoked),
          BigInt(Reason.KeyCompromised),
        ]);
      }
      expect(await registry.hasValidCredential(thief.address, 1)).to.equal(false);
    });

    it("does not cover a move the admin made inside the window: that was not the key's doing", async function () {
      const { registry, lens, admin, issuerA, alice, aliceNew } = await loadFixture(fixture);
      await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1
      await registry.connect(issuerA).issue(1, ethers.toBeHex(0xbeef, 20), 0, NONE); // #2
      await move(registry, admin, 1, aliceNew); // #3
      await registry.connect(admin).setCompromiseWatermark(1, 2);
      expect((await lens.verify(3)).status).to.equal(Status.Valid);
    });
  });
});
