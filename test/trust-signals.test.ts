import { expect } from "chai";
import fc from "fast-check";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { createPublicClient, custom, getAddress, type Address } from "viem";
import { hardhat } from "viem/chains";

import {
  DOMAIN_PROOF_MAX_BYTES,
  checkDomainProof,
  domainProofFile,
  domainProofLocation,
  leakedKeyActions,
  lookAlikeGroups,
  lookAlikeIssuers,
  lookAlikeKeys,
  parseDomainProofFile,
  readCredentialHistory,
  readFormerIssuerOf,
  readIssuerHistory,
  readIssuerTypes,
  readIssuers,
} from "@onchaincert/sdk";
import type { SignerWithAddress } from "@nomicfoundation/hardhat-ethers/signers";
import OnChainCert from "../deploy/modules/OnChainCert";
import { seedDemo } from "../scripts/lib/demo";
import { typeInput } from "./helpers/fixtures";
import type { CredentialRegistry } from "../typechain-types";

const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const SITE = "https://northwind.example";
const FILE_URL = "https://northwind.example/.well-known/onchaincert.json";

async function seeded() {
  const { registry } = await hre.ignition.deploy(OnChainCert);
  const signers = await ethers.getSigners();
  const contract = registry as unknown as CredentialRegistry;
  await seedDemo(contract, signers, (t) => time.increaseTo(t));
  return { registry: getAddress(await registry.getAddress()) as Address, contract, signers };
}

const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });

/** A `fetch` that answers every request with `body` (and records what was asked). */
function answering(body: string, init: ResponseInit & { url?: string } = {}) {
  const asked: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, requestInit: RequestInit) => {
    asked.push({ url, init: requestInit });
    const response = new Response(body, init);
    if (init.url) Object.defineProperty(response, "url", { value: init.url });
    return response;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, asked };
}

describe("trust signals: look-alike issuer names and domain proof (SDK)", function () {
  describe("look-alike names", function () {
    it("finds a registered name spelt with letters from another script, or I for l, and nothing else", function () {
      const issuers = [
        { issuerId: 1n, name: "Northwind Institute of Technology" },
        { issuerId: 2n, name: "Contoso Health Academy" },
        { issuerId: 3n, name: "N\u043Erthwind Institute of Technology" }, // Cyrillic о
        { issuerId: 4n, name: "Northwind lnstitute of Technology" }, // l for I
        { issuerId: 5n, name: "\uFF2Eorthwind Institute of Technology" }, // full-width Ｎ
        { issuerId: 6n, name: "Northwind Institute" },
        { issuerId: 7n, name: "Contoso Heal\u0442h Academy" }, // Cyrillic т: "HEALTH" in capitals
      ];
      const alike = (id: bigint) =>
        lookAlikeIssuers(id, issuers.find((i) => i.issuerId === id)!.name, issuers).map((i) => i.issuerId);
      expect(alike(1n)).to.deep.equal([3n, 4n, 5n]);
      expect(alike(3n)).to.deep.equal([1n, 4n, 5n]);
      expect(alike(2n)).to.deep.equal([7n]);
      expect(alike(6n)).to.deep.equal([]);
      // The whole list at once (a picker), the same answer for each issuer.
      const groups = lookAlikeGroups(issuers);
      for (const { issuerId } of issuers)
        expect((groups.get(issuerId) ?? []).map((i) => i.issuerId)).to.deep.equal(alike(issuerId));
      expect([...groups.keys()]).to.deep.equal([1n, 2n, 3n, 4n, 5n, 7n]);
      expect(lookAlikeIssuers(2n, "Acrne", [{ issuerId: 1n, name: "Acme" }]).length).to.equal(1); // rn, m
      // Capitals with a confusable, characters drawn as nothing, a Braille blank for a space.
      const genuine = [{ issuerId: 1n, name: "Northwind Institute" }];
      for (const spoof of [
        "NORTHWlND INSTITUTE",
        "N0RTHWIND INSTITUTE",
        "Northwind Institute\u{E0080}",
        "North\uFFF0wind Institute",
        "Northwind\u2800Institute",
        // Punctuation and spacing, accents, and "vv" for "w"; and each with a confusable letter too.
        "Northwind-Institute",
        "Northwind Institute.",
        "North wind, Institute",
        "Northvvind Institute",
        "Northwínd Institute",
        "Northwind-lnstitute",
        "Northwind lnstitute.",
        "N0rthwind-Institute",
        "N0rthvvind Institute",
        "Northvvind lnstitute",
        // "cl" for "d", an article before and a legal form after (one with a Cyrillic Т), and one
        // letter left out, added, changed or swapped with its neighbour.
        "Northwincl Institute",
        "The Northwind Institute",
        "Northwind Institute Ltd",
        "Northwind Institute, Inc.",
        "Northwind lnstitute L\u0422D",
        "The Northwind Institute Pty Ltd",
        "Northwnd Institute",
        "Northwind Institutes",
        "Northwind Instjtute",
        "Nortwhind Institute",
        "NORTHWND INSTITUTE",
        // A picture or a mark beside it, quotes, and legal forms spelt with dots or brackets.
        "Northwind Institute®",
        "Northwind Institute™",
        "🎓 Northwind Institute",
        "«Northwind Institute»",
        "Northwind Institute ✓",
        "Northwind Institute S.A.",
        "Northwind Institute (Ltd)",
        "Northwind Institute Pvt. Ltd.",
      ]) {
        expect(lookAlikeIssuers(2n, spoof, genuine).length, JSON.stringify(spoof)).to.equal(1);
      }
      for (const other of ["Northwind Academy", "Southwind Institute", "Northwind Foundation", "Institute Northwind"])
        expect(lookAlikeIssuers(2n, other, genuine), other).to.deep.equal([]);
      // A linking word changed or left out.
      for (const spoof of ["Northwind Institute for Technology", "Northwind Institute Technology"])
        expect(lookAlikeIssuers(2n, spoof, issuers.slice(0, 1)).length, spoof).to.equal(1);
      // Short words are not compared one letter off: "Acme" and "Acne", "Bowie" and "Boise" are
      // different words; nor is "cl" read as "d" one letter off ("Clark" / "Park").
      for (const [a, b] of [
        ["Acne", "Acme"],
        ["Bowie State University", "Boise State University"],
        ["Kiel University", "Kiev University"],
        ["Clark University", "Park University"],
      ])
        expect(lookAlikeIssuers(2n, a!, [{ issuerId: 1n, name: b! }]), `${a} / ${b}`).to.deep.equal([]);
      // Symbols that make a name are kept: these are different names.
      for (const [a, b] of [
        ["C++ Academy", "C# Academy"],
        ["C++ Institute", "C Institute"],
        ["F# Foundation", "F Foundation"],
        ["A+ Tutoring", "A Tutoring"],
        ["R&D Academy", "RD Academy"],
      ]) {
        expect(lookAlikeIssuers(2n, a!, [{ issuerId: 1n, name: b! }]), `${a} / ${b}`).to.deep.equal([]);
      }
    });

    it("never throws and always finds a name with Latin letters swapped for their Cyrillic twins (property)", function () {
      const twins: Record<string, string> = { a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у" };
      fc.assert(
        fc.property(
          fc.string({ unit: "grapheme", maxLength: 40 }),
          fc.string({ unit: "binary", maxLength: 40 }),
          (latin, any) => {
            lookAlikeKeys(any);
            const name = `${latin} academy`;
            const spoof = name.replace(/[aceopxy]/g, (ch) => twins[ch]!);
            const found = lookAlikeIssuers(2n, spoof, [{ issuerId: 1n, name }]);
            expect(found.length).to.equal(1);
          },
        ),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
      );
    });

    it("reads every registered issuer, in id order", async function () {
      const { registry, signers } = await loadFixture(seeded);
      const issuers = await readIssuers(client, registry);
      expect(issuers.map((i) => [i.issuerId, i.account, i.name])).to.deep.equal([
        [1n, signers[1]!.address, "Northwind Institute of Technology"],
        [2n, signers[2]!.address, "Contoso Health Academy"],
      ]);
    });
  });

  describe("a leaked key's acts", function () {
    it("lists what a leaked key did that its watermark does not undo, and nothing from before the leak or after the recovery", async function () {
      const { registry, signers, contract } = await loadFixture(seeded);
      const [admin, northwind, , , , , , , , newKey, stranger, other] = signers as [
        SignerWithAddress,
        ...SignerWithAddress[],
      ];
      const nw = contract.connect(northwind!);
      const minted = async (tx: Promise<{ wait(): Promise<unknown> }>) => {
        const receipt = (await (await tx).wait()) as { logs: Parameters<typeof contract.interface.parseLog>[0][] };
        return receipt.logs.map((l) => contract.interface.parseLog(l)).find((e) => e?.name === "Transfer")!.args
          .tokenId as bigint;
      };
      const inDays = async (days: number) => BigInt(await time.latest()) + BigInt(days * 86_400);
      // Before the leak: a credential that expires, and a renewal the issuer made itself.
      const old = await minted(nw.issue(1, stranger!.address, await inDays(30), ethers.ZeroHash));
      await nw.renew(old, await inDays(40));
      await time.increase(400 * 86_400); // it has expired
      // The leak: a stack type ten days before the first credential the thief issues (which the
      // watermark starts from), then a renewal to 2106 and a website.
      await nw.createCredentialType(
        typeInput({ name: "Northwind Master Architect", validityPeriod: 0, components: [1], requiredComponents: 1 }),
      );
      await time.increase(10 * 86_400);
      const first = await minted(nw.issue(1, other!.address, 0, ethers.ZeroHash));
      await nw.renew(old, 0xffffffffn);
      await nw.setIssuerURL("https://northwind.example.evil");
      // The recovery, and the new key's own acts afterwards.
      await contract.connect(admin!).setCompromiseWatermark(1, first);
      await contract.connect(admin!).replaceIssuerAccount(1, newKey!.address);
      await contract.connect(admin!).reinstateIssuer(1);
      await contract.connect(newKey!).setIssuerURL("https://northwind.example");

      const report = (await leakedKeyActions(client, registry, 1n))!;
      expect(report.fromTokenId).to.equal(first);
      expect(report.accounts).to.deep.equal([northwind!.address.toLowerCase()]);
      expect(report.actions.map((a) => [a.kind, a.beforeWindow])).to.deep.equal([
        ["type-created", true],
        ["renewed", false],
        ["website", false],
      ]);
      expect(report.actions[0]).to.deep.include({ name: "Northwind Master Architect" });
      expect(report.actions[0]!.remedy).to.match(/retire it: a stack type gives Valid stacks/);
      expect(report.actions[1]).to.deep.include({ tokenId: old, validUntil: 0xffffffffn, account: northwind!.address });
      expect(report.actions[1]!.remedy).to.match(/^Renew it back with the issuer's new key/);
      expect(report.actions[2]).to.deep.include({ url: "https://northwind.example.evil" });
      // Looking back fewer days than the type's age leaves it out.
      const narrow = (await leakedKeyActions(client, registry, 1n, undefined, { daysBefore: 5 }))!;
      expect(narrow.actions.map((a) => a.kind)).to.deep.equal(["renewed", "website"]);
      // An issuer without a watermark has nothing to report.
      expect(await leakedKeyActions(client, registry, 2n)).to.equal(undefined);
    });
  });

  describe("an issuer's record", function () {
    it("lists what happened to an issuer, oldest first, with times and transactions", async function () {
      const { registry, signers, contract } = await loadFixture(seeded);
      const [admin, northwind, , , , , , , , newKey] = signers as [SignerWithAddress, ...SignerWithAddress[]];
      await contract.connect(admin).suspendIssuer(1);
      await contract.connect(admin).reinstateIssuer(1);
      await contract.connect(northwind!).proposeIssuerAccount(newKey!.address);
      await contract.connect(newKey!).acceptIssuerAccount(1);
      await contract.connect(newKey!).setIssuerURL("https://northwind.example/new");
      const history = await readIssuerHistory(client, registry, 1n);
      expect(history.map((e) => e.kind)).to.deep.equal([
        "registered",
        "suspended",
        "reinstated",
        "rotation-proposed",
        "rotated",
        "website",
      ]);
      expect(history[0]).to.include({ account: northwind!.address, name: "Northwind Institute of Technology" });
      expect(history[4]).to.include({
        previousAccount: northwind!.address,
        newAccount: newKey!.address,
        by: newKey!.address,
      });
      const last = await ethers.provider.getBlock("latest");
      expect(history.at(-1)).to.include({ timestamp: last!.timestamp, blockNumber: BigInt(last!.number) });
      expect(history.at(-1)!.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
      // Contoso's record is its own.
      expect((await readIssuerHistory(client, registry, 2n)).map((e) => e.kind)).to.deep.equal(["registered"]);
      // The old account leads to the new one; an account that never acted for an issuer, nowhere.
      expect(await readFormerIssuerOf(client, registry, northwind!.address as Address)).to.deep.include({
        issuerId: 1n,
        newAccount: newKey!.address,
      });
      expect(await readFormerIssuerOf(client, registry, admin.address as Address)).to.equal(undefined);
    });

    it("lists the types an issuer owns and those it issues as a delegate, as they are now", async function () {
      const { registry, contract, signers } = await loadFixture(seeded);
      const northwind = (await readIssuerTypes(client, registry, 1n)) as {
        owned: { typeId: bigint }[];
        delegated: unknown[];
      };
      expect(northwind.owned.map((t) => t.typeId)).to.deep.equal([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
      expect(northwind.delegated).to.deep.equal([]);
      const contoso = await readIssuerTypes(client, registry, 2n);
      expect(contoso.owned.map((t) => t.typeId)).to.deep.equal(Array.from({ length: 10 }, (_, i) => BigInt(i + 8)));
      expect(contoso.delegated.map((t) => [t.typeId, t.name])).to.deep.equal([[6n, "Data Literacy"]]);
      // Northwind withdraws the delegation and hands type 7 to Contoso.
      await contract.connect(signers[1]!).setTypeDelegate(6, 2, false);
      await contract.connect(signers[1]!).offerType(7, 2);
      await time.increase(30 * 24 * 3600); // past the offer's waiting period
      await contract.connect(signers[2]!).acceptType(7);
      expect((await readIssuerTypes(client, registry, 1n)).owned.map((t) => t.typeId)).to.deep.equal([
        1n,
        2n,
        3n,
        4n,
        5n,
        6n,
      ]);
      const after = await readIssuerTypes(client, registry, 2n);
      expect(after.owned.map((t) => t.typeId)).to.include(7n);
      expect(after.delegated).to.deep.equal([]);
    });
  });

  describe("a credential's record", function () {
    it("lists what happened to a credential, oldest first: how it was issued, by whom, and each change", async function () {
      const { registry, contract, signers } = await loadFixture(seeded);
      const [admin, northwind, contoso, alice, bob, carol, , eve] = signers as SignerWithAddress[];
      const tokenOf = (holder: SignerWithAddress, typeId: number) =>
        contract.latestCredentialOf(holder.address, typeId);
      const kinds = async (id: bigint) => (await readCredentialHistory(client, registry, id)).map((e) => e.kind);

      // Bob's IaC assessment: in a batch of two by Northwind, then revoked with a note.
      const iac = await readCredentialHistory(client, registry, await tokenOf(bob!, 3));
      expect(iac.map((e) => e.kind)).to.deep.equal(["issued", "revoked"]);
      expect(iac[0]).to.include({ holder: bob!.address, actor: northwind!.address, via: "batch" });
      expect(iac[1]).to.include({
        by: northwind!.address,
        reason: 3,
        note: "Assessment irregularity under review board decision 2026-14",
      });
      expect(iac[0]!.timestamp).to.be.lessThan(iac[1]!.timestamp);
      // A single issue by the owner (no CredentialsIssued: its sender), and by a delegate (its event).
      expect((await readCredentialHistory(client, registry, await tokenOf(alice!, 6)))[0]).to.include({
        actor: northwind!.address,
        via: "direct",
      });
      expect((await readCredentialHistory(client, registry, await tokenOf(carol!, 6)))[0]).to.include({
        actor: contoso!.address,
        via: "direct",
      });
      // Bob's stacked qualification: claimed (by anyone: here the admin's transaction) from its components.
      const stack = await readCredentialHistory(client, registry, await tokenOf(bob!, 5));
      expect(stack.map((e) => e.kind)).to.deep.equal(["stack-claimed"]);
      expect(stack[0]).to.deep.include({
        holder: bob!.address,
        stackTypeId: 5n,
        components: [await tokenOf(bob!, 1), await tokenOf(bob!, 3)],
      });
      // Eve renounced her Secure Coding badge.
      expect(await kinds(await tokenOf(eve!, 4))).to.deep.equal(["issued", "renounced"]);

      // Alice's Cloud Fundamentals: renewed, a move proposed and cancelled, proposed again and made.
      const cloud = await tokenOf(alice!, 1);
      const newWallet = signers[12]!;
      await contract.connect(northwind!).renew(cloud, 0);
      await contract.connect(northwind!).proposeMove(cloud, newWallet.address);
      await contract.connect(alice!).cancelMove(cloud);
      await contract.connect(admin!).proposeMove(cloud, newWallet.address);
      await time.increase(3 * 24 * 3600);
      await contract.connect(newWallet).acceptMove(cloud);
      const moved = await readCredentialHistory(client, registry, cloud);
      expect(moved.map((e) => e.kind)).to.deep.equal([
        "issued",
        "renewed",
        "move-proposed",
        "move-cancelled",
        "move-proposed",
        "moved-out",
      ]);
      expect(moved[1]).to.include({ by: northwind!.address });
      expect(moved[2]).to.include({ proposer: northwind!.address, newHolder: newWallet.address });
      expect(moved[3]).to.include({ by: alice!.address });
      expect(moved[4]).to.include({ proposer: admin!.address });
      const newId = await tokenOf(newWallet, 1);
      expect(moved[5]).to.include({ newTokenId: newId, newHolder: newWallet.address });
      // The new credential starts with the move, not a second "issued".
      const arrived = await readCredentialHistory(client, registry, newId);
      expect(arrived.map((e) => e.kind)).to.deep.equal(["moved-in"]);
      expect(arrived[0]).to.include({ fromTokenId: cloud });
      expect(arrived[0]!.transactionHash).to.equal(moved[5]!.transactionHash);
      // A credential that does not exist has no history.
      expect(await kinds(10_000n)).to.deep.equal([]);
    });
  });

  describe("domain proof", function () {
    it("finds the file at the website's origin, over https, or http on this machine only", function () {
      expect(domainProofLocation("https://northwind.example/about?x=1")).to.deep.equal({
        host: "northwind.example",
        url: FILE_URL,
      });
      expect(domainProofLocation("https://northwind.example:8443/")).to.have.property("host", "northwind.example:8443");
      // Plain http on this machine only where the dApp itself is served from it.
      expect(domainProofLocation("http://127.0.0.1:8123/x")).to.have.property("reason");
      expect(domainProofLocation("http://127.0.0.1:8123/x", { allowLoopback: true })).to.deep.equal({
        host: "127.0.0.1:8123",
        url: "http://127.0.0.1:8123/.well-known/onchaincert.json",
      });
      // An internationalised domain is shown as the browser parses it, so it cannot pass for another.
      expect((domainProofLocation("https://n\u043Erthwind.example") as { host: string }).host).to.match(
        /^xn--nrthwind-[a-z0-9]+\.example$/,
      );
      for (const [site, reason] of [
        ["", /names no website/],
        ["northwind.example", /not a web address/],
        ["http://northwind.example", /not an https:\/\/ address/],
        ["ftp://northwind.example", /not an https:\/\/ address/],
        ["javascript:alert(1)", /not an https:\/\/ address/],
        ["https://user:pw@northwind.example", /user name/],
      ] as const) {
        expect((domainProofLocation(site) as { reason: string }).reason, site).to.match(reason);
      }
    });

    it("writes a file that reads back as the same accounts (property), and explains a bad one", function () {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              chainId: fc.integer({ min: 1, max: 2 ** 40 }),
              account: fc.uint8Array({ minLength: 20, maxLength: 20 }),
            }),
            {
              maxLength: 20,
            },
          ),
          (raw) => {
            const entries = raw.map((e) => ({
              chainId: e.chainId,
              account: getAddress(ethers.hexlify(e.account)) as Address,
            }));
            expect(parseDomainProofFile(domainProofFile(entries))).to.deep.equal(entries);
          },
        ),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
      );
      const bad: [string, RegExp][] = [
        ["<html>", /not JSON/],
        ["[]", /not a JSON object/],
        ['{"issuers": []}', /"onchaincert" field is not 1/],
        ['{"onchaincert": 1}', /no "issuers" list/],
        [
          '{"onchaincert": 1, "issuers": [{"chainId": "1", "account": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}]}',
          /Entry 1 has no chainId/,
        ],
        ['{"onchaincert": 1, "issuers": [{"chainId": 1, "account": "0x123"}]}', /Entry 1 has no account/],
        ['{"onchaincert": 1, "issuers": [null]}', /Entry 1 has no chainId/],
        [
          JSON.stringify({ onchaincert: 1, issuers: Array(1001).fill({ chainId: 1, account: ACCOUNT }) }),
          /more than 1000/,
        ],
      ];
      for (const [text, reason] of bad)
        expect((parseDomainProofFile(text) as { reason: string }).reason, text).to.match(reason);
      // Lower-case addresses are accepted; a checksum that does not match is not an address.
      expect(
        parseDomainProofFile(`{"onchaincert":1,"issuers":[{"chainId":1,"account":"${ACCOUNT.toLowerCase()}"}]}`),
      ).to.deep.equal([{ chainId: 1, account: ACCOUNT }]);
    });

    it("proves a domain whose file lists the account on this chain, asking without cookies", async function () {
      const { fetch, asked } = answering(domainProofFile([{ chainId: 31337, account: ACCOUNT }]));
      expect(await checkDomainProof(SITE, 31337, ACCOUNT, { fetch })).to.deep.equal({
        proven: true,
        host: "northwind.example",
        url: FILE_URL,
      });
      expect(asked.map((a) => [a.url, a.init.credentials])).to.deep.equal([[FILE_URL, "omit"]]);
      // Any letter case of the account.
      expect((await checkDomainProof(SITE, 31337, ACCOUNT.toLowerCase() as Address, { fetch })).proven).to.equal(true);
    });

    it("does not prove it for another chain, another account, an error, a redirect away, a huge or broken file, or no answer", async function () {
      const file = domainProofFile([{ chainId: 31337, account: ACCOUNT }]);
      const cases: [ReturnType<typeof answering>["fetch"], RegExp][] = [
        [
          answering(domainProofFile([{ chainId: 1, account: ACCOUNT }])).fetch,
          /does not list the issuer's account .* on chain 31337/,
        ],
        [answering(domainProofFile([{ chainId: 31337, account: OTHER }])).fetch, /does not list the issuer's account/],
        [answering("not found", { status: 404 }).fetch, /answered HTTP 404/],
        [
          answering(file, { url: "https://evil.example/onchaincert.json" }).fetch,
          /redirects to another site \(evil\.example\)/,
        ],
        [
          answering(file, { headers: { "content-length": String(DOMAIN_PROOF_MAX_BYTES + 1) } }).fetch,
          /larger than 65536 bytes/,
        ],
        [answering(" ".repeat(DOMAIN_PROOF_MAX_BYTES + 1)).fetch, /larger than 65536 bytes/],
        [answering("<html>").fetch, /not JSON/],
        [
          (async () => {
            throw new TypeError("Failed to fetch");
          }) as unknown as typeof fetch,
          /could not be read: .*Access-Control-Allow-Origin/,
        ],
      ];
      for (const [fetch, reason] of cases) {
        const result = await checkDomainProof(SITE, 31337, ACCOUNT, { fetch });
        expect(result.proven).to.equal(false);
        expect((result as { reason: string }).reason).to.match(reason);
        expect(result.host).to.equal("northwind.example");
      }
      // No website, or an http one: nothing is fetched.
      const { fetch, asked } = answering(file);
      expect(await checkDomainProof("http://northwind.example", 31337, ACCOUNT, { fetch })).to.deep.equal({
        proven: false,
        reason: "The issuer's website is not an https:// address, so it cannot prove its domain.",
      });
      expect(asked).to.deep.equal([]);
    });

    it("gives up on a site that never answers", async function () {
      const never = ((_url: string, init: RequestInit) =>
        new Promise((_, reject) =>
          init.signal!.addEventListener("abort", () => reject(init.signal!.reason)),
        )) as typeof fetch;
      const result = await checkDomainProof(SITE, 31337, ACCOUNT, { fetch: never, timeoutMs: 50 });
      expect(result).to.include({ proven: false });
      expect((result as { reason: string }).reason).to.match(/could not be read/);
    });
  });
});
