import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { deploy, DeploymentResultType } from "@nomicfoundation/ignition-core";
import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { createPublicClient, custom } from "viem";

import OnChainCert from "../deploy/modules/OnChainCert";
import {
  candidatesCsv,
  checkCandidates,
  daysUntil,
  parseCandidateList,
  parseRequirement,
  periodStart,
  type CreditPeriod,
} from "@onchaincert/sdk";
import { DEMO_TYPES, seedDemo } from "../scripts/lib/demo";
import type { CredentialClaims, CredentialLens, CredentialRegistry } from "../typechain-types";
import { Reason, Status } from "./helpers/fixtures";

async function deployed() {
  const { registry, renderer, lens, claims } = await hre.ignition.deploy(OnChainCert);
  return {
    registry: registry as unknown as CredentialRegistry,
    renderer,
    lens: lens as unknown as CredentialLens,
    claims: claims as unknown as CredentialClaims,
  };
}

async function seeded() {
  const d = await deployed();
  const signers = await ethers.getSigners();
  const summary = await seedDemo(d.registry, signers, (t) => time.increaseTo(t));
  return { ...d, summary, signers };
}

// The deploy module and the seed are TypeScript; under solidity-coverage (which measures
// contracts/, all exercised elsewhere) they add a minute and no lines.
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

(coverage ? describe.skip : describe)("deploy module and demo seed", function () {
  it("deploys the registry wired to the renderer, with its lens, extension and claim-link minter, the deployer as admin", async function () {
    const { registry, renderer, lens, claims } = await loadFixture(deployed);
    const [deployer] = await ethers.getSigners();
    expect(await registry.renderer()).to.equal(await renderer.getAddress());
    expect(await lens.registry()).to.equal(await registry.getAddress());
    expect(await ethers.provider.getCode(await registry.adminExtension())).to.not.equal("0x");
    expect(await registry.defaultAdmin()).to.equal(deployer.address);
    expect(await registry.defaultAdminDelay()).to.equal(3 * 24 * 60 * 60);
    expect(await registry.externalBaseURI()).to.equal("http://127.0.0.1:5173/credential/");
    expect(await claims.registry()).to.equal(await registry.getAddress());
    expect(await registry.hasRole(await registry.MINTER_ROLE(), await claims.getAddress())).to.equal(true);
    expect(await claims.roundCount()).to.equal(0);
  });

  it("is idempotent: a second run on the same chain deploys nothing and records the same addresses", async function () {
    // In-process, `hre.ignition.deploy` keeps no journal; a deployment directory is what makes a
    // re-run a no-op on real chains, so this test gives Ignition one, as `ignition deploy` does.
    const dir = mkdtempSync(path.join(tmpdir(), "occ-ignition-"));
    try {
      const accounts = (await hre.network.provider.request({ method: "eth_accounts" })) as string[];
      const run = () =>
        deploy({
          config: {},
          provider: hre.network.provider,
          deploymentDir: dir,
          artifactResolver: new HardhatArtifactResolver(hre),
          ignitionModule: OnChainCert,
          deploymentParameters: {},
          accounts,
        });
      const first = await run();
      expect(first.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
      const blockAfterFirst = await ethers.provider.getBlockNumber();
      const second = await run();
      expect(second.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
      expect(await ethers.provider.getBlockNumber()).to.equal(blockAfterFirst);
      const recorded = JSON.parse(readFileSync(path.join(dir, "deployed_addresses.json"), "utf8"));
      if (first.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) throw new Error("unreachable");
      expect(recorded["OnChainCert#CredentialRegistry"]).to.equal(
        first.contracts["OnChainCert#CredentialRegistry"].address,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("seeds two issuers, seventeen types and over thirty credentials of every status", async function () {
    const { registry, summary, lens } = await loadFixture(seeded);
    expect(summary.issuers).to.have.length(2);
    expect(summary.typeCount).to.equal(DEMO_TYPES.length);
    expect(summary.credentialCount).to.be.within(30, 40);
    const kinds = new Set<bigint>();
    const statuses = new Map<bigint, number>();
    for (const holder of summary.recipients) {
      for (const c of await lens.credentialsOf(holder)) {
        kinds.add(c.kind);
        statuses.set(c.status, (statuses.get(c.status) ?? 0) + 1);
      }
    }
    expect([...kinds].sort()).to.deep.equal([0n, 1n, 2n, 3n]);
    expect(statuses.get(BigInt(Status.Valid))).to.be.greaterThan(15);
    expect(statuses.get(BigInt(Status.Revoked))).to.equal(4); // three revocations and Bob's stack
    expect(statuses.get(BigInt(Status.Expired))).to.equal(4); // two just now, two of Carol's long ago
    const bobStack = (await lens.credentialsOf(summary.recipients[1])).find((c) => c.components.length > 0)!;
    expect(bobStack.status).to.equal(Status.Revoked);
    expect(bobStack.revocationReason).to.equal(Reason.ComponentRevoked);
    expect((await registry.credentialType(12)).retired).to.equal(true);
  });

  it("checks a list of candidates against a requirement at one block: who passes, what each lacks, bad rows kept", async function () {
    const { summary, lens } = await loadFixture(seeded);
    const [alice, bob, , dave] = summary.recipients as string[];
    // Cloud Fundamentals, and Container Orchestration or Infrastructure as Code; then the stack.
    const { requirement } = parseRequirement("all:1;any:1:2,3");
    const list = parseCandidateList(`name,address\nAlice,${alice}\nBob,${bob}\nDave,${dave}\nNobody,0x12`);
    const publicClient = createPublicClient({ transport: custom(hre.network.provider) });
    const lensAddress = (await lens.getAddress()) as `0x${string}`;
    const { results, blockNumber } = await checkCandidates(publicClient, lensAddress, requirement!, list.rows);
    expect(blockNumber).to.equal(await publicClient.getBlockNumber());
    expect(results.map((r) => [r.row, r.check?.pass ?? r.error])).to.deep.equal([
      [2, true],
      [3, false],
      [4, false],
      [5, "That is not an Ethereum address: it has 2 hexadecimal characters after 0x, and an address has 40."],
    ]);
    expect(results[1]!.check!.anyOf!.outcomes.map((o) => o.why)).to.deep.equal([
      "not held",
      `revoked on ${new Date(Number(results[1]!.check!.anyOf!.outcomes[1]!.about!.revokedAt) * 1000).toISOString().slice(0, 10)} (Misconduct)`,
    ]);
    expect(results[2]!.check!.allOf[0]!.why).to.match(/^revoked on .* \(Issued in error\)$/);
    const csv = candidatesCsv(requirement!, results).split("\r\n");
    expect(csv).to.have.length(5);
    expect(csv[0]).to.equal("row,address,result,type #1,type #2,type #3,missing");
    expect(csv[1]).to.match(/^2,0x[0-9a-fA-F]{40},Pass,credential #\d+,/);
    // Stopped after the first result: the rest come back unchecked, none dropped.
    const stop = new AbortController();
    const stopped = await checkCandidates(publicClient, lensAddress, requirement!, list.rows, {
      concurrency: 1,
      signal: stop.signal,
      onResult: () => stop.abort(),
    });
    expect(stopped.stopped).to.equal(true);
    expect(stopped.results.map((r) => [r.row, r.check?.pass ?? r.error ?? "not checked"])).to.deep.equal([
      [2, true],
      [3, "not checked"],
      [4, "not checked"],
      [5, "That is not an Ethereum address: it has 2 hexadecimal characters after 0x, and an address has 40."],
    ]);
    // The stack counts as its own type: Alice's stands, Bob's fell with its revoked component.
    const stack = await checkCandidates(
      publicClient,
      lensAddress,
      parseRequirement("all:5").requirement!,
      list.rows.slice(0, 2),
    );
    expect(stack.results.map((r) => r.check!.allOf[0]!.why ?? "met")).to.deep.equal([
      "met",
      `revoked on ${new Date(Number(stack.results[1]!.check!.allOf[0]!.about!.revokedAt) * 1000).toISOString().slice(0, 10)} (A component credential was revoked)`,
    ]);
  });

  it("checks a past date against a credential's renewals: one that lapsed then and was renewed later does not count", async function () {
    const { summary, lens, registry, signers } = await loadFixture(seeded);
    const eve = summary.recipients[4]! as `0x${string}`;
    const publicClient = createPublicClient({ transport: custom(hre.network.provider) });
    const lensAddress = (await lens.getAddress()) as `0x${string}`;
    // Eve's Python for Analysts expired minutes after the seed; two days on, Northwind renews it.
    const seededAt = await time.latest();
    await time.increase(2 * 86_400);
    const token = await registry.latestCredentialOf(eve, 7);
    await registry.connect(signers[1]!).renew(token, 0);
    const dayAfterSeed = new Date((seededAt + 86_400) * 1000).toISOString().slice(0, 10);
    const candidates = [{ row: 2, input: eve, address: eve }];
    const now = await checkCandidates(publicClient, lensAddress, parseRequirement("all:7").requirement!, candidates);
    expect(now.results[0]!.check!.pass).to.equal(true);
    const then = await checkCandidates(
      publicClient,
      lensAddress,
      parseRequirement(`all:7;on:${dayAfterSeed}`).requirement!,
      candidates,
    );
    // Its expiry before the renewal is read from the registry a block before it: lapsed then.
    const expired = new Date((seededAt + 120) * 1000).toISOString().slice(0, 10);
    expect(then.results[0]!.check!.allOf[0]!.why).to.equal(`held but expired on ${expired}`);
  });

  it("gives Carol credits earned over forty months, so each period's total differs, and two credentials expiring soon", async function () {
    const { summary, lens } = await loadFixture(seeded);
    const carol = summary.recipients[2]!;
    const now = await time.latest();
    const since = (period: CreditPeriod) => periodStart(period, now);
    expect(await lens.creditsOf(carol, since("12m"))).to.equal(350n);
    expect(await lens.creditsOf(carol, since("24m"))).to.equal(700n);
    expect((await lens.creditsOfPage(carol, since("24m"), true, 0, 1000))[0]).to.equal(600n);
    expect(await lens.creditsOf(carol, since("36m"))).to.equal(1000n);
    expect(await lens.creditsOf(carol, 0)).to.equal(1400n);
    // Frank's revoked nutrition module counts for no one.
    expect(await lens.creditsOf(summary.recipients[5]!, 0)).to.equal(350n);
    const soon = [...(await lens.credentialsOf(carol))]
      .filter(
        (c) => c.status === BigInt(Status.Valid) && c.validUntil !== 0n && c.validUntil - BigInt(now) < 90n * 86400n,
      )
      .sort((a, b) => Number(a.validUntil - b.validUntil))
      .map((c) => [c.typeName, daysUntil(Number(c.validUntil), now)]);
    expect(soon).to.deep.equal([
      ["Infection Prevention CPD", 12],
      ["Basic Life Support", 45],
    ]);
  });
});
