/**
 * Gas regression: the targets, asserted on counts (deterministic, unlike timings). The figures
 * themselves, with the 1,000-credential and 1,000-round cases, come from `pnpm bench`
 * (bench/results/gas.json, checked current in `pnpm test`).
 */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { registryWithType, typeInput } from "../helpers/fixtures";

const NONE = ethers.ZeroHash;

async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

const addresses = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => ethers.getAddress(ethers.toBeHex(0x10000 + from + i, 20)));

describe("gas regression (counts are deterministic)", function () {
  before(function () {
    // solidity-coverage instruments the bytecode, which changes every gas count.
    if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) this.skip();
  });

  async function fixture() {
    const d = await registryWithType();
    await d.registry.connect(d.issuerA).createCredentialType(typeInput({ name: "Second" }));
    await d.registry.connect(d.issuerA).issue(1, addresses(1, 9999)[0]!, 0, NONE); // counters warm
    return d;
  }

  it("issues to new holders at <= 50,000 gas marginal, to holders of one credential at <= 33,000", async function () {
    const { registry, issuerA } = await loadFixture(fixture);
    const [h10, h100] = [addresses(10, 0), addresses(100, 100)];
    const g10 = await gasOf(registry.connect(issuerA).issueBatch(1, h10, [], []));
    const g100 = await gasOf(registry.connect(issuerA).issueBatch(1, h100, [], []));
    expect((g100 - g10) / 90n).to.be.lessThanOrEqual(50_000n);
    const e10 = await gasOf(registry.connect(issuerA).issueBatch(2, h10, [], []));
    const e100 = await gasOf(registry.connect(issuerA).issueBatch(2, h100, [], []));
    expect((e100 - e10) / 90n).to.be.lessThanOrEqual(33_000n);
  });

  it("issues one credential to a new holder in <= 80,000 gas, and revokes / renews in <= 45,000 / 40,000", async function () {
    const { registry, issuerA } = await loadFixture(fixture);
    const single = await gasOf(registry.connect(issuerA).issue(1, addresses(1, 0)[0]!, 0, NONE));
    expect(single).to.be.lessThanOrEqual(80_000n);
    expect(await gasOf(registry.connect(issuerA).renew(2, 0))).to.be.lessThanOrEqual(40_000n);
    expect(await gasOf(registry.connect(issuerA).revoke(2, 2, ""))).to.be.lessThanOrEqual(45_000n);
  });

  it("issues to a holder of 150 credentials of 150 other types in <= 100,000 gas, as to a holder of 3", async function () {
    const { registry, issuerA, holders } = await loadFixture(fixture);
    const [small, large] = holders;
    for (let t = 3; t <= 152; t++) await registry.connect(issuerA).createCredentialType(typeInput({ name: `T${t}` }));
    for (let t = 1; t <= 150; t++)
      await registry
        .connect(issuerA)
        .issueBatch(t, t <= 3 ? [large!.address, small!.address] : [large!.address], [], []);
    const toSmall = await gasOf(registry.connect(issuerA).issue(151, small!.address, 0, NONE));
    const toLarge = await gasOf(registry.connect(issuerA).issue(152, large!.address, 0, NONE));
    expect(toLarge).to.be.lessThanOrEqual(100_000n);
    // The one-per-type check never scans the holder's list: the same cost whatever the holder holds.
    expect(toLarge - toSmall).to.be.within(-100n, 100n);
  });
});
