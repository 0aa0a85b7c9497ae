/**
 * Professional-development credit totals: the lens's creditsOf / creditsOfPage (counted by the
 * registry's creditsOfPage), and the SDK's countCredits, which must give the same answer.
 */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import {
  CredentialStatus,
  countCredits,
  daysUntil,
  expiringSoon,
  expiryPhrase,
  parseCreditPeriod,
  periodStart,
  type Credential,
} from "@onchaincert/sdk";
import { DAY, Kind, Reason, Status, move, registryWithType, typeInput } from "../helpers/fixtures";

const NONE = ethers.ZeroHash;
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

/**
 * Alice earns, a day apart from `start`: #1 CPD A (1.50, a year), #2 CPD B (2.00, expires after
 * 10 days), #3 CPD C (3.00, revoked), #4 CPD D (1.25, renounced), #5 CPD E (4.00, from Northwind,
 * whose key is later declared compromised), #6 CPD F (0.50, moved to Bob), then claims #7, the
 * "CPD bundle" stack of A and B, which carries 10.00 credits of its own.
 */
async function fixture() {
  const d = await registryWithType();
  const [alice, bob] = d.holders;
  const acme = d.registry.connect(d.issuerA);
  const pd = (name: string, credits: number, validityPeriod = 365 * DAY) =>
    typeInput({ name, kind: Kind.ProfessionalDevelopmentCredit, credits, validityPeriod });
  await acme.createCredentialType(pd("CPD A", 150)); // type 2
  await acme.createCredentialType(pd("CPD B", 200, 10 * DAY)); // 3
  await acme.createCredentialType(pd("CPD C", 300, 0)); // 4
  await acme.createCredentialType(pd("CPD D", 125)); // 5
  await d.registry.connect(d.issuerB).createCredentialType(pd("CPD E", 400)); // 6
  await acme.createCredentialType(pd("CPD F", 50)); // 7
  await acme.createCredentialType(
    typeInput({ name: "CPD bundle", credits: 1000, components: [2, 3], requiredComponents: 2, validityPeriod: 0 }),
  ); // 8
  const start = (await time.latest()) + 100;
  const issues: [typeof acme, number][] = [
    [acme, 2],
    [acme, 3],
    [acme, 4],
    [acme, 5],
    [d.registry.connect(d.issuerB), 6],
    [acme, 7],
  ];
  for (const [i, [issuer, typeId]] of issues.entries()) {
    await time.setNextBlockTimestamp(start + i * DAY);
    await issuer.issue(typeId, alice.address, 0, NONE);
  }
  await time.setNextBlockTimestamp(start + 6 * DAY);
  await d.registry.claimStack(8, alice.address);
  const issuedAt = (id: number) => start + (id - 1) * DAY;
  return { ...d, alice, bob, start, issuedAt };
}

/** After the fixture: #3 revoked, #4 renounced, Northwind's watermark over #5, #6 moved to Bob, #2 expired. */
async function settled() {
  const d = await loadFixture(fixture);
  await d.registry.connect(d.issuerA).revoke(3, Reason.IssuedInError, "");
  await d.registry.connect(d.alice).renounce(4);
  await d.registry.connect(d.admin).setCompromiseWatermark(2, 5);
  await move(d.registry, d.issuerA, 6, d.bob);
  await time.increaseTo(d.start + 30 * DAY);
  return d;
}

describe("credit totals", function () {
  it("counts valid credentials issued since the start, a stack never, and names the ones counted", async function () {
    const { lens, alice, issuedAt } = await loadFixture(fixture);
    // 1.50 + 2.00 + 3.00 + 1.25 + 4.00 + 0.50; the stack's own 10.00 would count its components twice.
    expect(await lens.creditsOf(alice.address, 0)).to.equal(1225n);
    expect(await lens.creditsOfPage(alice.address, 0, false, 0, 100)).to.deep.equal([1225n, 6n, 0n]);
    // `since` is inclusive: a credential issued at that second counts, one a second earlier does not.
    expect(await lens.creditsOf(alice.address, issuedAt(3))).to.equal(300n + 125n + 400n + 50n);
    expect(await lens.creditsOf(alice.address, issuedAt(3) + 1)).to.equal(125n + 400n + 50n);
    expect(await lens.creditsOf(alice.address, issuedAt(6) + 1)).to.equal(0n);
  });

  it("keeps expired credentials (unless only valid ones are asked for) and drops revoked, renounced, compromised and moved ones", async function () {
    const { registry, lens, alice, bob, issuedAt } = await settled();
    expect((await lens.verify(2)).status).to.equal(Status.Expired);
    expect((await lens.verify(5)).revocationReason).to.equal(Reason.KeyCompromised);
    // #1 and expired #2 count; #3 revoked, #4 renounced, #5 under the watermark, #6 moved away.
    expect(await lens.creditsOf(alice.address, 0)).to.equal(350n);
    expect(await lens.creditsOfPage(alice.address, 0, true, 0, 100)).to.deep.equal([150n, 1n, 0n]);
    // The moved credential counts at its new address, earned when the original was.
    const moved = await registry.latestCredentialOf(bob.address, 7);
    expect((await lens.verify(moved)).issuedAt).to.equal(BigInt(issuedAt(6)));
    expect(await lens.creditsOf(bob.address, issuedAt(6))).to.equal(50n);
    expect(await lens.creditsOf(bob.address, issuedAt(6) + 1)).to.equal(0n);
    // The lens forwards to the registry, which answers the same.
    expect(await registry.creditsOfPage(alice.address, 0, false, 0, 1000)).to.deep.equal([350n, 2n, 0n]);
  });

  it("leaves stacks (which anyone may claim for a holder) before working out their status", async function () {
    const d = await loadFixture(fixture);
    const acme = d.registry.connect(d.issuerA);
    const holder = d.holders[2]!.address;
    // Sixteen components and, once a watermark is on the chain, stacks of all sixteen: a stack's
    // status checks every component, what a griefer would pile on a holder.
    const components = Array.from({ length: 16 }, (_, i) => 9 + i);
    for (const i of components) await acme.createCredentialType(typeInput({ name: `Module ${i}`, credits: 100 }));
    for (const t of components) await acme.issue(t, holder, 0, NONE);
    await d.registry.connect(d.admin).setCompromiseWatermark(2, 5);
    const pageGas = () => d.registry.creditsOfPage.estimateGas(holder, 0, false, 0, 1000);
    const before = await pageGas();
    for (let i = 0; i < 10; i++) {
      await acme.createCredentialType(
        typeInput({ name: `Stack ${i}`, credits: 500, components, requiredComponents: 16, validityPeriod: 0 }),
      );
      await d.registry.connect(d.stranger).claimStack(25 + i, holder);
    }
    const perStack = (Number(await pageGas()) - Number(before)) / 10;
    // Walking the holder index and reading the type: no component is looked at (working out one
    // such stack's status costs about 90,000). Instrumented code under coverage costs more.
    if (!coverage) expect(perStack, `gas per stack ${perStack}`).to.be.below(12_000);
    expect(await d.lens.creditsOf(holder, 0)).to.equal(1600n);
    expect((await d.lens.verify(30)).status).to.equal(Status.Valid);
  });

  it("pages: the pages' totals add up to the whole, whatever the page size", async function () {
    const { lens, alice } = await settled();
    for (const size of [1, 2, 3, 5]) {
      let cursor = 0n;
      let total = 0n;
      let counted = 0n;
      do {
        const [credits, n, next] = await lens.creditsOfPage(alice.address, 0, false, cursor, size);
        total += credits;
        counted += n;
        cursor = next;
      } while (cursor !== 0n);
      expect([total, counted], `pages of ${size}`).to.deep.equal([350n, 2n]);
    }
  });

  it("agrees with the SDK's countCredits, credential for credential, and the SDK filters by issuer and type", async function () {
    const { lens, alice, start } = await settled();
    const listed = (await lens.credentialsOf(alice.address)).map(asSdk);
    for (const since of [0, start, start + DAY, start + 2 * DAY]) {
      for (const validOnly of [false, true]) {
        const sdk = countCredits(listed, { since, validOnly });
        const [credits, counted] = await lens.creditsOfPage(alice.address, since, validOnly, 0, 1000);
        expect(
          [BigInt(sdk.total), BigInt(sdk.counted.length)],
          `since ${since}, valid only ${validOnly}`,
        ).to.deep.equal([credits, counted]);
      }
    }
    expect(countCredits(listed).counted.map((c) => c.tokenId)).to.deep.equal([1n, 2n]);
    expect(countCredits(listed, { types: [2n] }).total).to.equal(150);
    expect(countCredits(listed, { issuers: [2n] }).total).to.equal(0);
  });

  it("asks a holder of more than one registry page to page, for credits as for credentials", async function () {
    const pager = await ethers.deployContract("HoldingsPagerMock");
    const lens = await ethers.deployContract("CredentialLens", [await pager.getAddress()]);
    const [, holder] = await ethers.getSigners();
    await expect(lens.creditsOf(holder.address, 0))
      .to.be.revertedWithCustomError(lens, "HolderNeedsPaging")
      .withArgs(holder.address, 1001);
    await expect(lens.credentialsOf(holder.address))
      .to.be.revertedWithCustomError(lens, "HolderNeedsPaging")
      .withArgs(holder.address, 1001);
  });
});

describe("credit periods and expiry in the SDK", function () {
  const at = (iso: string) => Date.parse(iso) / 1000;

  it("starts a period the same time of day, calendar months earlier, on the month's last day when shorter", function () {
    expect(periodStart("12m", at("2026-11-27T20:15:00Z"))).to.equal(at("2025-11-27T20:15:00Z"));
    expect(periodStart("24m", at("2028-02-29T08:00:00Z"))).to.equal(at("2026-02-28T08:00:00Z"));
    expect(periodStart("36m", at("2027-03-31T00:00:00Z"))).to.equal(at("2024-03-31T00:00:00Z"));
    expect(periodStart("12m", at("2027-01-15T00:00:00Z"))).to.equal(at("2026-01-15T00:00:00Z"));
    expect(periodStart("24m", at("2026-05-31T12:00:00Z"))).to.equal(at("2024-05-31T12:00:00Z"));
    expect(periodStart("12m", at("2025-03-31T00:00:00Z"))).to.equal(at("2024-03-31T00:00:00Z"));
    expect(periodStart("all", at("2026-11-27T00:00:00Z"))).to.equal(0);
  });

  it("reads the period a link names, and nothing else", function () {
    expect(["12m", "24M", " 36m ", "all"].map(parseCreditPeriod)).to.deep.equal(["12m", "24m", "36m", "all"]);
    expect(["", "6m", "24", "alltime", null, undefined].map(parseCreditPeriod)).to.deep.equal(Array(6).fill(undefined));
  });

  it("says when a credential expires, and lists the valid ones expiring within 90 days, soonest first", function () {
    const now = at("2026-11-27T12:00:00Z");
    expect(
      [-1, 0, 1, 3599, 3600, 5 * 3600, DAY - 1, DAY, DAY + 1, 12 * DAY].map((s) => [
        daysUntil(now + s, now),
        expiryPhrase(now + s, now),
      ]),
    ).to.deep.equal([
      [0, "expired"],
      [0, "expires in less than an hour"],
      [1, "expires in less than an hour"],
      [1, "expires in less than an hour"],
      [1, "expires in 1 hour"],
      [1, "expires in 5 hours"],
      [1, "expires in 23 hours"],
      [1, "expires in 1 day"],
      [2, "expires in 2 days"],
      [12, "expires in 12 days"],
    ]);
    const c = (tokenId: bigint, status: CredentialStatus, validUntil: number) =>
      ({ tokenId, status, validUntil: BigInt(validUntil) }) as unknown as Credential;
    const list = [
      c(1n, CredentialStatus.Valid, now + 60 * DAY),
      c(2n, CredentialStatus.Valid, now + 12 * DAY),
      c(3n, CredentialStatus.Valid, 0), // does not expire
      c(4n, CredentialStatus.Valid, now + 91 * DAY),
      c(5n, CredentialStatus.Expired, now - DAY),
      c(6n, CredentialStatus.Revoked, now + 5 * DAY),
      c(7n, CredentialStatus.Valid, now + 90 * DAY),
    ];
    expect(expiringSoon(list, now).map((x) => x.tokenId)).to.deep.equal([2n, 1n, 7n]);
  });
});

/** A typechain Credential as the SDK (viem) types it: plain numbers for the small fields. */
function asSdk(c: Awaited<ReturnType<import("../../typechain-types").CredentialLens["verify"]>>): Credential {
  return {
    tokenId: c.tokenId,
    status: Number(c.status),
    holder: c.holder as `0x${string}`,
    typeId: c.typeId,
    typeName: c.typeName,
    kind: Number(c.kind),
    credits: Number(c.credits),
    issuerId: c.issuerId,
    issuer: c.issuer as `0x${string}`,
    issuerName: c.issuerName,
    issuerStatus: Number(c.issuerStatus),
    issuerSuspendedAt: c.issuerSuspendedAt,
    delegateIssuerId: c.delegateIssuerId,
    delegate: c.delegate as `0x${string}`,
    delegateName: c.delegateName,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt,
    revocationReason: Number(c.revocationReason),
    revocationNote: c.revocationNote,
    evidenceHash: c.evidenceHash as `0x${string}`,
    components: [...c.components],
    movedTo: c.movedTo,
    movedFrom: c.movedFrom,
  };
}
