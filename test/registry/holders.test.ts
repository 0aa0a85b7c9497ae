/** The holder index and the lens: every credential of a holder, in pages, found by type in constant time. */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { Reason, Status, move, register, registryWithType, typeInput } from "../helpers/fixtures";

const NONE = ethers.ZeroHash;
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

/** Acme owns types 1..8. */
async function fixture() {
  const d = await registryWithType();
  const [alice, bob, carol] = d.holders;
  for (let i = 2; i <= 8; i++)
    await d.registry.connect(d.issuerA).createCredentialType(typeInput({ name: `Module ${i}` }));
  return { ...d, alice, bob, carol };
}

describe("holder index and lens", function () {
  it("returns Unknown for ids never issued", async function () {
    const { lens, registry } = await loadFixture(fixture);
    const c = await lens.verify(123);
    expect([c.tokenId, c.status, c.holder]).to.deep.equal([123n, BigInt(Status.Unknown), ethers.ZeroAddress]);
    expect((await registry.credentialRecord(123)).status).to.equal(Status.Unknown);
  });

  it("reads consecutive records in ranges that stop at the last credential, as credentialRecord reads each", async function () {
    const { registry, lens, issuerA, alice, bob, carol } = await loadFixture(fixture);
    const r = registry.connect(issuerA);
    await r.issueBatch(1, [alice.address, bob.address, carol.address], [], []); // #1-#3
    await r.revoke(2, Reason.IssuedInError, "typo");
    expect(await lens.credentialRecords(0, 5)).to.deep.equal([]);
    expect(await lens.credentialRecords(4, 5)).to.deep.equal([]);
    const all = await lens.credentialRecords(1, 100);
    expect(all.map((c) => [c.tokenId, c.holder, c.status])).to.deep.equal([
      [1n, alice.address, BigInt(Status.Valid)],
      [2n, bob.address, BigInt(Status.Revoked)],
      [3n, carol.address, BigInt(Status.Valid)],
    ]);
    expect(all[1]).to.deep.equal(await registry.credentialRecord(2));
    expect((await lens.credentialRecords(2, 1)).map((c) => c.tokenId)).to.deep.equal([2n]);
    expect((await lens.credentialRecords(3, 2 ** 40)).map((c) => c.tokenId)).to.deep.equal([3n]);
  });

  it("enumerates inline entries, overflow holdings and superseded credentials, each once, with its issue date", async function () {
    const { registry, lens, issuerA, alice, bob } = await loadFixture(fixture);
    const r = registry.connect(issuerA);
    const dates = new Map<bigint, bigint>();
    const issue = async (typeId: number, to = alice.address) => {
      await r.issue(typeId, to, 0, NONE);
      const id = await registry.totalIssued();
      dates.set(id, BigInt(await time.latest()));
      await time.increase(60);
      return id;
    };
    const t1 = await issue(1); // inline 0
    await issue(2, bob.address);
    const t2 = await issue(2); // inline 1
    const t3 = await issue(3); // overflow: type 3
    const t4 = await issue(4); // overflow: type 4
    await r.revoke(t3, Reason.Superseded, "");
    const t3b = await issue(3); // supersedes #t3 in type 3's holding
    await r.revoke(t3b, Reason.Superseded, "");
    const t3c = await issue(3);
    await registry.connect(alice).renounce(t2); // stays in the index, left out by the lens
    const all = [t1, t2, t3, t4, t3b, t3c];

    const [ids, next] = await registry.holdings(alice.address, 0, 100);
    expect(next).to.equal(0);
    expect([...ids].sort((a, b) => Number(a - b))).to.deep.equal(all);
    // Inline first, then overflow types newest first, each from its latest token back.
    expect(ids).to.deep.equal([t1, t2, t4, t3c, t3b, t3]);
    for (const id of all) expect((await lens.verify(id)).issuedAt, `#${id}`).to.equal(dates.get(id));
    expect(await registry.latestCredentialOf(alice.address, 3)).to.equal(t3c);
    expect(await registry.latestCredentialOf(alice.address, 2)).to.equal(t2);
    expect(await registry.latestCredentialOf(alice.address, 5)).to.equal(0);

    const listed = await lens.credentialsOf(alice.address);
    expect(listed.map((c) => [c.tokenId, c.status])).to.deep.equal([
      [t1, BigInt(Status.Valid)],
      [t4, BigInt(Status.Valid)],
      [t3c, BigInt(Status.Valid)],
      [t3b, BigInt(Status.Revoked)],
      [t3, BigInt(Status.Revoked)],
    ]);
    // Revoked credentials stay in the wallet (showing Revoked); the renounced one left it.
    expect(await registry.balanceOf(alice.address)).to.equal(5);
  });

  it("pages from any cursor, and refuses a cursor that is not the holder's", async function () {
    const { registry, lens, issuerA, alice, bob } = await loadFixture(fixture);
    for (let t = 1; t <= 8; t++) await registry.connect(issuerA).issueBatch(t, [bob.address, alice.address], [], []);
    const [everything] = await registry.holdings(alice.address, 0, 1000);
    expect(everything.length).to.equal(8);
    const paged: bigint[] = [];
    let cursor = 0n;
    do {
      const [ids, next] = await registry.holdings(alice.address, cursor, 3);
      paged.push(...ids);
      cursor = next;
    } while (cursor !== 0n);
    expect(paged).to.deep.equal([...everything]);

    const [page, next] = await lens.credentialsOfPage(alice.address, 0, 5);
    const [rest, end] = await lens.credentialsOfPage(alice.address, next, 5);
    expect([...page, ...rest].map((c) => c.tokenId)).to.deep.equal([...everything]);
    expect(end).to.equal(0);
    await expect(registry.holdings(alice.address, 1, 5))
      .to.be.revertedWithCustomError(registry, "HoldingsCursorInvalid")
      .withArgs(alice.address, 1);
    await expect(lens.credentialsOfPage(alice.address, 99, 5)).to.be.revertedWithCustomError(
      registry,
      "HoldingsCursorInvalid",
    );
    expect(await registry.holdings(ethers.ZeroAddress, 0, 5)).to.deep.equal([[], 0n]);
  });

  it("lists a moved credential only at its new address, even once it is revoked", async function () {
    const { registry, lens, admin, issuerA, alice, bob } = await loadFixture(fixture);
    await registry.connect(issuerA).issue(1, alice.address, 0, NONE); // #1
    await move(registry, issuerA, 1, bob); // #2
    await registry.connect(admin).setCompromiseWatermark(1, 1); // revokes #1 and #2
    expect((await lens.verify(1)).status).to.equal(Status.Revoked);
    expect((await lens.credentialsOf(alice.address)).map((c) => c.tokenId)).to.deep.equal([]);
    expect((await lens.credentialsOf(bob.address)).map((c) => [c.tokenId, c.status])).to.deep.equal([
      [2n, BigInt(Status.Revoked)],
    ]);
  });

  it("names every issuer right for a holder of credentials from more issuers than the lens caches", async function () {
    const { registry, lens, admin, alice, holders } = await loadFixture(fixture);
    // Issuers 3..12, one type each (types 9..18), each issuing to Alice: ten issuers, a cache of eight.
    const accounts = holders.slice(6, 16);
    for (const [i, account] of accounts.entries()) {
      const name = `Issuer ${i + 3}`;
      await register({ registry, admin } as never, account.address, name);
      await registry.connect(account).createCredentialType(typeInput({ name: `Type of ${name}` }));
      await registry.connect(account).issue(Number(await registry.typeCount()), alice.address, 0, NONE);
    }
    const listed = await lens.credentialsOf(alice.address);
    const own = [...listed].filter((c) => c.issuerId >= 3n).sort((a, b) => Number(a.issuerId - b.issuerId));
    expect(own.map((c) => [c.issuerId, c.issuerName])).to.deep.equal(
      accounts.map((_, i) => [BigInt(i + 3), `Issuer ${i + 3}`]),
    );
  });

  it("answers hasValidCredential from the latest credential of the type", async function () {
    const { registry, issuerA, alice, bob } = await loadFixture(fixture);
    // An hour of margin: reads run at the node's clock, which a slow run (coverage) moves on.
    const now = await time.latest();
    await registry.connect(issuerA).issue(1, alice.address, now + 3600, NONE);
    expect(await registry.hasValidCredential(alice.address, 1)).to.equal(true);
    expect(await registry.hasValidCredential(bob.address, 1)).to.equal(false);
    expect(await registry.hasValidCredential(alice.address, 2)).to.equal(false);
    await time.increaseTo(now + 3601);
    expect(await registry.hasValidCredential(alice.address, 1)).to.equal(false);
  });

  it("reads a holder of 450 credentials page by page, each page within a node's eth_call gas cap", async function () {
    if (coverage) this.skip();
    const { registry, lens, issuerA, alice } = await loadFixture(fixture);
    const r = registry.connect(issuerA);
    // 450 types, one credential of each: the holder's list spans inline entries and 448 holdings.
    for (let t = 9; t <= 450; t++) await r.createCredentialType(typeInput({ name: `T${t}` }));
    for (let t = 1; t <= 450; t++) await r.issueBatch(t, [alice.address], [], []);
    let cursor = 0n;
    let seen = 0;
    const pageGas: bigint[] = [];
    do {
      const call = lens.credentialsOfPage.staticCall(alice.address, cursor, 200);
      const gas = await lens.credentialsOfPage.estimateGas(alice.address, cursor, 200);
      // About 42,000 gas a credential (issuer profiles cached per page): far under 16.7M-gas eth_call caps.
      expect(gas <= 10_000_000n, `page gas ${gas}`).to.equal(true);
      pageGas.push(gas);
      const [page, next] = await call;
      seen += page.length;
      cursor = next;
    } while (cursor !== 0n);
    expect(seen).to.equal(450);
    console.log(`      lens pages of 200: ${pageGas.join(", ")} gas`);
  });
});
