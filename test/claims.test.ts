/**
 * Claim links (CredentialClaims): rounds anchored by one Merkle root, claims signed by a link's
 * key for one recipient, sent by anyone; voiding, closing, deadlines; and every registry rule a
 * direct issuance has, checked again at the moment of the claim. Links are made by the SDK
 * (`buildRound`, `claimArgs`), the same code the CLI and the dApp use.
 */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, takeSnapshot, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { createPublicClient, custom, hashTypedData, zeroHash, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import {
  issuerNameKey,
  buildRound,
  claimArgs,
  claimTypedData,
  decodeClaimCode,
  encodeClaimCode,
  keyAddress,
  newRoundSeed,
  readLinkCounts,
  readLinkStates,
  readRoundsOf,
  readRound,
  roundLink,
  roundOfRoot,
  foundRoundProblem,
  verifyLinkProof,
  linkLeaf,
  linkKey,
  LinkTree,
  checkSponsorRequests,
  findLinkClaim,
  claimManyRequest,
  decodeSponsorRequest,
  earlierSponsorTransactions,
  encodeSponsorRequest,
  readSponsorLines,
  checkSponsorLines,
  sponsorLineHints,
  stopSponsorBatches,
  SPONSOR_STATUS,
  sponsorRequest,
  sponsorResultsCsv,
  type ClaimLink,
  type LinkRow,
  type SponsorRequest,
} from "@onchaincert/sdk";
import { hexToBytes, bytesToHex } from "viem";

import type { CredentialClaims } from "../typechain-types";
import { DAY, Reason, Status, YEAR, handOver, registryWithType, typeInput } from "./helpers/fixtures";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const CHAIN_ID = 31337;
const ADMIN_ROLE = ethers.ZeroHash;
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

async function fixture() {
  const d = await registryWithType();
  const claims = (await ethers.deployContract("CredentialClaims", [
    await d.registry.getAddress(),
  ])) as unknown as CredentialClaims;
  await d.registry.connect(d.admin).grantRole(await d.registry.MINTER_ROLE(), await claims.getAddress());
  const [alice, bob, carol, dave, aNew] = d.holders;
  return { ...d, claims, claimsAddress: (await claims.getAddress()) as Address, alice, bob, carol, dave, aNew };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

interface Terms {
  validUntil?: bigint;
  evidenceHash?: Hex;
}

/** Opens a round of `terms.length` links (default terms) as `opener`; returns its id and links. */
async function open(
  d: Fixture,
  terms: Terms[] = [{}, {}, {}],
  options: { opener?: HardhatEthersSigner; typeId?: bigint; deadline?: bigint } = {},
) {
  const rows: LinkRow[] = terms.map((t, i) => ({
    row: i + 2,
    index: i,
    validUntil: t.validUntil ?? 0n,
    evidenceHash: t.evidenceHash ?? zeroHash,
  }));
  const built = await buildRound(newRoundSeed(), rows);
  const tx = await d.claims
    .connect(options.opener ?? d.issuerA)
    .openRound(options.typeId ?? 1n, built.tree.root, rows.length, options.deadline ?? 0n);
  const roundId = await d.claims.roundCount();
  const links = rows.map((r) => roundLink(built, CHAIN_ID, roundId, r));
  return { roundId, links, tx, root: built.tree.root };
}

/** Sends the claim of `link` for `recipient`, signed by the link's key, from `sender`. */
async function claim(d: Fixture, link: ClaimLink, recipient: string, sender?: HardhatEthersSigner) {
  const [c, r, vs, proof] = await claimArgs(link, d.claimsAddress, recipient as Address);
  return d.claims.connect(sender ?? d.stranger).claim(c, r, vs, proof);
}

/**
 * A round of 100,000 links of which only `real` are links (the other leaves random: the tree, its
 * 17-hash proofs and the gas are a full round's, without making 100,000 keys), opened by issuer A
 * for type 1. Returns its links by index.
 */
async function sparseRound(d: Fixture, real: number[], withEvidence: (i: number) => boolean) {
  const size = 100_000;
  const seed = hexToBytes(newRoundSeed());
  const leaves = new Uint8Array(size * 32);
  for (let at = 0; at < leaves.length; at += 65_536) crypto.getRandomValues(leaves.subarray(at, at + 65_536));
  const terms = (i: number) => ({
    validUntil: 0n,
    evidenceHash: (withEvidence(i) ? ethers.id(`evidence ${i}`) : zeroHash) as Hex,
  });
  for (const i of real) leaves.set(linkLeaf(i, keyAddress(linkKey(seed, i)), terms(i)), i * 32);
  const tree = new LinkTree(leaves);
  await d.claims.connect(d.issuerA).openRound(1, tree.root, size, 0);
  const roundId = await d.claims.roundCount();
  return (i: number): ClaimLink => ({
    chainId: CHAIN_ID,
    roundId,
    index: i,
    key: bytesToHex(linkKey(seed, i)),
    ...terms(i),
    proof: tree.proof(i).map((p) => bytesToHex(p)),
  });
}

async function latest(): Promise<bigint> {
  return BigInt(await time.latest());
}

describe("claim links", function () {
  describe("the SDK's links and the contract agree", function () {
    it("builds the same root and proofs as OpenZeppelin's StandardMerkleTree for the same leaves", async function () {
      for (const size of [1, 2, 3, 7, 64, 101]) {
        const rows: LinkRow[] = Array.from({ length: size }, (_, i) => ({
          row: i + 2,
          index: i,
          validUntil: BigInt(i % 3 === 0 ? 0 : 1_900_000_000 + i),
          evidenceHash: i % 2 === 0 ? zeroHash : (ethers.id(`evidence ${i}`) as Hex),
        }));
        const built = await buildRound(newRoundSeed(), rows);
        const values = rows.map((r) => [
          r.index,
          bytesToHex(keyAddress(built.keys[r.index]!)),
          r.validUntil,
          r.evidenceHash,
        ]);
        const reference = StandardMerkleTree.of(values, ["uint256", "address", "uint64", "bytes32"], {
          sortLeaves: false,
        });
        // Both commit to the same leaves; the layouts differ, so compare leaves and check every proof.
        for (const [i, v] of reference.entries()) {
          expect(bytesToHex(linkLeaf(i, keyAddress(built.keys[i]!), rows[i]!))).to.equal(reference.leafHash(v));
          expect(
            verifyLinkProof(built.tree.root, linkLeaf(i, keyAddress(built.keys[i]!), rows[i]!), built.tree.proof(i)),
          ).to.equal(true);
        }
      }
    });

    it("signs the digest the contract computes (EIP-712 domain, type and values)", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d);
      const digest = hashTypedData(claimTypedData(links[1]!, d.claimsAddress, d.alice.address as Address));
      expect(await d.claims.claimDigest(links[1]!.roundId, 1, d.alice.address)).to.equal(digest);
    });

    it("round-trips link codes and refuses damaged ones with a sentence", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d, [{}, { evidenceHash: ethers.id("x") as Hex, validUntil: 2_000_000_000n }]);
      for (const link of links) expect(decodeClaimCode(encodeClaimCode(link))).to.deep.equal({ link });
      const code = encodeClaimCode(links[1]!);
      for (const bad of [
        code.slice(0, -5),
        `${code}AA`,
        code.replace(/^./, "B"),
        "",
        "not a code!",
        code.slice(0, 40),
      ]) {
        const decoded = decodeClaimCode(bad);
        expect(decoded, bad)
          .to.have.property("error")
          .that.matches(/damaged|newer version/);
      }
    });
  });

  describe("openRound", function () {
    it("anchors a round of any size in one transaction of the same gas, naming its issuer, type and opener", async function () {
      const d = await loadFixture(fixture);
      const root = ethers.id("root");
      const deadline = (await latest()) + BigInt(30 * DAY);
      const tx = d.claims.connect(d.issuerA).openRound(1, root, 10_000, deadline);
      await expect(tx).to.emit(d.claims, "RoundOpened").withArgs(1, 1, 1, d.issuerA.address, root, 10_000, deadline);
      const info = await d.claims.round(1);
      expect([
        info.roundId,
        info.typeId,
        info.issuerId,
        info.root,
        info.size,
        info.openedAt,
        info.deadline,
      ]).to.deep.equal([1n, 1n, 1n, root, 10_000n, await latest(), deadline]);
      expect([info.closed, await d.claims.linkCounts(1), await d.claims.roundCount()]).to.deep.equal([
        false,
        [0n, 0n],
        1n,
      ]);
      expect(await d.claims.roundOfRoot(root)).to.equal(1);
      // The same links cannot open a second round (each would claim twice), by anyone.
      await expect(d.claims.connect(d.issuerA).openRound(1, root, 10, 0))
        .to.be.revertedWithCustomError(d.claims, "RoundRootUsed")
        .withArgs(root, 1);
      expect(await d.claims.roundOfRoot(ethers.id("other"))).to.equal(0);
      if (coverage) return;
      const gasOf = async (size: number) =>
        (await (await d.claims.connect(d.issuerA).openRound(1, ethers.id(`root ${size}`), size, deadline)).wait())!
          .gasUsed;
      const [g10k, g100k, gMax] = [await gasOf(10_000), await gasOf(100_000), await gasOf(1 << 20)];
      // Only the size's own calldata bytes differ.
      expect(Number(g100k - g10k)).to.be.within(-64, 64);
      expect(Number(gMax - g10k)).to.be.within(-64, 64);
      expect(g100k).to.be.at.most(100_000n);
    });

    it("never makes links for a round their root opened with other terms: a copied root (another issuer's round), another type, size or deadline, a closed round", async function () {
      const d = await loadFixture(fixture);
      const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });
      // Issuer B copies issuer A's root out of the mempool and opens a round of its own type first.
      await d.registry.connect(d.issuerB).createCredentialType(typeInput({ name: "B's type" }));
      const rows: LinkRow[] = [0, 1, 2].map((i) => ({ row: i + 2, index: i, validUntil: 0n, evidenceHash: zeroHash }));
      const built = await buildRound(newRoundSeed(), rows);
      await d.claims.connect(d.issuerB).openRound(2, built.tree.root, 3, 0);
      await expect(d.claims.connect(d.issuerA).openRound(1, built.tree.root, 3, 0)).to.be.revertedWithCustomError(
        d.claims,
        "RoundRootUsed",
      );
      const expected = { issuerId: d.acme, typeId: 1n, size: 3, deadline: 0 };
      const copied = await roundOfRoot(client, d.claimsAddress, built.tree.root);
      expect(foundRoundProblem(await readRound(client, d.claimsAddress, copied!), expected)).to.equal(
        "The root of these links opened round #1 of another issuer (issuer #2): its links would give that issuer's credential.",
      );
      // A's own round: used as it is, and not with other terms or once closed.
      const own = await open(d);
      const round = await readRound(client, d.claimsAddress, own.roundId);
      expect(foundRoundProblem(round, expected)).to.equal(undefined);
      expect(foundRoundProblem(round, { ...expected, typeId: 2n })).to.equal(
        "The root of these links opened round #2 for credential type #1, not #2.",
      );
      expect(foundRoundProblem(round, { ...expected, size: 4 })).to.match(/opened round #2 with other terms/);
      expect(foundRoundProblem(round, { ...expected, deadline: 1 })).to.match(/opened round #2 with other terms/);
      expect(foundRoundProblem(undefined, expected)).to.equal("The round these links opened could not be read.");
      await d.claims.connect(d.issuerA).closeRound(own.roundId);
      expect(foundRoundProblem(await readRound(client, d.claimsAddress, own.roundId), expected)).to.equal(
        "Round #2, which these links opened, is closed: its links no longer work.",
      );
    });

    it("refuses accounts that may not issue the type, stacks, retired types, and bad sizes, roots and deadlines", async function () {
      const d = await loadFixture(fixture);
      const root = ethers.id("root");
      const c = d.claims.connect(d.issuerA);
      await expect(d.claims.connect(d.issuerB).openRound(1, root, 1, 0))
        .to.be.revertedWithCustomError(d.claims, "RoundOpenerUnauthorized")
        .withArgs(1, d.issuerB.address);
      await expect(d.claims.connect(d.stranger).openRound(1, root, 1, 0))
        .to.be.revertedWithCustomError(d.claims, "RoundOpenerUnauthorized")
        .withArgs(1, d.stranger.address);
      await expect(c.openRound(9, root, 1, 0))
        .to.be.revertedWithCustomError(d.claims, "RoundOpenerUnauthorized")
        .withArgs(9, d.issuerA.address);
      await expect(c.openRound(1, root, 0, 0))
        .to.be.revertedWithCustomError(d.claims, "RoundSizeInvalid")
        .withArgs(0, 1 << 20);
      await expect(c.openRound(1, root, (1 << 20) + 1, 0))
        .to.be.revertedWithCustomError(d.claims, "RoundSizeInvalid")
        .withArgs((1 << 20) + 1, 1 << 20);
      await expect(c.openRound(1, ethers.ZeroHash, 1, 0)).to.be.revertedWithCustomError(d.claims, "RoundRootInvalid");
      const now = await latest();
      await expect(c.openRound(1, root, 1, now))
        .to.be.revertedWithCustomError(d.claims, "RoundDeadlineInvalid")
        .withArgs(now);
      await expect(c.openRound(1, root, 1, 2n ** 32n))
        .to.be.revertedWithCustomError(d.claims, "RoundDeadlineInvalid")
        .withArgs(2n ** 32n);
      await d.registry.connect(d.issuerA).createCredentialType(typeInput({ components: [1], requiredComponents: 1 }));
      await expect(c.openRound(2, root, 1, 0)).to.be.revertedWithCustomError(d.claims, "RoundOpenerUnauthorized");
      await d.registry.connect(d.issuerA).retireCredentialType(1, 0);
      await expect(c.openRound(1, root, 1, 0)).to.be.revertedWithCustomError(d.claims, "RoundOpenerUnauthorized");
      await d.registry.connect(d.issuerA).createCredentialType(typeInput({ name: "Other" }));
      await d.registry.connect(d.admin).suspendIssuer(1);
      await expect(c.openRound(3, root, 1, 0)).to.be.revertedWithCustomError(d.claims, "RoundOpenerUnauthorized");
      expect(await d.claims.roundCount()).to.equal(0);
    });
  });

  describe("claim", function () {
    it("issues an ordinary soulbound credential in the round issuer's name, to the address the link's key signed for", async function () {
      const d = await loadFixture(fixture);
      const evidence = ethers.id("assessment 7") as Hex;
      const until = (await latest()) + BigInt(200 * DAY);
      const { roundId, links } = await open(d, [{}, { validUntil: until, evidenceHash: evidence }]);
      // A sponsor (here a stranger) sends it; the recipient needs no ether.
      const tx = claim(d, links[1]!, d.alice.address, d.stranger);
      await expect(tx).to.emit(d.claims, "LinkClaimed").withArgs(roundId, 1, d.alice.address, 1);
      await expect(tx).to.emit(d.registry, "Transfer").withArgs(ethers.ZeroAddress, d.alice.address, 1);
      await expect(tx).to.emit(d.registry, "Locked").withArgs(1);
      await expect(tx).not.to.emit(d.registry, "CredentialsIssued");
      const c = await d.lens.verify(1);
      expect([c.status, c.holder, c.typeId, c.issuerId, c.issuer, c.validUntil, c.evidenceHash]).to.deep.equal([
        BigInt(Status.Valid),
        d.alice.address,
        1n,
        1n,
        d.issuerA.address,
        until,
        evidence,
      ]);
      expect(await d.registry.locked(1)).to.equal(true);
      // The type's default validity counts from the claim.
      await time.increase(DAY);
      await claim(d, links[0]!, d.bob.address, d.bob);
      expect((await d.lens.verify(2)).validUntil).to.equal((await latest()) + BigInt(YEAR));
      expect([await d.claims.linkState(roundId, 0), await d.claims.linkState(roundId, 1)]).to.deep.equal([1n, 1n]);
      expect(await d.claims.linkCounts(roundId)).to.deep.equal([2n, 0n]);
    });

    it("claims a link once: a replay, by anyone to anyone, is refused", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d);
      await claim(d, links[0]!, d.alice.address);
      const [c, r, vs, proof] = await claimArgs(links[0]!, d.claimsAddress, d.alice.address as Address);
      await expect(d.claims.connect(d.bob).claim(c, r, vs, proof))
        .to.be.revertedWithCustomError(d.claims, "LinkAlreadyClaimed")
        .withArgs(roundId, 0);
      await expect(claim(d, links[0]!, d.bob.address))
        .to.be.revertedWithCustomError(d.claims, "LinkAlreadyClaimed")
        .withArgs(roundId, 0);
    });

    it("cannot be redirected: a claim seen in the mempool, sent again for another recipient, fails", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d);
      const [c, r, vs, proof] = await claimArgs(links[0]!, d.claimsAddress, d.alice.address as Address);
      // The attacker copies everything but the recipient.
      await expect(d.claims.connect(d.dave).claim({ ...c, recipient: d.dave.address }, r, vs, proof))
        .to.be.revertedWithCustomError(d.claims, "ClaimProofInvalid")
        .withArgs(roundId, 0);
      // Sending the copy unchanged only delivers the credential to Alice, as she asked.
      await d.claims.connect(d.dave).claim(c, r, vs, proof);
      expect(await d.registry.ownerOf(1)).to.equal(d.alice.address);
      expect(await d.registry.balanceOf(d.dave.address)).to.equal(0);
    });

    it("refuses a signature for another recipient, a changed expiry or evidence, another link's index, another round's link", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d, [{}, { evidenceHash: ethers.id("e") as Hex }, {}, {}]);
      const other = await open(d);
      const [c, r, vs, proof] = await claimArgs(links[1]!, d.claimsAddress, d.alice.address as Address);
      const refused = (args: typeof c, p = proof, round = roundId, index = 1) =>
        expect(d.claims.claim(args, r, vs, p))
          .to.be.revertedWithCustomError(d.claims, "ClaimProofInvalid")
          .withArgs(round, index);
      await refused({ ...c, recipient: d.bob.address as Address });
      await refused({ ...c, validUntil: 2_000_000_000n });
      await refused({ ...c, evidenceHash: zeroHash });
      await refused({ ...c, index: 0n }, proof, roundId, 0);
      await refused({ ...c, roundId: other.roundId }, proof, other.roundId, 1);
      await refused(c, [...proof].reverse());
      await refused(c, []);
      // A link's own key, claiming as another link of the same round.
      const stolen = { ...links[1]!, index: 0 };
      const [c2, r2, vs2, p2] = await claimArgs(stolen, d.claimsAddress, d.alice.address as Address);
      await expect(d.claims.claim(c2, r2, vs2, p2)).to.be.revertedWithCustomError(d.claims, "ClaimProofInvalid");
      await expect(d.claims.claim(c, r, ethers.ZeroHash, proof)).to.be.revertedWithCustomError(
        d.claims,
        "ECDSAInvalidSignature",
      );
      expect(await d.registry.totalIssued()).to.equal(0);
    });

    it("refuses unknown rounds and link indexes past the round's size", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d, [{}]);
      await expect(claim(d, { ...links[0]!, roundId: 9n }, d.alice.address))
        .to.be.revertedWithCustomError(d.claims, "RoundUnknown")
        .withArgs(9);
      await expect(claim(d, { ...links[0]!, index: 1 }, d.alice.address))
        .to.be.revertedWithCustomError(d.claims, "LinkIndexInvalid")
        .withArgs(roundId, 1, 1);
    });

    it("keeps one credential per holder and type: a holder of the type cannot claim it again; the link stays open", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d);
      await d.registry.connect(d.issuerA).issue(1, d.alice.address, 0, zeroHash);
      await expect(claim(d, links[0]!, d.alice.address))
        .to.be.revertedWithCustomError(d.registry, "CredentialAlreadyHeld")
        .withArgs(d.alice.address, 1, 1);
      await claim(d, links[1]!, d.bob.address);
      await expect(claim(d, links[2]!, d.bob.address))
        .to.be.revertedWithCustomError(d.registry, "CredentialAlreadyHeld")
        .withArgs(d.bob.address, 1, 2);
      expect([await d.claims.linkState(roundId, 0), await d.claims.linkState(roundId, 2)]).to.deep.equal([0n, 0n]);
      await expect(claim(d, links[0]!, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(d.registry, "ERC721InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("gives credentials that revoke, expire and stack like directly issued ones", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d, [{ validUntil: (await latest()) + 1000n }]);
      await claim(d, links[0]!, d.alice.address);
      await d.registry
        .connect(d.issuerA)
        .createCredentialType(typeInput({ name: "Stack", components: [1], requiredComponents: 1 }));
      await d.registry.claimStack(2, d.alice.address);
      expect((await d.lens.verify(2)).status).to.equal(Status.Valid);
      await time.increase(1001);
      expect((await d.lens.verify(1)).status).to.equal(Status.Expired);
      await d.registry.connect(d.issuerA).revoke(1, Reason.Misconduct, "");
      expect([(await d.lens.verify(1)).status, (await d.lens.verify(2)).status]).to.deep.equal([
        BigInt(Status.Revoked),
        BigInt(Status.Revoked),
      ]);
    });

    it("stops at the claim deadline (claims at the deadline itself still count)", async function () {
      const d = await loadFixture(fixture);
      const deadline = (await latest()) + BigInt(7 * DAY);
      const { roundId, links } = await open(d, [{}, {}], { deadline });
      await time.setNextBlockTimestamp(deadline);
      await claim(d, links[0]!, d.alice.address);
      await expect(claim(d, links[1]!, d.bob.address))
        .to.be.revertedWithCustomError(d.claims, "RoundDeadlinePassed")
        .withArgs(roundId, deadline);
    });
  });

  describe("claimMany: a sponsor's batch", function () {
    it("claims links of several rounds in one transaction, each as `claim` would, for the recipients their keys signed", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).createCredentialType(typeInput({ name: "Second" }));
      const a = await open(d, [{}, {}, { evidenceHash: ethers.id("work") as Hex }]);
      const b = await open(d, [{}], { typeId: 2n });
      const requests = await Promise.all([
        sponsorRequest(a.links[0]!, d.claimsAddress, d.alice.address as Address),
        sponsorRequest(a.links[2]!, d.claimsAddress, d.bob.address as Address),
        sponsorRequest(b.links[0]!, d.claimsAddress, d.alice.address as Address),
      ]);
      // Through its text form, as a recipient hands it over.
      const received = requests.map((q) => {
        const decoded = decodeSponsorRequest(encodeSponsorRequest(q));
        if ("error" in decoded) throw new Error(decoded.error);
        return decoded.request;
      });
      expect(received).to.deep.equal(requests);
      const call = claimManyRequest(d.claimsAddress, received);
      expect(await d.claims.connect(d.stranger).claimMany.staticCall(...call.args)).to.deep.equal([1n, 2n, 3n]);
      const tx = d.claims.connect(d.stranger).claimMany(...call.args);
      await expect(tx)
        .to.emit(d.claims, "LinkClaimed")
        .withArgs(a.roundId, 1, d.alice.address, 0)
        .and.to.emit(d.claims, "LinkClaimed")
        .withArgs(a.roundId, 2, d.bob.address, 2)
        .and.to.emit(d.claims, "LinkClaimed")
        .withArgs(b.roundId, 3, d.alice.address, 0);
      const [one, two, three] = await Promise.all([1, 2, 3].map((id) => d.lens.verify(id)));
      expect([one!.holder, one!.typeId, two!.holder, two!.evidenceHash, three!.holder, three!.typeId]).to.deep.equal([
        d.alice.address,
        1n,
        d.bob.address,
        ethers.id("work"),
        d.alice.address,
        2n,
      ]);
      expect([one!.status, two!.status, three!.status]).to.deep.equal([1n, 1n, 1n].map(() => BigInt(Status.Valid)));
      expect(await d.claims.linkCounts(a.roundId)).to.deep.equal([2n, 0n]);
      expect(await d.claims.linkState(a.roundId, 1)).to.equal(0n);
      // An empty batch issues nothing.
      expect(await d.claims.connect(d.stranger).claimMany.staticCall([])).to.deep.equal([]);
    });

    it("skips links claimed already, so a stranger who sends one alone first cannot fail the batch; any other refusal reverts it all, naming its link", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d, [{}, {}, {}, {}, {}]);
      await claim(d, links[3]!, d.dave.address);
      const ask = (i: number, to: HardhatEthersSigner) =>
        sponsorRequest(links[i]!, d.claimsAddress, to.address as Address);
      const args = async (requests: (SponsorRequest | Promise<SponsorRequest>)[]) =>
        claimManyRequest(d.claimsAddress, await Promise.all(requests)).args;
      const issued = await d.registry.totalIssued();
      // A request changed to another recipient, and two links of one type for one holder.
      const changed = { ...(await ask(1, d.bob)) };
      changed.claim = { ...changed.claim, recipient: d.carol.address as Address };
      await expect(d.claims.connect(d.stranger).claimMany(...(await args([ask(0, d.alice), changed]))))
        .to.be.revertedWithCustomError(d.claims, "ClaimProofInvalid")
        .withArgs(roundId, 1);
      await expect(d.claims.connect(d.stranger).claimMany(...(await args([ask(0, d.alice), ask(1, d.alice)]))))
        .to.be.revertedWithCustomError(d.registry, "CredentialAlreadyHeld")
        .withArgs(d.alice.address, 1, 2);
      expect(await d.registry.totalIssued()).to.equal(issued);
      expect(await d.claims.linkCounts(roundId)).to.deep.equal([1n, 0n]);

      // The SDK's check names each such request before anything is sent, and keeps the rest.
      const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });
      const checked = await checkSponsorRequests(client, CHAIN_ID, d.claimsAddress, d.stranger.address as Address, [
        await ask(0, d.alice),
        await ask(3, d.bob),
        await ask(0, d.alice),
        changed,
        await ask(2, d.alice),
        await ask(4, d.carol),
        await ask(4, d.bob),
        { ...(await ask(2, d.carol)), chainId: 1 },
        // Anyone can write a request for link 0 to another address (with a signature that fails):
        // it is refused alone and conflicts with nothing, so the genuine request above stays.
        { ...changed, claim: { ...changed.claim, index: 0n } },
      ]);
      expect(checked.map((c) => (c.ok ? "ok" : c.reason))).to.deep.equal([
        "ok",
        `This link (round #${roundId}, link 3) was already claimed. Each link gives one credential, once.`,
        `Link 0 of round ${roundId} is already in this list.`,
        `This claim does not match claim round #${roundId}: the link is damaged, or its recipient, expiry or evidence was changed after its key signed it.`,
        `${d.alice.address} already has a claim for credential type #1 in this list (one credential per holder and type).`,
        `Link 4 of round ${roundId} has requests for 2 different addresses in this list: none is sent. Ask the recipient which address is theirs.`,
        `Link 4 of round ${roundId} has requests for 2 different addresses in this list: none is sent. Ask the recipient which address is theirs.`,
        "It is for chain 1, and this is chain 31337.",
        `This claim does not match claim round #${roundId}: the link is damaged, or its recipient, expiry or evidence was changed after its key signed it.`,
      ]);
      // Claimed already: refused whoever asks, and said to be claimed; the chain's LinkClaimed
      // tells whether it went to the request's recipient (a sponsor's second run), whatever
      // transaction the caller guesses, and keeps saying so once the round is closed.
      expect(checked[1]).to.deep.include({ ok: false, linkClaimed: true });
      expect(await findLinkClaim(client, d.claimsAddress, await ask(3, d.bob))).to.equal(undefined);
      const toDave = await ask(3, d.dave);
      const daves = await d.registry.latestCredentialOf(d.dave.address, 1);
      const claimedAt = (await d.claims.queryFilter(d.claims.filters.LinkClaimed(roundId, daves)))[0]!.transactionHash;
      const expected = { tokenId: daves, transaction: claimedAt };
      expect(await findLinkClaim(client, d.claimsAddress, toDave)).to.deep.equal(expected);
      expect(await findLinkClaim(client, d.claimsAddress, toDave, claimedAt as Hex)).to.deep.equal(expected);
      expect(await findLinkClaim(client, d.claimsAddress, toDave, `0x${"ab".repeat(32)}`)).to.deep.equal(expected);
      const beforeClose = await takeSnapshot();
      await d.claims.connect(d.issuerA).closeRound(roundId);
      const [closed] = await checkSponsorRequests(client, CHAIN_ID, d.claimsAddress, d.stranger.address as Address, [
        toDave,
      ]);
      expect(closed).to.deep.include({ ok: false, linkClaimed: true });
      expect((closed as { reason: string }).reason).to.match(/closed/);
      await beforeClose.restore();

      // A stranger sends one of the batch's claims alone first: the batch skips it (token id 0),
      // as it skips a link named twice, and issues the rest.
      await claim(d, links[1]!, d.bob.address);
      const batch = await args([ask(0, d.alice), ask(1, d.bob), ask(2, d.carol), ask(0, d.alice)]);
      expect(await d.claims.connect(d.stranger).claimMany.staticCall(...batch)).to.deep.equal([3n, 0n, 4n, 0n]);
      const tx = d.claims.connect(d.stranger).claimMany(...batch);
      await expect(tx)
        .to.emit(d.claims, "LinkClaimed")
        .withArgs(roundId, 3, d.alice.address, 0)
        .and.to.emit(d.claims, "LinkClaimed")
        .withArgs(roundId, 4, d.carol.address, 2);
      const receipt = await (await tx).wait();
      expect(receipt!.logs.filter((l) => l.address === d.claimsAddress).length).to.equal(2);
      expect(await d.claims.linkCounts(roundId)).to.deep.equal([4n, 0n]);
      expect([await d.registry.balanceOf(d.bob.address), await d.registry.balanceOf(d.alice.address)]).to.deep.equal([
        1n,
        1n,
      ]);
    });

    it("refuses text that is not a sponsor request, and a claim link above all, with a sentence", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d);
      const text = encodeSponsorRequest(await sponsorRequest(links[0]!, d.claimsAddress, d.alice.address as Address));
      const errors = [
        `https://app.example/claim#${encodeClaimCode(links[0]!)}`,
        encodeClaimCode(links[0]!),
        "hello",
        text.slice(0, -8),
        `${text}AAAA`,
      ].map((t) => {
        const decoded = decodeSponsorRequest(t);
        return "error" in decoded ? decoded.error : "decoded";
      });
      expect(errors[0]).to.match(/^This is a claim link, not a sponsor request\. A claim link holds its secret/);
      expect(errors[1]).to.equal(errors[0]);
      expect(errors[2]).to.equal("A sponsor request starts with “occ-sponsor-1.”.");
      expect(errors.slice(3)).to.deep.equal([
        "This sponsor request is incomplete or damaged: ask the recipient to copy it again.",
        "This sponsor request is incomplete or damaged: ask the recipient to copy it again.",
      ]);
    });

    it("reads a sponsor's list: requests found inside CSV lines, links refused, everything else left out", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d);
      const text = encodeSponsorRequest(await sponsorRequest(links[0]!, d.claimsAddress, d.alice.address as Address));
      const list = [
        "name,email,request",
        "",
        `Alice,alice@example.com,${text}`,
        `"Bob, Jr.";"${text}";note\r${text} ${text}`,
        `a link: https://app.example/claim/${encodeClaimCode(links[1]!)}`,
        `https://app.example/claim#${encodeClaimCode(links[2]!)}`,
        encodeClaimCode(links[2]!),
        `cut,${text.slice(0, 40)} rest`,
        "a note without a request, https://forms.example/claim/faq",
      ].join("\r\n");
      const lines = readSponsorLines(list);
      const damaged = "This sponsor request is incomplete or damaged: ask the recipient to copy it again";
      const link = "This is a claim link, not a sponsor request";
      expect(lines.map((l) => [l.line, l.request?.claim.recipient, l.status.split(".")[0]])).to.deep.equal([
        [3, d.alice.address, "checking"],
        [4, d.alice.address, "checking"],
        // A line ended by a lone CR, and two requests on one line: each is read.
        [5, d.alice.address, "checking"],
        [5, d.alice.address, "checking"],
        [6, undefined, link],
        [7, undefined, link],
        [8, undefined, link],
        [9, undefined, damaged],
      ]);
      expect(lines[0]!.request).to.deep.equal(lines[1]!.request);

      // A results file names each line's transaction; an earlier run's file is read back for hints.
      const tx = `0x${"ab".repeat(32)}` as const;
      lines[0]!.status = "claimed";
      lines[0]!.tokenId = 7n;
      lines[0]!.transaction = tx;
      lines[1]!.status = "Link 0 of round 1 is already in this list.";
      const results = sponsorResultsCsv(lines);
      expect(results.split("\r\n").slice(0, 3)).to.deep.equal([
        "line,recipient,round,link,status,credential,transaction",
        `3,${d.alice.address},1,0,claimed,7,${tx}`,
        `4,${d.alice.address},1,0,Link 0 of round 1 is already in this list.,,`,
      ]);
      expect([...earlierSponsorTransactions(results)]).to.deep.equal([[`${d.alice.address},1,0`, tx]]);
    });

    it("stops a check when asked; marks a batch sent without a receipt 'outcome unknown', and the next check reads its transaction: claimed earlier", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d);
      const ask = async (i: number, to: HardhatEthersSigner) =>
        encodeSponsorRequest(await sponsorRequest(links[i]!, d.claimsAddress, to.address as Address));
      const lines = readSponsorLines([await ask(0, d.alice), await ask(1, d.bob), await ask(2, d.carol)].join("\n"));
      const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });
      const sponsor = d.stranger.address as Address;
      // A check stopped by its caller (the page's "Stop checking") stops between two reads.
      const stop = new AbortController();
      const heard: number[] = [];
      const onProgress = (done: number) => {
        heard.push(done);
        if (done === 1) stop.abort(new Error("stopped"));
      };
      const stopped = await checkSponsorLines(client, CHAIN_ID, d.claimsAddress, sponsor, lines, undefined, {
        onProgress,
        signal: stop.signal,
      }).catch((e: Error) => e.message);
      expect([stopped, heard]).to.deep.equal(["stopped", [0, 1]]);

      await checkSponsorLines(client, CHAIN_ID, d.claimsAddress, sponsor, lines);
      expect(lines.map((l) => l.status)).to.deep.equal(Array(3).fill(SPONSOR_STATUS.ready));

      // The first of two batches is sent; its receipt never comes (the wallet stopped waiting).
      const batches = [lines.slice(0, 2), lines.slice(2)];
      const sent = await d.claims.connect(d.stranger).claimMany(
        ...claimManyRequest(
          d.claimsAddress,
          batches[0]!.map((l) => l.request!),
        ).args,
      );
      stopSponsorBatches(batches, 0, sent.hash as Hex);
      expect(lines.map((l) => [l.status, l.transaction])).to.deep.equal([
        [SPONSOR_STATUS.unknown, sent.hash],
        [SPONSOR_STATUS.unknown, sent.hash],
        [SPONSOR_STATUS.notSent, undefined],
      ]);
      expect(sponsorResultsCsv(lines).split("\r\n")[1]).to.equal(
        `1,${d.alice.address},1,0,"${SPONSOR_STATUS.unknown}",,${sent.hash}`,
      );

      // Checking again reads that transaction: its two claims went through; the third is still to send.
      await checkSponsorLines(client, CHAIN_ID, d.claimsAddress, sponsor, lines, sponsorLineHints(lines));
      const alices = await d.registry.latestCredentialOf(d.alice.address, 1);
      const bobs = await d.registry.latestCredentialOf(d.bob.address, 1);
      expect(lines.map((l) => [l.status, l.tokenId, l.transaction])).to.deep.equal([
        [SPONSOR_STATUS.claimedEarlier, alices, sent.hash],
        [SPONSOR_STATUS.claimedEarlier, bobs, sent.hash],
        [SPONSOR_STATUS.ready, undefined, undefined],
      ]);

      // A batch refused before it was sent (no transaction) leaves its lines and the later ones "not sent".
      stopSponsorBatches([lines.slice(2)], 0);
      expect(lines[2]).to.deep.include({ status: SPONSOR_STATUS.notSent, transaction: undefined });
    });
  });

  describe("voidLink and closeRound", function () {
    it("voids one unclaimed link: the round's issuer or the admin; nobody else, nothing claimed, nothing twice", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d);
      await expect(d.claims.connect(d.issuerA).voidLink(roundId, 1))
        .to.emit(d.claims, "LinkVoided")
        .withArgs(roundId, 1, d.issuerA.address);
      await expect(claim(d, links[1]!, d.alice.address))
        .to.be.revertedWithCustomError(d.claims, "LinkIsVoided")
        .withArgs(roundId, 1);
      await expect(d.claims.connect(d.issuerA).voidLink(roundId, 1))
        .to.be.revertedWithCustomError(d.claims, "LinkIsVoided")
        .withArgs(roundId, 1);
      await claim(d, links[0]!, d.alice.address);
      await expect(d.claims.connect(d.issuerA).voidLink(roundId, 0))
        .to.be.revertedWithCustomError(d.claims, "LinkAlreadyClaimed")
        .withArgs(roundId, 0);
      for (const someone of [d.issuerB, d.stranger, d.alice]) {
        await expect(d.claims.connect(someone).voidLink(roundId, 2))
          .to.be.revertedWithCustomError(d.claims, "RoundUnauthorizedAccount")
          .withArgs(roundId, someone.address);
      }
      await expect(d.claims.connect(d.issuerA).voidLink(roundId, 3))
        .to.be.revertedWithCustomError(d.claims, "LinkIndexInvalid")
        .withArgs(roundId, 3, 3);
      await expect(d.claims.connect(d.admin).voidLink(roundId, 2))
        .to.emit(d.claims, "LinkVoided")
        .withArgs(roundId, 2, d.admin.address);
      expect(await d.claims.linkCounts(roundId)).to.deep.equal([1n, 2n]);
      expect(await d.claims.linkStateWords(roundId, 0, 1)).to.deep.equal([0b10_10_01n]);
      await expect(d.claims.voidLink(7, 0)).to.be.revertedWithCustomError(d.claims, "RoundUnknown").withArgs(7);
    });

    it("closes a round for good: the round's issuer or the admin; claims stop, claimed credentials stay", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d);
      await claim(d, links[0]!, d.alice.address);
      for (const someone of [d.issuerB, d.stranger]) {
        await expect(d.claims.connect(someone).closeRound(roundId))
          .to.be.revertedWithCustomError(d.claims, "RoundUnauthorizedAccount")
          .withArgs(roundId, someone.address);
      }
      await expect(d.claims.connect(d.issuerA).closeRound(roundId))
        .to.emit(d.claims, "RoundClosed")
        .withArgs(roundId, d.issuerA.address);
      await expect(claim(d, links[1]!, d.bob.address))
        .to.be.revertedWithCustomError(d.claims, "RoundIsClosed")
        .withArgs(roundId);
      await expect(d.claims.connect(d.admin).closeRound(roundId))
        .to.be.revertedWithCustomError(d.claims, "RoundIsClosed")
        .withArgs(roundId);
      expect((await d.lens.verify(1)).status).to.equal(Status.Valid);
      const second = await open(d);
      await expect(d.claims.connect(d.admin).closeRound(second.roundId))
        .to.emit(d.claims, "RoundClosed")
        .withArgs(second.roundId, d.admin.address);
    });
  });

  describe("the registry's rules at the moment of the claim", function () {
    it("refuses claims of a retired type, and while the issuer is suspended", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d);
      await d.registry.connect(d.admin).suspendIssuer(1);
      await expect(claim(d, links[0]!, d.alice.address))
        .to.be.revertedWithCustomError(d.registry, "IssuerNotActive")
        .withArgs(1);
      await d.registry.connect(d.admin).reinstateIssuer(1);
      await claim(d, links[0]!, d.alice.address);
      await d.registry.connect(d.issuerA).retireCredentialType(1, 0);
      await expect(claim(d, links[1]!, d.bob.address))
        .to.be.revertedWithCustomError(d.registry, "TypeRetired")
        .withArgs(1);
    });

    it("lets a delegate open rounds in the owner's name, recorded as the delegate's, until the delegation ends", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, true);
      const { links } = await open(d, [{}, {}], { opener: d.issuerB });
      expect((await d.claims.round(1)).issuerId).to.equal(2);
      await expect(claim(d, links[0]!, d.alice.address))
        .to.emit(d.registry, "CredentialsIssued")
        .withArgs(1, 1, d.claimsAddress, 1, 1);
      // Issued in the owner's name, by the delegate: a verifier sees both.
      const c = await d.lens.verify(1);
      expect([c.issuerId, c.delegateIssuerId, c.delegate]).to.deep.equal([1n, 2n, d.issuerB.address]);
      await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, false);
      await expect(claim(d, links[1]!, d.bob.address))
        .to.be.revertedWithCustomError(d.registry, "TypeUnauthorizedIssuer")
        .withArgs(1, 2);
      // The type's owner may stop its delegate's rounds; other issuers may not.
      await d.registry
        .connect(d.admin)
        .registerIssuer(d.dave.address, "Third Academy", issuerNameKey("Third Academy"), "");
      await expect(d.claims.connect(d.dave).voidLink(1, 1)).to.be.revertedWithCustomError(
        d.claims,
        "RoundUnauthorizedAccount",
      );
      await expect(d.claims.connect(d.issuerA).closeRound(1))
        .to.emit(d.claims, "RoundClosed")
        .withArgs(1, d.issuerA.address);
    });

    it("voids a delegate's rounds opened before a key-compromise watermark over the type's owner", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, true);
      const { links } = await open(d, [{}, {}], { opener: d.issuerB });
      await claim(d, links[0]!, d.alice.address); // token 1
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 1);
      await d.registry.connect(d.admin).replaceIssuerAccount(1, d.aNew.address);
      await d.registry.connect(d.admin).reinstateIssuer(1);
      // The recovered owner trusts Northwind again, but not what the leaked key may have set up.
      await d.registry.connect(d.aNew).setTypeDelegate(1, 2, true);
      await expect(claim(d, links[1]!, d.bob.address))
        .to.be.revertedWithCustomError(d.registry, "AuthorisationVoidedByCompromise")
        .withArgs(1, (await d.claims.round(1)).openedAt);
    });

    it("keeps a round with its issuer: a type handed to another issuer gives nothing from the old issuer's rounds", async function () {
      const d = await loadFixture(fixture);
      const { links } = await open(d);
      await handOver(d.registry, d.issuerA, 1, 2, d.issuerB);
      await expect(claim(d, links[0]!, d.alice.address))
        .to.be.revertedWithCustomError(d.registry, "TypeUnauthorizedIssuer")
        .withArgs(1, 1);
    });

    it("survives a key rotation: the issuer's new key manages the round, the old one no longer can", async function () {
      const d = await loadFixture(fixture);
      const { roundId, links } = await open(d);
      await d.registry.connect(d.issuerA).proposeIssuerAccount(d.aNew.address);
      await d.registry.connect(d.aNew).acceptIssuerAccount(1);
      await claim(d, links[0]!, d.alice.address);
      await expect(d.claims.connect(d.issuerA).voidLink(roundId, 1)).to.be.revertedWithCustomError(
        d.claims,
        "RoundUnauthorizedAccount",
      );
      await d.claims.connect(d.aNew).voidLink(roundId, 1);
    });

    it("voids rounds opened before a key-compromise watermark, even after recovery; a round opened afterwards works", async function () {
      const d = await loadFixture(fixture);
      const old = await open(d);
      await claim(d, old.links[0]!, d.alice.address); // token 1
      await d.registry.connect(d.admin).setCompromiseWatermark(1, 1);
      expect((await d.lens.verify(1)).status).to.equal(Status.Revoked);
      await d.registry.connect(d.admin).replaceIssuerAccount(1, d.aNew.address);
      await d.registry.connect(d.admin).reinstateIssuer(1);
      const openedAt = (await d.claims.round(old.roundId)).openedAt;
      await expect(claim(d, old.links[1]!, d.bob.address))
        .to.be.revertedWithCustomError(d.registry, "AuthorisationVoidedByCompromise")
        .withArgs(1, openedAt);
      const fresh = await open(d, [{}], { opener: d.aNew });
      await claim(d, fresh.links[0]!, d.bob.address);
      expect((await d.lens.verify(2)).status).to.equal(Status.Valid);
      // The admin closes the old round so its links say so plainly.
      await d.claims.connect(d.admin).closeRound(old.roundId);
    });

    it("issues in an issuer's name only for MINTER_ROLE, which the admin can take back", async function () {
      const d = await loadFixture(fixture);
      const minter = await d.registry.MINTER_ROLE();
      for (const someone of [d.issuerA, d.stranger, d.admin]) {
        await expect(d.registry.connect(someone).issueForIssuer(1, 1, 0, d.alice.address, 0, zeroHash))
          .to.be.revertedWithCustomError(d.registry, "AccessControlUnauthorizedAccount")
          .withArgs(someone.address, minter);
      }
      const { links } = await open(d);
      await d.registry.connect(d.admin).revokeRole(minter, d.claimsAddress);
      await expect(claim(d, links[0]!, d.alice.address)).to.be.revertedWithCustomError(
        d.registry,
        "AccessControlUnauthorizedAccount",
      );
      expect(await d.registry.hasRole(minter, d.claimsAddress)).to.equal(false);
      expect(await d.claims.registry()).to.equal(await d.registry.getAddress());
      expect(await d.registry.hasRole(ADMIN_ROLE, d.admin.address)).to.equal(true);
    });
  });

  describe("the SDK's round list", function () {
    it("finds an issuer's rounds (and its delegates') by their events, however many rounds other issuers open", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).setTypeDelegate(1, 2, true);
      const own = await open(d);
      const delegated = await open(d, [{}], { opener: d.issuerB });
      await claim(d, own.links[0]!, d.alice.address);
      await d.claims.connect(d.issuerA).voidLink(own.roundId, 2);
      // Northwind floods the chain with rounds of its own type.
      await d.registry.connect(d.issuerB).createCredentialType(typeInput({ name: "Flood" }));
      for (let i = 0; i < 101; i++) await d.claims.connect(d.issuerB).openRound(2, ethers.id(`flood ${i}`), 1, 0);
      const client = createPublicClient({ chain: hardhat, transport: custom(hre.network.provider) });
      const found = await readRoundsOf(client, d.claimsAddress, 1n, [1n]);
      expect(found.complete).to.equal(true);
      expect(found.rounds.map((r) => r.roundId)).to.deep.equal([delegated.roundId, own.roundId]);
      expect(await readLinkCounts(client, d.claimsAddress, found.rounds[1]!)).to.deep.equal({ claimed: 1, voided: 1 });
      expect(await readLinkStates(client, d.claimsAddress, own.roundId, 3)).to.deep.equal([
        "claimed",
        "open",
        "voided",
      ]);
      // An RPC that refuses log queries: the newest 100 rounds are read instead, and the answer says it is partial.
      const noLogs = createPublicClient({
        chain: hardhat,
        transport: custom({
          request: (args: { method: string; params?: unknown }) => {
            if (args.method === "eth_getLogs") throw new Error("query returned more than 10000 results");
            return hre.network.provider.request(args as { method: string; params?: unknown[] });
          },
        }),
      });
      const partial = await readRoundsOf(noLogs, d.claimsAddress, 1n, [1n]);
      expect(partial.complete).to.equal(false);
      expect(partial.rounds).to.deep.equal([]);
    });
  });

  describe("gas", function () {
    before(function () {
      if (coverage) this.skip();
    });

    it("claims from a round of 100,000 links in about 121,000 gas (a new holder's credential storage is 42,100 of it); evidence adds 22,500", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).issue(1, d.dave.address, 0, zeroHash); // the registry is not empty
      // Four real links (the first three and the last) among 100,000 leaves: 17-hash proofs.
      const size = 100_000;
      const link = await sparseRound(d, [0, 1, 2, size - 1], (i) => i === 2);
      expect(link(0).proof).to.have.length(17);
      const gas = async (i: number, to: HardhatEthersSigner) =>
        (await (await claim(d, link(i), to.address)).wait())!.gasUsed;
      // The first claim among 128 links turns their state slot from zero (17,100 more).
      const firstOf128 = await gas(0, d.alice);
      const typical = await gas(1, d.bob);
      const withEvidence = await gas(2, d.carol);
      const lastLink = await gas(size - 1, d.holders[5]!);
      expect(Number(typical)).to.be.within(115_000, 122_000);
      expect(Number(firstOf128 - typical)).to.be.within(16_500, 17_500);
      expect(Number(lastLink - typical)).to.be.within(11_000, 17_500);
      expect(Number(withEvidence - typical)).to.be.within(22_000, 23_000);
    });

    it("a sponsor's batch of 25 claims from a round of 100,000 links costs under 100,000 gas a claim (125,000 with evidence)", async function () {
      const d = await loadFixture(fixture);
      await d.registry.connect(d.issuerA).issue(1, d.dave.address, 0, zeroHash); // the registry is not empty
      // Three links in each of 25 state slots (128 links a slot): the first of each is claimed
      // alone (its slot turns non-zero), then a batch of the second ones, then of the third ones,
      // with evidence. Each claim of a batch writes a slot of its own, as claims arriving at random
      // from a large round do: no claim rides on another's write.
      const slots = Array.from({ length: 25 }, (_, k) => (10 + k * 31) * 128);
      const evidenceAt = new Set(slots.map((at) => at + 2));
      const link = await sparseRound(
        d,
        slots.flatMap((at) => [at, at + 1, at + 2]),
        (i) => evidenceAt.has(i),
      );
      const perClaim = async (indexes: number[]) => {
        const requests = await Promise.all(
          indexes.map((i) => sponsorRequest(link(i), d.claimsAddress, ethers.Wallet.createRandom().address as Address)),
        );
        const tx = await d.claims.connect(d.stranger).claimMany(...claimManyRequest(d.claimsAddress, requests).args);
        return Number((await tx.wait())!.gasUsed) / indexes.length;
      };
      for (const at of slots) await claim(d, link(at), ethers.Wallet.createRandom().address);
      const plain = await perClaim(slots.map((at) => at + 1));
      const withEvidence = await perClaim(slots.map((at) => at + 2));
      console.log(
        `        gas a claim in a batch of 25: ${Math.round(plain)}, with evidence ${Math.round(withEvidence)}`,
      );
      expect(plain).to.be.below(100_000);
      expect(withEvidence).to.be.below(125_000);
    });
  });

  describe("property: rounds against a model", function () {
    it("claim / void / close / deadline in any order leave each link claimed at most once, as the model says", async function () {
      this.timeout(0);
      const d = await loadFixture(fixture);
      const holders = [d.alice, d.bob, d.carol, d.dave];
      const op = fc.oneof(
        fc.record({ kind: fc.constant("claim" as const), link: fc.nat(5), holder: fc.nat(3) }),
        fc.record({ kind: fc.constant("void" as const), link: fc.nat(6) }),
        fc.record({ kind: fc.constant("close" as const) }),
        fc.record({ kind: fc.constant("wait" as const), days: fc.integer({ min: 1, max: 6 }) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.boolean(), async (ops, withDeadline) => {
          const snapshot = await ethers.provider.send("evm_snapshot", []);
          try {
            const deadline = withDeadline ? (await latest()) + BigInt(10 * DAY) : 0n;
            const { roundId, links } = await open(d, [{}, {}, {}, {}, {}, {}], { deadline });
            const state: ("open" | "claimed" | "voided")[] = links.map(() => "open");
            const held = new Set<number>();
            let closed = false;
            for (const o of ops) {
              const now = (await latest()) + 1n;
              if (o.kind === "wait") {
                await time.increase(o.days * DAY);
                continue;
              }
              if (o.kind === "close") {
                const tx = d.claims.connect(d.issuerA).closeRound(roundId);
                if (closed) await expect(tx).to.be.revertedWithCustomError(d.claims, "RoundIsClosed");
                else await tx;
                closed = true;
                continue;
              }
              if (o.kind === "void") {
                const tx = d.claims.connect(d.issuerA).voidLink(roundId, o.link);
                if (o.link >= links.length)
                  await expect(tx).to.be.revertedWithCustomError(d.claims, "LinkIndexInvalid");
                else if (state[o.link] === "claimed")
                  await expect(tx).to.be.revertedWithCustomError(d.claims, "LinkAlreadyClaimed");
                else if (state[o.link] === "voided")
                  await expect(tx).to.be.revertedWithCustomError(d.claims, "LinkIsVoided");
                else {
                  await tx;
                  state[o.link] = "voided";
                }
                continue;
              }
              const tx = claim(d, links[o.link]!, holders[o.holder]!.address);
              if (closed) await expect(tx).to.be.revertedWithCustomError(d.claims, "RoundIsClosed");
              else if (deadline !== 0n && now > deadline)
                await expect(tx).to.be.revertedWithCustomError(d.claims, "RoundDeadlinePassed");
              else if (state[o.link] === "claimed")
                await expect(tx).to.be.revertedWithCustomError(d.claims, "LinkAlreadyClaimed");
              else if (state[o.link] === "voided")
                await expect(tx).to.be.revertedWithCustomError(d.claims, "LinkIsVoided");
              else if (held.has(o.holder))
                await expect(tx).to.be.revertedWithCustomError(d.registry, "CredentialAlreadyHeld");
              else {
                await tx;
                state[o.link] = "claimed";
                held.add(o.holder);
              }
            }
            const states = await Promise.all(links.map((_, i) => d.claims.linkState(roundId, i)));
            expect(states.map(Number)).to.deep.equal(state.map((s) => ["open", "claimed", "voided"].indexOf(s)));
            const [claimedCount, voidedCount] = await d.claims.linkCounts(roundId);
            const info = await d.claims.round(roundId);
            expect([Number(claimedCount), Number(voidedCount), info.closed]).to.deep.equal([
              state.filter((s) => s === "claimed").length,
              state.filter((s) => s === "voided").length,
              closed,
            ]);
            let balance = 0n;
            for (const h of holders) balance += await d.registry.balanceOf(h.address);
            expect(balance).to.equal(BigInt(held.size));
          } finally {
            await ethers.provider.send("evm_revert", [snapshot]);
          }
        }),
        { numRuns: RUNS },
      );
    });
  });
});
