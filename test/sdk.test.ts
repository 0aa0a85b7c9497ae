import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { createPublicClient, createWalletClient, custom, encodeFunctionData, getAddress, type Address } from "viem";
import { hardhat } from "viem/chains";

import {
  CredentialStatus,
  credentialRegistryAbi,
  decodeTokenURI,
  deploymentOn,
  deployments,
  describeError,
  foldIssuerName,
  formatCredits,
  issuerNameKey,
  kindLabel,
  lensAddress,
  maxValiditySeconds,
  nameProblem,
  readCredentialsOf,
  readCredentialType,
  readIssuer,
  readIssuerOf,
  reasonLabel,
  registryAddress,
  revertOf,
  statusLabel,
  verifyCredential,
  LIMITS,
  checkCredentialType,
  parseCredits,
  type CredentialTypeDraft,
  countCredits,
  periodStart,
  readCreditsOf,
  claimsAddress,
} from "@onchaincert/sdk";
import OnChainCert from "../deploy/modules/OnChainCert";
import { seedDemo } from "../scripts/lib/demo";
import type { CredentialRegistry } from "../typechain-types";
import { registryWithType, typeInput } from "./helpers/fixtures";

async function seeded() {
  const { registry, lens: lensContract } = await hre.ignition.deploy(OnChainCert);
  const signers = await ethers.getSigners();
  const summary = await seedDemo(registry as unknown as CredentialRegistry, signers, (t) => time.increaseTo(t));
  const address = getAddress(await registry.getAddress()) as Address;
  const lens = getAddress(await lensContract.getAddress()) as Address;
  return { summary, signers, address, lens };
}

const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });

describe("@onchaincert/sdk against the contracts", function () {
  it("records the local deployment at the addresses a fresh `pnpm dev` chain gets", async function () {
    // `pnpm dev` deploys the module first thing on a fresh node from account #0: the renderer
    // with nonce 0, the registry with nonce 1. (dev.ts also refuses to run on a mismatch.)
    const [deployer] = await ethers.getSigners();
    expect(deployments[31337].CredentialRenderer).to.equal(
      ethers.getCreateAddress({ from: deployer.address, nonce: 0 }),
    );
    const registry = ethers.getCreateAddress({ from: deployer.address, nonce: 1 });
    expect(registryAddress(31337)).to.equal(registry);
    // Then the claim-link contract and the lens; the registry's constructor deploys its
    // administration extension itself.
    expect(claimsAddress(31337)).to.equal(ethers.getCreateAddress({ from: deployer.address, nonce: 2 }));
    expect(lensAddress(31337)).to.equal(ethers.getCreateAddress({ from: deployer.address, nonce: 3 }));
    expect(deployments[31337].CredentialRegistryAdmin).to.equal(ethers.getCreateAddress({ from: registry, nonce: 1 }));
    expect(deploymentOn(31337)).to.deep.equal({
      registry,
      lens: lensAddress(31337),
      renderer: deployments[31337].CredentialRenderer,
      claims: claimsAddress(31337),
    });
    expect(deploymentOn(1)).to.equal(undefined);
    expect(() => registryAddress(1)).to.throw("OnChainCert is not deployed on chain 1.");
  });

  it("shows every export to ES-module consumers too (tsx loads the package as CommonJS)", function () {
    const file = path.join(__dirname, "..", `.esm-check-${process.pid}.mjs`);
    writeFileSync(
      file,
      "import * as sdk from '@onchaincert/sdk';\n" +
        "import { createRequire } from 'node:module';\n" +
        "const cjs = createRequire(import.meta.url)('@onchaincert/sdk');\n" +
        "console.log(JSON.stringify(Object.keys(cjs).filter((k) => !(k in sdk))));\n",
    );
    try {
      // A clean environment: no ts-node hooks from the Hardhat process.
      const env = { PATH: process.env.PATH, HOME: process.env.HOME };
      const run = spawnSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8", env });
      expect(run.stderr).to.equal("");
      expect(JSON.parse(run.stdout)).to.deep.equal([]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("reads a holder's credit total from the lens page by page, as countCredits counts the list", async function () {
    const { lens, summary } = await loadFixture(seeded);
    const carol = summary.recipients[2] as Address;
    const now = await time.latest();
    const list = await readCredentialsOf(client, lens, carol);
    for (const since of [0, periodStart("24m", now), periodStart("12m", now)]) {
      for (const validOnly of [false, true]) {
        const onChain = await readCreditsOf(client, lens, carol, { since, validOnly, pageSize: 2 });
        const { total, counted } = countCredits(list, { since, validOnly });
        expect([onChain.total, onChain.counted]).to.deep.equal([BigInt(total), BigInt(counted.length)]);
      }
    }
    expect((await readCreditsOf(client, lens, carol)).total).to.equal(1400n);
  });

  it("halves a page the node refuses for gas (a holder piled with stacks) and reads on; other errors stop", async function () {
    const { lens, summary } = await loadFixture(seeded);
    const carol = summary.recipients[2] as Address;
    const all = await readCredentialsOf(client, lens, carol);
    const sizes: bigint[] = [];
    const capped = {
      readContract: ((args: { args: readonly unknown[] }) => {
        const size = args.args[2] as bigint;
        sizes.push(size);
        if (size > 3n) return Promise.reject(new Error("Transaction ran out of gas"));
        return client.readContract(args as never);
      }) as typeof client.readContract,
    };
    const paged = await readCredentialsOf(capped, lens, carol, { pageSize: 12 });
    expect(paged.map((c) => c.tokenId)).to.deep.equal(all.map((c) => c.tokenId));
    expect(sizes.slice(0, 4)).to.deep.equal([12n, 6n, 3n, 3n]);
    // A small first page (what a screen shows first), then full pages: the same list.
    const asked: bigint[] = [];
    const counting = {
      readContract: ((args: { args: readonly unknown[] }) => {
        asked.push(args.args[2] as bigint);
        return client.readContract(args as never);
      }) as typeof client.readContract,
    };
    const quick = await readCredentialsOf(counting, lens, carol, { pageSize: 4, firstPageSize: 2 });
    expect(quick.map((c) => c.tokenId)).to.deep.equal(all.map((c) => c.tokenId));
    expect(asked.slice(0, 3)).to.deep.equal([2n, 4n, 4n]);
    const down = {
      readContract: (() => Promise.reject(new Error("HTTP request failed."))) as typeof client.readContract,
    };
    await readCredentialsOf(down, lens, carol).then(
      () => expect.fail("should have thrown"),
      (e: Error) => expect(e.message).to.equal("HTTP request failed."),
    );
  });

  it("reads a holder's credentials (page by page), a credential, a type and an issuer with typed results", async function () {
    const { address, lens, summary } = await loadFixture(seeded);
    const bob = summary.recipients[1] as Address;
    const list = await readCredentialsOf(client, lens, bob);
    expect(list.length).to.be.greaterThan(2);
    const pages: number[] = [];
    const paged = await readCredentialsOf(client, lens, bob, { pageSize: 1, onPage: (p) => pages.push(p.length) });
    expect(paged.map((c) => c.tokenId)).to.deep.equal(list.map((c) => c.tokenId));
    expect(pages.length).to.be.greaterThan(2);
    const stack = list.find((c) => c.components.length > 0)!;
    expect(statusLabel(stack.status)).to.equal("Revoked");
    expect(reasonLabel(stack.revocationReason)).to.equal("A component credential was revoked");
    const one = await verifyCredential(client, lens, list[0].tokenId);
    expect([one.holder, one.status, one.issuerName]).to.deep.equal([
      bob,
      CredentialStatus.Valid,
      "Northwind Institute of Technology",
    ]);
    const type = await readCredentialType(client, address, 9n);
    expect(kindLabel(type.kind)).to.equal("Professional development credit");
    expect(formatCredits(type.credits)).to.equal("1.50");
    const issuer = await readIssuer(client, address, 1n);
    expect(issuer.name).to.equal("Northwind Institute of Technology");
    expect((await readIssuerOf(client, address, summary.issuers[1] as Address))!.issuerId).to.equal(2n);
    expect(await readIssuerOf(client, address, bob)).to.equal(undefined);
    expect((await verifyCredential(client, lens, 9999n)).status).to.equal(CredentialStatus.Unknown);
    expect(statusLabel(CredentialStatus.Moved)).to.equal("Moved");
    expect(reasonLabel(254)).to.equal("The issuer's key was compromised");
  });

  it("folds issuer names as documented, and the registry holds each folded name once", async function () {
    const same = [
      "Northwind Institute",
      "NORTHWIND  institute",
      "Ｎｏｒｔｈｗｉｎｄ Institute",
      " Northwind\u00a0Institute\t",
      "North\u200bwind Institute",
    ];
    for (const name of same) expect(foldIssuerName(name), JSON.stringify(name)).to.equal("northwind institute");
    expect(foldIssuerName("Straße")).to.equal(foldIssuerName("STRASSE"));
    expect(issuerNameKey("Northwind Institute")).to.equal(issuerNameKey("northwind institute"));
    // Look-alike scripts stay different (the dApp warns about those).
    expect(issuerNameKey("Northwind Institute")).to.not.equal(issuerNameKey("Nоrthwind Institute")); // Cyrillic о
    const { registry, admin, stranger, holders } = await loadFixture(registryWithType);
    await registry.connect(admin).registerIssuer(stranger.address, same[0]!, issuerNameKey(same[0]!), "");
    for (const [i, name] of same.slice(1).entries()) {
      await expect(
        registry.connect(admin).registerIssuer(holders[i]!.address, name, issuerNameKey(name), ""),
      ).to.be.revertedWithCustomError(
        registry,
        name.includes("\u200b") || name.includes("\t") ? "StringEncodingInvalid" : "IssuerNameTaken",
      );
    }
  });

  it("refuses in names exactly what the registry refuses", async function () {
    const { registry, issuerA } = await loadFixture(registryWithType);
    const names = [
      "Plain",
      "Ünïcödé 中文 العربية",
      "emoji 🎓",
      "tab\there",
      "nul\u0000",
      "bell\u0007",
      "del\u007f",
      "c1\u0085",
      "rlo\u202e",
      "lri\u2066",
      "zwsp\u200b",
      "zwnj\u200cok",
      "zwj\u200dok",
      "vs16\ufe0fok",
      "wj\u2060",
      "inhibit\u206a",
      "bom\ufeff",
      "ls\u2028",
      "alm\u061c",
      "shy\u00ad",
      "cgj\u034f",
      "filler\u3164",
      "filler\uffa0",
      "tag\u{e0041}",
      "vs17\u{e0100}",
      "music\u{1d173}",
      "<script>",
    ];
    // Every refused range, at and just past both ends (surrogates are not characters).
    const refused: [number, number][] = [
      [0x00, 0x1f],
      [0x7f, 0x9f],
      [0xad, 0xad],
      [0x34f, 0x34f],
      [0x61c, 0x61c],
      [0x115f, 0x1160],
      [0x17b4, 0x17b5],
      [0x180e, 0x180e],
      [0x200b, 0x200b],
      [0x200e, 0x200f],
      [0x2028, 0x202e],
      [0x2060, 0x206f],
      [0x2800, 0x2800],
      [0x3164, 0x3164],
      [0xfeff, 0xfeff],
      [0xffa0, 0xffa0],
      [0xfff0, 0xfffb],
      [0x1bca0, 0x1bca3],
      [0x1d173, 0x1d17a],
      [0xe0000, 0xe0fff],
    ];
    for (const [low, high] of refused)
      for (const cp of [low - 1, low, high, high + 1])
        if (cp > 0 && (cp < 0xd800 || cp > 0xdfff)) names.push(`x${String.fromCodePoint(cp)}y`);
    for (const name of names) {
      const sdk = nameProblem(name) === undefined;
      const chain = await registry
        .connect(issuerA)
        .createCredentialType.staticCall(typeInput({ name }))
        .then(
          () => true,
          () => false,
        );
      expect(sdk, JSON.stringify(name)).to.equal(chain);
    }
  });

  it("decodes a token URI", async function () {
    const { address } = await loadFixture(seeded);
    const uri = await client.readContract({
      address,
      abi: credentialRegistryAbi,
      functionName: "tokenURI",
      args: [8n],
    });
    // Carol's seven older credentials come first: Northwind's cohort starts at #8.
    expect(decodeTokenURI(uri).name).to.equal("Cloud Fundamentals #8");
    expect(() => decodeTokenURI("https://x")).to.throw("Not an on-chain JSON token URI.");
  });

  it("turns reverts into sentences, with the custom error's arguments", async function () {
    const { address, summary, signers } = await loadFixture(seeded);
    const stranger = signers[9].address as Address;
    const alice = summary.recipients[0] as Address;
    const simulate = (
      account: Address,
      functionName: "issue",
      args: readonly [bigint, Address, bigint, `0x${string}`],
    ) => client.simulateContract({ address, abi: credentialRegistryAbi, functionName, args, account });
    const zero = ("0x" + "00".repeat(32)) as `0x${string}`;

    const unauthorised = await simulate(stranger, "issue", [1n, alice, 0n, zero]).catch((e: unknown) => e);
    expect(revertOf(unauthorised)).to.deep.equal({ name: "TypeUnauthorizedAccount", args: [1n, stranger] });
    expect(describeError(unauthorised)).to.equal(
      `${stranger.slice(0, 6)}…${stranger.slice(-4)} may not issue or manage credential type #1: only the issuer that owns it (or, for an earlier credential, the issuer that issued it) and its delegates may.`,
    );

    const northwind = summary.issuers[0] as Address;
    const duplicate = await simulate(northwind, "issue", [1n, alice, 0n, zero]).catch((e: unknown) => e);
    expect(describeError(duplicate)).to.match(
      /already holds credential #8 of type #1 \(valid, or expired: renew that one instead\)\.$/,
    );

    const wallet = createWalletClient({ chain: hardhat, transport: custom(hre.network.provider), account: stranger });
    const transfer = await wallet
      .sendTransaction({
        to: address,
        data: encodeFunctionData({
          abi: credentialRegistryAbi,
          functionName: "transferFrom",
          args: [stranger, alice, 1n],
        }),
      })
      .catch((e: unknown) => e);
    expect(describeError(transfer)).to.equal("Credentials are soulbound: they cannot be transferred or approved.");
    expect(describeError(new Error("plain\nstack"))).to.equal("plain");
    expect(describeError("text")).to.equal("text");
  });

  it("checks a type draft by the registry's own rules: what it accepts, the contract accepts", async function () {
    const { registry, issuerA } = await loadFixture(registryWithType);
    const known = [await registry.credentialType(1)].map((t) => ({
      typeId: t.typeId,
      name: t.name,
      requiredComponents: Number(t.requiredComponents),
    })) as unknown as Parameters<typeof checkCredentialType>[1];
    const draft = (o: Partial<CredentialTypeDraft> = {}): CredentialTypeDraft => ({
      name: "Data Literacy",
      description: "",
      kind: 0,
      credits: "",
      validityDays: "",
      criteriaURL: "",
      imageURL: "",
      components: [],
      requiredComponents: "",
      ...o,
    });
    const create = (input: object) => registry.connect(issuerA).createCredentialType.staticCall(typeInput(input));
    // "é" is two bytes: the limits count bytes, as the contract does.
    const cases: [Partial<CredentialTypeDraft>, Partial<CredentialTypeDraft>, string][] = [
      [{ name: "é".repeat(LIMITS.name / 2) }, { name: "é".repeat(LIMITS.name / 2) + "a" }, "name"],
      [
        { description: "d".repeat(LIMITS.description) },
        { description: "d".repeat(LIMITS.description + 1) },
        "description",
      ],
      [
        { criteriaURL: "https://" + "c".repeat(LIMITS.url - 8) },
        { criteriaURL: "https://" + "c".repeat(LIMITS.url - 7) },
        "criteriaURL",
      ],
    ];
    for (const [ok, tooLong, field] of cases) {
      const checked = checkCredentialType(draft(ok), known);
      expect(checked.errors, field).to.deep.equal({});
      await create(checked.input!);
      const refused = checkCredentialType(draft(tooLong), known);
      expect(refused.errors[field as keyof CredentialTypeDraft]).to.match(/bytes; at most/);
      await expect(create({ ...checked.input!, ...tooLong })).to.be.revertedWithCustomError(
        registry,
        "StringLengthInvalid",
      );
    }

    // A 1-of-1 stack over type #1 is fine; a stack over itself, a stack or a missing type is not.
    const stack = checkCredentialType(draft({ components: [1n], requiredComponents: "1" }), known);
    expect(stack.input).to.include({ requiredComponents: 1 });
    await create(stack.input!);
    expect(checkCredentialType(draft({ components: [1n], requiredComponents: "2" }), known).errors).to.deep.equal({
      requiredComponents: "How many components are needed should be between 1 and 1.",
    });
    await expect(create({ ...stack.input!, requiredComponents: 2 }))
      .to.be.revertedWithCustomError(registry, "StackRuleInvalid")
      .withArgs(2, 1);
    expect(checkCredentialType(draft({ components: [1n, 1n], requiredComponents: "1" }), known).errors).to.deep.equal({
      components: "Type #1 is listed twice.",
    });
    expect(checkCredentialType(draft({ components: [7n], requiredComponents: "1" }), known).errors).to.deep.equal({
      components: "Type #7 does not exist.",
    });
    await expect(create({ ...stack.input!, components: [7n] }))
      .to.be.revertedWithCustomError(registry, "StackComponentInvalid")
      .withArgs(7);
    const many = Array.from({ length: LIMITS.stackComponents + 1 }, () => 1n);
    expect(checkCredentialType(draft({ components: many, requiredComponents: "1" }), known).errors.components).to.equal(
      `A stack can have at most ${LIMITS.stackComponents} components; this one has ${LIMITS.stackComponents + 1}.`,
    );

    // Numbers: credits in hundredths, validity in whole days.
    expect(parseCredits("1.5")).to.equal(150);
    expect(parseCredits("")).to.equal(0);
    expect(parseCredits("1.505")).to.equal(undefined);
    expect(parseCredits("-1")).to.equal(undefined);
    const numbers = checkCredentialType(draft({ credits: "2.25", validityDays: "365" }), known);
    expect(numbers.input).to.include({ credits: 225, validityPeriod: 365 * 86_400 });
    expect(checkCredentialType(draft({ validityDays: "0" }), known).errors.validityDays).to.match(/whole number/);
    // A type's default validity must fit a credential issued now (the registry's dates end in 2106).
    const now = Math.floor(Date.now() / 1000);
    const maxDays = Math.floor(maxValiditySeconds(now) / 86_400);
    expect(checkCredentialType(draft({ validityDays: String(maxDays + 1) }), known, now).errors.validityDays).to.equal(
      `Validity can be at most ${maxDays} days: credentials issued now must expire by 2106.`,
    );
    const chainNow = (await time.latest()) + 1;
    const longest = checkCredentialType(
      draft({ validityDays: String(Math.floor(maxValiditySeconds(chainNow) / 86_400)) }),
      known,
      chainNow,
    );
    await time.setNextBlockTimestamp(chainNow);
    await registry.connect(issuerA).createCredentialType(typeInput({ ...longest.input!, components: [] }));
    expect(checkCredentialType(draft({ name: "Evil\u202e" }), known).errors.name).to.equal(
      "A name cannot contain control or invisible formatting characters (U+202E at position 5).",
    );
    expect(checkCredentialType(draft({ name: "  " }), known).errors.name).to.equal("The name is required.");
    expect(checkCredentialType(draft({ imageURL: "javascript:alert(1)" }), known).errors.imageURL).to.match(
      /should start with https:\/\//,
    );
  });
});
